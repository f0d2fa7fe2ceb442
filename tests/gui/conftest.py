"""GUI test helpers: no modal dialog ever blocks (every `gui.shell.dialogs` function is replaced by a recorder
with a scripted answer), and a factory for main windows on the sample, a new report or a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class FakeDialogs:
    """Answers for gui.shell.dialogs; `calls` records (name, args) in order."""

    unsaved: str = "discard"
    save_error_wants_save_as: bool = False
    force_export: bool = False
    export_without_date: bool = True
    backup_choice: int | None = 0
    recover: str = "later"
    locked: str = "readonly"  # ask_locked: "readonly" | "copy" | "cancel"
    ack_text: str | None = None
    new_report: tuple[str, int] | None = None
    calls: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


@pytest.fixture(autouse=True)
def fake_dialogs(monkeypatch) -> FakeDialogs:
    from gui.shell import dialogs

    fake = FakeDialogs()

    def recorder(name, answer):
        def fn(*args, **_kwargs):
            fake.calls.append((name, args))
            return answer()

        return fn

    for name, answer in (
        ("ask_unsaved", lambda: fake.unsaved),
        ("show_save_error", lambda: fake.save_error_wants_save_as),
        ("show_error", lambda: None),
        ("show_info", lambda: None),
        ("confirm_force_export", lambda: fake.force_export),
        ("confirm_no_date", lambda: fake.export_without_date),
        ("ask_recover", lambda: fake.recover),
        ("ask_locked", lambda: fake.locked),
        ("ask_ack", lambda: fake.ack_text),
        ("ask_new_report", lambda: fake.new_report),
        ("show_import_log", lambda: None),
        ("choose_backup", lambda: fake.backup_choice),
        ("show_about", lambda: None),
    ):
        monkeypatch.setattr(dialogs, name, recorder(name, answer))
    return fake


@pytest.fixture
def make_window(qtbot):
    """make_window(path=None, report=None) → a shown MainWindow; with neither, the built-in sample."""
    from gui.app import build_main_window
    from gui.session.document import Document
    from gui.shell.main_window import MainWindow

    windows = []

    def make(path=None, report=None):
        if report is not None:
            doc = Document(report)
            doc.untitled_name = "测试报告"
            window = MainWindow(doc, version="测试")
        else:
            window = build_main_window(path)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for w in windows:  # leave nothing unsaved that would prompt during teardown
        try:
            w.doc.undo_stack.setClean()
        except RuntimeError:
            pass


def type_text(widget, text: str) -> None:
    """Type text the way a keyboard (or an input method) delivers it. QTest.keyClicks only knows ASCII."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    target = widget.focusProxy() or widget
    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))
