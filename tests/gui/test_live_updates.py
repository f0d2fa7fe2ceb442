"""Views follow the session's findings delta: in place, once per edit, and hidden pages only when shown."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from gui.pages.protocol import Page  # noqa: E402
from gui.session.document import Document  # noqa: E402
from gui.shell.checks_panel import FINDING_ROLE, FindingsView  # noqa: E402
from model.edits import SetBlocks, SetCell, SetMeta  # noqa: E402
from model.report import Block, new_report  # noqa: E402

T4_CELL = "t4.review.upheld"


def rows(view: FindingsView) -> list[tuple[str, str]]:
    return [(i.data(0, FINDING_ROLE).id, i.text(0)) for i in view.items()]


def test_the_checks_panel_changes_only_the_rows_of_the_delta(make_window, qtbot):
    window = make_window(report=new_report("某某局", 2025))
    window.checks.show()  # (it starts hidden on a small screen)
    view = window.checks.view
    assert view.isVisible()
    before = {i.data(0, FINDING_ROLE).id: i for i in view.items()}
    outcomes = []
    window.doc.edited.connect(outcomes.append)
    window.doc.push(SetCell(T4_CELL, 3), "填写")
    delta = outcomes[-1].delta
    assert delta  # the unfilled-cell warning of 表四 changed, and more
    for fid, item in before.items():
        if fid not in delta.ids():
            assert view.item_for(fid) is item  # the same row: nothing was cleared and rebuilt
    assert {fid for fid, _ in rows(view)} == {f.id for f in window.doc.findings}
    # The rows read as a list built afresh would.
    fresh = FindingsView(window.doc)
    qtbot.addWidget(fresh)
    fresh.show()
    assert rows(view) == rows(fresh)
    window.doc.undo_stack.undo()
    assert rows(view) == [(fid, item.text(0)) for fid, item in before.items()]


def test_a_hidden_final_page_is_stale_and_redraws_when_shown(make_window):
    window = make_window(report=new_report("某某局", 2025))
    final = window.go_to_page("final")
    window.go_to_page("meta")
    window.doc.push(SetMeta("agency", ""), "改机关")  # an error appears while the final page is hidden
    assert final.findings._stale
    window.go_to_page("final")
    assert not final.findings._stale
    assert {fid for fid, _ in rows(final.findings)} == {f.id for f in window.doc.findings}
    assert "错误" in final.summary.text()


def test_the_navigator_updates_once_per_edit_undo_and_redo(make_window):
    window = make_window(report=new_report("某某局", 2025))
    calls = []
    real = window.navigator.update_states
    window.navigator.update_states = lambda *a: (calls.append(1), real(*a))  # type: ignore[method-assign]
    window.set_document(Document(new_report("某某局", 2025)))
    calls.clear()
    window.doc.push(SetBlocks("一", (Block("paragraph", "本年度主动公开政府信息情况如下。"),)), "写")
    assert len(calls) == 1
    assert window.navigator.state_of("一") != "empty"
    window.doc.undo_stack.undo()
    window.doc.undo_stack.redo()
    assert len(calls) == 3


def test_every_page_meets_the_page_protocol(make_window):
    window = make_window(report=new_report("某某局", 2025))
    for key in window.pages:
        page = window.go_to_page(key)
        assert isinstance(page, Page) and page.key == key


def test_a_refusal_on_a_table_page_is_said_there_and_elsewhere_in_a_dialog(make_window, fake_dialogs, qtbot):
    window = make_window(report=new_report("某某局", 2025))
    table = window.go_to_page("四")
    assert not window.doc.push(SetCell("t4.review.total", 3), "填写")  # a computed total
    assert "自动计算" in table.status.text() and "自动计算" in window.statusBar().currentMessage()
    assert "show_error" not in fake_dialogs.names()
    window.doc.notices.done("已保存：报告.nianbao", scope="file")  # about the file: the status bar only
    assert "自动计算" in table.status.text() and "已保存" in window.statusBar().currentMessage()
    window.go_to_page("meta")
    assert not window.doc.push(SetMeta("year", "2026"), "改年度")
    assert "show_error" in fake_dialogs.names()
    assert "年份" in window.statusBar().currentMessage()
    assert window.doc.report.meta.year == 2025
