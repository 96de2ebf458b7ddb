"""Every dashboard page opens against a real published warehouse (Streamlit AppTest)."""

import shutil

import duckdb

import pytest
from streamlit.testing.v1 import AppTest

from orchestration import refresh_status
from orchestration.settings import DOCUMENTS_DIR, PROJECT_ROOT, published_warehouse_path

APP = str(PROJECT_ROOT / "dashboards" / "app.py")
PAGES = [
    "views/overview.py",
    "views/drilldown.py",
    "views/signing.py",
    "views/mutual_recognition.py",
    "views/township_standards.py",
    "views/other_indicators.py",
    "views/targets.py",
    "views/documents.py",
    "views/data_quality.py",
]


def _open(page: str | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    if page:
        app.switch_page(page)
        app.run()
    return app


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_without_exception(built_warehouse, page):
    app = _open(page)
    assert not app.exception


def test_documents_page_lists_every_document(built_warehouse):
    app = _open("views/documents.py")
    table = app.dataframe[0].value
    assert sorted(table["文件名"]) == sorted(path.name for path in DOCUMENTS_DIR.iterdir())
    assert any("数据截至" in caption.value for caption in app.caption)


def test_the_registry_lists_targets_and_shows_the_quote_in_its_paragraph(built_warehouse):
    app = _open("views/targets.py")
    table = app.dataframe[0].value
    assert len(table) > 50
    assert set(table["类别"]) == {"目标", "标准"}
    highlighted = [m.value for m in app.markdown if "<mark>" in m.value]
    assert highlighted, "the selected target's quote is not highlighted"


def test_searching_the_registry_narrows_it_to_matching_quotes(built_warehouse):
    app = _open("views/targets.py")
    everything = len(app.dataframe[0].value)
    app.text_input[0].input("乡村医生").run()
    found = app.dataframe[0].value
    with duckdb.connect(str(published_warehouse_path(built_warehouse)), read_only=True) as connection:
        expected = connection.execute(
            "select count(*) from marts.fct_policy_targets where quote like '%乡村医生%' and target_kind <> 'reported_actual'"
        ).fetchone()[0]
    assert 0 < len(found) == expected < everything


def test_without_a_publication_the_page_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "nothing-here.duckdb"))
    app = _open()
    assert not app.exception
    assert "make materialize" in app.warning[0].value


def test_a_failed_refresh_is_announced_above_the_last_good_figures(built_warehouse, tmp_path, monkeypatch):
    database = tmp_path / "warehouse.duckdb"
    (tmp_path / "published").mkdir()
    shutil.copy(published_warehouse_path(built_warehouse), published_warehouse_path(database))
    refresh_status.record(
        refresh_status.RefreshOutcome("run-1234", "refresh_warehouse", succeeded=False, failures=("step raw__documents failed: disk full",)),
        built=database,
    )
    monkeypatch.setenv("WAREHOUSE_PATH", str(database))

    app = _open("views/documents.py")

    assert not app.exception
    assert any("数据截至" in caption.value for caption in app.caption)
    assert "disk full" in app.warning[0].value
    assert len(app.dataframe[0].value) == len(list(DOCUMENTS_DIR.iterdir()))


def test_data_quality_page_reconciles_and_shows_quarantine_samples(built_warehouse):
    app = _open("views/data_quality.py")
    assert not app.exception
    metrics = {metric.label: metric.value for metric in app.metric}
    assert int(metrics["隔离行数"].replace(",", "")) > 0
    assert not app.error, "every file must reconcile"
    samples = next(frame.value for frame in app.dataframe if "原始内容" in frame.value.columns)
    assert 0 < len(samples) <= 50 and samples["原始内容"].notna().all()
