"""Resources shared by the assets: the warehouse connection and the dbt CLI."""

import os
import shutil
import sys
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliInvocation, DbtCliResource
from dagster_duckdb import DuckDBResource
from packaging import version

from orchestration.defs.project import dbt_project
from orchestration.settings import duckdb_memory_limit, warehouse_path
from orchestration.spark.settings import spark_environment

# dbt targets of dbt_project/profiles.yml.
WAREHOUSE_ENGINES = ("duckdb", "spark")


def build_resources(database_path: str | None = None) -> dict:
    """Resources pointing at one warehouse file, so dbt and Python assets always agree."""
    database = database_path or str(warehouse_path())
    # dbt reads the same path and memory cap from its profile; the subprocess inherits these.
    os.environ["WAREHOUSE_PATH"] = database
    os.environ["DUCKDB_MEMORY_LIMIT"] = duckdb_memory_limit()
    os.makedirs(os.path.dirname(database), exist_ok=True)
    engine = warehouse_engine()
    if engine == "spark":
        # The `spark` profile reads these; absolute, since dbt runs from dbt_project/.
        os.environ.update(spark_environment())
    return {
        "warehouse": DuckDBResource(database=database, connection_config={
            "memory_limit": duckdb_memory_limit(),
            # Row order in the warehouse's tables means nothing (a feed row carries its
            # source_row); without it DuckDB appends in parallel: the batch writer of feed
            # ingestion takes ~20 % less time (5.1 -> 4.1 s per 5.8 M contract rows).
            "preserve_insertion_order": False,
        }),
        "dbt": InstalledDbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable(), target=engine),
    }


class InstalledDbtCliResource(DbtCliResource):
    """The dbt CLI installed beside this interpreter (`dbt_executable`). dagster-dbt asks the
    executable its version with `dbt --version` before every build: ~2 s of start-up and a
    look-up of the latest release on PyPI. Its dbt-core package here gives the same answer."""

    @cached_property
    def _cli_version(self) -> version.Version:
        import dbt.version  # late: only a build needs it

        return version.parse(dbt.version.__version__)

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:
        """No dbt adapter inside the Dagster process. dagster-dbt creates one before every
        build (~2.5 s: dbt's imports, the profile, the macros) only so that `fetch_row_counts`
        and `fetch_column_metadata` can query the built tables afterwards; these assets do not
        ask for either, and dagster-dbt runs without an adapter when it has none."""
        return None

    def keep_parse_state(self, invocation: DbtCliInvocation) -> None:
        """Make the parse state this build wrote the one the next build starts from.

        dagster-dbt gives each build its own target folder and seeds it with the project's
        partial_parse.msgpack, but dbt re-parses the whole project (~3 s) unless that state
        was saved under the same profile: the target and the connection's values, here the
        warehouse path. The file `make setup` writes matches `make materialize` only; the one
        a build just wrote matches every later build in the same environment, such as the
        nightly refresh. dbt still checks every project file against it and re-parses what changed."""
        written = Path(invocation.target_path) / "partial_parse.msgpack"
        if not written.exists():
            return
        # Where dagster-dbt seeds each build's target folder from.
        kept = Path(self.project_dir) / os.environ.get("DBT_TARGET_PATH", "target") / written.name
        staged = kept.with_name(f"{written.name}.{os.getpid()}")
        shutil.copyfile(written, staged)
        # Atomic, so a build starting now copies either the old state or the new one whole.
        os.replace(staged, kept)


def warehouse_engine() -> str:
    """`WAREHOUSE_ENGINE`: the dbt target the models build on — duckdb (default) or spark
    (README "Scaling out"). The dashboards read the DuckDB copy either way."""
    engine = os.environ.get("WAREHOUSE_ENGINE", "duckdb")
    if engine not in WAREHOUSE_ENGINES:
        raise ValueError(f"WAREHOUSE_ENGINE={engine!r}; expected one of {', '.join(WAREHOUSE_ENGINES)}")
    return engine


def dbt_executable() -> str:
    # The dbt installed beside this interpreter, so an unactivated .venv still works.
    return str(Path(sys.executable).parent / "dbt")


def dbt_file_log_args() -> list[str]:
    """dbt's own log file for a pipeline build: none, unless DBT_LOG_LEVEL_FILE asks for one.

    At dbt's default level (debug) the file repeats every statement of every node: 5 MB and
    ~0.9 s per build (seed warehouse, five builds each way: 10.8 s -> 9.8 s). Without it
    nothing is lost that a run needs: the info-level lines reach the run's stdout (dagster-dbt
    re-emits them; the Dagster UI keeps them), and each node's SQL stays in the build's
    target folder (run/). `DBT_LOG_LEVEL_FILE=debug make materialize` brings the file back.
    """
    return [] if "DBT_LOG_LEVEL_FILE" in os.environ else ["--log-level-file", "none"]


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(resources=build_resources())
