"""Smaller promises of the shell: a second running copy never takes the first one's
recovery file, pictures pasted from the clipboard, keyboard routes to the navigator and the checks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage

from gui.session import autosave
from model.edits import SetMeta
from model.report import new_report

pytestmark = pytest.mark.gui


def test_a_running_copys_recovery_file_is_not_offered(make_window, fake_dialogs):
    first = make_window()
    first.doc.push(SetMeta("agency", "正在编辑"), "机关")
    assert first.autosaver.save_now()
    assert autosave.in_use(first.autosaver.path)
    fake_dialogs.recover = "drop"
    second = make_window()
    assert second.files.offer_recovery() is False
    assert "ask_recover" not in fake_dialogs.names()
    assert first.autosaver.path.exists()


def test_paste_a_picture_into_a_section(make_window, qtbot):
    window = make_window(report=new_report("某某局", 2025))
    page = window.go_to_page("一")
    image = QImage(30, 30, QImage.Format_RGB32)
    image.fill(QColor("#c62828"))
    QGuiApplication.clipboard().setImage(image)
    page.editor.setFocus()
    qtbot.keyClick(page.editor, Qt.Key_V, Qt.ControlModifier)
    blocks = window.doc.report.blocks("一")
    assert [b.kind for b in blocks] == ["image"] and blocks[0].image.startswith(b"\x89PNG")


def test_keyboard_reaches_navigator_and_checks(make_window):
    window = make_window(report=new_report("某某局", 2025))
    window.activateWindow()
    window.act_focus_checks.trigger()
    assert window.checks.isVisible()
    window.act_focus_nav.trigger()
    window.go_to_page("final")
    assert not window.checks.isVisible()  # the final page shows the list itself
    window.go_to_page("一")
    assert window.checks.isVisible()
