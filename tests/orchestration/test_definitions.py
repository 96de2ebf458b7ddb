"""The Dagster code location loads and is wired the way the operators rely on."""

import json
import re
import subprocess
import sys

import dagster as dg
from dagster_dbt import DbtCliInvocation
from packaging import version

from orchestration.definitions import defs
from orchestration.defs.pools import WAREHOUSE_WRITER_POOL
from orchestration.defs.project import dbt_project
from orchestration.defs.resources import InstalledDbtCliResource, dbt_executable, dbt_file_log_args


def test_definitions_load_with_the_refresh_job():
    definitions = defs()
    job = definitions.resolve_job_def("refresh_warehouse")
    graph = definitions.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert {"raw/documents", "marts/dim_documents", "published_warehouse"} <= keys
    assert job.executor_def is dg.in_process_executor


def test_the_definitions_leave_great_expectations_to_the_suites_worker():
    """Its ~3 s import would otherwise hold up every refresh's start (orchestration/quality/suite_process.py)."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys; from orchestration.definitions import defs; "
         "defs().resolve_job_def('refresh_warehouse'); print('great_expectations' in sys.modules)"],
        capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"


def test_dbt_tests_become_asset_checks():
    graph = defs().resolve_asset_graph()
    checks = {(check.asset_key.to_user_string(), check.name) for check in graph.asset_check_keys}
    assert ("marts/dim_documents", "unique_dim_documents_document_id") in checks


def test_every_asset_joins_the_single_writer_pool():
    definitions = defs()
    for assets_def in definitions.assets:
        assert assets_def.node_def.pool == WAREHOUSE_WRITER_POOL, f"{assets_def.keys} is outside the writer pool"


def test_publication_waits_for_every_mart():
    graph = defs().resolve_asset_graph()
    parents = graph.get(dg.AssetKey("published_warehouse")).parent_keys
    marts = {key for key in graph.get_all_asset_keys() if key.path[0] == "marts"}
    assert marts and marts <= parents


def test_the_dbt_resource_knows_the_version_dbt_itself_reports():
    # The resource answers from the installed dbt-core instead of running `dbt --version`
    # before every build; the executable it runs must agree.
    dbt = InstalledDbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable())
    reported = subprocess.run([dbt.dbt_executable, "--version"], capture_output=True, text=True, check=True).stdout
    installed = re.search(r"installed: (\d+\.\d+\.\d+)", reported).group(1)
    assert dbt._cli_version == version.parse(installed)


def _parse_event_names(dbt: InstalledDbtCliResource) -> tuple[set[str], DbtCliInvocation]:
    """Run `dbt parse`; the names of the events its debug log holds, and the invocation."""
    parse = dbt.cli(["parse"]).wait()
    log_lines = (parse.target_path / "dbt.log").read_text().splitlines()
    return {json.loads(line)["info"]["name"] for line in log_lines}, parse


def test_a_build_starts_from_the_parse_state_the_previous_one_kept(tmp_path, monkeypatch):
    # Every build gets its own target folder under DBT_TARGET_PATH, seeded from the
    # partial_parse.msgpack there; kept after one build, it spares the next the full parse.
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "target"))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "warehouse.duckdb"))
    dbt = InstalledDbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable(), target="duckdb")

    first_events, first = _parse_event_names(dbt)
    assert "PartialParsingSkipParsing" not in first_events
    dbt.keep_parse_state(first)
    assert (tmp_path / "target" / "partial_parse.msgpack").exists()

    second_events, _ = _parse_event_names(dbt)
    assert "PartialParsingSkipParsing" in second_events
    assert "UnableToPartialParse" not in second_events


def test_a_build_starts_without_a_dbt_adapter_in_the_dagster_process(tmp_path, monkeypatch):
    # dagster-dbt would create one before every build (~2.5 s) for metadata these assets never fetch.
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "target"))
    dbt = InstalledDbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable(), target="duckdb")
    parse = dbt.cli(["parse"]).wait()
    assert parse.is_successful()
    assert parse.adapter is None


def test_a_pipeline_build_writes_no_dbt_log_file_unless_asked(tmp_path, monkeypatch):
    # The debug-level file costs ~0.9 s a build; its info lines reach the run's stdout anyway.
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "target"))
    monkeypatch.delenv("DBT_LOG_LEVEL_FILE", raising=False)
    dbt = InstalledDbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable(), target="duckdb")

    quiet = dbt.cli(["parse", *dbt_file_log_args()]).wait()
    assert quiet.is_successful()
    assert not (quiet.target_path / "dbt.log").exists()

    monkeypatch.setenv("DBT_LOG_LEVEL_FILE", "debug")
    logged = dbt.cli(["parse", *dbt_file_log_args()]).wait()
    levels = {json.loads(line)["info"]["level"] for line in (logged.target_path / "dbt.log").read_text().splitlines()}
    assert "debug" in levels
