"""The consistency checks (勾稽关系): `check(report) -> list[Finding]`.

The rules are data in the format definition; this module interprets them. Severities follow the
vocabulary clerks know from 联网直报: ``error`` (强制性, must be fixed) and ``warning`` (核实性, fix it or
acknowledge it with a written explanation of at least six characters).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from model.entry import editable
from model.formats import Format, Relation
from model.report import Number, PreviousYear, Report, format_number

SEVERITY_NAMES = {"error": "强制性错误", "warning": "核实性提示"}
META_SECTION = "基本信息"


@dataclass(frozen=True)
class Finding:
    id: str  # stable: rule id + instance; acknowledgements are stored under it
    rule_id: str
    severity: str  # "error" | "warning"
    title: str
    message: str  # what is wrong, with the numbers on both sides
    hint: str  # what to do
    section: str  # "基本信息" or a section number 一…六 (or "preamble")
    cells: tuple[str, ...] = ()  # cell keys, the one to fix first
    field: str = ""  # a metadata field, when the finding is about one
    expected: Number | None = None
    actual: Number | None = None
    acknowledged: str | None = None  # the clerk's explanation, for an acknowledged warning
    # where in the narrative the finding's phrase stands: (index in report.blocks(section), start, end)
    phrase: tuple[int, int, int] | None = None

    @property
    def open(self) -> bool:
        return self.acknowledged is None

    def to_dict(self) -> dict[str, Any]:
        d = {
            k: getattr(self, k)
            for k in ("id", "rule_id", "severity", "title", "message", "hint", "section", "field", "acknowledged")
        }
        d["cells"] = list(self.cells)
        d["expected"] = format_number(self.expected) if self.expected is not None else None
        d["actual"] = format_number(self.actual) if self.actual is not None else None
        d["phrase"] = list(self.phrase) if self.phrase is not None else None
        return d


def rule_finding(rule: dict[str, Any], *, message: str, id: str | None = None, **where: Any) -> Finding:
    """A finding of one of the format's rules: its id (or the instance's `id`), severity, title and hint come
    from the rule's data, the message and where it points from the check."""
    return Finding(
        id=id or rule["id"],
        rule_id=rule["id"],
        severity=rule["severity"],
        title=rule["title"],
        message=message,
        hint=rule.get("hint", ""),
        **where,
    )


def relation_finding(report: Report, rel: Relation, prev: dict[str, Number | None] | None) -> Finding | None:
    """One relation's finding, before acknowledgements (the session re-checks the relations of edited cells)."""
    return _check_relation(report, report.format, rel, prev)


def rule_findings(report: Report, rule: dict[str, Any]) -> list[Finding]:
    """Every finding of one non-relation rule, before acknowledgements ([] for a kind not checked here)."""
    handler = _RULE_KINDS.get(rule["kind"])
    return handler(report, report.format, rule) if handler is not None else []


def with_ack(report: Report, f: Finding) -> Finding:
    """The finding with the clerk's explanation filled in, when a warning has one."""
    return _with_ack(report, f)


def previous_values(report: Report) -> dict[str, Number | None] | None:
    """Last year's values the cross-year relations compare against (None: no previous report)."""
    return _previous_values(report, None)


def check(report: Report, previous: PreviousYear | Report | None = None) -> list[Finding]:
    """Every finding for the report, errors first, in reading order within each severity."""
    fmt = report.format
    prev = _previous_values(report, previous)
    findings: list[Finding] = []
    for rel in fmt.relations:
        f = _check_relation(report, fmt, rel, prev)
        if f is not None:
            findings.append(f)
    for rule in fmt.rules:
        handler = _RULE_KINDS.get(rule["kind"])
        if handler is not None:
            findings.extend(handler(report, fmt, rule))
    findings = [_with_ack(report, f) for f in findings]
    order = {s.no: i for i, s in enumerate(fmt.sections)}
    order[META_SECTION] = -2
    order["preamble"] = -1
    findings.sort(key=lambda f: (f.severity != "error", order.get(f.section, 99)))
    return findings


def counts(findings: Iterable[Finding]) -> tuple[int, int]:
    """(open errors, open warnings)."""
    errors = warnings = 0
    for f in findings:
        if f.severity == "error":
            errors += 1
        elif f.open:
            warnings += 1
    return errors, warnings


def _with_ack(report: Report, f: Finding) -> Finding:
    ack = report.acks.get(f.id)
    if ack is None or f.severity == "error":
        return f
    return Finding(**{**f.__dict__, "acknowledged": ack.text})


def _previous_values(report: Report, previous: PreviousYear | Report | None) -> dict[str, Number | None] | None:
    if isinstance(previous, Report):
        return {k: c.value for k, c in previous.cells.items()}
    if isinstance(previous, PreviousYear):
        return previous.cells
    return report.previous.cells if report.previous else None


# -- arithmetic relations ------------------------------------------------------------------------


