"""The section navigator on the left: one row per wizard page with its state (empty / in progress /
has errors / has warnings / done) as a coloured mark and the number of open findings as a badge.

States come from `model.progress` (read from the report and the findings); nothing here knows a rule.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from gui import texts
from gui.session.document import Document
from model.progress import page_state

STATE_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
KEY_ROLE = Qt.ItemDataRole.UserRole + 3

COLOURS = {
    "error": QColor("#c62828"),
    "warning": QColor("#e08a00"),
    "done": QColor("#2e7d32"),
    "progress": QColor("#1565c0"),
    "empty": QColor("#9e9e9e"),
}


class _Delegate(QStyledItemDelegate):
    """Draws the state mark, the (wrapping) page name and a count badge."""

    MARK = 14

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt override
        bold = QFont(option.font)
        bold.setBold(True)  # measure as drawn when selected, so selecting never adds a line
        fm = QFontMetrics(bold)
        view = option.widget
        badge = fm.height() + 14 if index.data(COUNT_ROLE) else 0
        width = (view.viewport().width() if isinstance(view, QAbstractScrollArea) else 230) - self.MARK - 30 - badge
        lines = fm.boundingRect(
            0, 0, max(width, 60), 1000, Qt.TextFlag.TextWordWrap, index.data() or ""
        ).height() // max(fm.height(), 1)
        lines = max(lines, 1)
        return QSize(200, fm.height() * lines + 18)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        painter.save()
        style = option.widget.style() if option.widget else None
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        r = option.rect.adjusted(10, 0, -8, 0)
        state = index.data(STATE_ROLE) or "none"
        count = index.data(COUNT_ROLE) or 0
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if state != "none":
            mark = QRect(r.left(), r.center().y() - self.MARK // 2, self.MARK, self.MARK)
            colour = COLOURS[state]
            if state == "empty":
                painter.setPen(QPen(colour, 1.6))
                painter.setBrush(Qt.BrushStyle.NoBrush)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
            painter.drawEllipse(mark.adjusted(1, 1, -1, -1))
            painter.setPen(QPen(QColor("white"), 1.8))
            if state == "done":
                c = mark.center()
                painter.drawPolyline([c + _p(-3, 0), c + _p(-1, 3), c + _p(4, -3)])
            elif state in ("error", "warning"):
                painter.drawLine(mark.center().x(), mark.top() + 4, mark.center().x(), mark.bottom() - 6)
                painter.drawPoint(mark.center().x(), mark.bottom() - 3)
        text_rect = r.adjusted(self.MARK + 10, 2, 0, -2)
        if count:
            badge_text = str(count)
            fm = option.fontMetrics
            w = max(fm.horizontalAdvance(badge_text) + 12, fm.height() + 2)
            badge = QRect(r.right() - w, r.center().y() - fm.height() // 2 - 1, w, fm.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(COLOURS["error" if state == "error" else "warning"])
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setPen(QColor("white"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, badge_text)
            text_rect.setRight(badge.left() - 6)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(option.palette.highlightedText().color() if selected else option.palette.text().color())
        font = QFont(option.font)
        font.setBold(selected)
        painter.setFont(font)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, text)
        painter.restore()


def _p(x: int, y: int):
    from PySide6.QtCore import QPoint

    return QPoint(x, y)


class Navigator(QListWidget):
    """Page list; emits `page_requested(key)` when the clerk picks a page."""

    page_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("navigator")
        self.setItemDelegate(_Delegate(self))
        self.setAccessibleName("报告各部分")
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.currentRowChanged.connect(self._on_row)
        self._doc: Document | None = None

    def set_pages(self, pages: list[tuple[str, str]]) -> None:
        """pages: (key, display name) in wizard order."""
        self.blockSignals(True)
        self.clear()
        for key, name in pages:
            item = QListWidgetItem(name)
            item.setData(KEY_ROLE, key)
            self.addItem(item)
        self.blockSignals(False)

    def set_document(self, doc: Document) -> None:
        self._doc = doc
        self.update_states()

    def update_states(self, *_outcome: object) -> None:
        """Re-read every page's state (connected to Document.edited: once per edit, undo or redo)."""
        if self._doc is None:
            return
        report, findings = self._doc.report, self._doc.findings
        for row in range(self.count()):
            item = self.item(row)
            state, count = page_state(report, findings, item.data(KEY_ROLE))
            if item.data(STATE_ROLE) == state and item.data(COUNT_ROLE) == count:
                continue  # unchanged: no repaint
            item.setData(STATE_ROLE, state)
            item.setData(COUNT_ROLE, count)
            self._set_tip(item)

    def set_progress(self, filled: dict[str, tuple[int, int]]) -> None:
        """How much of each page is filled, said in its tooltip ("已填 40/70 项")."""
        self._filled = filled
        for row in range(self.count()):
            self._set_tip(self.item(row))

    def _set_tip(self, item: QListWidgetItem) -> None:
        tip = texts.STATE_NAMES[item.data(STATE_ROLE) or "none"]
        parts = [item.text()]
        if tip:
            parts.append(tip)
        got = getattr(self, "_filled", {}).get(item.data(KEY_ROLE))
        if got is not None and got[1] > 1:
            parts.append(texts.PROGRESS_PAGE.format(filled=got[0], total=got[1]))
        item.setToolTip("：".join(parts[:2]) + ("，" + parts[2] if len(parts) > 2 else ""))

    def key_at(self, row: int) -> str:
        return self.item(row).data(KEY_ROLE)

    def row_of(self, key: str) -> int:
        for row in range(self.count()):
            if self.item(row).data(KEY_ROLE) == key:
                return row
        return -1

    def state_of(self, key: str) -> str:
        return self.item(self.row_of(key)).data(STATE_ROLE)

    def _on_row(self, row: int) -> None:
        if row >= 0:
            self.page_requested.emit(self.key_at(row))
