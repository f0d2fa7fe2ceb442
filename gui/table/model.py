"""Qt adapter over one official table of the open report (表二, 表三 or 表四).

Rows and columns are those of `model.grid` (merged headers and row groups included), so the view draws the
table the way it is published. The model keeps no numbers of its own: every value is read from
`doc.report`, every edit goes through `doc.push`, totals come from `model.edits`, findings from
`doc.findings`. What lives here is presentation only: texts, alignment, colours and tooltips.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from gui.session.document import Document
from model.checks import Finding
from model.edits import Changes, SetCell
from model.entry import NOT_A_NUMBER, READ_ONLY, NotANumber, editable, read_entry
from model.grid import Grid, GridCell, table_grid
from model.session import FindingsDelta
from model.report import format_number

Index = QModelIndex | QPersistentModelIndex

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell key of a value cell (None elsewhere)
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "caption" | "header" | "corner" | "label" | "value"
PREVIOUS_ROLE = Qt.ItemDataRole.UserRole + 3  # last year's value as text, or None
FLASH_ROLE = Qt.ItemDataRole.UserRole + 4  # True for the cell a finding has just taken the clerk to
HIGHLIGHT_ROLES = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, FLASH_ROLE]

# Colours: calm office greys for the printed parts, tints for what a clerk must notice.
COLOURS = {
    "header": "#e4e8ee",
    "label": "#f3f5f8",
    "computed": "#e9eef5",
    "error": "#f6c6c8",
    "warning": "#fde7b0",
    # only warned about being empty: a paler amber, so a new table is not a wall of colour
    "unfilled": "#fff8e6",
    "imported": "#e3f1fb",
    "carried": "#e6f4e6",
}
TEXT_COLOUR = "#1f2328"
COMPUTED_TEXT = "#3a4a5e"

__all__ = ["NOT_A_NUMBER", "READ_ONLY", "ReportTableModel"]
EDIT_TEXT = "填写{location}"
PROVENANCE = {
    "imported": "从上年报告导入，尚未核对",
    "carried": "从上年报告结转，尚未核对",
    "computed": "合计：由各分项自动计算",
}
RAW_TEXT = "原文为“{raw}”"
PREVIOUS_TEXT = "上年：{value}"
ACKNOWLEDGED = "【已说明】{message}（说明：{text}）"
SEVERITY_MARK = {"error": "错误", "warning": "提示"}


class ReportTableModel(QAbstractTableModel):
    refused = Signal(str)  # a Chinese sentence: why a typed text was not taken

    def __init__(self, doc: Document, table: str, parent: QObject | None = None):
        super().__init__(parent)
        self.doc = doc
        self.table = table
        self.grid: Grid = table_grid(doc.report.format_id, table)
        self.show_previous = False
        self._flash_key: str | None = None
        self._findings: dict[str, list[Finding]] = {}
        self._index_findings()
        doc.changed.connect(self._on_changed)
        doc.findings_changed.connect(self._on_findings_changed)

    # -- shape -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else self.grid.n_rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else self.grid.n_cols

    def spans(self) -> list[tuple[int, int, int, int]]:
        """(row, col, rowspan, colspan) of every merged cell, for QTableView.setSpan."""
        return [(c.row, c.col, c.rowspan, c.colspan) for c in self.grid.cells if c.rowspan > 1 or c.colspan > 1]

    def cell_at(self, index: Index) -> GridCell | None:
        """The grid cell drawn at this index (the merged cell covering it)."""
        return self.grid.covering(index.row(), index.column()) if index.isValid() else None

    def index_of(self, key: str) -> QModelIndex:
        c = self.grid.value_cell(key)
        return self.index(c.row, c.col)

    def is_editable(self, key: str) -> bool:
        return editable(self.doc.report, key)

    # -- data ------------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        gc = self.cell_at(index)
        if gc is None:
            return None
        if role == KIND_ROLE:
            return gc.kind
        if role == KEY_ROLE:
            return gc.key
        if not gc.is_value:
            return self._label_data(gc, role)
        key = gc.key or ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return format_number(self.doc.report.value(key))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._value_background(key)
        if role == Qt.ItemDataRole.ForegroundRole:
            cell = self.doc.report.cell(key)
            return QBrush(QColor(COMPUTED_TEXT if cell.origin == "computed" else TEXT_COLOUR))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key) or None
        if role == PREVIOUS_ROLE:
            return self.previous_text(key)
        if role == FLASH_ROLE:
            return key == self._flash_key
        return None

    def _label_data(self, gc: GridCell, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return gc.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if gc.kind == "label":
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(COLOURS["label" if gc.kind == "label" else "header"]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(TEXT_COLOUR))
        if role == Qt.ItemDataRole.FontRole and gc.kind in ("caption", "header"):
            font = QFont()
            font.setBold(gc.kind == "caption")
            return font
        if role == Qt.ItemDataRole.ToolTipRole and gc.kind in ("corner", "label") and len(gc.text) > 12:
            return gc.text  # long labels may wrap; the tooltip reads them in one line
        return None

    def _value_background(self, key: str) -> QBrush | None:
        open_findings = [f for f in self._findings.get(key, []) if f.open]
        cell = self.doc.report.cell(key)
        if any(f.severity == "error" for f in open_findings):
            name = "error"
        elif open_findings:
            name = "warning" if cell.filled or cell.read_as else "unfilled"
        elif cell.origin in ("imported", "carried"):
            name = cell.origin
        elif cell.origin == "computed" or not self.is_editable(key):
            name = "computed"  # also a total not computed yet (all its parts empty): it is still read-only
        else:
            return None
        return QBrush(QColor(COLOURS[name]))

    def _tooltip(self, key: str) -> str:
        lines = [
            f"【{SEVERITY_MARK[f.severity]}】{f.message}"
            if f.open
            else ACKNOWLEDGED.format(message=f.message, text=f.acknowledged)
            for f in self._findings.get(key, [])
        ]
        report = self.doc.report
        cell = report.cell(key)
        if cell.origin in PROVENANCE:
            lines.append(PROVENANCE[cell.origin])
        if cell.raw is not None and cell.raw.strip() != format_number(cell.value):
            lines.append(RAW_TEXT.format(raw=cell.raw.strip()))
        prev = self.previous_text(key)
        if prev is not None:
            lines.append(PREVIOUS_TEXT.format(value=prev))
        return "\n".join(lines)

    def previous_text(self, key: str) -> str | None:
        prev = self.doc.report.previous
        if prev is None or key not in prev.cells:
            return None
        return format_number(prev.cells[key], "未填写")

    def has_previous(self) -> bool:
        prev = self.doc.report.previous
        return prev is not None and any(k in prev.cells for k in self.grid.value_keys())

    def flags(self, index: Index) -> Qt.ItemFlag:
        gc = self.cell_at(index)
        # Printed parts are not enabled, so the arrow keys and Tab skip them the way they skip hidden cells.
        if gc is None or not gc.is_value:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(gc.key or ""):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- editing ---------------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        gc = self.cell_at(index)
        if role != Qt.ItemDataRole.EditRole or gc is None or not gc.is_value:
            return False
        key = gc.key or ""
        if not self.is_editable(key):
            self.refused.emit(READ_ONLY)
            return False
        report = self.doc.report
        cdef = report.format.cells[key]
        try:
            number = read_entry("" if value is None else str(value), cdef.type)
        except NotANumber as exc:
            self.refused.emit(str(exc))
            return False
        cell = report.cell(key)
        if cell.value == number and cell.origin == "entered" and cell.raw is None and not cell.read_as:
            return True  # nothing changes; do not add an empty undo step
        return self.doc.push(SetCell(key, number), EDIT_TEXT.format(location=cdef.location))

    # -- refresh ---------------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if changes.settings:
            # The totals mode changes which cells are editable and shaded: repaint the whole table.
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            return
        keys = set(self.grid.value_keys())
        for key in changes.cells:
            if key in keys:
                idx = self.index_of(key)
                self.dataChanged.emit(idx, idx)

    def _on_findings_changed(self, delta: FindingsDelta | None = None) -> None:
        """Re-colour only the cells whose findings moved (all of them without a delta)."""
        if delta is None:
            self._index_findings()
            self.refresh_highlights()
            return
        keys = set(self.grid.value_keys())
        touched = {k for f in (*delta.added, *delta.removed, *delta.changed) for k in f.cells if k in keys}
        ids = delta.ids()  # and the cells a changed finding named before (a filled cell leaves "unfilled")
        touched.update(k for k, found in self._findings.items() if any(f.id in ids for f in found))
        if not touched:
            return
        self._index_findings()
        for key in touched:
            idx = self.index_of(key)
            self.dataChanged.emit(idx, idx, HIGHLIGHT_ROLES)

    def _index_findings(self) -> None:
        keys = set(self.grid.value_keys())
        by_key: dict[str, list[Finding]] = {}
        for f in self.doc.findings:
            for key in f.cells:
                if key in keys:
                    by_key.setdefault(key, []).append(f)
        self._findings = by_key

    def findings_for(self, key: str) -> list[Finding]:
        return list(self._findings.get(key, []))

    def refresh_highlights(self) -> None:
        self.dataChanged.emit(
            self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1), HIGHLIGHT_ROLES
        )

    def refresh_all(self) -> None:
        self._index_findings()
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def set_flash(self, key: str | None) -> None:
        """Mark (or unmark, with None) the cell a finding has taken the clerk to."""
        old, self._flash_key = self._flash_key, key
        for k in (old, key):
            if k is not None:
                idx = self.index_of(k)
                self.dataChanged.emit(idx, idx, [FLASH_ROLE])

    def set_show_previous(self, on: bool) -> None:
        self.show_previous = on
        self.dataChanged.emit(
            self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1), [PREVIOUS_ROLE]
        )
