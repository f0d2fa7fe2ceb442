"""The only way to change a report: `apply(report, edit) -> (inverse, changes)`.

The GUI wraps each edit in a QUndoCommand; the CLI and tests call `apply` directly. `changes` tells
listeners (checks, views, autosave) what to refresh.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from model.entry import editable, fits_cell
from model.report import Acknowledgement, Block, Cell, Number, Report
from model.totals import apply_totals

META_FIELDS = ("agency", "year", "title", "publication_date", "contact")
MIN_ACK_LENGTH = 6
YEARS = range(2000, 2101)  # report years an edit may set
BLOCK_KINDS = ("paragraph", "heading", "image")
TOTALS_MODES = ("auto", "manual")


@dataclass(frozen=True)
class Changes:
    cells: frozenset[str] = frozenset()
    meta: frozenset[str] = frozenset()
    sections: frozenset[str] = frozenset()
    acks: frozenset[str] = frozenset()
    settings: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.cells | other.cells,
            self.meta | other.meta,
            self.sections | other.sections,
            self.acks | other.acks,
            self.settings or other.settings,
        )

    def __bool__(self) -> bool:
        return bool(self.cells or self.meta or self.sections or self.acks or self.settings)


@dataclass(frozen=True)
class SetCell:
    """A clerk types (or clears, with value None) one cell."""

    key: str
    value: Number | None
    origin: str = "entered"


@dataclass(frozen=True)
class RestoreCells:
    """Put cells back exactly as they were (None = the cell was absent). Used by undo and import."""

    cells: tuple[tuple[str, Cell | None], ...]


@dataclass(frozen=True)
class SetMeta:
    field: str
    value: Any


@dataclass(frozen=True)
class SetBlocks:
    section: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class SetAck:
    """Acknowledge a warning with a written explanation (None withdraws it)."""

    finding_id: str
    text: str | None
    at: str = ""


@dataclass(frozen=True)
class SetTotalsMode:
    mode: str  # "auto" | "manual"


@dataclass(frozen=True)
class Compound:
    edits: tuple[Edit, ...]
    label: str = ""


Edit = SetCell | RestoreCells | SetMeta | SetBlocks | SetAck | SetTotalsMode | Compound


class EditRejected(ValueError):
    """The edit is not allowed; `str(exc)` is a Chinese sentence for the clerk."""


class InvalidValue(EditRejected):
    """The edit carries a value of the wrong type or out of range (e.g. the year as text); nothing was changed.
    `target` names the cell key, metadata field or section concerned."""

    def __init__(self, message: str, target: str = ""):
        super().__init__(message)
        self.target = target


def apply(report: Report, edit: Edit) -> tuple[Edit, Changes]:
    """Apply one edit; returns (its exact inverse, what changed). Raises EditRejected (InvalidValue for a bad
    value) and then leaves the report as it was, a Compound's earlier parts included."""
    if isinstance(edit, SetCell):
        return _set_cell(report, edit)
    if isinstance(edit, RestoreCells):
        for key, cell in edit.cells:
            _check_restored(report, key, cell)
        before = tuple((k, report.cells.get(k)) for k, _ in edit.cells)
        for key, cell in edit.cells:
            if cell is None:
                report.cells.pop(key, None)
            else:
                report.cells[key] = dataclasses.replace(cell)
        return RestoreCells(before), Changes(cells=frozenset(k for k, _ in edit.cells))
    if isinstance(edit, SetMeta):
        _check_meta(edit.field, edit.value)
        old = getattr(report.meta, edit.field)
        setattr(report.meta, edit.field, edit.value)
        return SetMeta(edit.field, old), Changes(meta=frozenset({edit.field}))
    if isinstance(edit, SetBlocks):
        _check_blocks(report, edit)
        old_blocks = tuple(report.narrative.get(edit.section, []))
        report.narrative[edit.section] = [dataclasses.replace(b) for b in edit.blocks]
        return SetBlocks(edit.section, old_blocks), Changes(sections=frozenset({edit.section}))
    if isinstance(edit, SetAck):
        return _set_ack(report, edit)
    if isinstance(edit, SetTotalsMode):
        if edit.mode not in TOTALS_MODES:
            raise InvalidValue(f"合计的计算方式只能是自动或按原文（收到“{edit.mode}”）。", "totals_mode")
        old_mode = report.totals_mode
        report.totals_mode = edit.mode
        restored: dict[str, Cell | None] = apply_totals(report) if edit.mode == "auto" else {}
        # Restoring the cells must come after switching back to manual, so reverse them on undo.
        inverse = Compound((SetTotalsMode(old_mode), RestoreCells(tuple(restored.items()))))
        return inverse, Changes(cells=frozenset(restored), settings=True)
    if isinstance(edit, Compound):
        inverses: list[Edit] = []
        changes = Changes()
        try:
            for e in edit.edits:
                inv, ch = apply(report, e)
                inverses.append(inv)
                changes |= ch
        except EditRejected:
            for inv in reversed(inverses):  # all or nothing: undo the parts already applied
                apply(report, inv)
            raise
        return Compound(tuple(reversed(inverses)), edit.label), changes
    raise TypeError(f"not an edit: {edit!r}")


