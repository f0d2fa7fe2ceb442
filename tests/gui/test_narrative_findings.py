"""A finding about a phrase of the narrative: the checks panel takes the clerk to it, selected."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from model.sample import load_sample
from model.report import Block
from tests.gui.conftest import type_text

pytestmark = pytest.mark.gui


def test_clicking_a_text_finding_selects_its_phrase(make_window):
    report = load_sample()
    report.narrative["一"].append(Block("paragraph", "  本年度被申请行政复议3件。"))
    window = make_window(report=report)
    f = next(f for f in window.doc.findings if f.rule_id == "TEXT_VS_TABLE")
    assert "表四行政复议总计为2件" in f.message
    window.go_to_page("preamble")
    view = window.checks.view
    item = view.item_for(f.id)
    view.tree.setCurrentItem(item)
    view.btn_go.click()
    page = window.pages["一"]
    assert window.current_key() == "一"
    assert page.editor.textCursor().selectedText() == "行政复议3件"


def test_typing_the_right_number_clears_the_finding(make_window, qtbot):
    report = load_sample()
    report.narrative["六"] = [Block("paragraph", "本年度被申请行政复议")]
    window = make_window(report=report)
    page = window.go_to_page("六")
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    type_text(page.editor, "3件。")
    # not on each keystroke: on the typing pause
    assert window.doc.text_check_pending
    assert not any(f.rule_id == "TEXT_VS_TABLE" for f in window.doc.findings_for_section("六"))
    qtbot.waitUntil(lambda: not window.doc.text_check_pending, timeout=3000)
    assert any(f.rule_id == "TEXT_VS_TABLE" for f in window.doc.findings_for_section("六"))
    page.editor.textCursor().deletePreviousChar()
    cursor = page.editor.textCursor()
    for _ in range(2):
        cursor.deletePreviousChar()
    page.editor.setTextCursor(cursor)
    type_text(page.editor, "2件。")
    assert window.doc.report.blocks("六")[0].text == "本年度被申请行政复议2件。"
    assert any(f.rule_id == "TEXT_VS_TABLE" for f in window.doc.findings_for_section("六"))  # still the old one
    window.go_to_page("final")  # the final page never shows a result older than the text
    assert not window.doc.text_check_pending
    assert not any(f.rule_id == "TEXT_VS_TABLE" for f in window.doc.findings_for_section("六"))


def test_typing_over_a_carried_paragraph_unmarks_it(make_window, qtbot):
    from model.rollover import roll_forward

    window = make_window(report=roll_forward(load_sample()))
    page = window.go_to_page("六")
    assert page.review_banner.isVisibleTo(page)
    n = sum(b.needs_review for b in window.doc.report.blocks("六"))
    assert n == 2  # the fee sentence and the proposals sentence, digits or not
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.Start)
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.EndOfBlock)
    type_text(page.editor, "另")
    blocks = window.doc.report.blocks("六")
    assert not blocks[0].needs_review and blocks[0].carried  # the clerk's own now; last year's words kept
    assert blocks[1].needs_review
    assert page.editor.document().begin().blockFormat().background().style() == Qt.BrushStyle.NoBrush
    assert "1 段" in page.review_banner.text()


def test_the_page_shows_how_much_repeats_last_year(make_window, qtbot):
    from model.rollover import roll_forward

    window = make_window(report=roll_forward(load_sample()))
    page = window.go_to_page("一")
    assert page.repeat_label.isVisibleTo(page) and page.repeat_label.text() == "与上年相同：100%"
    assert len(page.editor.extraSelections()) > 5  # each copied sentence shaded
    page.editor.selectAll()
    type_text(page.editor, "本年度新建政务公开专区，访问量明显增加，群众获取信息更加便捷。")
    qtbot.waitUntil(lambda: not window.doc.text_check_pending, timeout=3000)
    assert page.repeat_label.text() == "与上年相同：0%" and page.editor.extraSelections() == []
