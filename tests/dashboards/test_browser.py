"""The served app, as a manager's browser sees it: headless Chromium against `streamlit run`."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from orchestration.settings import DOCUMENTS_DIR, PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOTS = PROJECT_ROOT / "tests" / "artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
    ),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served_app(built_warehouse):
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "streamlit"),
            "run",
            str(PROJECT_ROOT / "dashboards" / "app.py"),
            "--server.headless=true",
            f"--server.port={port}",
            "--server.address=127.0.0.1",
            "--browser.gatherUsageStats=false",
        ],
        env={**os.environ, "WAREHOUSE_PATH": str(built_warehouse)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    else:
        server.kill()
        pytest.fail(f"streamlit did not start: {server.stdout.read().decode()}")
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


def _wait_for_text(driver, *texts: str, timeout: float = 30) -> str:
    """The page's text once every one of `texts` shows (elements arrive one by one, and
    those inside st.columns can be drawn after the ones below them)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = driver.find_element("tag name", "body").text
        if all(text in body for text in texts):
            return body
        time.sleep(0.3)
    missing = [text for text in texts if text not in body]
    raise AssertionError(f"{missing!r} never appeared; the page showed:\n{body}")


def test_targets_page_renders_in_chromium(served_app, browser):
    browser.get(f"{served_app}/targets")
    body = _wait_for_text(browser, "条目数")
    assert "政策目标" in body and "数据截至" in body
    assert "<mark>" not in body, "the highlight markup must render, not show as text"
    assert "Traceback" not in body and "Page not found" not in body
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "targets.png"))


def test_documents_page_renders_in_chromium(served_app, browser):
    browser.get(f"{served_app}/documents")
    body = _wait_for_text(browser, "文件数")
    assert "政策文件" in body
    assert "数据截至" in body
    # The table itself is drawn on a canvas; its row count is shown as a metric.
    assert f"文件数\n{len(list(DOCUMENTS_DIR.iterdir()))}" in body
    assert "Traceback" not in body and "Page not found" not in body
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "documents.png"))


# Each manager page: its path, text that only appears once its data has arrived, and more
# text it must show. The region is 山西省 (in the URL), which carries bound targets.
MANAGER_PAGES = {
    # The default page answers at the app's root (Streamlit serves the default page at "/").
    "overview": ("", "查看目标原文", ["总览", "山西省", "每项指标对照约束本地区的目标", "滞后", "项"]),
    "drilldown": ("drilldown", "下级单位排名", ["下钻", "山西省", "实际值", "状态：", "目标原文"]),
    "signing": ("signing", "重点人群签约（分人群）", ["家庭医生签约服务覆盖率", "签约覆盖率（%）", "一人可属多个人群"]),
    "mutual_recognition": ("mutual-recognition", "按项目类别", ["检查检验结果互认率", "互认率"]),
    "township_standards": ("township-standards", "未达到基本标准的机构", ["评价等级分布", "机构数"]),
    "other_indicators": ("indicators", "下级单位排名", ["其他指标", "实际值"]),
    "data_quality": ("data-quality", "逐文件加载审计", ["月报上报完整性", "上报率", "最近一次刷新", "缺报机构"]),
}


@pytest.mark.parametrize("name", list(MANAGER_PAGES))
def test_manager_page_renders_in_chromium(served_app, browser, name):
    path, ready_text, expected = MANAGER_PAGES[name]
    browser.get(f"{served_app}/{path}?region=140000")
    body = _wait_for_text(browser, ready_text, *expected, "数据截至", "演示模式", timeout=60)
    assert "Traceback" not in body and "Page not found" not in body and "Error" not in body
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
