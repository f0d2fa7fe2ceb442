"""起草 on a narrative page: the paragraphs drafted from the numbers come after the clerk's text, marked for
review, as one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from model.narrative.draft import draft
from model.report import Block
from model.sample import load_sample


def test_draft_goes_after_the_clerks_text_and_one_undo_removes_it(make_window, qtbot):
    report = load_sample()
    report.narrative["一"] = [Block("paragraph", "本机关认真贯彻落实条例。")]
    expected = draft(report, "一").paragraphs
    window = make_window(report=report)
    page = window.go_to_page("一")
    QApplication.processEvents()
    assert page.btn_draft.isVisible()
    qtbot.mouseClick(page.btn_draft, Qt.MouseButton.LeftButton)
    blocks = window.doc.report.blocks("一")
    assert blocks[0].text == "本机关认真贯彻落实条例。" and not blocks[0].review
    assert tuple(b.text for b in blocks[1:]) == expected and expected
    assert all(b.needs_review for b in blocks[1:])
    assert page.editor.blocks()[-1].text == expected[-1]  # shown in the editor too
    assert page.review_banner.isVisibleTo(page) and f"{len(expected)} 段" in page.review_banner.text()
    window.doc.undo_stack.undo()
    QApplication.processEvents()
    assert [b.text for b in window.doc.report.blocks("一")] == ["本机关认真贯彻落实条例。"]
    assert [b.text for b in page.editor.blocks()] == ["本机关认真贯彻落实条例。"]
    assert not page.review_banner.isVisibleTo(page)


def test_no_draft_button_where_the_format_has_no_templates(make_window):
    window = make_window(report=load_sample())
    page = window.go_to_page("五")
    QApplication.processEvents()
    assert not page.btn_draft.isVisible()


def test_the_opening_page_drafts_the_statistics_period(make_window, qtbot):
    report = load_sample()
    report.narrative["preamble"] = []
    window = make_window(report=report)
    page = window.go_to_page("preamble")
    QApplication.processEvents()
    qtbot.mouseClick(page.btn_draft, Qt.MouseButton.LeftButton)
    texts = [b.text for b in window.doc.report.blocks("preamble")]
    assert texts == list(draft(report, "preamble").paragraphs)
    assert f"统计期限自{report.meta.year}年1月1日" in texts[0]
