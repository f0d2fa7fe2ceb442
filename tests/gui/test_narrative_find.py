"""查找/替换 on the narrative pages (Ctrl+F, Ctrl+H) and next/previous mark (F3, Shift+F3)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from model.report import Block
from model.rollover import roll_forward
from model.sample import load_sample
from tests.gui.conftest import type_text

pytestmark = pytest.mark.gui

TEXT = ["本局全年主动公开信息120条。", "本局收到申请5件，本局均已答复。"]


def page_with(make_window, qtbot, paras=TEXT, report=None):
    report = report or load_sample()
    report.narrative["六"] = [Block("paragraph", t) for t in paras]
    window = make_window(report=report)
    page = window.go_to_page("六")
    activate(window, qtbot)
    page.editor.setFocus()
    return window, page


def activate(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def press(window, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key as the keyboard delivers it (through the window, so the page's shortcuts see it)."""
    from PySide6.QtTest import QTest

    QTest.keyClick(window.windowHandle(), key, modifier)


def test_ctrl_f_opens_the_bar_and_enter_walks_the_occurrences(make_window, qtbot):
    window, page = page_with(make_window, qtbot)
    assert not page.find_bar.isVisible()
    press(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.find_bar.isVisible() and page.find_bar.find_edit.hasFocus()
    type_text(page.find_bar.find_edit, "本局")
    assert page.find_bar.status.text() == "共 3 处"
    seen = []
    for _ in range(4):
        qtbot.keyClick(page.find_bar.find_edit, Qt.Key.Key_Return)
        seen.append(page.editor.model_position())
        assert page.editor.textCursor().selectedText() == "本局"
    assert seen == [(0, 0), (1, 0), (1, 9), (0, 0)]  # and round again
    qtbot.keyClick(page.find_bar.find_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert page.editor.model_position() == (1, 9)
    assert page.find_bar.status.text() == "第 3 处，共 3 处"
    qtbot.keyClick(page.find_bar.find_edit, Qt.Key.Key_Escape)
    assert not page.find_bar.isVisible() and page.editor.hasFocus()


def test_replace_all_is_one_undo_step_through_the_normal_edit_path(make_window, qtbot):
    window, page = page_with(make_window, qtbot)
    press(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert page.find_bar.isVisible() and page.find_bar.find_edit.hasFocus()  # nothing to find yet
    type_text(page.find_bar.find_edit, "本局")
    type_text(page.find_bar.replace_edit, "本机关")
    page.find_bar.btn_replace_all.click()
    assert [b.text for b in window.doc.report.blocks("六")] == [
        "本机关全年主动公开信息120条。",
        "本机关收到申请5件，本机关均已答复。",
    ]
    assert page.editor.toPlainText().count("本机关") == 3  # the editor shows the model's text
    assert page.find_bar.status.text() == "已替换 3 处"
    assert window.doc.undo_stack.undoText() == "在“第六部分”中把“本局”替换为“本机关”".replace("第六部分", page.title)
    window.doc.undo_stack.undo()
    assert [b.text for b in window.doc.report.blocks("六")] == TEXT
    assert page.editor.toPlainText().count("本局") == 3


def test_replace_replaces_the_selected_occurrence_and_moves_on(make_window, qtbot):
    window, page = page_with(make_window, qtbot)
    page.open_find(replace=True)
    type_text(page.find_bar.find_edit, "本局")
    type_text(page.find_bar.replace_edit, "我局")
    page.find_bar.btn_replace.click()  # nothing selected yet: finds the first
    assert [b.text for b in window.doc.report.blocks("六")] == TEXT
    assert page.editor.model_position() == (0, 0)
    page.find_bar.btn_replace.click()
    assert window.doc.report.blocks("六")[0].text == "我局全年主动公开信息120条。"
    assert page.editor.model_position() == (1, 0) and page.editor.textCursor().selectedText() == "本局"
    page.find_bar.btn_replace.click()
    page.find_bar.btn_replace.click()
    assert [b.text for b in window.doc.report.blocks("六")] == [
        "我局全年主动公开信息120条。",
        "我局收到申请5件，我局均已答复。",
    ]
    assert page.find_bar.status.text() == "本部分没有找到“本局”"
    for _ in range(3):
        window.doc.undo_stack.undo()
    assert [b.text for b in window.doc.report.blocks("六")] == TEXT


def test_ctrl_f_takes_the_selected_words(make_window, qtbot):
    window, page = page_with(make_window, qtbot)
    page.editor.select_phrase(0, 6, 8, "公开")
    press(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.find_bar.find_edit.text() == "公开"
    assert page.find_bar.status.text() == "共 1 处"


def test_f3_walks_the_marked_phrases_and_shift_f3_goes_back(make_window, qtbot):
    paras = ["2024年，本局扎实推进政务公开。", "本年度被申请行政复议3件。"]
    window, page = page_with(make_window, qtbot, paras)
    window.doc.recheck_text() if window.doc.text_check_pending else None
    marked = page.marks()
    assert len(marked) == 2  # a year of last year, a number that is not 表四's
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.Start)
    press(window, Qt.Key.Key_F3)
    assert page.editor.textCursor().selectedText().startswith("2024年")
    press(window, Qt.Key.Key_F3)
    assert page.editor.textCursor().selectedText() == "行政复议3件"
    assert page.mark_label.text().startswith("标记 2/2")
    press(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert page.editor.textCursor().selectedText().startswith("2024年")


def test_f3_reaches_the_sentences_copied_from_last_year(make_window, qtbot):
    report = roll_forward(load_sample())
    window = make_window(report=report)
    page = window.go_to_page("五")
    activate(window, qtbot)
    page.editor.setFocus()
    if window.doc.text_check_pending:
        window.doc.recheck_text()
    page.refresh()
    assert page._repeat_spans and set(page._repeat_spans) <= set(page.marks())
    press(window, Qt.Key.Key_F3)
    index, start, end = page.marks()[0]
    assert page.editor.model_position() == (index, start)


def test_f3_with_nothing_marked_says_so(make_window, qtbot):
    window, page = page_with(make_window, qtbot, ["本局全年主动公开信息120条。"])
    press(window, Qt.Key.Key_F3)
    assert page.mark_label.text() == "本部分没有标出的年份、数字或与上年相同的句子"


@pytest.mark.parametrize("guidance", [True, False])
def test_the_open_bar_never_makes_the_page_scroll_sideways_at_1366_by_768(make_window, qtbot, guidance):
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication, QScrollArea

    window = make_window()
    window.fit_to(QRect(0, 0, 1366, 728))  # 1366×768 less a 40 px taskbar
    page = window.go_to_page("一")
    page.set_guidance_visible(guidance, remember=False)
    page.open_find(replace=True)
    QApplication.processEvents()
    assert page.find_bar.isVisible()
    sideways = [
        a
        for a in window.findChildren(QScrollArea)
        if a.isVisible() and a.horizontalScrollBar().isVisible() and a.objectName() == "pageScroll"
    ]
    assert sideways == []
