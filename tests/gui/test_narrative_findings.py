"""A finding about a phrase of the narrative: the checks panel takes the clerk to it, selected."""

from __future__ import annotations

import pytest

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