def _difference(a: Number, b: Number) -> Number:
    # Spelled out for the type checker: int − Decimal is a Decimal at run time, but typeshed's int.__sub__
    # does not say so.
    if isinstance(a, int) and isinstance(b, int):
        return abs(a - b)
    return abs(Decimal(a) - Decimal(b))


def _check_relation(
    report: Report, fmt: Format, rel: Relation, prev: dict[str, Number | None] | None
) -> Finding | None:
    values: list[Number | None] = []
    any_current = False
    for t in (*rel.lhs, *rel.rhs):
        if t.prev:
            v = prev.get(t.key) if prev is not None else None
            if v is None:
                return None  # nothing to compare against
        else:
            v = report.value(t.key)
            any_current = any_current or v is not None
        values.append(v)
    if not any_current:
        return None  # wholly unfilled: the unfilled-cell warning speaks for it
    n = len(rel.lhs)
    lhs: Number = sum(t.coef * (v or 0) for t, v in zip(rel.lhs, values[:n], strict=True))
    rhs: Number = sum(t.coef * (v or 0) for t, v in zip(rel.rhs, values[n:], strict=True))
    ok = lhs <= rhs if rel.kind == "le" else lhs == rhs
    if ok:
        return None
    rule = rel.rule
    actual: Number | None = values[0] if rel.kind == "sum" else lhs
    fields = {
        **rel.labels,
        "lhs": format_number(lhs),
        "rhs": format_number(rhs),
        "diff": format_number(_difference(lhs, rhs)),
        "expected": format_number(rhs),
        "actual": format_number(actual, "未填写"),
        **{f"v{i}": format_number(v, "未填写") for i, v in enumerate(values)},
    }
    cells = rel.current_keys
    return rule_finding(
        rule,
        id=rel.finding_id,
        message=rule["message"].format(**fields),
        section=fmt.section_of_table[fmt.cells[cells[0]].table],
        cells=cells,
        expected=rhs,
        actual=actual,
    )


# -- cell rules ----------------------------------------------------------------------------------


def _cell_rules(report: Report, fmt: Format, rule: dict[str, Any]) -> list[Finding]:
    return [f for key in report.cells if (f := cell_finding(report, rule, key)) is not None]


def cell_finding(report: Report, rule: dict[str, Any], key: str) -> Finding | None:
    """What one "cell" rule says of one cell (None: nothing); the session re-checks only edited cells."""
    cell = report.cells.get(key)
    cdef = report.format.cells.get(key)
    if cell is None or cdef is None:
        return None
    if cdef.type not in rule.get("types", ("int", "signed_int", "decimal")) or not _CELL_TESTS[rule["check"]](cell):
        return None
    return rule_finding(
        rule,
        id=f"{rule['id']}:{key}",
        message=rule["message"].format(
            cell=cdef.location, actual=format_number(cell.value, "未填写"), raw=cell.raw or ""
        ),
        section=report.format.section_of_table[cdef.table],
        cells=(key,),
        actual=cell.value,
    )


_CELL_TESTS: dict[str, Callable[[Any], bool]] = {
    "integer": lambda c: c.value is not None and c.value != int(c.value),
    "non_negative": lambda c: c.value is not None and c.value < 0,
    "unreadable": lambda c: c.value is None and c.read_as == "unreadable",
}


def _table_cell_rules(report: Report, fmt: Format, rule: dict[str, Any]) -> list[Finding]:
    """Unfilled and "无" cells, one finding per table naming all of its cells (a clerk fixes them together)."""
    out = []
    for table in fmt.tables:
        keys, raws = [], []
        for key in fmt.table_cells(table):
            cell = report.cells.get(key)
            placeholder = cell is not None and cell.value is None and cell.read_as == "placeholder"
            if rule["check"] == "placeholder":
                hit = placeholder
            else:
                hit = (
                    cell is None or (cell.value is None and cell.read_as not in ("placeholder", "unreadable"))
                ) and editable(report, key)
            if hit:
                keys.append(key)
                if cell is not None and cell.raw:
                    raws.append(cell.raw.strip())
        if not keys:
            continue
        raw = max(set(raws), key=raws.count) if raws else "无"
        out.append(
            rule_finding(
                rule,
                id=f"{rule['id']}:{table}",
                message=rule["message"].format(table=fmt.table_name(table), count=len(keys), raw=raw),
                section=fmt.section_of_table[table],
                cells=tuple(keys),
            )
        )
    return out


# -- metadata, sections, text ----------------------------------------------------------------------