def _set_cell(report: Report, edit: SetCell) -> tuple[Edit, Changes]:
    fmt = report.format
    cdef = fmt.cells.get(edit.key)
    if cdef is None:
        raise EditRejected(f"表格中没有这个单元格（{edit.key}）。")
    if not editable(report, edit.key):
        raise EditRejected(f"{cdef.location}是合计，由各分项自动计算，不能直接填写。")
    why = fits_cell(edit.value, cdef.type)
    if why:
        raise InvalidValue(f"{cdef.location}：{why}", edit.key)
    before: dict[str, Cell | None] = {edit.key: report.cells.get(edit.key)}
    report.cells[edit.key] = Cell(edit.value, edit.origin)
    if report.totals_mode == "auto":
        for key, old in apply_totals(report, only_for=[edit.key]).items():
            before.setdefault(key, old)
    return RestoreCells(tuple(before.items())), Changes(cells=frozenset(before))


def _check_restored(report: Report, key: str, cell: Cell | None) -> None:
    """Undo and import put back what a report held, which may break a rule (a published negative count):
    only the cell key and the value's type are checked."""
    if key not in report.format.cells:
        raise InvalidValue(f"表格中没有这个单元格（{key}）。", key)
    if cell is None:
        return
    if not isinstance(cell, Cell):
        raise InvalidValue(f"单元格{key}的内容无法识别。", key)
    value = cell.value
    if value is not None and (
        isinstance(value, bool)
        or not isinstance(value, int | Decimal)
        or (isinstance(value, Decimal) and not value.is_finite())
    ):
        raise InvalidValue(f"{report.format.cells[key].location}：请输入数字（没有的填0）。", key)


def _check_meta(name: str, value: object) -> None:
    if name not in META_FIELDS:
        raise EditRejected(f"没有“{name}”这一项。")
    if name == "year":
        if isinstance(value, bool) or not isinstance(value, int) or value not in YEARS:
            raise InvalidValue(f"报告年度应为{YEARS[0]}至{YEARS[-1]}之间的年份（收到“{value}”）。", name)
    elif name == "publication_date":
        if value is not None and (isinstance(value, dt.datetime) or not isinstance(value, dt.date)):
            raise InvalidValue(f"公开日期应为一个日期（收到“{value}”）。", name)
    elif not isinstance(value, str):
        raise InvalidValue(f"这一项应填写文字（收到“{value}”）。", name)


def _check_blocks(report: Report, edit: SetBlocks) -> None:
    known = {"preamble", *(s.no for s in report.format.sections)}
    if edit.section not in known:
        raise InvalidValue(f"报告中没有“{edit.section}”这一部分。", edit.section)
    for b in edit.blocks:
        if not isinstance(b, Block) or b.kind not in BLOCK_KINDS or not isinstance(b.text, str):
            raise InvalidValue("正文中有无法识别的内容。", edit.section)
        if b.image is not None and not isinstance(b.image, bytes):
            raise InvalidValue("正文中的图片无法识别。", edit.section)


def _set_ack(report: Report, edit: SetAck) -> tuple[Edit, Changes]:
    if not isinstance(edit.finding_id, str) or not (edit.text is None or isinstance(edit.text, str)):
        raise InvalidValue("说明应填写文字。", str(edit.finding_id))
    old = report.acks.get(edit.finding_id)
    if edit.text is None:
        report.acks.pop(edit.finding_id, None)
    else:
        text = edit.text.strip()
        if len(text) < MIN_ACK_LENGTH:
            raise EditRejected(f"说明至少要写{MIN_ACK_LENGTH}个字，讲清楚为什么这里与规则不一致。")
        report.acks[edit.finding_id] = Acknowledgement(text, edit.at)
    inverse = SetAck(edit.finding_id, old.text if old else None, old.at if old else "")
    return inverse, Changes(acks=frozenset({edit.finding_id}))


def fill_unfilled_with_zero(report: Report, table: str) -> Compound:
    """One step that writes 0 into every unfilled input cell of a table (what "没有的填0" means)."""
    fmt = report.format
    edits = tuple(
        SetCell(key, 0) for key in fmt.table_cells(table) if report.value(key) is None and editable(report, key)
    )
    return Compound(edits, "未填写的单元格填0")


__all__ = [
    "Changes",
    "SetCell",
    "RestoreCells",
    "SetMeta",
    "SetBlocks",
    "SetAck",
    "SetTotalsMode",
    "Compound",
    "Edit",
    "EditRejected",
    "InvalidValue",
    "apply",
    "fill_unfilled_with_zero",
    "MIN_ACK_LENGTH",
]
