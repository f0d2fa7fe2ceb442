"""Keyboard entry as on a real office PC (issue 14): the page follows the current cell, Enter goes down and
Tab right as in Excel and WPS, a refusal leaves the screen once the value is fixed, and Qt warns of nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtCore import Qt

from model.report import new_report
from model.sample import load_sample
from tests.gui.pages import make_page
from tests.gui.test_table_entry import NP, type_into


# What the offscreen test platform itself says of any window; a real desktop never prints it.
PLATFORM_NOISE = {"This plugin does not support propagateSizeHints()", "This plugin does not support raise()"}


@pytest.fixture
def qt_messages():
    """Every warning Qt prints while the test runs (qInstallMessageHandler), to assert there are none."""
    seen: list[str] = []

    def handler(kind, _context, text):
        if kind != QtMsgType.QtDebugMsg and text not in PLATFORM_NOISE:
            seen.append(text)

    previous = qInstallMessageHandler(handler)
    yield seen
    qInstallMessageHandler(previous)


def cell_in_sight(page, key: str | None = None) -> bool:
    """Whether the current cell (or `key`) lies wholly inside the page's visible area."""
    view = page.view
    index = page.model.index_of(key) if key else view.currentIndex()
    rect = view.visualRect(index)
    top_left = view.viewport().mapTo(page.scroll_area.viewport(), rect.topLeft())
    bottom = top_left.y() + rect.height()
    return top_left.y() >= 0 and bottom <= page.scroll_area.viewport().height()


def test_down_twenty_times_keeps_the_current_cell_in_sight(qtbot, qt_messages):
    page = make_page(qtbot, new_report("测试局", 2026), "三", width=1000, height=420)
    view = page.view
    view.select_key(NP)
    view.setFocus()
    assert cell_in_sight(page)
    moved = []
    for _ in range(20):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        moved.append(view.current_key())
        assert cell_in_sight(page), f"{view.current_key()} is out of sight"
    assert page.scroll_area.verticalScrollBar().value() > 0  # the page did scroll to follow
    assert len(set(moved)) > 10
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert cell_in_sight(page)
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert cell_in_sight(page)
    assert qt_messages == []


def test_typing_down_the_column_with_enter_writes_into_visible_cells(qtbot, qt_messages):
    page = make_page(qtbot, new_report("测试局", 2026), "三", width=1000, height=420)
    view = page.view
    view.select_key(NP)
    view.setFocus()
    typed = []
    for i in range(20):
        key = view.current_key()
        if key is None or not page.model.is_editable(key):
            qtbot.keyClick(view, Qt.Key.Key_Down)
            continue
        type_into(qtbot, page, key, str(i + 1))
        typed.append(key)
        assert cell_in_sight(page)
    assert len(typed) > 10
    assert all(k.endswith("@natural_person") for k in typed)  # Enter stays in the column, as in Excel
    assert page.doc.report.value(typed[0]) == 1
    assert qt_messages == []  # no "commitData called with an editor that does not belong to this view"


def test_enter_goes_down_and_tab_goes_right(qtbot):
    page = make_page(qtbot, load_sample())
    type_into(qtbot, page, NP, "40", end=Qt.Key.Key_Return)
    assert page.view.current_key() == "t3.carried_over_in@natural_person"
    type_into(qtbot, page, NP, "41", end=Qt.Key.Key_Tab)
    assert page.view.current_key() == "t3.new_received@legal.commercial"
    page.view.select_key(NP)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)  # without editing, too
    assert page.view.current_key() == "t3.carried_over_in@natural_person"


def test_a_refusal_goes_once_the_value_is_fixed(qtbot, qt_messages):
    page = make_page(qtbot, load_sample())
    type_into(qtbot, page, NP, "3.5")
    assert "整数" in page.status.text() and page.status.isVisible()
    editor = page.view.indexWidget(page.view.currentIndex())
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert page.doc.report.value(NP) == 3
    assert page.status.text() == "" and not page.status.isVisible()
    assert qt_messages == []


def test_a_sticky_header_scrolled_into_view_gets_no_commits(qtbot, qt_messages):
    """The pinned header strip shows while the table's own headers are scrolled away; typing then must
    reach the table alone."""
    page = make_page(qtbot, new_report("测试局", 2026), "三", width=1000, height=420)
    page.scroll_area.verticalScrollBar().setValue(page.scroll_area.verticalScrollBar().maximum())
    keys = page.view.entry_keys()
    type_into(qtbot, page, keys[-1], "5", end=Qt.Key.Key_Tab)
    type_into(qtbot, page, keys[-2], "6")
    assert page.sticky_header.isVisible()
    assert page.doc.report.value(keys[-1]) == 5 and page.doc.report.value(keys[-2]) == 6
    assert qt_messages == []


def test_a_decimal_keeps_the_digits_typed(qtbot):
    """收费 in 万元: 1234.50 shows and stays 1234.50, not 1234.5 (issue 14)."""
    page = make_page(qtbot, load_sample(), "二")
    key = "t2.art20_8.admin_fee.amount"
    type_into(qtbot, page, key, "1234.50")
    assert page.model.index_of(key).data() == "1234.50"
    assert str(page.doc.report.value(key)) == "1234.50"
