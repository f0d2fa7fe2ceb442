"""The header rows of a long table, pinned to the top of the page while the table scrolls beneath them.

Table 三 has 25 data rows under seven look-alike number columns; once its headers scroll away a clerk
can no longer tell 科研机构 from 社会公益组织. This strip is a second view over the same model showing only
the header rows, sized and drawn exactly like the table's own, laid over the top of the scroll area.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QScrollArea, QTableView

from gui.table.delegate import CellDelegate
from gui.table.view import ReportTableView


class StickyHeader(QTableView):
    def __init__(self, table: ReportTableView, scroll: QScrollArea):
        super().__init__(scroll.viewport())
        self._table = table
        self._scroll = scroll
        self._rows = table.header_rows()
        self.setModel(table.model())
        # Its own delegate, for painting only: a delegate shared with the table would send the table's editor
        # commits to this view as well ("commitData called with an editor that does not belong to this view").
        self.setItemDelegate(CellDelegate(lambda _editor: None, lambda _editor, _action: None, self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setShowGrid(False)
        self.setStyleSheet(table.styleSheet())
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, col, rowspan, colspan in table.model().spans():
            if row < self._rows:
                self.setSpan(row, col, rowspan, colspan)
        for row in range(self._rows, table.model().rowCount()):
            self.setRowHidden(row, True)
        self.hide()
        table.fitted.connect(self.update_position)
        scroll.verticalScrollBar().valueChanged.connect(self.update_position)
        scroll.horizontalScrollBar().valueChanged.connect(self.update_position)

    def update_position(self, *_args: object) -> None:
        """Show the strip while the table's own header rows are above the visible area and its body is not."""
        if not self._rows or not self._table.isVisible():
            self.hide()
            return
        top_left = self._table.mapTo(self._scroll.viewport(), QPoint(0, 0))
        header_h = sum(self._table.rowHeight(r) for r in range(self._rows)) + 2 * self._table.frameWidth()
        body_bottom = top_left.y() + self._table.height() - header_h
        if top_left.y() >= 0 or body_bottom <= 0:
            self.hide()
            return
        for col in range(self.model().columnCount()):
            self.setColumnWidth(col, self._table.columnWidth(col))
        for row in range(self._rows):
            self.setRowHeight(row, self._table.rowHeight(row))
        self.setGeometry(top_left.x(), 0, self._table.width(), header_h)
        self.show()
        self.raise_()
