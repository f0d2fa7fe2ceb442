"""Clipboard blocks for the table pages: parse what Excel/WPS put on the clipboard, place it on a table's
grid, and build the one Compound edit that pastes it. Pure Python (no Qt), so it is tested without a display.

Decisions a clerk should be able to predict:

- A block is tab-separated text (Excel, WPS, a browser table). ``\\r\\n`` and ``\\r`` line ends, one trailing
  line end, quoted cells (Excel quotes a cell holding a tab or a line break), full-width digits, thousands
  separators and stray (also full-width) spaces are all accepted.
- The block is laid over the *value cells* starting at the current cell: each block row goes to the next
  table row that has value cells (caption and header rows are skipped), each block column to the next value
  cell to the right. So a row of 表二's （一）项 takes three numbers, one of （五）项 takes one.
- An empty block cell clears its target (as in Excel). "无", "—", "-", "/", "没有", "N/A"… (the one placeholder
  vocabulary of `model.entry`, shared with import and typing) are read as *unfilled*, not as 0: the
  unfilled-cell check then reminds the clerk that "没有的填0", and the paste message says how many.
- Anything else that is not a number refuses the whole paste: nothing is changed, and the message names
  the first few offending texts and where they are.
- A value that falls outside the table refuses the whole paste too (the start cell was probably wrong),
  unless it is empty (Excel often copies a trailing empty column).
- A value that falls on an automatically computed total is not used (totals are recomputed from their
  parts); the rest is pasted and the message says how many totals were left out.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from model.edits import Compound, SetCell
from model.entry import editable, is_placeholder, read_entry
from model.grid import Grid, GridCell
from model.report import Number, Report

MAX_EXAMPLES = 3


def parse_clipboard(text: str) -> list[list[str]]:
    """Clipboard text → rows of cell texts (not yet numbers). Trailing empty lines are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" not in text and "\n" not in text.rstrip("\n"):
        # One value: do not let csv treat a lone quote as the start of a quoted cell.
        return [[text.rstrip("\n")]] if text.strip() else []
    rows = [list(r) for r in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')]
    while rows and all(not c.strip() for c in rows[-1]):
        rows.pop()
    return rows


def value_rows(grid: Grid) -> list[list[GridCell]]:
    """The grid's value cells row by row (left to right), skipping rows without value cells."""
    by_row: dict[int, list[GridCell]] = {}
    for c in grid.cells:
        if c.is_value:
            by_row.setdefault(c.row, []).append(c)
    return [sorted(by_row[r], key=lambda c: c.col) for r in sorted(by_row)]


@dataclass
class PastePlan:
    """Where a block goes and what is wrong with it. `ok` = it can be pasted (perhaps leaving out totals)."""

    values: dict[str, Number | None] = field(default_factory=dict)
    rows: int = 0
    cols: int = 0
    start_location: str = ""
    outside: list[tuple[int, int]] = field(default_factory=list)  # 1-based (row, col) in the block
    bad: list[tuple[int, int, str]] = field(default_factory=list)  # (row, col, text) not a number
    totals_skipped: list[str] = field(default_factory=list)  # keys of computed totals left out
    placeholders: list[str] = field(default_factory=list)  # keys where "无" etc. was pasted
    room_rows: int = 0  # value rows from the start cell down
    room_cols: int = 0  # value cells from the start cell rightwards

    @property
    def ok(self) -> bool:
        return bool(self.values) and not self.outside and not self.bad

    def edit(self) -> Compound:
        return Compound(tuple(SetCell(k, v) for k, v in self.values.items()), "粘贴")

    def message(self, report: Report) -> str:
        """One Chinese paragraph: what was pasted or why nothing was."""
        parts: list[str] = []
        negative = [b for b in self.bad if _is_negative(b[2])]
        words = [b for b in self.bad if b not in negative]
        for found, what in ((words, "不是数字"), (negative, "是负数，这里只能填0或正数")):
            if found:
                shown = "，".join(f"第{r}行第{c}个“{t.strip()}”" for r, c, t in found[:MAX_EXAMPLES])
                more = f"等{len(found)}处" if len(found) > MAX_EXAMPLES else ""
                parts.append(f"粘贴的内容中{shown}{more}{what}。")
        if self.outside:
            parts.append(self._outside_text())
        if parts:
            return "".join(parts) + "没有粘贴任何数字，表格未改动。"
        if not self.values:
            return "剪贴板中没有可以粘贴的数字。"
        text = f"已从{self.start_location}起粘贴{len(self.values)}个单元格。"
        if self.totals_skipped:
            names = "、".join(report.format.cells[k].location for k in self.totals_skipped[:2])
            more = "等" if len(self.totals_skipped) > 2 else ""
            text += (
                f"其中{len(self.totals_skipped)}个数落在自动计算的合计上（{names}{more}），"
                "没有使用：合计已按各分项重新计算。"
            )
        if self.placeholders:
            text += f"有{len(self.placeholders)}个“无”或横线按未填写处理，没有的请填0。"
        return text

    def _outside_text(self) -> str:
        return (
            f"粘贴的内容共{self.rows}行{self.cols}列，从{self.start_location}开始放不下："
            f"往下只有{self.room_rows}行、往右只有{self.room_cols}个单元格可填，"
            f"有{len(self.outside)}个数超出了表格。请选中要放第一个数的单元格再粘贴，或少复制几行几列。"
        )


def _is_negative(text: str) -> bool:
    try:
        value = read_entry(text, "signed_int")
    except ValueError:
        return False
    return value is not None and value < 0


def plan_paste(report: Report, grid: Grid, start_key: str, block: list[list[str]]) -> PastePlan:
    """Lay a parsed block over the grid's value cells from `start_key` (see the module notes)."""
    rows = value_rows(grid)
    r0 = next(i for i, row in enumerate(rows) if any(c.key == start_key for c in row))
    c0 = next(i for i, c in enumerate(rows[r0]) if c.key == start_key)
    fmt = report.format
    plan = PastePlan(
        rows=len(block),
        cols=max((len(b) for b in block), default=0),
        start_location=fmt.cells[start_key].location,
        room_rows=len(rows) - r0,
        room_cols=len(rows[r0]) - c0,
    )
    for i, line in enumerate(block):
        for j, text in enumerate(line):
            pos = (i + 1, j + 1)
            target = rows[r0 + i][c0 + j] if r0 + i < len(rows) and c0 + j < len(rows[r0 + i]) else None
            if target is None:
                if text.strip():
                    plan.outside.append(pos)
                continue
            key = target.key or ""
            try:
                value = read_entry(text, fmt.cells[key].type)
            except ValueError:
                plan.bad.append((*pos, text))
                continue
            if not editable(report, key):
                if text.strip():
                    plan.totals_skipped.append(key)
                continue
            if is_placeholder(text):
                plan.placeholders.append(key)
            plan.values[key] = value
    return plan


def plan_fill(report: Report, keys: list[str], text: str) -> PastePlan:
    """One copied value pasted over several selected cells fills each editable one (as in Excel)."""
    fmt = report.format
    targets = [k for k in keys if editable(report, k)]
    plan = PastePlan(rows=1, cols=1, start_location=fmt.cells[keys[0]].location if keys else "")
    for key in targets:
        try:
            plan.values[key] = read_entry(text, fmt.cells[key].type)
        except ValueError:
            plan.values.clear()
            plan.bad.append((1, 1, text))
            break
    return plan


def clear_edit(report: Report, keys: list[str]) -> Compound | None:
    """Delete on a selection: clear every filled, editable cell in one step (None when nothing to clear)."""
    edits = tuple(SetCell(k, None) for k in keys if editable(report, k) and report.value(k) is not None)
    return Compound(edits, "清除") if edits else None


def to_tsv(lines: list[list[str]]) -> str:
    """Rows of display texts → clipboard text Excel and WPS paste as cells (quoting what needs it)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\r\n")
    writer.writerows(lines)
    return out.getvalue()
