"""The `unique_hashed` generic test fails, as dbt's `unique` does, on a repeated value; on the
contracts staging table it checks the values the latest build staged, against every row."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from orchestration.settings import DBT_PROJECT_DIR

DBT = Path(sys.executable).with_name("dbt")
CONTRACTS = "staging.stg_feeds__family_doctor_contracts"
TEST_NAME = "unique_hashed_stg_feeds__family_doctor_contracts_staged_at__contract_id__contract_id_hash"


def run_unique_tests(warehouse: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(DBT), "test", "--select", "stg_feeds__family_doctor_contracts,test_name:unique_hashed",
         "--profiles-dir", ".", "--target-path", "target/unique_hashed"],
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, "WAREHOUSE_PATH": str(warehouse)},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_repeated_contract_id_fails_and_unique_ids_pass(built_warehouse: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse, warehouse)
    passed = run_unique_tests(warehouse)
    assert passed.returncode == 0 and f"PASS {TEST_NAME}" in passed.stdout, passed.stdout[-3000:]

    with duckdb.connect(str(warehouse)) as connection:
        connection.execute(f"insert into {CONTRACTS} select * from {CONTRACTS} order by contract_id limit 2")
        connection.execute(f"insert into {CONTRACTS} select * from {CONTRACTS} order by contract_id limit 1")
    failed = run_unique_tests(warehouse)
    # Two repeated values, as dbt's `unique` test counts them (one per value, not per row).
    assert failed.returncode == 1 and f"FAIL 2 {TEST_NAME}" in failed.stdout, failed.stdout[-3000:]


def test_after_an_incremental_build_the_values_it_staged_are_checked_against_every_row(built_warehouse: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse, warehouse)
    later_build = f"(select max(staged_at) + interval 1 day from {CONTRACTS})"
    with duckdb.connect(str(warehouse)) as connection:
        # An earlier build's rows repeated among themselves: that build's own test reported
        # them, so the next build's test does not look at them again.
        connection.execute(f"insert into {CONTRACTS} select * from {CONTRACTS} order by contract_id limit 1")
        connection.execute(f"""insert into {CONTRACTS} select * replace ('QY-NEW' as contract_id, hash('QY-NEW') as contract_id_hash,
                                                           {later_build} as staged_at)
                               from {CONTRACTS} limit 1""")
    passed = run_unique_tests(warehouse)
    assert passed.returncode == 0 and f"PASS {TEST_NAME}" in passed.stdout, passed.stdout[-3000:]

    with duckdb.connect(str(warehouse)) as connection:
        # The latest build stages a contract an earlier build had staged, without deleting it.
        connection.execute(f"""insert into {CONTRACTS} select * replace ({later_build} as staged_at)
                               from {CONTRACTS} order by contract_id desc limit 1""")
    failed = run_unique_tests(warehouse)
    assert failed.returncode == 1 and f"FAIL 1 {TEST_NAME}" in failed.stdout, failed.stdout[-3000:]
