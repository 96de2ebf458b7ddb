"""A timed `dbt build` of the whole project on one target (`duckdb` or `spark`).

dbt runs as a subprocess from dbt_project/, as Dagster runs it. Its target and log folders
are passed in, so a build here never overwrites the manifest Dagster reads.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from orchestration.settings import DBT_PROJECT_DIR


@dataclass(frozen=True)
class BuildResult:
    target: str
    seconds: float
    return_code: int
    log_file: Path

    @property
    def succeeded(self) -> bool:
        return self.return_code == 0


def dbt_build(
    target: str,
    work_dir: Path,
    environment: dict[str, str],
    extra_arguments: tuple[str, ...] = (),
) -> BuildResult:
    """`dbt build --full-refresh --target <target>`, every model and data test; dbt's output
    goes to `work_dir/dbt-<target>.log`. Unit tests are left to the test suite, as in the
    nightly refresh: the incremental one needs the mart to exist, and a fresh build has none."""
    work_dir.mkdir(parents=True, exist_ok=True)
    log_file = work_dir / f"dbt-{target}.log"
    command = [
        str(Path(sys.executable).parent / "dbt"),
        "build",
        "--full-refresh",
        "--exclude", "test_type:unit",
        "--target", target,
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(work_dir / f"target-{target}"),
        "--log-path", str(work_dir / f"logs-{target}"),
        *extra_arguments,
    ]
    started = time.perf_counter()
    with open(log_file, "w") as log:
        completed = subprocess.run(
            command,
            cwd=DBT_PROJECT_DIR,
            env={**os.environ, **environment},
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    return BuildResult(
        target=target,
        seconds=time.perf_counter() - started,
        return_code=completed.returncode,
        log_file=log_file,
    )
