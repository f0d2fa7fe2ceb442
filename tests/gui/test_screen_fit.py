"""The first window fits the screen it opens on (issue 14): a 1366×768 office screen and larger, at 100%,
125%, 150% and 200% scaling; nothing is cut off on any page, and a saved geometry from a bigger screen is
brought back inside."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QToolButton, QWidget

from gui.shell import screen_fit

ROOT = Path(__file__).resolve().parents[2]
TASKBAR = 40  # Windows' taskbar at 100%, in physical pixels
SCREENS = [(1366, 768), (1600, 900), (1920, 1080)]
SCALES = [1.0, 1.25, 1.5, 2.0]


def available(width: int, height: int, scale: float) -> QRect:
    """The available area in Qt's logical pixels, as Windows reports it at `scale`."""
    return QRect(0, 0, int(width / scale), int((height - TASKBAR) / scale))


def in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def cut_widgets(window) -> list[str]:
    """Visible buttons and one-line labels narrower than their text, and fixed parts (toolbar, footer)
    that lie outside the window."""
    cut = []
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.window() is not window:
            continue
        if isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and not w.wordWrap() and w.text()):
            if w.width() < w.minimumSizeHint().width() or w.height() < w.minimumSizeHint().height():
                cut.append(
                    f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r} {w.size()} < {w.minimumSizeHint()}"
                )
            if not in_scroll_area(w):
                top_left = w.mapTo(window, w.rect().topLeft())
                if not window.rect().contains(QRect(top_left, w.size())):
                    cut.append(f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r} outside the window")
    return cut


def test_first_size_and_minimum_never_exceed_the_room():
    for width, height in SCREENS:
        for scale in SCALES:
            avail = available(width, height, scale)
            room = screen_fit.room(avail)
            assert screen_fit.first_size(avail).boundedTo(room) == screen_fit.first_size(avail)
            assert screen_fit.minimum_size(avail).boundedTo(room) == screen_fit.minimum_size(avail)
    big = QRect(0, 0, 2560, 1400)
    assert screen_fit.first_size(big) == screen_fit.PREFERRED  # a big screen gets the full preferred window
    assert screen_fit.minimum_size(big) == screen_fit.MINIMUM


@pytest.mark.gui
@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("screen", [SCREENS[0], SCREENS[-1]], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page_fits_the_screen_with_nothing_cut(make_window, qtbot, screen, scale):
    avail = available(*screen, scale)
    window = make_window()
    window.fit_to(avail)
    QApplication.processEvents()
    room = screen_fit.room(avail)
    assert window.size().boundedTo(room) == window.size(), f"{window.size()} does not fit {room}"
    hint = window.minimumSizeHint()
    assert hint.boundedTo(room) == hint, f"the window cannot shrink to the screen: needs {hint}, has {room}"
    assert window.minimumSize().boundedTo(room) == window.minimumSize()
    toolbar = window.findChild(QWidget, "mainToolbar")
    hidden = [a.text() for a in toolbar.actions() if not a.isSeparator() and not toolbar.widgetForAction(a).isVisible()]
    if room.width() >= 800:
        assert hidden == [], f"{hidden} off the toolbar"
    elif hidden:  # 683 px wide (1366×768 at 200%): the toolbar's » button must reach the rest
        ext = [b for b in toolbar.findChildren(QToolButton) if b.objectName() == "qt_toolbar_ext_button"]
        assert ext and ext[0].isVisible()
    for key in [window.navigator.key_at(r) for r in range(window.navigator.count())]:
        window.go_to_page(key)
        QApplication.processEvents()
        assert cut_widgets(window) == [], key
        if scale == 1.0:  # at 100% no page makes the clerk scroll sideways (its right part would be out of sight)
            sideways = [
                a.objectName() or type(a).__name__
                for a in window.findChildren(QScrollArea)
                if a.isVisible() and a.horizontalScrollBar().isVisible() and a.objectName() == "pageScroll"
            ]
            assert sideways == [], key
    assert window.checks.isVisible() == (not screen_fit.is_compact(avail) and window.current_key() != "final")


@pytest.mark.gui
def test_the_toolbar_keeps_every_button_at_1366_by_768(make_window, qtbot):
    window = make_window()
    window.fit_to(available(1366, 768, 1.0))
    # a long undo text must not widen the undo button
    from model.edits import SetCell

    window.doc.push(
        SetCell("t3.new_received@natural_person", 1), "填写表三“（六）其他处理2.申请人逾期未按收费通知要求缴纳费用”行"
    )
    QApplication.processEvents()
    toolbar = window.findChild(QWidget, "mainToolbar")
    hidden = [a.text() for a in toolbar.actions() if not a.isSeparator() and not toolbar.widgetForAction(a).isVisible()]
    assert hidden == []
    assert window.act_undo.text() == "撤销(&U)"
    assert "申请人逾期" in window.act_undo.toolTip()
    assert not [
        b for b in toolbar.findChildren(QToolButton) if b.objectName() == "qt_toolbar_ext_button" and b.isVisible()
    ]


@pytest.mark.gui
def test_a_saved_geometry_from_a_bigger_screen_is_brought_inside(make_window, qtbot):
    window = make_window()
    window.fit_to(QRect(0, 0, 2560, 1400))
    window.move(1200, 600)
    saved = window.saveGeometry()
    small = available(1366, 768, 1.5)
    window.fit_to(small, saved)
    room = screen_fit.room(small)
    assert window.size().boundedTo(room) == window.size()
    assert small.contains(window.pos())
    assert window.x() + window.width() <= small.right() + 1


SUBPROCESS = """
import json
from PySide6.QtWidgets import QApplication
from gui.app import make_application, open_first_window
app = make_application()
window = open_first_window()
window.ready.connect(app.quit)
app.exec()
app.processEvents()
avail = app.primaryScreen().availableGeometry()
print(json.dumps({"avail": [avail.width(), avail.height()], "size": [window.width(), window.height()],
                  "hint": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
                  "min": [window.minimumWidth(), window.minimumHeight()], "checks": window.checks.isVisibleTo(window)}))
"""


@pytest.mark.gui
@pytest.mark.parametrize("scale", ["1", "1.5"])
def test_a_real_start_at_1366_by_768_fits(tmp_path, scale):
    """A real start on a 1366×768 screen with QT_SCALE_FACTOR: the screen Qt reports, not a given area."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "office", "x": 0, "y": 0, "width": 1366, "height": 768}]}))
    env = dict(
        os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=scale, PYTHONPATH=str(ROOT)
    )
    out = subprocess.run(
        [sys.executable, "-c", SUBPROCESS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    aw, ah = got["avail"]
    assert (aw, ah) == (round(1366 / float(scale)), round(768 / float(scale))) or abs(aw - 1366 / float(scale)) < 2
    for key in ("size", "hint", "min"):
        assert got[key][0] <= aw and got[key][1] <= ah, (key, got)
    assert got["checks"] == (scale == "1")
