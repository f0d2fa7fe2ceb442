"""model/ and export/ must work where Qt cannot even be imported (the CLI, CI, servers).

The one exception is export/pdf_writer.py, which draws the PDF with QtGui (ruff's per-file ignore says the
same): it is imported only when a PDF is made, so export itself, and every other writer, still load without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.model
QT_WRITERS = {"export.pdf_writer"}  # draws with QtGui by design; imported on demand only

BLOCK_QT = """
import sys, importlib.abc
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked in headless code")
sys.meta_path.insert(0, Block())
"""


def headless_modules() -> list[str]:
    mods = []
    for pkg in ("model", "export"):
        for f in sorted((ROOT / pkg).rglob("*.py")):
            rel = f.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            if ".".join(parts) not in QT_WRITERS:
                mods.append(".".join(parts))
    return mods


def test_model_and_export_import_without_qt():
    code = BLOCK_QT + f"\nimport importlib\nfor m in {headless_modules()!r}:\n    importlib.import_module(m)\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_no_qt_import_statement_in_headless_code():
    offenders = [
        str(f)
        for pkg in ("model", "export")
        for f in Path(ROOT / pkg).rglob("*.py")
        if "PySide6" in f.read_text("utf-8") and ".".join(f.relative_to(ROOT).with_suffix("").parts) not in QT_WRITERS
    ]
    assert offenders == []


def test_the_qt_writer_is_not_imported_by_the_headless_export():
    """export.export_all and export_report reach the PDF writer only when a PDF is asked for."""
    code = (
        BLOCK_QT
        + "\nimport export, export.content, export.files\nimport sys\nassert 'export.pdf_writer' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_cli_check_runs_with_qt_blocked():
    code = (
        BLOCK_QT + "\nimport sys\nsys.argv=['main.py','check','resources/sample_2025.nianbao']\n"
        "import runpy\nrunpy.run_path('main.py', run_name='__main__')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "0 个错误" in done.stdout
