# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
PYTHON_BOOTSTRAP ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# The venv's tools first, so dagster-dbt finds the locked dbt even where .venv is not activated.
export PATH := $(CURDIR)/$(BIN):$(PATH)
export WAREHOUSE_PATH ?= $(CURDIR)/data/warehouse.duckdb
export DAGSTER_HOME ?= $(CURDIR)/data/dagster
STREAMLIT_PORT ?= 8501

.PHONY: setup lock run materialize dev webserver daemon dashboards test docs eval-extraction clean feeds bench backfill

# --- setup -------------------------------------------------------------------------------
$(BIN)/python:
	$(PYTHON_BOOTSTRAP) -m venv $(VENV)

# Reinstall only when the lock or the project metadata changes.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# The dbt manifest is prepared here, at setup time, never when Dagster imports the code.
# With the target and warehouse path a refresh uses, its build can start from this parse.
dbt_project/target/manifest.json: $(VENV)/.installed $(shell find dbt_project/models dbt_project/macros -type f) dbt_project/dbt_project.yml
	cd dbt_project && ../$(BIN)/dbt parse --quiet --profiles-dir . --target duckdb

$(DAGSTER_HOME)/dagster.yaml: orchestration/instance/dagster.yaml
	mkdir -p $(DAGSTER_HOME) data/logs
	cp $< $@

setup: $(VENV)/.installed dbt_project/target/manifest.json $(DAGSTER_HOME)/dagster.yaml

# Seed-scale mock feeds (deterministic; regenerate with `make feeds`).
FEEDS_ARGS ?= --scale seed --seed 1 --start 2023-01 --end 2025-12
raw/feeds/manifest.json: | $(VENV)/.installed
	$(BIN)/feeds generate $(FEEDS_ARGS) --out raw/feeds

feeds: | $(VENV)/.installed
	rm -rf raw/feeds
	$(BIN)/feeds generate $(FEEDS_ARGS) --out raw/feeds

# Regenerate the lock after changing dependencies in pyproject.toml.
lock: | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

# --- use ---------------------------------------------------------------------------------
run: materialize dashboards

materialize: setup raw/feeds/manifest.json
	$(BIN)/python -m orchestration.refresh

dashboards: setup
	$(BIN)/streamlit run dashboards/app.py --server.port $(STREAMLIT_PORT) --server.headless true

dev: setup
	$(BIN)/dagster dev -m orchestration.definitions

# The two long-running processes `make dev` starts, one per service (docs/operations.md):
# the daemon runs the 02:00 schedule and the sensors, the webserver serves the UI.
DAGSTER_HOST ?= 127.0.0.1
webserver: setup
	$(BIN)/dagster-webserver -m orchestration.definitions -h $(DAGSTER_HOST) -p 3000

daemon: setup
	$(BIN)/dagster-daemon run -m orchestration.definitions

test: setup
	$(BIN)/pytest

# dbt docs (lineage, columns, tests, exposures) of the current warehouse, kept apart from the
# manifest Dagster reads: open dbt_project/target/docs/index.html, or serve it on port 8080.
docs: setup
	cd dbt_project && ../$(BIN)/dbt docs generate --quiet --profiles-dir . --target-path target/docs
	@echo "dbt docs: $(CURDIR)/dbt_project/target/docs/index.html  (serve: cd dbt_project && ../$(BIN)/dbt docs serve --profiles-dir . --target-path target/docs --port 8080)"

# Precision and recall of target extraction against the hand labels (seed and held-out corpus).
eval-extraction: setup
	$(BIN)/python -m orchestration.documents.evaluation

# What a refresh costs on this machine (docs/benchmarks.md); not part of `make test`.
# SCALE=province generates ~13 GB of feeds under data/bench/ (removed afterwards) and takes ~25 min
# on a quiet 2-core machine.
SCALE ?= seed
bench: setup
	$(BIN)/python -m orchestration.bench --scale $(SCALE)

# Reload the feed files of a range of reporting months and rebuild what depends on them, in
# one run: `make backfill FROM=2024-01 TO=2024-06` (docs/operations.md, "Backfills").
backfill: setup
	@test -n "$(FROM)" -a -n "$(TO)" || { echo "usage: make backfill FROM=YYYY-MM TO=YYYY-MM"; exit 2; }
	$(BIN)/dagster asset materialize -m orchestration.definitions --select 'group:feeds+' --partition-range $(FROM)-01...$(TO)-01

clean:
	rm -rf data dbt_project/target dbt_project/logs

# --- Spark (README "Scaling out") --------------------------------------------------------
.PHONY: spark-setup spark-build spark-parity
# dbt-spark and pyspark (Java 17+), pinned apart so `make setup` stays lean; --no-deps keeps
# every package requirements.lock pinned where it is.
$(VENV)/.spark-installed: requirements-spark.lock | $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -r requirements-spark.lock
	touch $@

spark-setup: setup $(VENV)/.spark-installed

# Lands the raw tables of the warehouse as Parquet (data/lake/raw) and builds every model and
# test on local Spark (tables in data/spark). Needs `make materialize` first, and no refresh running.
spark-build: spark-setup
	$(BIN)/python -m orchestration.spark build

# Lands the warehouse's raw tables as Parquet, builds from those files on DuckDB and
# on Spark, prints both build times and compares every mart (rows, content hash, floats to a
# tolerance); exit 1 on a difference.
spark-parity: spark-setup
	$(BIN)/python -m orchestration.spark parity
