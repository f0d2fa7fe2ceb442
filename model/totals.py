"""Totals that are pure sums (表三总计列、（七）总计, 表四总计), computed from their parts.

Which cells are totals is data: the `sum` rules marked ``derive`` in the format definition.
"""

from __future__ import annotations

from collections.abc import Iterable

from model.report import Cell, Number, Report


def derived_values(report: Report, only_for: Iterable[str] | None = None) -> dict[str, Number | None]:
    """The value every derived total should have. A total whose parts are all unfilled stays unfilled."""
    fmt = report.format
    rels = [r for r in fmt.relations if r.rule.get("derive")]
    if only_for is not None:
        # A total can be a part of another total (（七）总计 of the 总计 column): follow the chain.
        wanted, picked = set(only_for), []
        while True:
            more = [r for r in rels if r not in picked and wanted.intersection(r.current_keys)]
            if not more:
                break
            picked += more
            wanted.update(r.lhs[0].key for r in more)
        rels = [r for r in rels if r in picked]
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
