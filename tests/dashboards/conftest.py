"""Dashboard tests run in demo mode unless a test configures users itself."""

import pytest


@pytest.fixture(autouse=True)
def no_access_file(tmp_path, monkeypatch):
    # A developer's own config/dashboard_access.toml must not change what the tests see.
    monkeypatch.setenv("DASHBOARD_ACCESS_FILE", str(tmp_path / "no-access-file.toml"))
