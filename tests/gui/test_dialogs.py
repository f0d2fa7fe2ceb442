"""The real message boxes behind gui.shell.dialogs (elsewhere the tests answer them with fakes): each button and
Esc give the answer the caller expects."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.shell import dialogs

ANSWERS = (("save", "保存"), ("discard", "不保存"), ("cancel", "取消"))


def _answer_with(action):
    """Act on the message box once it is on screen (exec() blocks until then)."""

    def act():
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        action(box)

    QTimer.singleShot(0, act)


@pytest.mark.parametrize(("button_text", "expected"), [("保存", "save"), ("不保存", "discard"), ("取消", "cancel")])
def test_each_button_gives_its_answer(qapp, button_text, expected):
    _answer_with(lambda box: next(b for b in box.buttons() if b.text() == button_text).click())
    assert dialogs._three_way(None, QMessageBox.Warning, "标题", "正文", "说明", ANSWERS) == expected


def test_escape_is_the_safe_answer(qapp, qtbot):
    _answer_with(lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    assert dialogs._three_way(None, QMessageBox.Warning, "标题", "正文", "说明", ANSWERS) == "cancel"


def test_enter_takes_the_default_first_answer(qapp, qtbot):
    _answer_with(lambda box: qtbot.keyClick(box, Qt.Key.Key_Return))
    assert dialogs._three_way(None, QMessageBox.Question, "标题", "正文", "说明", ANSWERS) == "save"
