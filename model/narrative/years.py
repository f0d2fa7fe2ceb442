"""Years in the narrative: 统计期限, a leading "YYYY年，…" and the report's own name must name the report year.

These are the unambiguous places (data: ``narrative.years`` in the format file): a 统计期限 of another
year is always a leftover, while "2024年问题整改情况" in 第五部分 is meant. Roll-forward advances exactly
these from last year to the new one (`advance`), as one undoable edit that keeps the paragraphs marked.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from model.narrative import facts
from model.narrative.numerals import to_number
from model.report import Block, Report

YEAR = r"(?:[12][0-9]{3}|[１２][０-９]{3}|[〇○零一二][〇○零一二三四五六七八九]{3})"
_YEAR_IN = re.compile(rf"(?<![0-9０-９])({YEAR})(?=\s*年)")
_SENTENCE = re.compile(r"[^。；！？!?\n]+[。；！？!?]?")
_DIGITS_CN = "〇一二三四五六七八九"
_PUNCT = re.compile(r"[，。；！？,;]")


@dataclass(frozen=True)
class YearMention:
    section: str
    block: int
    start: int  # of the whole phrase (for the finding) …
    end: int
    years: tuple[tuple[int, int, int], ...]  # … and of each wrong year in it: (start, end, year)
    kind: str  # "period" | "leading" | "title"


@dataclass(frozen=True)
class YearRule:
    kind: str  # "period": every year of the sentence from the pattern on; else: the years in the match
    pattern: re.Pattern[str]
    sections: tuple[str, ...]


def year_rules(data: dict[str, Any]) -> tuple[YearRule, ...]:
    return tuple(
        YearRule(y["kind"], re.compile(y["pattern"].replace("{year}", YEAR)), tuple(y["sections"]))
        for y in data.get("years", [])
    )


_CACHE: dict[int, tuple[object, tuple[YearRule, ...]]] = {}


def _rules(report: Report) -> tuple[YearRule, ...]:
    fmt = report.format
    hit = _CACHE.get(id(fmt))
    if hit is None or hit[0] is not fmt:
        hit = (fmt, year_rules(fmt.narrative))
        _CACHE[id(fmt)] = hit
    return hit[1]


def mentions(report: Report, year: int | None = None) -> Iterator[YearMention]:
    """The unambiguous year mentions that do not name `year` (the report year by default)."""
    want = report.meta.year if year is None else year
    yrs = _rules(report)
    r = facts.rules(report.format)
    for section in dict.fromkeys(s for y in yrs for s in y.sections):
        rules_here = [y for y in yrs if section in y.sections]
        for index, text in facts._paragraphs_in_scope(report, section, r):
            yield from _in_text(rules_here, section, index, text, want)


def _wrong_years(text: str, start: int, end: int, want: int) -> tuple[tuple[int, int, int], ...]:
    out = []
    for m in _YEAR_IN.finditer(text, start, end):
        value = to_number(m.group(1))
        if isinstance(value, int) and value != want:
            out.append((m.start(1), m.end(1), value))
    return tuple(out)


def _in_text(rules_here: list[YearRule], section: str, index: int, text: str, want: int) -> Iterator[YearMention]:
    taken: list[tuple[int, int]] = []
    for rule in rules_here:
        if rule.kind == "period":
            spans = []
            for sm in _SENTENCE.finditer(text):
                m = rule.pattern.search(sm.group(0))
                if m is not None:
                    spans.append((sm.start() + m.start(), sm.end()))
        else:
            spans = [m.span() for m in rule.pattern.finditer(text)]
        for s, e in spans:
            if any(s < te and ts < e for ts, te in taken):
                continue
            wrong = _wrong_years(text, s, e, want)
            if wrong:
                taken.append((s, e))
                if rule.kind == "period":
                    end = min(e, wrong[-1][1] + 1)
                else:  # quote a few words more, so the clerk sees which sentence it is
                    stop = _PUNCT.search(text, e)
                    end = min(stop.start() if stop else len(text), e + 12) if rule.kind == "leading" else e
                yield YearMention(section, index, s, end, wrong, rule.kind)


def written_like(example: str, year: int) -> str:
    """`year` in the digits `example` uses: 2025, ２０２５ or 二〇二五."""
    if example[0] in "０１２３４５６７８９":
        return str(year).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if not example[0].isascii():
        return "".join(_DIGITS_CN[int(d)] for d in str(year))
    return str(year)


def advance(report: Report, reason: Callable[[str], str] = lambda _text: "") -> dict[str, list[Block]]:
    """The sections whose unambiguous mentions of last year (report year − 1) are changed to the report
    year, each changed paragraph marked with what was changed (and `reason(new text)`, why else to read
    it again). {} when there is nothing to advance."""
    new_year, old_year = report.meta.year, report.meta.year - 1
    changes: dict[str, dict[int, list[tuple[int, int, int]]]] = {}
    for m in mentions(report):
        spans = [y for y in m.years if y[2] == old_year]
        if spans:
            changes.setdefault(m.section, {}).setdefault(m.block, []).extend(spans)
    out: dict[str, list[Block]] = {}
    for section, by_block in changes.items():
        blocks = list(report.blocks(section))
        for index, spans in by_block.items():
            b = blocks[index]
            text = b.text
            for s, e, _y in sorted(set(spans), reverse=True):
                text = text[:s] + written_like(text[s:e], new_year) + text[e:]
            note = f"年份已由“{old_year}年”改为“{new_year}年”，请核对"
            rest = reason(text)
            review = f"{note}；{rest}" if rest else note
            # still carried (the clerk has not touched it): the advanced text is what stays marked
            blocks[index] = dataclasses.replace(b, text=text, review=review, carried=text if b.carried else "")
        out[section] = blocks
    return out
