"""Totals that are pure sums (表三总计列、（七）总计, 表四总计), computed from their parts.

Which cells are totals is data: the `sum` rules marked ``derive`` in the format definition.
"""

from __future__ import annotations

from collections.abc import Iterable
from weakref import WeakKeyDictionary

from model.formats import Format, Relation
from model.report import Cell, Number, Report

# Per format: its derived totals in order, and for each cell the totals it is a part of. Built once, since
# one typed number must not walk every relation of the format (the session's budget is 0.5 ms an edit).
_INDEX: WeakKeyDictionary[Format, tuple[list[Relation], dict[str, list[int]]]] = WeakKeyDictionary()


def _derive_index(fmt: Format) -> tuple[list[Relation], dict[str, list[int]]]:
    index = _INDEX.get(fmt)
    if index is None:
        rels = [r for r in fmt.relations if r.rule.get("derive")]
        by_part: dict[str, list[int]] = {}
        for i, r in enumerate(rels):
            for key in r.current_keys:
                by_part.setdefault(key, []).append(i)
        index = _INDEX[fmt] = (rels, by_part)
    return index


def derived_values(report: Report, only_for: Iterable[str] | None = None) -> dict[str, Number | None]:
    """The value every derived total should have. A total whose parts are all unfilled stays unfilled."""
    rels, by_part = _derive_index(report.format)
    if only_for is not None:
        # A total can be a part of another total (（七）总计 of the 总计 column): follow the chain.
        wanted, picked = list(only_for), set()
        while wanted:
            for i in by_part.get(wanted.pop(), ()):
                if i not in picked:
                    picked.add(i)
                    wanted.append(rels[i].lhs[0].key)
        rels = [r for i, r in enumerate(rels) if i in picked]
    values: dict[str, Number | None] = {}

    def current(key: str) -> Number | None:
        return values[key] if key in values else report.value(key)

    # Row totals feed the column total of （七）总计 and vice versa; two passes reach the fixed point.
    for _ in range(2):
        for rel in rels:
            parts = [current(t.key) for t in rel.rhs]
            filled = [p for p in parts if p is not None]
            values[rel.lhs[0].key] = sum(filled) if filled else None
    return values


def apply_totals(report: Report, only_for: Iterable[str] | None = None) -> dict[str, Cell | None]:
    """Write derived totals into the report; returns the previous state (None = absent) of those changed."""
    changed: dict[str, Cell | None] = {}
    for key, value in derived_values(report, only_for).items():
        old = report.cells.get(key)
        if old is None and value is None:
            continue
        if old is not None and old.value == value and old.origin == "computed":
            continue
        changed[key] = old
        report.cells[key] = Cell(value, "computed")
    return changed
