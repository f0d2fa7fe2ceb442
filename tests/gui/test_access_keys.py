"""Access keys (issue 14): no two commands visible together share an Alt+letter — within the menu bar,
each menu, each page with the menu bar, footer and checks panel beside it, and each dialog — and the
questions' buttons all have one. (Alt+E on the final page once opened 编辑, and Enter then ran 撤销.)"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QMessageBox, QWidget

from gui.shell import dialogs
from model.errors import ExportRefused, SaveFailed
from model.report import new_report
from model.rollover import roll_forward
from model.sample import load_sample

# The real dialog functions, before tests/gui/conftest.py replaces them with scripted answers.
REAL = {
    name: getattr(dialogs, name)
    for name in ("ask_unsaved", "show_save_error", "confirm_force_export", "ask_recover", "confirm_no_date")
}


def key_of(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).upper() if found else None


def clashes(texts: list[str]) -> dict[str, list[str]]:
    keys = Counter(k for k in map(key_of, texts) if k)
    return {k: [t for t in texts if key_of(t) == k] for k, n in keys.items() if n > 1}


def menu_scopes(menu: QMenu, path: str = "") -> list[tuple[str, list[str]]]:
    items = [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]
    scopes = [(path or menu.title(), [a.text() for a in items])]
    for a in items:
        if a.menu() is not None:
            scopes += menu_scopes(a.menu(), f"{path}/{a.text()}")
    return scopes


def window_keys(window) -> list[str]:
    """Every access key live in the main window now: the menu bar's titles and each visible button or
    label with a buddy (QAbstractButton and QLabel register theirs as window-wide shortcuts)."""
    texts = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.window() is not window:
            continue
        if isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and w.buddy() is not None):
            texts.append(w.text())
    return texts


@pytest.mark.gui
@pytest.mark.parametrize("which", ["sample", "new", "rolled"])
def test_no_page_shares_an_access_key_with_the_menu_bar_or_its_neighbours(make_window, qtbot, which):
    report = {
        "sample": load_sample,
        "new": lambda: new_report("测试局", 2026),
        "rolled": lambda: roll_forward(load_sample()),
    }[which]()
    window = make_window(report=report)
    menus = [a.menu() for a in window.menuBar().actions()]
    assert clashes([a.text() for a in window.menuBar().actions()]) == {}
    for menu in menus:
        window.update_recent()
        for name, texts in menu_scopes(menu):
            assert clashes(texts) == {}, name
    for key in [window.navigator.key_at(r) for r in range(window.navigator.count())]:
        window.go_to_page(key)
        QApplication.processEvents()
        assert clashes(window_keys(window)) == {}, key


@pytest.fixture
def shown_boxes(monkeypatch):
    """The message boxes the real dialog functions build, shown but not run modally."""
    boxes: list[QMessageBox] = []

    def run(box):
        box.show()
        QApplication.processEvents()
        boxes.append(box)
        return 0

    monkeypatch.setattr(dialogs, "_run", run)
    yield boxes
    for box in boxes:
        box.close()
        box.deleteLater()


def test_every_question_button_has_its_own_access_key(qapp, shown_boxes):
    REAL["ask_unsaved"](None, "测试报告")
    REAL["show_save_error"](None, SaveFailed("文件没有保存成功。", "请换个位置。"))
    REAL["confirm_force_export"](None, ExportRefused("报告中还有1个强制性错误。", ExportRefused.hint))
    REAL["ask_recover"](None, ["“报告”（尚未保存过的报告，自动保存于 10:00）"])
    REAL["confirm_no_date"](None, "报告没有填写落款日期。")
    assert len(shown_boxes) == 5
    for box in shown_boxes:
        labels = [b.text() for b in box.buttons()]
        assert all(key_of(t) for t in labels), labels
        assert clashes(labels) == {}, labels
    unsaved = [b.text() for b in shown_boxes[0].buttons()]
    assert {key_of(t) for t in unsaved} == {"S", "N", "C"}  # 保存(S) 不保存(N) 取消(C)


def test_a_box_is_wide_enough_for_its_whole_title(qapp, shown_boxes):
    """报告中还有错误 — 政府信息公开年报助手 read "报告中还有错…公开年报助手" in a box sized by its short text."""
    REAL["confirm_force_export"](None, ExportRefused("有错误。", "改正后再导出。"))
    box = shown_boxes[0]
    title = f"{box.windowTitle()} — 政府信息公开年报助手"
    assert box.width() >= box.fontMetrics().horizontalAdvance(title) + dialogs.TITLE_BAR_EXTRA
