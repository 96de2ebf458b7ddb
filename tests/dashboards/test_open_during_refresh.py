"""The dashboards open and show whole figures while a real refresh rewrites the warehouse."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

from streamlit.testing.v1 import AppTest

from orchestration.settings import PROJECT_ROOT, published_warehouse_path

APP = str(PROJECT_ROOT / "dashboards" / "app.py")


def test_pages_open_while_a_refresh_is_writing(built_warehouse, test_feeds, tmp_path, monkeypatch):
    database = tmp_path / "warehouse.duckdb"
    for suffix in ("", ".wal"):
        source = built_warehouse.with_name(built_warehouse.name + suffix)
        if source.exists():
            shutil.copy(source, database.with_name(database.name + suffix))
    published = published_warehouse_path(database)
    published.parent.mkdir()
    shutil.copy(published_warehouse_path(built_warehouse), published)
    first_publication = published.stat().st_mtime_ns
    dagster_home = tmp_path / "dagster"
    dagster_home.mkdir()
    shutil.copy(PROJECT_ROOT / "orchestration" / "instance" / "dagster.yaml", dagster_home)
    monkeypatch.setenv("WAREHOUSE_PATH", str(database))

    # The refresh logs to a file: an unread pipe would fill and stall it.
    log = tmp_path / "refresh.log"
    with log.open("w") as log_file:
        refresh = subprocess.Popen(
            [sys.executable, "-m", "orchestration.refresh"],
            cwd=PROJECT_ROOT,
            env={**os.environ, "WAREHOUSE_PATH": str(database), "DAGSTER_HOME": str(dagster_home), "FEEDS_DIR": str(test_feeds)},
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    opened_while_writing = 0
    try:
        while refresh.poll() is None:
            for page in ("views/overview.py", "views/drilldown.py"):
                app = AppTest.from_file(APP, default_timeout=60)
                app.run()
                app.switch_page(page)
                app.run()
                assert not app.exception, app.exception
                assert any("数据截至" in caption.value for caption in app.caption)
                assert len(app.dataframe[0].value) > 0
                opened_while_writing += refresh.poll() is None
            time.sleep(0.5)
    finally:
        if refresh.poll() is None:
            refresh.kill()
            refresh.wait()
    assert refresh.returncode == 0, log.read_text()[-3000:]
    assert opened_while_writing >= 2, "the refresh ended before any page was opened during it"
    # The refresh published a new copy, and the pages read it at once.
    assert published.stat().st_mtime_ns > first_publication
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception and len(app.dataframe[0].value) == 11
