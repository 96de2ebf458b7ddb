"""`make materialize` (python -m orchestration.refresh) says what failed and exits non-zero."""

import os
import subprocess
import sys

from orchestration.settings import PROJECT_ROOT


def test_a_failing_refresh_names_the_failed_step_and_exits_non_zero(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "orchestration.refresh"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "WAREHOUSE_PATH": str(tmp_path / "warehouse.duckdb"), "RAW_DIR": str(tmp_path / "missing"), "DAGSTER_HOME": ""},
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert completed.returncode == 1
    assert "refresh_warehouse FAILED" in completed.stderr
    assert "step raw__documents failed" in completed.stderr
    assert "does not exist" in completed.stderr
    assert not (tmp_path / "published").exists()
