"""How one cell of an official table is drawn and edited.

Drawn by hand rather than by the style so that (a) the printed headers and labels, which are not enabled
items (so the keyboard skips them), still read in full black; (b) a selected cell keeps its red or amber
tint under a thin selection overlay instead of turning solid blue, so a clerk sees the error while fixing
it; (c) last year's value can sit in small grey type under this year's.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen, QValidator
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from gui.table.model import FLASH_ROLE, KIND_ROLE, PREVIOUS_ROLE
from model.entry import could_be_entry

Index = QModelIndex | QPersistentModelIndex

# What may be typed into a number cell (a number, or one of the placeholders "无", "N/A"… on its way) is
# `model.entry.could_be_entry`; the rest is refused at the keystroke. The full rule (integer or not, never
# negative) is `model.entry.read_entry`, applied when the cell is committed.
SELECTION_OVERLAY = QColor(26, 115, 232, 48)
CURRENT_FRAME = QColor("#1a73e8")
FLASH_FRAME = QColor("#e8710a")
PREVIOUS_COLOUR = QColor("#6b7280")
PADDING_X, PADDING_Y = 6, 3
_Move = QAbstractItemView.CursorAction
FINISH_KEYS = {
    Qt.Key.Key_Return: _Move.MoveDown,  # as in Excel and WPS: Enter goes down, Tab goes right
    Qt.Key.Key_Enter: _Move.MoveDown,
    Qt.Key.Key_Tab: _Move.MoveNext,
    Qt.Key.Key_Backtab: _Move.MovePrevious,
    Qt.Key.Key_Up: _Move.MoveUp,
    Qt.Key.Key_Down: _Move.MoveDown,
}
GRID_COLOUR = QColor("#7d8794")
BREAK_AFTER = frozenset("）、，；：")
NO_LINE_START = frozenset("，。、；：）》”’」）,.;:)")


def balanced(text: str, fm: QFontMetrics, width: int) -> str:
    """Break a Chinese header or label into lines as a typesetter would: after an enumerator or a pause
    ("（四）/无法提供") when that fits, else into lines of even length ("社会公/益组织", not "社会公益组/织").
    Text with spaces, or that fits, is left to ordinary word wrap."""
    if " " in text or "\n" in text or width <= 0 or fm.horizontalAdvance(text) <= width:
        return text
    pauses = [i + 1 for i, ch in enumerate(text[:-1]) if ch in BREAK_AFTER]
    fitting = [i for i in pauses if fm.horizontalAdvance(text[:i]) <= width and fm.horizontalAdvance(text[i:]) <= width]
    if fitting:
        best = min(fitting, key=lambda i: max(fm.horizontalAdvance(text[:i]), fm.horizontalAdvance(text[i:])))
        return f"{text[:best]}\n{text[best:]}"
    n = max(2, -(-fm.horizontalAdvance(text) // width))
    while n < len(text):
        size = -(-len(text) // n)
        lines = [text[i : i + size] for i in range(0, len(text), size)]
        for i in range(1, len(lines)):  # keep closing punctuation off the start of a line
            while lines[i] and lines[i][0] in NO_LINE_START:
                lines[i - 1] += lines[i][0]
                lines[i] = lines[i][1:]
        lines = [ln for ln in lines if ln]
        if all(fm.horizontalAdvance(ln) <= width for ln in lines):
            return "\n".join(lines)
        n += 1
    return text


def is_number_text(text: str) -> bool:
    """Whether typed text can still become a cell's entry (a number or a placeholder)."""
    return could_be_entry(text)


