"""The managers' pages against a real warehouse: figures match the marts, interactions work."""

from __future__ import annotations

import io

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboards import downloads, formatting, status
from orchestration.settings import PROJECT_ROOT, published_warehouse_path

APP = str(PROJECT_ROOT / "dashboards" / "app.py")
SHANXI = "140000"


def _open(page: str, region: str | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    if region:
        app.sidebar.selectbox(key="region_picker").set_value(region).run()
    app.switch_page(page)
    app.run()
    assert not app.exception, app.exception
    return app


def _sql(built_warehouse, sql: str, params: list | None = None) -> pd.DataFrame:
    with duckdb.connect(str(published_warehouse_path(built_warehouse)), read_only=True) as connection:
        return connection.execute(sql, params or []).df()


def _latest_month(built_warehouse):
    return _sql(built_warehouse, "select max(period_month) as m from marts.fct_indicator_actuals")["m"].iloc[0]


def _table(app: AppTest, column: str) -> pd.DataFrame:
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def test_scorecard_lists_every_indicator_worst_first_with_the_regions_own_figures(built_warehouse):
    app = _open("views/overview.py", SHANXI)
    card = app.dataframe[0].value
    catalogue = _sql(built_warehouse, "select indicator_name_zh from marts.dim_indicators")
    assert sorted(card["指标"]) == sorted(catalogue["indicator_name_zh"])
    severities = [status.SEVERITY[band] for band in card["状态"]]
    assert severities == sorted(severities), "worst first"

    actuals = _sql(
        built_warehouse,
        """
        select i.indicator_name_zh, a.actual_value, i.unit from marts.fct_indicator_actuals a
        join marts.dim_indicators i using (indicator_code) where a.org_unit_id = ? and a.period_month = ?
        """,
        [SHANXI, _latest_month(built_warehouse)],
    )
    shown = dict(zip(card["指标"], card["实际值"]))
    for row in actuals.itertuples():
        assert shown[row.indicator_name_zh] == formatting.value(row.actual_value, row.unit)


def test_scorecard_counts_bound_units_on_track(built_warehouse):
    app = _open("views/overview.py", SHANXI)
    card = app.dataframe[0].value.set_index("指标")
    expected = _sql(
        built_warehouse,
        """
        select i.indicator_name_zh, count(*) as bound,
               sum(case when a.status_code in ('met', 'on_track') then 1 else 0 end) as on_track
        from marts.fct_target_attainment a
        join marts.dim_org_units u using (org_unit_id)
        join marts.dim_indicators i using (indicator_code)
        where u.province_id = ? and a.period_month = ? and a.is_binding and a.is_monitored
        group by 1
        """,
        [SHANXI, _latest_month(built_warehouse)],
    )
    assert not expected.empty, "山西 carries bound targets in the fixture"
    for row in expected.itertuples():
        assert card.at[row.indicator_name_zh, "达标或进度正常"] == f"{int(row.on_track)} / {int(row.bound)}"


def test_changing_the_region_changes_the_figures(built_warehouse):
    app = _open("views/overview.py")
    first_title = app.title[0].value
    app.sidebar.selectbox(key="region_picker").set_value(SHANXI).run()
    assert "山西省" in app.title[0].value and app.title[0].value != first_title
    assert app.query_params["region"] == [SHANXI] or app.query_params["region"] == SHANXI


def test_drilldown_goes_down_to_a_child_and_back_up_by_the_breadcrumb(built_warehouse):
    app = _open("views/drilldown.py", SHANXI)
    assert [button.label for button in app.button] == ["山西省"]
    ranking = _table(app, "考核依据")
    cities = _sql(built_warehouse, "select org_unit_name from marts.dim_org_units where parent_org_unit_id = ?", [SHANXI])
    assert set(ranking["单位"]) <= set(cities["org_unit_name"]) and len(ranking) > 1
    severities = [status.SEVERITY[band] for band in ranking["状态"]]
    assert severities == sorted(severities), "lagging units first"

    worst_child = ranking["单位"].iloc[0]
    worst_child_id = _sql(
        built_warehouse, "select org_unit_id from marts.dim_org_units where parent_org_unit_id = ? and org_unit_name = ?", [SHANXI, worst_child]
    )["org_unit_id"].iloc[0]
    drill = next(box for box in app.selectbox if box.label == "下钻到")
    assert drill.options[0].startswith(worst_child), "the drill selector lists the worst first"
    drill.set_value(worst_child_id).run()
    assert not app.exception
    assert [button.label for button in app.button] == ["山西省", worst_child]
    assert app.subheader[0].value.startswith(worst_child)

    app.button[0].click().run()
    assert [button.label for button in app.button] == ["山西省"]
    assert app.subheader[0].value.startswith("山西省")


def test_drilldown_reaches_an_institution(built_warehouse):
    app = _open("views/drilldown.py", SHANXI)
    unit = SHANXI
    for _ in range(4):  # province → city → county → township → institution
        drill = [box for box in app.selectbox if box.label == "下钻到"]
        if not drill:
            break
        name = drill[0].options[0].split("（")[0]
        unit = _sql(
            built_warehouse, "select org_unit_id from marts.dim_org_units where parent_org_unit_id = ? and org_unit_name = ?", [unit, name]
        )["org_unit_id"].iloc[0]
        drill[0].set_value(unit).run()
        assert not app.exception
    assert any("已到最末一级" in caption.value for caption in app.caption)
    assert len(app.button) == 5


def test_trend_chart_draws_actuals_and_the_target_path(built_warehouse):
    from dashboards import charts

    actuals = pd.DataFrame({"period_month": pd.to_datetime(["2025-10-01", "2025-11-01"]), "actual_value": [80.0, 81.0]})
    path = pd.DataFrame({
        "period_month": pd.to_datetime(["2025-10-01", "2025-11-01", "2025-12-01"]), "expected_value": [80.5, 81.5, 82.0],
        "goal_value": [82.0] * 3, "deadline_month": pd.to_datetime(["2025-12-01"] * 3),
    })
    spec = charts.trend_with_target_path(actuals, path, "%").to_dict()
    layers = spec["layer"]
    assert {value["series"] for value in spec["datasets"][layers[0]["data"]["name"]]} == {"实际值", "目标路径"}
    assert any(layer["mark"]["type"] == "rule" for layer in layers), "the deadline is marked"


def test_signing_page_breaks_key_populations_down_by_group(built_warehouse):
    app = _open("views/signing.py", SHANXI)
    groups = _table(app, "人群")
    assert len(groups) == 8
    expected = _sql(
        built_warehouse,
        "select population_group_name, signing_rate_pct from marts.fct_signing_by_key_population where org_unit_id = ? and period_month = ?",
        [SHANXI, _latest_month(built_warehouse)],
    )
    assert dict(zip(groups["人群"], groups["覆盖率"])) == {
        row.population_group_name: formatting.value(row.signing_rate_pct, "%") for row in expected.itertuples()
    }


def test_recognition_by_item_class_adds_up_to_the_indicator(built_warehouse):
    app = _open("views/mutual_recognition.py", SHANXI)
    classes = _table(app, "类别")
    assert set(classes["类别"]) <= {"检验", "影像", "超声", "心电"} and len(classes) >= 3
    indicator = _sql(
        built_warehouse,
        "select numerator, denominator from marts.fct_indicator_actuals where org_unit_id = ? and period_month = ? and indicator_code = 'mutual_recognition_rate'",
        [SHANXI, _latest_month(built_warehouse)],
    ).iloc[0]
    as_number = lambda text: int(text.replace(",", ""))  # noqa: E731
    assert sum(classes["已互认"].map(as_number)) == indicator["numerator"]
    assert sum(classes["可互认"].map(as_number)) == indicator["denominator"]


def test_standards_page_lists_the_centres_below_standard(built_warehouse):
    app = _open("views/township_standards.py", SHANXI)
    below = _table(app, "评价结果")
    year = pd.Timestamp(_latest_month(built_warehouse)).year
    expected = _sql(
        built_warehouse,
        """
        select org_unit_name from marts.fct_health_centre_ratings
        where province_id = ? and rating_year = ? and is_below_basic_standard
        """,
        [SHANXI, year],
    )
    assert sorted(below["机构"]) == sorted(expected["org_unit_name"])
    assert set(below["评价结果"]) <= {"未达标", "未评价"}
    levels = _table(app, "等级")
    basic = _sql(
        built_warehouse,
        "select actual_value from marts.fct_indicator_actuals where org_unit_id = ? and period_month = ? and indicator_code = 'thc_basic_standard_share'",
        [SHANXI, _latest_month(built_warehouse)],
    )["actual_value"].iloc[0]
    at_or_above_basic = levels[levels["等级"].isin(["基本标准", "推荐标准", "社区医院"])]["合计"].sum()
    assert at_or_above_basic / levels["合计"].sum() * 100 == pytest.approx(basic)


def test_other_indicators_page_switches_indicator(built_warehouse):
    app = _open("views/other_indicators.py", SHANXI)
    picker = app.selectbox(key="other_indicator")
    own_pages = _sql(
        built_warehouse,
        "select indicator_code, indicator_name_zh from marts.dim_indicators where indicator_family in ('family_doctor', 'mutual_recognition', 'township_standard')",
    )
    assert not set(own_pages["indicator_name_zh"]) & set(picker.options) and len(picker.options) == 11 - len(own_pages)
    first = app.subheader[0].value
    picker.set_value("village_doctor_density").run()
    assert not app.exception and app.subheader[0].value != first


def test_data_quality_reporting_rate_is_received_over_expected(built_warehouse):
    app = _open("views/data_quality.py", SHANXI)
    metrics = {metric.label: metric.value for metric in app.metric}
    latest = pd.Timestamp(_latest_month(built_warehouse))
    expected = _sql(
        built_warehouse,
        """
        select count(*) as expected, sum(case when is_received then 1 else 0 end) as received
        from marts.fct_reporting_completeness where province_id = ? and period_month between ? and ?
        """,
        [SHANXI, (latest - pd.DateOffset(months=11)).date(), latest.date()],
    ).iloc[0]
    assert metrics["应报"] == formatting.number(expected["expected"])
    assert metrics["实报"] == formatting.number(expected["received"])
    assert metrics["上报率"] == formatting.value(100 * expected["received"] / expected["expected"], "%")
    assert "数据源" in _table(app, "最新数据期间").columns


def test_every_manager_table_offers_csv_and_excel(built_warehouse):
    pages = ("overview", "drilldown", "signing", "mutual_recognition", "township_standards", "other_indicators",
             "targets", "documents", "data_quality")
    for page in (f"views/{name}.py" for name in pages):
        app = _open(page, SHANXI)
        labels = [button.label for button in app.get("download_button")]
        assert labels.count("下载 CSV") >= 1 and labels.count("下载 CSV") == labels.count("下载 Excel"), page


def test_a_download_holds_the_table_as_shown(monkeypatch):
    table = pd.DataFrame({"指标": ["家庭医生签约服务覆盖率"], "实际值": ["85.3%"], "签约人数": ["1,234"]})
    captured = {}
    monkeypatch.setattr(downloads.st, "columns", lambda spec: [_Capture(captured), _Capture(captured), None])
    downloads.download_buttons(table, "scorecard")
    assert pd.read_csv(io.BytesIO(captured["scorecard.csv"]), encoding="utf-8-sig").equals(table)
    assert pd.read_excel(io.BytesIO(captured["scorecard.xlsx"])).equals(table)


class _Capture:
    def __init__(self, store: dict):
        self.store = store

    def download_button(self, label, data, file_name, mime, key):
        self.store[file_name] = data


def test_no_data_is_grey_and_never_red():
    html = status.style_status_column(pd.DataFrame({"状态": ["无数据", "滞后"]})).to_html()
    assert status.COLOURS["无数据"] in html and status.COLOURS["无数据"] != status.COLOURS["滞后"]
    assert status.badge("无数据") == ":gray-background[无数据]"
