"""Narrative pages (guidance, sub-headings, pictures, review marks, character count) and the checks panel's
explanations for warnings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from model.edits import SetBlocks
from model.report import Block, new_report
from tests.gui.conftest import type_text

pytestmark = pytest.mark.gui
REVIEW_RULE = "TEXT_STALE_YEAR"


def test_guidance_and_suggested_headings_beside_the_editor(make_window):
    window = make_window(report=new_report("某某局", 2025))
    page = window.go_to_page("一")
    guidance = window.doc.report.format.section("一").guidance
    assert guidance in [w.text() for w in page.findChildren(type(page.count_label))]
    page.insert_heading("（一）主动公开")
    type_text(page.editor, "全年主动公开信息100条。")
    blocks = window.doc.report.blocks("一")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "（一）主动公开"),
        ("paragraph", "全年主动公开信息100条。"),
    ]
    assert page.count_label.text() == "字数：" + str(len("（一）主动公开全年主动公开信息100条。"))


def test_enter_after_a_heading_starts_a_paragraph(make_window, qtbot):
    window = make_window(report=new_report("某某局", 2025))
    page = window.go_to_page("五")
    page.btn_heading.click()  # inserts the default heading, selected
    type_text(page.editor, "（一）存在的问题")
    qtbot.keyClick(page.editor, Qt.Key_Return)
    type_text(page.editor, "公开意识有待增强。")
    assert [(b.kind, b.text) for b in window.doc.report.blocks("五")] == [
        ("heading", "（一）存在的问题"),
        ("paragraph", "公开意识有待增强。"),
    ]


def test_insert_picture_keeps_its_bytes(make_window, tmp_path):
    window = make_window(report=new_report("某某局", 2025))
    page = window.go_to_page("一")
    image = QImage(40, 20, QImage.Format_RGB32)
    image.fill(QColor("#1f5fa8"))
    path = tmp_path / "图.png"
    image.save(str(path))
    assert page.insert_image_file(str(path))
    blocks = window.doc.report.blocks("一")
    assert len(blocks) == 1 and blocks[0].kind == "image"
    assert blocks[0].image == path.read_bytes() and blocks[0].image_type == "png"
    window.act_undo.trigger()
    assert window.doc.report.blocks("一") == []


def test_review_marks_are_shown_and_cleared(make_window):
    report = new_report("某某局", 2025)
    report.narrative["五"] = [
        Block(text="沿用的第一段。", review="沿用上年"),
        Block(text="沿用的第二段。", review="沿用上年"),
    ]
    window = make_window(report=report)
    page = window.go_to_page("五")
    assert page.review_banner.isVisibleTo(page) and "2 段" in page.review_banner.text()
    assert any(f.section == "五" and f.rule_id == REVIEW_RULE for f in window.doc.findings)
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.Start)
    page.btn_review_one.click()
    assert [b.review for b in window.doc.report.blocks("五")] == ["", "沿用上年"]
    page.btn_review_all.click()
    assert [b.review for b in window.doc.report.blocks("五")] == ["", ""]
    assert not page.review_banner.isVisibleTo(page)
    window.act_undo.trigger()
    assert [b.review for b in window.doc.report.blocks("五")] == ["", "沿用上年"]


def test_undo_of_an_outside_change_redraws_the_editor(make_window):
    window = make_window()
    page = window.go_to_page("六")
    window.doc.push(SetBlocks("六", (Block(text="替换后的文字。"),)), "替换")
    assert page.editor.toPlainText() == "替换后的文字。"
    window.act_undo.trigger()
    assert page.editor.toPlainText().startswith("本年度未发出信息处理费收费通知")


def test_acknowledge_a_warning_from_the_panel(make_window, fake_dialogs):
    window = make_window(report=new_report("某某局", 2025))
    view = window.checks.view
    item = next(i for i in view.items() if i.data(0, Qt.UserRole + 1).id == "META_PUBLICATION_MISSING")
    view.tree.setCurrentItem(item)
    assert view.btn_ack.isEnabled()
    fake_dialogs.ack_text = "短"
    view.btn_ack.click()
    assert "show_error" in fake_dialogs.names()  # the model refuses fewer than six characters
    assert "META_PUBLICATION_MISSING" not in window.doc.report.acks
    fake_dialogs.ack_text = "落款日期待印发时由办公室统一填写"
    view.btn_ack.click()
    assert window.doc.report.acks["META_PUBLICATION_MISSING"].text == "落款日期待印发时由办公室统一填写"
    item = view.item_for("META_PUBLICATION_MISSING")
    assert item.foreground(0).color().name() == "#7a7a7a"  # acknowledged: grey
    assert "已说明" in item.toolTip(0)
    view.tree.setCurrentItem(item)
    view.btn_unack.click()
    assert "META_PUBLICATION_MISSING" not in window.doc.report.acks


def test_errors_cannot_be_acknowledged(make_window):
    from model.edits import SetCell

    report = new_report("某某局", 2025)
    window = make_window(report=report)
    window.doc.push(SetCell(report.format.table_cells("t3")[0], 5), "填写")
    view = window.checks.view
    error = next(f for f in window.doc.findings if f.severity == "error")
    view.tree.setCurrentItem(view.item_for(error.id))
    assert not view.btn_ack.isEnabled()
    assert view.summary.property("state") == "error"


def test_final_page_lists_every_finding(make_window):
    window = make_window(report=new_report("某某局", 2025))
    page = window.go_to_page("final")
    ids = {i.data(0, Qt.UserRole + 1).id for i in page.findings.items()}
    assert ids == {f.id for f in window.doc.findings}
    assert "提示" in page.summary.text()