class NumberValidator(QValidator):
    """Refuses a keystroke that cannot be part of a number and says why (through `on_refused`)."""

    def __init__(self, on_refused: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self._on_refused = on_refused

    def validate(self, text: str, pos: int) -> QValidator.State:  # type: ignore[override]
        if is_number_text(text):
            return QValidator.State.Acceptable
        self._on_refused()
        return QValidator.State.Invalid


class CellDelegate(QStyledItemDelegate):
    """`on_refused(editor)` says why a keystroke was refused; `on_finish(editor, action)` is called after
    Enter, Tab, Shift+Tab, Up or Down committed the text, and decides whether to close the editor and move."""

    def __init__(
        self,
        on_refused: Callable[[QWidget], None],
        on_finish: Callable[[QWidget, QAbstractItemView.CursorAction], None],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._on_refused = on_refused
        self._on_finish = on_finish

    # -- editing ---------------------------------------------------------------------------------
    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,  # noqa: N802
        index: Index,
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setValidator(NumberValidator(partial(self._on_refused, editor), editor))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        editor.setText(str(_data(index, Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()  # typing replaces the old value, as in Excel

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        # The keys that leave a cell in Excel commit the text; the view then moves on, or keeps the editor
        # open when the text was refused, so the clerk can correct it instead of typing it again.
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QWidget):
            action = FINISH_KEYS.get(event.key())  # type: ignore[attr-defined]
            if action is not None:
                self.commitData.emit(editor)
                self._on_finish(editor, action)
                return True
        return super().eventFilter(editor, event)

    # -- painting --------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        rect = QRect(option.rect)
        background = _data(index, Qt.ItemDataRole.BackgroundRole)
        painter.fillRect(rect, background if isinstance(background, QBrush) else QBrush(Qt.GlobalColor.white))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, SELECTION_OVERLAY)
        font = _data(index, Qt.ItemDataRole.FontRole)
        base_font = QFont(option.font)
        if isinstance(font, QFont):
            base_font.setBold(font.bold())
        painter.setFont(base_font)
        fg = _data(index, Qt.ItemDataRole.ForegroundRole)
        painter.setPen(fg.color() if isinstance(fg, QBrush) else QColor("#1f2328"))
        text = str(_data(index, Qt.ItemDataRole.DisplayRole) or "")
        inner = rect.adjusted(PADDING_X, PADDING_Y, -PADDING_X, -PADDING_Y)
        if _data(index, KIND_ROLE) != "value":
            text = balanced(text, QFontMetrics(base_font), inner.width())
        align_value = _data(index, Qt.ItemDataRole.TextAlignmentRole) or Qt.AlignmentFlag.AlignCenter
        align = Qt.AlignmentFlag(int(align_value))  # type: ignore[call-overload]
        previous = _data(index, PREVIOUS_ROLE) if _show_previous(index) else None
        if previous is not None:
            small = previous_font(base_font)
            small_h = QFontMetrics(small).height()
            value_rect = inner.adjusted(0, 0, 0, -small_h)
            painter.drawText(value_rect, int(align | Qt.TextFlag.TextWordWrap), text)
            painter.setFont(small)
            painter.setPen(PREVIOUS_COLOUR)
            painter.drawText(
                inner.adjusted(0, inner.height() - small_h, 0, 0), int(Qt.AlignmentFlag.AlignCenter), f"上年 {previous}"
            )
        else:
            painter.drawText(inner, int(align | Qt.TextFlag.TextWordWrap), text)
        # The grid is drawn here, not by the view, so merged cells get clean borders: each cell draws its
        # right and bottom edge; the view's frame gives the outer left and top.
        painter.setPen(QPen(GRID_COLOUR, 1))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if _data(index, FLASH_ROLE):
            painter.setPen(QPen(FLASH_FRAME, 3))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        elif option.state & QStyle.StateFlag.State_HasFocus and _data(index, KIND_ROLE) == "value":
            painter.setPen(QPen(CURRENT_FRAME, 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()


def previous_font(font: QFont) -> QFont:
    """The small type of last year's value (shared with the view's row sizing)."""
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.8)
    return small


def _data(index: Index, role: int) -> object:
    return index.data(role)


def _show_previous(index: Index) -> bool:
    model = index.model()
    return bool(getattr(model, "show_previous", False))
