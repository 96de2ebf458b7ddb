"""dbt unit tests (status bands, trajectory, projection, roll-up) run against a built warehouse.

The nightly build leaves them out (see orchestration/defs/assets/dbt.py); here they gate CI.
"""

import os
import subprocess
import sys
from pathlib import Path

from orchestration.settings import DBT_PROJECT_DIR

DBT = Path(sys.executable).with_name("dbt")


def test_every_dbt_unit_test_passes(built_warehouse: Path) -> None:
    result = subprocess.run(
        [str(DBT), "test", "--select", "test_type:unit", "--profiles-dir", ".", "--target-path", "target/unit"],
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, "WAREHOUSE_PATH": str(built_warehouse)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    summary = next(line for line in result.stdout.splitlines() if "Done. PASS=" in line)
    passed = int(summary.split("PASS=")[1].split()[0])
    assert passed >= 9, summary
