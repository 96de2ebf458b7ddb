"""Access control: hashed passwords, and a user of one city cannot reach another's data."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboards import access
from orchestration.settings import PROJECT_ROOT, published_warehouse_path

APP = str(PROJECT_ROOT / "dashboards" / "app.py")
BAODING = "130600"
SHANXI = "140000"
# Few iterations keep the tests fast; the stored format is the same as production's.
TEST_ITERATIONS = 1_000


@pytest.fixture
def access_file(tmp_path, monkeypatch):
    path = tmp_path / "dashboard_access.toml"
    path.write_text(
        f"""
[users.baoding]
display_name = "保定市卫健委"
password_hash = "{access.hash_password('保定-secret', iterations=TEST_ITERATIONS)}"
org_units = ["{BAODING}"]

[users.analyst]
display_name = "数据组"
password_hash = "{access.hash_password('all-secret', iterations=TEST_ITERATIONS)}"
org_units = ["*"]
""",
        encoding="utf-8",
    )
    monkeypatch.setenv("DASHBOARD_ACCESS_FILE", str(path))
    return path


def _signed_in(user_name: str, page: str | None = None, query_params: dict | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.session_state["signed_in_user"] = user_name
    for key, value in (query_params or {}).items():
        app.query_params[key] = value
    app.run()
    if page:
        app.switch_page(page)
        app.run()
    return app


def _shown_text(app: AppTest) -> str:
    parts = [element.value for kind in ("title", "subheader", "markdown", "caption") for element in getattr(app, kind)]
    return "\n".join(str(part) for part in parts)


def test_a_password_verifies_against_its_hash_and_nothing_else():
    stored = access.hash_password("正确的密码", iterations=TEST_ITERATIONS)
    assert stored.startswith("pbkdf2_sha256$1000$") and "正确的密码" not in stored
    assert access.verify_password("正确的密码", stored)
    assert not access.verify_password("错误的密码", stored)
    assert not access.verify_password("正确的密码", "pbkdf2_sha256$garbled")
    assert access.hash_password("same", iterations=TEST_ITERATIONS) != access.hash_password("same", iterations=TEST_ITERATIONS), "salted"


def test_without_an_access_file_the_app_is_an_announced_open_demo(built_warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_ACCESS_FILE", str(tmp_path / "absent.toml"))
    assert access.load_users() is None
    for page in ("views/overview.py", "views/targets.py", "views/data_quality.py"):
        app = AppTest.from_file(APP, default_timeout=60)
        app.run()
        app.switch_page(page)
        app.run()
        assert any("演示模式" in info.value for info in app.info), page


def test_a_broken_access_file_keeps_the_app_closed(tmp_path, monkeypatch, built_warehouse):
    broken = tmp_path / "access.toml"
    broken.write_text('[users.x]\npassword_hash = "plain-text"\norg_units = ["130600"]\n', encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_ACCESS_FILE", str(broken))
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert "拒绝打开" in app.error[0].value
    assert not app.dataframe and not app.metric


def test_signed_out_no_page_shows_data_even_by_url(built_warehouse, access_file):
    for page in ("views/overview.py", "views/drilldown.py", "views/data_quality.py"):
        app = AppTest.from_file(APP, default_timeout=60)
        app.run()
        app.switch_page(page)
        app.run()
        assert not app.exception
        assert not app.dataframe and not app.metric, page
        assert [field.label for field in app.text_input] == ["用户名", "密码"]


def test_signing_in_with_the_right_password_opens_the_users_region(built_warehouse, access_file):
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.text_input[0].input("baoding")
    app.text_input[1].input("wrong")
    app.button[0].click().run()
    assert "用户名或密码错误" in app.error[0].value and not app.dataframe

    app.text_input[0].input("baoding")
    app.text_input[1].input("保定-secret")
    app.button[0].click().run()
    assert not app.exception
    assert app.session_state["signed_in_user"] == "baoding"
    assert "保定市" in app.title[0].value


def test_a_city_user_is_offered_only_units_of_their_city(built_warehouse, access_file):
    app = _signed_in("baoding")
    region_picker = app.sidebar.selectbox[0]
    with duckdb.connect(str(published_warehouse_path(built_warehouse)), read_only=True) as connection:
        baoding_regions = {row[0] for row in connection.execute(
            "select org_unit_id from marts.dim_org_units where ? in (org_unit_id, city_id) and org_level in ('city', 'county')",
            [BAODING],
        ).fetchall()}
    assert len(region_picker.options) == len(baoding_regions)
    assert all(label.startswith("河北省 / 保定市") for label in region_picker.options)


def test_a_region_outside_the_scope_in_the_url_is_refused(built_warehouse, access_file):
    app = _signed_in("baoding", query_params={"region": SHANXI})
    assert "不在您的权限范围内" in app.error[0].value
    assert "山西" not in _shown_text(app)
    assert "保定市" in app.title[0].value


def test_a_unit_outside_the_scope_cannot_be_drilled_into(built_warehouse, access_file):
    app = AppTest.from_file(APP, default_timeout=60)
    app.session_state["signed_in_user"] = "baoding"
    app.run()
    app.switch_page("views/drilldown.py")
    # Forge the drill state as a crafted request would; the page must check it on the server.
    app.session_state["drilldown_region"] = BAODING
    app.session_state["drilldown_unit"] = SHANXI
    app.run()
    assert "不在您的权限范围内" in app.error[0].value
    assert not app.dataframe and "山西" not in _shown_text(app)


def test_a_city_users_registry_and_pages_hold_only_their_region(built_warehouse, access_file):
    registry = _signed_in("baoding", "views/targets.py").dataframe[0].value
    with duckdb.connect(str(published_warehouse_path(built_warehouse)), read_only=True) as connection:
        outside = {row[0] for row in connection.execute(
            """
            select distinct target_id from marts.fct_target_attainment a
            join marts.dim_org_units u using (org_unit_id)
            where u.province_id <> '130000'
            except
            select distinct target_id from marts.fct_target_attainment a
            join marts.dim_org_units u using (org_unit_id)
            where u.province_id = '130000'
            """
        ).fetchall()}
    assert outside, "the fixture needs targets outside 河北 for this test to mean anything"
    assert not set(registry["目标编号"]) & outside

    quality = _signed_in("baoding", "views/data_quality.py")
    assert any("仅对可查看全部地区的账户显示" in info.value for info in quality.info)
    assert "隔离行数" not in {metric.label for metric in quality.metric}


def test_a_whole_warehouse_account_sees_the_file_audit(built_warehouse, access_file):
    quality = _signed_in("analyst", "views/data_quality.py")
    assert not quality.exception
    assert "隔离行数" in {metric.label for metric in quality.metric}


def test_the_example_access_file_loads_with_real_org_units():
    """The template a deployment copies stays valid: parseable, hashed, units that exist."""
    users = access.load_users(PROJECT_ROOT / "config" / "dashboard_access.example.toml")
    known_units = {line.split(",")[0] for line in (PROJECT_ROOT / "raw" / "reference" / "org_units.csv").read_text().splitlines()[1:]}

    assert access.authenticate(users, "taiyuan", "example-only").org_unit_ids == ("140100",)
    assert access.authenticate(users, "taiyuan", "wrong") is None
    for user in users.values():
        assert set(user.org_unit_ids) <= known_units | {access.WHOLE_WAREHOUSE}, user.user_name
