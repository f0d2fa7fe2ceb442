"""The first window of a start: its frame is on screen before the heavy parts are imported, and is filled
right after its first paint (gui/app.py, gui/main_window.py); the log rotates without logging.handlers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from gui.app import rotate_log

ROOT = Path(__file__).resolve().parents[2]

# What the frame must not wait for: the window's heavy parts, the checks, the export/import libraries.
HEAVY = (
    "gui.shell.dialogs",
    "gui.shell.checks_panel",
    "gui.shell.navigator",
    "gui.pages",
    "model.checks",
    "model.formats",
    "docx",
    "openpyxl",
    "logging.handlers",
)

START = """
import json, sys
from gui.app import make_application, open_first_window
app = make_application()
window = open_first_window()
frame = {"heavy": [m for m in HEAVY if m in sys.modules],
         "opening": window.centralWidget().objectName(), "visible": window.isVisible()}
window.ready.connect(app.quit)
app.exec()
filled = {"navigator": window.navigator.count(), "title": window.windowTitle(), "version": window.version,
          "export_libs": [m for m in ("docx", "openpyxl") if m in sys.modules]}
print(json.dumps({"frame": frame, "filled": filled}, ensure_ascii=False))
"""


@pytest.mark.gui
def test_the_frame_shows_before_the_heavy_parts_load_and_is_then_filled():
    code = f"HEAVY = {HEAVY!r}\n{START}"
    # The child inherits the test's own settings, data and log folders (tests/conftest.py sets them).
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["frame"] == {"heavy": [], "opening": "opening", "visible": True}
    filled = result["filled"]
    assert filled["navigator"] > 8 and filled["title"].startswith("示例报告（内置）")
    assert filled["version"] not in ("", "未知")
    assert filled["export_libs"] == []  # python-docx and openpyxl wait for the first export or import


@pytest.mark.gui
def test_fill_runs_once_after_the_first_paint(qtbot):
    from gui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    calls = []
    window.when_painted(lambda: calls.append(window.centralWidget().isVisible()), fallback_ms=3000)
    assert calls == []  # not before the frame is on screen
    window.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=2000)  # well before the fallback
    qtbot.wait(3200)
    assert calls == [True]


@pytest.mark.gui
def test_fill_still_runs_when_the_frame_is_never_painted(qtbot):
    from gui.shell.main_window import MainWindow

    window = MainWindow()  # never shown, as when started minimised
    qtbot.addWidget(window)
    calls = []
    window.when_painted(lambda: calls.append(1), fallback_ms=50)
    qtbot.waitUntil(lambda: calls == [1], timeout=2000)


@pytest.mark.gui
def test_closing_the_frame_before_it_is_filled_asks_nothing(qtbot, fake_dialogs):
    from gui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.close()
    assert fake_dialogs.calls == []


@pytest.mark.gui
def test_the_filled_first_window_offers_the_work_a_crash_left_behind(make_window, qtbot, fake_dialogs):
    from gui.app import open_first_window
    from model.edits import SetMeta
    from tests.gui.test_autosave import _crash

    before = make_window()
    before.doc.push(SetMeta("contact", "崩溃前输入的内容"), "联系方式")
    assert before.autosaver.save_now()
    _crash(before)

    fake_dialogs.recover = "recover"
    window = open_first_window()
    qtbot.addWidget(window)
    assert fake_dialogs.calls == []  # not while only the frame is up
    with qtbot.waitSignal(window.ready, timeout=20000):
        pass
    assert fake_dialogs.names() == ["ask_recover"]
    assert window.doc.report.meta.contact == "崩溃前输入的内容" and window.isWindowModified()
    window.doc.undo_stack.setClean()


@pytest.mark.gui
def test_a_start_that_fails_to_fill_the_frame_says_so_in_it(qtbot, monkeypatch):
    from gui import app

    def broken(_path=None):
        raise RuntimeError("a bug while opening")

    monkeypatch.setattr(app, "open_document", broken)
    with qtbot.captureExceptions() as exceptions:
        window = app.open_first_window()
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: bool(exceptions), timeout=5000)
    assert "a bug while opening" in str(exceptions[0][1])  # on to the crash handler (log and dialog)
    text = window.centralWidget().text()
    assert "没能打开" in text and "nianbao.log" in text and "正在打开" not in text


class _Fonts:
    """Stands in for QFontDatabase: `families`, of which those in `chinese` claim Simplified Chinese."""

    def __init__(self, families, chinese=()):
        from PySide6.QtGui import QFontDatabase

        self.WritingSystem = QFontDatabase.WritingSystem
        self._families, self._chinese = list(families), set(chinese)

    def families(self):
        return self._families

    def writingSystems(self, name):  # noqa: N802 - Qt's name
        return [self.WritingSystem.SimplifiedChinese] if name in self._chinese else [self.WritingSystem.Latin]


@pytest.fixture
def styled(qapp):
    """The look the app sets at start (font families, style sheet); the test session's afterwards."""
    from gui.shell import style

    font = qapp.font()
    style.apply(qapp, 10)
    yield
    qapp.setStyleSheet("")
    qapp.setFont(font)


