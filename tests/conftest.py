"""Shared test setup: offscreen Qt, isolated config/data folders, the seed fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
LOCAL_FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Copies of ../shared/fixtures and ../shared/spec, so the tests need nothing outside the repository (CI
# checks out main alone); tests/test_vendored_fixtures.py says when they drift from ../shared.
FIXTURES = LOCAL_FIXTURES / "seeds"
SPEC = LOCAL_FIXTURES / "spec"
PDF_FIXTURES = LOCAL_FIXTURES / "pdf"  # a real agency-made PDF and its tables typed in by hand
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    """Keep every test away from the real user's settings, autosave and recent files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("APPDATA", str(home / "AppData" / "Roaming"))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "AppData" / "Local"))
    yield


def fixture_path(name: str) -> Path:
    """A seed fixture (a real published report, from ../shared/fixtures)."""
    path = FIXTURES / name
    if not path.exists():
        raise FileNotFoundError(f"tests/fixtures/seeds/{name} is missing: copy it from ../shared/fixtures")
    return path


@pytest.fixture
def formats_folder(tmp_path, monkeypatch):
    """A private copy of resources/formats that the app reads instead (via NIANBAO_FORMATS_DIR): a test
    may add, change or break format files there. Every format cache is keyed by the folder, so nothing
    leaks into other tests."""
    from model.formats import FORMATS_ENV
    from resources import resource

    folder = tmp_path / "formats"
    folder.mkdir()
    for src in resource("formats").glob("*.json"):
        (folder / src.name).write_bytes(src.read_bytes())
    monkeypatch.setenv(FORMATS_ENV, str(folder))
    return folder
