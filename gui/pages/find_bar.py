"""The 查找/替换 bar of a narrative page (Ctrl+F, Ctrl+H): hidden until asked for, Esc closes it.

It only asks; the page does the finding and replacing (model/narrative/find.py) through its normal edit path.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from gui import texts


class _Field(QLineEdit):
    """Enter = next, Shift+Enter = previous, Esc = close."""

    step = Signal(int)
    close_bar = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step.emit(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar.emit()
            return
        super().keyPressEvent(event)


class FindBar(QFrame):
    step = Signal(int)  # find the next (1) / previous (-1) occurrence
    replace_one = Signal()
    replace_every = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findBar")
        # Two rows, so that beside the guidance on a 1366×768 screen the bar never widens the page.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        top, bottom = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(top)
        rows.addLayout(bottom)
        self.find_edit = _Field()
        self.find_edit.setPlaceholderText(texts.FIND_PLACEHOLDER)
        self.find_edit.setAccessibleName(texts.FIND_LABEL)
        self.replace_edit = _Field()
        self.replace_edit.setPlaceholderText(texts.REPLACE_PLACEHOLDER)
        self.replace_edit.setAccessibleName(texts.REPLACE_LABEL)
        self.btn_prev = QPushButton(texts.FIND_PREV)
        self.btn_next = QPushButton(texts.FIND_NEXT)
        self.btn_replace = QPushButton(texts.REPLACE_ONE)
        self.btn_replace_all = QPushButton(texts.REPLACE_ALL)
        self.btn_close = QPushButton(texts.FIND_CLOSE)
        self.status = QLabel()
        self.status.setObjectName("muted")
        for w in (self.find_edit, self.replace_edit):
            w.step.connect(self.step)
            w.close_bar.connect(self.close_bar)
        self.btn_prev.clicked.connect(lambda: self.step.emit(-1))
        self.btn_next.clicked.connect(lambda: self.step.emit(1))
        self.btn_replace.clicked.connect(self.replace_one)
        self.btn_replace_all.clicked.connect(self.replace_every)
        self.btn_close.clicked.connect(self.close_bar)
        top.addWidget(self.find_edit, 1)
        top.addWidget(self.btn_prev)
        top.addWidget(self.btn_next)
        top.addWidget(self.btn_close)
        bottom.addWidget(self.replace_edit, 1)
        bottom.addWidget(self.btn_replace)
        bottom.addWidget(self.btn_replace_all)
        rows.addWidget(self.status)
        self.hide()

    def open(self, replace: bool, selected: str = "") -> None:
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.show()
        target = self.replace_edit if replace and self.find_edit.text() else self.find_edit
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        target.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()