def _first_window_with(qtbot, monkeypatch, fonts):
    from gui import app
    from gui.shell import style

    monkeypatch.setattr(style, "QFontDatabase", fonts)
    monkeypatch.setattr(style, "_fallback", None)
    window = app.open_first_window()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=20000):
        pass
    window.doc.undo_stack.setClean()
    return window


@pytest.mark.gui
def test_a_listed_chinese_font_needs_no_warning(qtbot, monkeypatch, fake_dialogs, styled):
    from gui.shell.style import UI_FAMILIES

    fonts = _Fonts(["DejaVu Sans", "Noto Sans CJK SC"], chinese=["Noto Sans CJK SC"])
    _first_window_with(qtbot, monkeypatch, fonts)
    assert fake_dialogs.calls == []
    assert QApplication.instance().font().families() == list(UI_FAMILIES)  # Qt takes the first installed


@pytest.mark.gui
def test_an_unlisted_chinese_font_is_used_when_no_listed_one_is_installed(qtbot, monkeypatch, fake_dialogs, styled):
    from gui.shell.style import UI_FAMILIES

    fonts = _Fonts(["DejaVu Sans", "某某中文黑体"], chinese=["某某中文黑体"])
    _first_window_with(qtbot, monkeypatch, fonts)
    assert fake_dialogs.calls == []
    assert QApplication.instance().font().families() == [*UI_FAMILIES, "某某中文黑体"]


@pytest.mark.gui
def test_no_chinese_font_at_all_is_said_once_the_window_is_up(qtbot, monkeypatch, fake_dialogs, styled):
    window = _first_window_with(qtbot, monkeypatch, _Fonts(["DejaVu Sans"]))
    assert fake_dialogs.names() == ["show_error"]
    parent, title, message = fake_dialogs.calls[0][1]
    assert parent is window and title == "缺少中文字体" and "方框" in message


def test_the_log_rotates_once_past_its_size(tmp_path):
    log = tmp_path / "nianbao.log"
    log.write_text("small\n", encoding="utf-8")
    rotate_log(log, max_bytes=100, backups=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nianbao.log"]  # under the limit: left alone

    for generation in ("一", "二", "三"):
        log.write_text(generation * 100, encoding="utf-8")
        rotate_log(log, max_bytes=100, backups=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nianbao.log.1", "nianbao.log.2"]
    assert (tmp_path / "nianbao.log.1").read_text(encoding="utf-8") == "三" * 100
    assert (tmp_path / "nianbao.log.2").read_text(encoding="utf-8") == "二" * 100  # the oldest is dropped


def test_rotating_a_missing_log_is_quiet(tmp_path):
    rotate_log(tmp_path / "nianbao.log", max_bytes=1)
    assert list(tmp_path.iterdir()) == []
