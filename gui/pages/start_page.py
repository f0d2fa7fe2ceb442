"""开始: the three ways in (from last year's report, blank, open a project) and the recent files.

The page only emits requests; the main window owns the file actions.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import texts
from gui.pages.base import heading, intro, page_layout
from model.checks import Finding


class StartPage(QWidget):
    key = "start"
    shows_notices = False
    import_requested = Signal()
    new_requested = Signal()
    open_requested = Signal()
    continue_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, current_title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        lay = page_layout(self)
        lay.addWidget(heading(texts.START_HEADING))
        lay.addWidget(intro(texts.START_INTRO))
        lay.addSpacing(8)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        self.btn_import = self._card(
            grid, 0, texts.START_IMPORT, texts.START_IMPORT_DESC, self.import_requested, primary=True
        )
        self.btn_new = self._card(grid, 1, texts.START_NEW, texts.START_NEW_DESC, self.new_requested)
        self.btn_open = self._card(grid, 2, texts.START_OPEN, texts.START_OPEN_DESC, self.open_requested)
        lay.addLayout(grid)
        self.btn_continue = QPushButton(f"{texts.START_CONTINUE}：{current_title}")
        self.btn_continue.setObjectName("linkButton")
        self.btn_continue.setCursor(Qt.CursorShape.PointingHandCursor)
        self.btn_continue.clicked.connect(self.continue_requested)
        self.btn_continue.setVisible(bool(current_title))
        lay.addWidget(self.btn_continue, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addSpacing(12)
        lay.addWidget(heading(texts.START_RECENT, level=2))
        self.recent = QListWidget()
        self.recent.setObjectName("recentList")
        self.recent.setAccessibleName(texts.START_RECENT)
        self.recent.itemActivated.connect(lambda item: self.recent_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.recent.itemClicked.connect(lambda item: self.recent_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.recent_none = QLabel(texts.START_RECENT_NONE)
        self.recent_none.setObjectName("muted")
        lay.addWidget(self.recent, 1)
        lay.addWidget(self.recent_none)
        lay.addStretch(1)

    def _card(self, grid: QGridLayout, col: int, title: str, desc: str, signal, primary: bool = False) -> QPushButton:
        card = QFrame()
        card.setObjectName("startCard")
        v = QVBoxLayout(card)
        v.setContentsMargins(18, 16, 18, 16)
        v.setSpacing(8)
        button = QPushButton(title)
        button.setObjectName("primaryButton" if primary else "cardButton")
        button.setMinimumHeight(40)
        button.clicked.connect(signal)
        label = QLabel(desc)
        label.setWordWrap(True)
        label.setObjectName("muted")
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setMinimumHeight(label.fontMetrics().lineSpacing() * 3 + 4)  # three lines: no clipping
        v.addWidget(button)
        v.addWidget(label, 1)
        grid.addWidget(card, 0, col, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(col, 1)
        return button

    def focus_finding(self, finding: Finding) -> None:
        pass  # no finding points at the start page

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for p in paths:
            item = QListWidgetItem(f"{Path(p).name}    —    {Path(p).parent}")
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setToolTip(p)
            self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
        self.recent_none.setVisible(not paths)