def _meta_rules(report: Report, fmt: Format, rule: dict[str, Any]) -> list[Finding]:
    m = report.meta
    check_name = rule["check"]
    expected: Any = None
    actual: Any = None
    if check_name == "agency_missing":
        hit = not m.agency.strip()
    elif check_name == "title_year":
        years = re.findall(r"(\d{4})\s*年", m.display_title)
        hit = bool(years) and int(years[0]) != m.year
        if hit:
            actual, expected = int(years[0]), m.year
    elif check_name == "publication_late":
        deadline = dt.date(m.year + 1, 1, 31) if m.year else None
        hit = bool(m.publication_date and deadline and m.publication_date > deadline)
        if hit and m.publication_date and deadline:
            actual, expected = _cn_date(m.publication_date), _cn_date(deadline)
    elif check_name == "publication_missing":
        hit = m.publication_date is None
    else:
        raise ValueError(check_name)
    if not hit:
        return []
    return [
        rule_finding(
            rule,
            message=rule["message"].format(actual=actual, expected=expected),
            section=META_SECTION,
            field=rule.get("field", ""),
        )
    ]


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _section_rules(report: Report, fmt: Format, rule: dict[str, Any]) -> list[Finding]:
    out = []
    for s in fmt.sections:
        blocks = report.blocks(s.no)
        if rule["check"] == "empty":
            if s.kind != "text" or any(b.text.strip() or b.image for b in blocks):
                continue
            count = 0
        else:
            count = sum(1 for b in blocks if b.needs_review)
            if not count:
                continue
        out.append(
            rule_finding(
                rule,
                id=f"{rule['id']}:{s.no}",
                message=rule["message"].format(section=s.heading, count=count),
                section=s.no,
                field=s.no,
            )
        )
    if rule["check"] == "review_marks":
        count = sum(1 for b in report.blocks("preamble") if b.needs_review)
        if count:
            out.append(
                rule_finding(
                    rule,
                    id=f"{rule['id']}:preamble",
                    message=rule["message"].format(section="开头段落", count=count),
                    section="preamble",
                    field="preamble",
                )
            )
    return out


def section_text(report: Report, section: str) -> str:
    return "\n".join(b.text for b in report.blocks(section) if b.kind != "image")


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)  # the format loader has already checked that it compiles


def _text_rules(report: Report, fmt: Format, rule: dict[str, Any]) -> list[Finding]:
    detail = ""
    section = rule.get("section", fmt.sections[0].no)
    # Tables and sections named as the format names them ("表四", "第六部分").
    part = f"第{section}部分"
    if rule["check"] == "t4_vs_text":
        cells = rule.get("cells", ())
        table = fmt.table_name(fmt.cells[cells[0]].table) if cells else ""
        totals = [report.value(k) for k in cells]
        if all(v is None for v in totals):
            return []
        total = sum(v or 0 for v in totals)
        text = "\n".join(section_text(report, s.no) for s in fmt.sections if s.kind == "text")
        some = _regex(rule["patterns"]["some"]).search(text)
        if total > 0 and _regex(rule["patterns"]["none"]).search(text):
            detail = f"正文写明没有行政复议或行政诉讼，但{table}共有{format_number(total)}件。"
        elif total == 0 and some:
            detail = f"正文提到“{some.group(0)}”，但{table}的行政复议、行政诉讼均为0。"
    elif rule["check"] == "fee_text":
        six = section_text(report, section)
        if not six.strip():
            return []  # SECTION_EMPTY already says so
        if "信息处理费" not in six and "收费" not in six:
            detail = f"{part}没有写明信息处理费的收取情况。"
        else:
            unpaid = report.value(rule["cell"]) if "cell" in rule else None
            missing = _fee_figures_missing(fmt, six, bool(unpaid))
            if missing and not (unpaid and "收费通知" not in six):
                detail = f"{part}写了信息处理费的情况，但没有写明{'、'.join(missing)}。"
            if unpaid and "收费通知" not in six:
                table = fmt.table_name(fmt.cells[rule["cell"]].table)
                detail = (
                    f"{table}有{unpaid}件申请因逾期未缴费不再处理，说明发出过收费通知，"
                    f"但{part}没有写明发出收费通知的件数和金额。"
                )
    if not detail:
        return []
    return [
        rule_finding(
            rule,
            message=rule["message"].format(detail=detail),
            section=section,
            field=section,
        )
    ]


def _narrative_rules(report: Report, fmt: Format, rule: dict[str, Any]) -> list[Finding]:
    from model.narrative.findings import narrative_findings

    return narrative_findings(report, rule)


def _fee_figures_missing(fmt: Format, text: str, notices_implied: bool) -> list[str]:
    """Which figures of the fee sentence (data: narrative.fee_figures) 第六部分 does not state. "未收取信息处理费"
    alone (data: narrative.fee_none) is read as "no notice, nothing charged" unless 表三 shows applications
    dropped for an unpaid fee, which means notices were sent (precision: the most common complete phrase)."""
    from model.narrative.facts import compile_pattern

    if not notices_implied and any(compile_pattern(p).search(text) for p in fmt.narrative.get("fee_none", [])):
        return []
    figures = fmt.narrative.get("fee_figures", [])
    return [f["name"] for f in figures if not any(compile_pattern(p).search(text) for p in f["patterns"])]


_RULE_KINDS: dict[str, Callable[[Report, Format, dict[str, Any]], list[Finding]]] = {
    "narrative": _narrative_rules,
    "cell": _cell_rules,
    "table_cells": _table_cell_rules,
    "meta": _meta_rules,
    "section": _section_rules,
    "text": _text_rules,
}
