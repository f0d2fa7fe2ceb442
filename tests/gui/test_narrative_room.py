"""The narrative editor gets the room at 1366×768 (issue 14): the guidance beside it can be hidden, and the
choice is remembered for every narrative page and the next start."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from gui.shell import settings


def test_hiding_the_guidance_widens_the_editor_and_is_remembered(make_window):
    window = make_window()
    window.fit_to(QRect(0, 0, 1366, 728))
    page = window.go_to_page("一")
    QApplication.processEvents()
    assert page.guidance.isVisible()
    narrow = page.editor.width()
    page.btn_guidance.click()
    QApplication.processEvents()
    assert not page.guidance.isVisible() and page.editor.width() > narrow + 250
    assert settings.guidance_visible() is False
    assert page.btn_guidance.text() == "显示说明(&S)"
    other = window.go_to_page("五")  # another narrative page follows the choice
    QApplication.processEvents()
    assert not other.guidance.isVisible()
    other.btn_guidance.click()
    QApplication.processEvents()
    assert other.guidance.isVisible() and settings.guidance_visible() is True
    window.go_to_page("一")  # back on the first page: it shows the guidance again
    QApplication.processEvents()
    assert page.guidance.isVisible()


def test_a_new_window_starts_with_the_remembered_choice(make_window):
    settings.set_guidance_visible(False)
    window = make_window()
    page = window.go_to_page("六")
    QApplication.processEvents()
    assert not page.guidance.isVisible()
