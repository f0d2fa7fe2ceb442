"""The table view of a table page: the official table drawn with its merged cells, entered like Excel.

Keys: typing a number starts editing (anything else is refused with a tooltip); Enter and Tab move to the
next cell a clerk can fill, in reading order (Shift+Tab back); arrows move; Delete/Backspace clears the
selection as one undo step; Ctrl+C copies the selection as tab-separated text; Ctrl+V pastes such a block
from the current cell as one undo step (see `gui.table.paste` for what fits where).

The view shows the whole table (no inner vertical scrollbar: the page scrolls), and its columns share the
available width in the official proportions, so table 三's ten columns fit a normal window.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QToolTip,
    QWidget,
)

from gui.table.paste import clear_edit, parse_clipboard, plan_fill, plan_paste, to_tsv
from gui.table.delegate import PADDING_X, CellDelegate, balanced, is_number_text, previous_font
from gui.table.model import NOT_A_NUMBER, READ_ONLY, ReportTableModel

NO_START = "请先点选要放第一个数的单元格，再粘贴。"
NOTHING_TO_CLEAR = "选中的单元格中没有可以清除的数字（合计由各分项自动计算）。"
PASTE_TEXT = "粘贴{count}个单元格"
CLEAR_TEXT = "清除{count}个单元格"
MIN_VALUE_CHARS = "0000"  # a value column is never narrower than four digits (table 四 has 15)
MIN_LABEL_CHARS = "三、本年"


class ReportTableView(QTableView):
    fitted = Signal()  # column widths and row heights were recomputed

    def __init__(self, model: ReportTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self._model = model
        self._refused = False  # set when the model refuses a commit: the editor then stays open
        self._fitted_previous = False  # whether row heights were last fitted with last year's values shown
        self._refusal_shown = False  # a refusal is on screen (tooltip, status line) until a commit succeeds
        self.setModel(model)
        self.setItemDelegate(CellDelegate(self._show_refusal, self._finish_edit, self))
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.hide()  # the official header rows are part of the grid
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setMinimumSectionSize(8)
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Take the width the page offers, however narrow: the columns fit it, not the other way round.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setShowGrid(False)  # the delegate draws the borders (clean lines round merged cells)
        self.setStyleSheet("QTableView { border: 1px solid #7d8794; background: white; }")
        model.refused.connect(self._on_model_refused)
        model.dataChanged.connect(self._on_data_changed)
        self.apply_spans()
        self.fit()

    def model(self) -> ReportTableModel:
        """The report model set in __init__ (never replaced), typed as such for the views that share it."""
        return self._model

    # -- layout ----------------------------------------------------------------------------------
    def apply_spans(self) -> None:
        self.clearSpans()
        for row, col, rowspan, colspan in self._model.spans():
            self.setSpan(row, col, rowspan, colspan)

    def fit(self) -> None:
        """Columns in the official proportions of the available width; rows tall enough for wrapped text."""
        grid = self._model.grid
        fm = QFontMetrics(self.font())
        avail = max(self.viewport().width(), self.width() - 2 * self.frameWidth())
        value_cols = {c.col for c in grid.cells if c.is_value}
        mins = [
            fm.horizontalAdvance(MIN_VALUE_CHARS if c in value_cols else MIN_LABEL_CHARS) + 12
            for c in range(grid.n_cols)
        ]
        # Never narrower than the legible minimums: at a large 字号 the page then scrolls sideways with its
        # scrollbar in sight, instead of the table hiding its own at the foot of a tall table.
        self.setMinimumWidth(sum(mins) + 2 * self.frameWidth())
        widths = fit_widths(avail, list(grid.col_widths), mins)
        for col, w in enumerate(widths):
            self.setColumnWidth(col, w)
        for row, h in enumerate(self._row_heights(widths)):
            self.setRowHeight(row, h)
        self._fit_height()
        self.fitted.emit()

    def header_rows(self) -> int:
        return self._model.grid.header_rows

    def _row_heights(self, widths: list[int]) -> list[int]:
        grid = self._model.grid
        fm = QFontMetrics(self.font())
        base = fm.height() + 14
        heights = [base] * grid.n_rows
        if self._model.show_previous:
            extra = QFontMetrics(previous_font(self.font())).height()
            for c in grid.cells:
                if c.is_value and self._model.previous_text(c.key or "") is not None:
                    heights[c.row] = max(heights[c.row], base + extra)
        wrap = int(Qt.TextFlag.TextWordWrap)
        multi = []
        for c in grid.cells:
            if c.is_value or not c.text:
                continue
            w = max(sum(widths[c.col : c.col + c.colspan]) - 2 * PADDING_X, 10)
            cfm = fm
            if c.kind == "caption":
                f = self.font()
                f.setBold(True)
                cfm = QFontMetrics(f)
            need = cfm.boundingRect(QRect(0, 0, w, 100000), wrap, balanced(c.text, cfm, w)).height() + 12
            if c.rowspan == 1:
                heights[c.row] = max(heights[c.row], need)
            else:
                multi.append((c, need))
        for c, need in multi:  # a merged label only needs its rows together to be tall enough
            rows = range(c.row, c.row + c.rowspan)
            short = need - sum(heights[r] for r in rows)
            if short > 0:
                for r in rows:
                    heights[r] += -(-short // c.rowspan)
        return heights

    def _fit_height(self) -> None:
        h = sum(self.rowHeight(r) for r in range(self._model.rowCount())) + 2 * self.frameWidth()
        if self._needs_hscroll():  # (the scrollbar's own visibility lags behind a resize)
            h += self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(h)

    def _needs_hscroll(self) -> bool:
        total = sum(self.columnWidth(c) for c in range(self._model.columnCount()))
        return total > self.width() - 2 * self.frameWidth()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit()  # the 字号 menu: headers must still wrap and fit

    def _on_data_changed(self, *_args: object) -> None:
        # Showing last year's values changes how tall value rows must be.
        if self._model.show_previous != self._fitted_previous:
            self._fitted_previous = self._model.show_previous
            self.fit()

    # -- navigation ------------------------------------------------------------------------------
    def entry_keys(self) -> list[str]:
        """The cells a clerk can type into, in Tab order."""
        return [k for k in self._model.grid.value_keys() if self._model.is_editable(k)]

    def current_key(self) -> str | None:
        gc = self._model.cell_at(self.currentIndex())
        return gc.key if gc is not None and gc.is_value else None

    def draft(self) -> tuple[str, str] | None:
        """The cell being typed into and the text in its editor, not yet committed with Enter (autosave
        journals it so a crash does not lose it)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return None
        key = self.current_key()
        editor = self.indexWidget(self.currentIndex())  # Qt returns the open editor here
        if key is None or not isinstance(editor, QLineEdit):
            return None
        return key, editor.text()

    def select_key(self, key: str) -> None:
        idx = self._model.index_of(key)
        self.setCurrentIndex(idx)
        self.scrollTo(idx)

    def moveCursor(
        self,
        action: QAbstractItemView.CursorAction,  # noqa: N802
        modifiers: Qt.KeyboardModifier,
    ) -> QModelIndex:
        move = QAbstractItemView.CursorAction
        if action not in (move.MoveNext, move.MovePrevious):
            return super().moveCursor(action, modifiers)
        order = self._model.grid.value_keys()
        current = self.current_key()
        step = 1 if action == QAbstractItemView.CursorAction.MoveNext else -1
        pos = order.index(current) if current in order else (-1 if step > 0 else len(order))
        pos += step
        while 0 <= pos < len(order):
            if self._model.is_editable(order[pos]):
                return self._model.index_of(order[pos])
            pos += step
        return self.currentIndex()  # at the end: stay (Excel does not wrap either)

    def commitData(self, editor: QWidget) -> None:  # noqa: N802 - Qt override
        self._refused = False  # each commit starts afresh; the model's `refused` signal sets it again
        super().commitData(editor)
        if not self._refused and self._refusal_shown:
            self._clear_refusal()  # the value is fixed: "件数应为整数…" must not stay on screen

    def currentChanged(  # noqa: N802 - Qt override
        self, current: QModelIndex | QPersistentModelIndex, previous: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().currentChanged(current, previous)
        if current.isValid():
            self.reveal(current)

    def reveal(self, index: QModelIndex | QPersistentModelIndex) -> None:
        """Scroll the page so the cell at `index` is in sight: the table has no vertical scrollbar of its
        own (the page scrolls), so Down or Ctrl+End would otherwise type into a cell the clerk cannot see.
        The margin above keeps the cell clear of the pinned header rows (gui/table/header.py)."""
        self.scrollTo(index)  # sideways, within the table
        scroll = _scroll_area_of(self)
        body = scroll.widget() if scroll is not None else None
        if scroll is None or body is None:
            return
        rect = self.visualRect(index)
        if not rect.isValid():
            return
        header = sum(self.rowHeight(r) for r in range(self.header_rows()))
        top = self.viewport().mapTo(body, rect.topLeft())
        bar = scroll.verticalScrollBar()
        visible = scroll.viewport().height()
        if top.y() - header < bar.value():
            bar.setValue(max(top.y() - header - rect.height(), 0))
        elif top.y() + rect.height() > bar.value() + visible:
            bar.setValue(top.y() + 2 * rect.height() - visible)

    def _finish_edit(self, editor: QWidget, action: QAbstractItemView.CursorAction) -> None:
        """After Enter/Tab/arrows committed the editor's text: move on, or stay in the editor if refused."""
        if self._refused:
            self._refused = False
            return
        # Move without opening the next editor: arrows then move between cells, as in Excel.
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.setCurrentIndex(self.moveCursor(action, Qt.KeyboardModifier.NoModifier))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            return
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # down, as in Excel and WPS (Tab goes right)
            self.setCurrentIndex(self.moveCursor(QAbstractItemView.CursorAction.MoveDown, event.modifiers()))
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection()
            return
        text = event.text()
        plain = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if text and text.isprintable() and plain == Qt.KeyboardModifier.NoModifier:
            current = self.current_key()
            if current is not None and not self._model.is_editable(current):
                self._say(READ_ONLY, at_current=True)
                return
            if not is_number_text(text):
                self._say(NOT_A_NUMBER, at_current=True)
                return
        super().keyPressEvent(event)

    # -- clipboard and clearing ------------------------------------------------------------------
    def _selected_cells(self) -> list[tuple[int, int]]:
        """Top-left (row, col) of every selected grid cell, once each, in reading order."""
        seen: set[tuple[int, int]] = set()
        for idx in self.selectedIndexes():
            gc = self._model.cell_at(idx)
            if gc is not None:
                seen.add((gc.row, gc.col))
        return sorted(seen)

    def selected_keys(self) -> list[str]:
        keys = []
        for r, c in self._selected_cells():
            gc = self._model.grid.covering(r, c)
            if gc is not None and gc.key:
                keys.append(gc.key)
        return keys

    def copy_selection(self) -> str:
        lines: dict[int, list[str]] = {}
        for r, c in self._selected_cells():
            lines.setdefault(r, []).append(str(self._model.data(self._model.index(r, c)) or ""))
        text = to_tsv([lines[r] for r in sorted(lines)])
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def paste_text(self, text: str) -> bool:
        """Paste a clipboard block from the current cell; one undo step. False when nothing was pasted."""
        report = self._model.doc.report
        block = parse_clipboard(text)
        selected = self.selected_keys()
        if not block:
            self._say("剪贴板中没有可以粘贴的内容。")
            return False
        if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            plan = plan_fill(report, selected, block[0][0])
        else:
            start = self._paste_start()
            if start is None:
                self._say(NO_START)
                return False
            plan = plan_paste(report, self._model.grid, start, block)
        if not plan.ok:
            self._say(plan.message(report))
            return False
        done = self._model.doc.push(plan.edit(), PASTE_TEXT.format(count=len(plan.values)))
        if done:
            self._select_keys(list(plan.values))
            self._say(plan.message(report))
        return done

    def _paste_start(self) -> str | None:
        gc = self._model.cell_at(self.currentIndex())
        if gc is None:
            return None
        if gc.is_value:
            return gc.key
        if gc.kind == "label":  # a row label: start at the row's first number
            row = sorted((c for c in self._model.grid.cells if c.is_value and c.row == gc.row), key=lambda c: c.col)
            return row[0].key if row else None
        return None

    def clear_selection(self) -> bool:
        current = self.current_key()
        keys = self.selected_keys() or ([current] if current else [])
        edit = clear_edit(self._model.doc.report, [k for k in keys if k])
        if edit is None:
            self._say(NOTHING_TO_CLEAR if keys else NO_START)
            return False
        return self._model.doc.push(edit, CLEAR_TEXT.format(count=len(edit.edits)))

    def _select_keys(self, keys: list[str]) -> None:
        if not keys:
            return
        selection = QItemSelection()
        for key in keys:
            idx = self._model.index_of(key)
            selection.select(idx, idx)
        self.setCurrentIndex(self._model.index_of(keys[0]))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # -- messages --------------------------------------------------------------------------------
    def _on_model_refused(self, text: str) -> None:
        self._refused = True
        self._refusal_shown = True
        self._say(text, at_current=True)

    def _show_refusal(self, editor: QWidget) -> None:
        self._refusal_shown = True
        QToolTip.showText(editor.mapToGlobal(QPoint(0, editor.height())), NOT_A_NUMBER, editor)
        self._model.doc.notices.refused(NOT_A_NUMBER)

    def _clear_refusal(self) -> None:
        self._refusal_shown = False
        QToolTip.hideText()
        self._model.doc.notices.clear()

    def _say(self, text: str, at_current: bool = False) -> None:
        """Tell the clerk (through the document's one notice channel; the page shows it in its status line),
        with a tooltip at the current cell for what concerns that cell."""
        at = None
        if at_current and self.currentIndex().isValid():
            rect = self.visualRect(self.currentIndex())
            at = self.viewport().mapToGlobal(rect.bottomLeft())
            QToolTip.showText(at, text, self.viewport())
        if at_current:
            self._model.doc.notices.refused(text, at)
        else:
            self._model.doc.notices.info(text)


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


def fit_widths(avail: int, weights: list[float], mins: list[int]) -> list[int]:
    """Share `avail` pixels in proportion to `weights`, but never below `mins`: columns held at their minimum
    leave the rest to be shared among the others. Sums to `avail` unless the minimums alone exceed it."""
    fixed: set[int] = set()
    while True:
        room = avail - sum(mins[i] for i in fixed)
        share = sum(w for i, w in enumerate(weights) if i not in fixed)
        widths = [mins[i] if i in fixed else int(room * w / share) if share else mins[i] for i, w in enumerate(weights)]
        short = {i for i, w in enumerate(widths) if i not in fixed and w < mins[i]}
        if not short:
            break
        fixed |= short
    free = [i for i in range(len(widths)) if i not in fixed]
    if free and sum(widths) < avail:
        widths[free[-1]] += avail - sum(widths)  # no gap at the right edge from rounding
    return widths
