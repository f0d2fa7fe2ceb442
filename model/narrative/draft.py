"""Drafting the narrative from the numbers: editable paragraphs from this year's figures, last year's and the
change, written from sentence templates kept as data (``narrative.drafts`` of a format file).

A template is ``{section, template, needs}``: ``{name}`` is a quantity of ``narrative.draft_values`` (a sum of
cells) this year, ``{name_prev}`` last year (from report.previous), ``{name_change}`` the change in words
(增加3件 / 减少3件 / 持平), ``{year}`` the report year, and a name of ``narrative.draft_rates`` a share in per cent with one decimal. A
template is written only when every placeholder it uses (and every name in ``needs``) has a value, so nothing
is ever guessed.

The sentences are written in the words of the ``narrative.facts`` patterns, so the narrative checks read each
of this year's figures back to exactly its table value; sentences about last year name 上年 and are therefore
out of the checks' scope by design (facts.py reads no sentence about another year).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from model.narrative.facts import table_value
from model.report import Block, Number, Report, format_number

_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")


@dataclass(frozen=True)
class Figure:
    """Where one of this year's figures stands in a drafted paragraph (what the checks read back)."""

    paragraph: int
    start: int
    end: int
    name: str


@dataclass(frozen=True)
class Draft:
    section: str
    paragraphs: tuple[str, ...]
    figures: tuple[Figure, ...]  # this year's figures and rates, by position


def _previous_value(report: Report, keys: list[str]) -> Number | None:
    prev = report.previous
    if prev is None or prev.format_id != report.format_id:
        return None  # last year's cells are keyed by another format: no like-for-like figure
    from model.narrative.facts import _expand

    cells = [k for key in keys for k in _expand(prev.format_id, key)]
    values = [prev.cells.get(k) for k in cells]
    if not cells or all(v is None for v in values):
        return None
    return sum((v or 0 for v in values), start=0)


def _percent(part: Number, whole: Number) -> str:
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{share}"


def _change(now: Number, before: Number, unit: str) -> str:
    diff: Number = Decimal(now) - Decimal(before)
    if isinstance(now, int) and isinstance(before, int):
        diff = now - before
    if diff == 0:
        return "持平"
    return f"{'增加' if diff > 0 else '减少'}{format_number(-diff if diff < 0 else diff)}{unit}"


def values(report: Report) -> dict[str, str]:
    """Every placeholder that has a value, as it is written in a draft."""
    data = report.format.narrative
    out: dict[str, str] = {"year": str(report.meta.year)} if report.meta.year else {}
    numbers: dict[str, Number] = {}
    for name, spec in data.get("draft_values", {}).items():
        keys, unit = list(spec["cells"]), spec.get("unit", "件")
        now, _ = table_value(report, tuple(keys))
        if now is not None:
            numbers[name] = now
            out[name] = format_number(now)
        before = _previous_value(report, keys)
        if before is not None:
            out[f"{name}_prev"] = format_number(before)
            if now is not None:
                out[f"{name}_change"] = _change(now, before, unit)
    for name, (part, whole) in data.get("draft_rates", {}).items():
        if part in numbers and numbers.get(whole):
            out[name] = _percent(numbers[part], numbers[whole])
    return out


def _render(template: str, have: dict[str, str]) -> tuple[str, list[tuple[int, int, str]]]:
    text, spans, pos = "", [], 0
    for m in _PLACEHOLDER.finditer(template):
        text += template[pos : m.start()]
        value = have[m.group(1)]
        spans.append((len(text), len(text) + len(value), m.group(1)))
        text += value
        pos = m.end()
    return text + template[pos:], spans


def draft(report: Report, section: str) -> Draft:
    """The paragraphs the format's templates write for one section from the report's figures."""
    have = values(report)
    paragraphs: list[str] = []
    figures: list[Figure] = []
    for t in report.format.narrative.get("drafts", []):
        if t["section"] != section:
            continue
        used = [name for _l, name, _f, _c in string.Formatter().parse(t["template"]) if name]
        if any(name not in have for name in [*used, *t.get("needs", [])]):
            continue
        # "行政复议案件0件" reads as "no cases" to T4_VS_TEXT: a zero group is left out, or said once for all
        if any(have.get(n) in (None, "0") for n in t.get("nonzero", [])):
            continue
        if any(have.get(n) not in (None, "0") for n in t.get("zero", [])):
            continue
        text, spans = _render(t["template"], have)
        for start, end, name in spans:
            if not name.endswith(("_prev", "_change")):
                figures.append(Figure(len(paragraphs), start, end, name))
        paragraphs.append(text)
    return Draft(section, tuple(paragraphs), tuple(figures))


def draft_blocks(report: Report, section: str) -> list[Block]:
    """The draft as paragraphs marked for review, so the clerk sees they were written from the numbers."""
    mark = str(report.format.narrative.get("draft_review", "由数字起草，请核对修改"))
    return [Block("paragraph", text, review=mark) for text in draft(report, section).paragraphs]


def has_templates(data: dict[str, Any], section: str) -> bool:
    return any(t["section"] == section for t in data.get("drafts", []))
