"""Number statements in the narrative, compared with the tables.

The patterns and what each maps to are data: the ``narrative.facts`` list of a format file. A pattern
names the subject ("行政复议", "予以公开及部分公开", "新收…申请") and holds ``{n}`` where the number stands and
``{gN}`` for a short gap of at most N characters that never crosses punctuation, another number or a
conjunction (so "予以公开及部分公开31件" is never read as "部分公开31件"). A fact has one or more readings
(sums of cells); an ambiguous phrase is compared with each and flagged only when none fits.

Precision before recall: a sentence that speaks of another year, of last year (上年/去年/同比) or of a wider
scope (全市/全县/各部门…), and every paragraph under a sub-heading about another year, is not read at all.
"""

from __future__ import annotations

import bisect
import fnmatch
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from model.formats import Format
from model.narrative.numerals import ARABIC, NUMBER, decimals, to_number
from model.report import Number, Report, format_number

_GAP = r"(?:(?!{stop})[^，。；、,;：:（）()《》“”和及与或各\s0-9０-９])"
_SENTENCE = re.compile(r"[^。；！？!?\n]+[。；！？!?]?")
_YEAR = re.compile(r"(?<![0-9０-９])([12][0-9]{3}|[１２][０-９]{3})\s*年")
_HEADING_LIKE = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")
_VAGUE_AFTER = ("余", "多", "以上", "以下", "左右", "上下")
_PERCENT = re.compile(rf"[，,（(]?\s*(?:约?占|比例为|比重为)[^，。；%％0-9０-９]{{0,12}}?(?P<p>{ARABIC})\s*[%％]")


@dataclass(frozen=True)
class Reading:
    cells: tuple[str, ...]  # cell keys; "*" patterns are expanded against the format
    label: str  # how the message names it: 表四“行政复议”总计


@dataclass(frozen=True)
class FactDef:
    id: str
    patterns: tuple[re.Pattern[str], ...]
    readings: tuple[Reading, ...]
    unit: str = "件"
    scale: dict[str, Decimal] | None = None  # written unit → factor to the table's unit (元 → 0.0001 万元)
    sets_context: str = ""  # this fact names a table-四 group; later facts in the sentence refer to it
    needs_context: bool = False  # the cells hold "{ctx}", filled from the sentence's last group
    percent_of: tuple[Reading, ...] = ()  # denominators a following "占X%" may refer to
    keywords: tuple[str, ...] = ()  # one of them is in every match: a paragraph without any is skipped fast


@dataclass(frozen=True)
class ClaimDef:
    """A statement without a number that the tables can contradict ("均获维持")."""

    id: str
    pattern: re.Pattern[str]
    subjects: dict[str, tuple[str, ...]]  # a word before the claim → table-四 groups it speaks of


@dataclass(frozen=True, eq=False)  # hashed by identity: compiled once per format, a cache key
class Rules:
    sections: tuple[str, ...]
    section_names: dict[str, str]
    facts: tuple[FactDef, ...]
    claims: tuple[ClaimDef, ...]
    other_scope: re.Pattern[str] | None
    other_time: re.Pattern[str] | None
    time_exceptions: re.Pattern[str] | None
    contexts: dict[str, str]  # a table-四 group (or "litigation_*") → how a message names it
    keywords: re.Pattern[str] | None = None  # every fact's keywords, to pick the facts a paragraph may hold


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs a third of a cold re-read
class Statement:
    """One number statement found in the text, with where it stands."""

    section: str
    block: int  # index in report.blocks(section)
    start: int  # character offsets in that block's text
    end: int
    phrase: str
    fact: FactDef
    value: Number
    written_unit: str
    cells: tuple[tuple[str, ...], ...]  # per reading, with any "{ctx}" resolved
    context: str = ""  # the table-四 group the sentence spoke of before this statement
    percent: tuple[str, int, int] | None = None  # the "占X%" text after it and its offsets


@dataclass(frozen=True)
class Mismatch:
    section: str
    block: int
    start: int
    end: int
    phrase: str
    kind: str  # "fact" | "percent" | "claim"
    key: str  # the fact or claim id
    stated: Number | None
    readings: tuple[tuple[str, Number], ...]  # label, table value
    cells: tuple[str, ...]


def compile_pattern(text: str) -> re.Pattern[str]:
    """A data pattern → regex: {n} a number, {gN} a gap of at most N characters."""
    stop = "复议|诉讼|起诉|许可|处罚|强制"

    def gap(m: re.Match[str]) -> str:
        return _GAP.format(stop=stop) + "{0," + m.group(1) + "}?"

    out = re.sub(r"\{g(\d+)\}", gap, text)
    return re.compile(out.replace("{n}", f"(?P<n>{NUMBER})"))


def _overlapping(items: list[str]) -> re.Pattern[str] | None:
    """Finds every keyword, also where one overlaps another ("行政复议后" holds 行政复议 and 复议后)."""
    return re.compile("(?=(" + "|".join(re.escape(w) for w in items) + "))") if items else None


def _words(items: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(re.escape(w) for w in items)) if items else None


_RULES: dict[int, tuple[Format, Rules]] = {}


def parse_rules(data: dict[str, Any]) -> Rules:
    def readings(items: list[dict[str, Any]]) -> tuple[Reading, ...]:
        return tuple(Reading(tuple(r["cells"]), r["label"]) for r in items)

    facts = tuple(
        FactDef(
            f["id"],
            tuple(compile_pattern(p) for p in f["patterns"]),
            readings(f["readings"]),
            f.get("unit", "件"),
            {k: Decimal(v) for k, v in f["scale"].items()} if f.get("scale") else None,
            f.get("sets_context", ""),
            bool(f.get("needs_context", False)),
            readings(f.get("percent_of", [])),
            tuple(f["keywords"]),
        )
        for f in data.get("facts", [])
    )
    claims = tuple(
        ClaimDef(c["id"], re.compile(c["pattern"]), {k: tuple(v) for k, v in c["subjects"].items()})
        for c in data.get("claims", [])
    )
    return Rules(
        tuple(data.get("sections", ())),
        dict(data.get("section_names", {})),
        facts,
        claims,
        _words(data.get("other_scope", [])),
        _words(data.get("other_time", [])),
        _words(data.get("time_exceptions", [])),
        dict(data.get("contexts", {})),
        _overlapping(sorted({k for f in facts for k in f.keywords}, key=len, reverse=True)),
    )


def rules(fmt: Format) -> Rules:
    """The format's narrative rules, compiled once per loaded format."""
    hit = _RULES.get(id(fmt))
    if hit is None or hit[0] is not fmt:
        hit = (fmt, parse_rules(fmt.narrative))
        _RULES[id(fmt)] = hit
    return hit[1]


# -- reading the text --------------------------------------------------------------------------


def statements(report: Report, section: str, rules_: Rules | None = None) -> Iterator[Statement]:
    """Every number statement of one section the checks may compare (the out-of-scope ones left out)."""
    r = rules_ or rules(report.format)
    for index, text in _paragraphs_in_scope(report, section, r):
        for st in _text_statements(r, text, report.meta.year):
            yield Statement(
                section,
                index,
                st.start,
                st.end,
                st.phrase,
                st.fact,
                st.value,
                st.written_unit,
                st.cells,
                st.context,
                st.percent,
            )


@functools.lru_cache(maxsize=2048)
def _text_statements(r: Rules, text: str, year: int) -> tuple[Statement, ...]:
    """What one paragraph states — a pure function of its text, so typing re-reads only the paragraph typed in."""
    return tuple(_block_statements(r, "", -1, text, year))


def is_heading_like(text: str) -> bool:
    """A short paragraph that only says "（一）2024年问题整改情况。" — a sub-heading typed as a paragraph."""
    body = text.strip().rstrip("。.：:")
    return bool(_HEADING_LIKE.match(body)) and len(body) <= 30 and not re.search(r"[。；！？]", body)


def _paragraphs_in_scope(report: Report, section: str, r: Rules) -> Iterator[tuple[int, str]]:
    """(index, text) of the paragraphs not under a sub-heading about another year."""
    out_of_scope = False
    for index, block in enumerate(report.blocks(section)):
        if block.kind == "image" or not block.text:
            continue
        text = block.text
        if block.kind == "heading" or is_heading_like(text):
            out_of_scope = _other_time(r, text, report.meta.year)
            if block.kind == "heading":
                continue
        if not out_of_scope:
            yield index, text


def sentences(r: Rules, text: str, year: int) -> list[tuple[int, int, bool]]:
    """(start, end, in scope) of each sentence of a paragraph."""
    out = []
    for sm in _SENTENCE.finditer(text):
        sentence = sm.group(0)
        ok = not (_other_time(r, sentence, year) or (r.other_scope and r.other_scope.search(sentence)))
        out.append((sm.start(), sm.end(), ok))
    return out


def _other_time(r: Rules, text: str, year: int) -> bool:
    for m in _YEAR.finditer(text):
        if to_number(m.group(1)) != year:
            return True
    if r.other_time is None:
        return False
    rest = r.time_exceptions.sub("", text) if r.time_exceptions else text
    return bool(r.other_time.search(rest))


def _block_statements(r: Rules, section: str, index: int, text: str, year: int) -> Iterator[Statement]:
    spans = sentences(r, text, year)
    if not any(ok for _s, _e, ok in spans):
        return
    starts = [s for s, _e, _ok in spans]
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, int, FactDef, re.Match[str]]] = []
    present = set(r.keywords.findall(text)) if r.keywords else set()
    for fact in r.facts:  # earlier facts win an overlap: the data lists combinations first
        if present.isdisjoint(fact.keywords):
            continue
        for pattern in fact.patterns:
            for m in pattern.finditer(text):
                s, e = m.span()
                i = bisect.bisect_right(starts, s) - 1
                if not spans[i][2] or e > spans[i][1]:
                    continue
                if any(s < te and ts < e for ts, te in taken):
                    continue
                if text.startswith(_VAGUE_AFTER, e):
                    continue
                taken.append((s, e))
                found.append((i, s, e, fact, m))
    found.sort(key=lambda x: x[1])
    context, sentence = "", -1
    for i, s, e, fact, m in found:
        if i != sentence:
            context, sentence = "", i
        if fact.sets_context:
            context = fact.sets_context
        if fact.needs_context and not context:
            continue
        value = to_number(m.group("n"))
        if value is None:
            continue
        unit = m.groupdict().get("u") or fact.unit
        cells = tuple(tuple(c.replace("{ctx}", context) for c in rd.cells) for rd in fact.readings)
        pct = None
        if fact.percent_of:
            pm = _PERCENT.match(text, e, spans[i][1])
            if pm:
                pct = (pm.group("p"), pm.start("p"), pm.end())
        yield Statement(section, index, s, e, text[s:e], fact, value, unit, cells, context, pct)


def clear_cache() -> None:
    _text_statements.cache_clear()


# -- comparing ---------------------------------------------------------------------------------


@cache
def _expand(fmt_id: str, key: str) -> tuple[str, ...]:
    from model.formats import get_format

    if "*" not in key:
        return (key,)
    return tuple(k for k in get_format(fmt_id).cells if fnmatch.fnmatchcase(k, key))


def table_value(report: Report, keys: tuple[str, ...]) -> tuple[Number | None, tuple[str, ...]]:
    """The sum of the cells (an unfilled cell beside filled ones counts 0); None when none is filled."""
    cells = tuple(k for key in keys for k in _expand(report.format_id, key))
    values = [report.value(k) for k in cells]
    if not cells or all(v is None for v in values):
        return None, cells
    return sum((v or 0 for v in values), start=0), cells


def _stated_in_table_unit(st: Statement) -> Number:
    if st.fact.scale and st.written_unit in st.fact.scale:
        return Decimal(st.value) * st.fact.scale[st.written_unit]
    return st.value


def _fits(stated: Number, table: Number, written: str) -> bool:
    if isinstance(stated, int) and isinstance(table, int):
        return stated == table
    # a written amount is rounded to the places it shows: 35.6万元 fits 35.62
    places = max(decimals(written), 0)
    return abs(Decimal(stated) - Decimal(table)) <= Decimal(1).scaleb(-places) / 2 + Decimal("0.00005")


def compare(report: Report, sections: tuple[str, ...] | None = None) -> list[Mismatch]:
    fmt = report.format
    r = rules(fmt)
    out: list[Mismatch] = []
    for section in sections or r.sections:
        for st in statements(report, section, r):
            m = _compare_statement(report, st, r)
            if m is not None:
                out.append(m)
                continue
            if st.percent is not None:
                pm = _compare_percent(report, st)
                if pm is not None:
                    out.append(pm)
        out.extend(_claims(report, section, r))
    return out


def _compare_statement(report: Report, st: Statement, r: Rules) -> Mismatch | None:
    stated = _stated_in_table_unit(st)
    ctx_label = r.contexts.get(st.context, "")
    seen: list[tuple[str, Number]] = []
    first_cells: tuple[str, ...] = ()
    for reading, keys in zip(st.fact.readings, st.cells, strict=True):
        value, cells = table_value(report, keys)
        if value is None:
            continue
        if _fits(stated, value, _number_text(st)):
            return None
        seen.append((reading.label.replace("{ctx}", ctx_label), value))
        first_cells = first_cells or cells
    if not seen:
        return None  # nothing filled to compare with
    return Mismatch(
        st.section, st.block, st.start, st.end, st.phrase, "fact", st.fact.id, st.value, tuple(seen), first_cells
    )


def _number_text(st: Statement) -> str:
    m = re.search(ARABIC, st.phrase)
    return m.group(0) if m else ""


def _compare_percent(report: Report, st: Statement) -> Mismatch | None:
    assert st.percent is not None
    text, start, end = st.percent
    stated = to_number(text)
    if stated is None:
        return None
    tolerance = Decimal(1).scaleb(-decimals(text))  # a shown 62% may be 61.5–62.9 rounded or cut
    numerator = _stated_in_table_unit(st)
    seen: list[tuple[str, Number]] = []
    ctx_label = rules(report.format).contexts.get(st.context, "")
    for reading in st.fact.percent_of:
        # a table-四 share ("结果纠正N件，占X%") is of the group the sentence spoke of
        total, _ = table_value(report, tuple(c.replace("{ctx}", st.context) for c in reading.cells))
        if not total:
            continue
        computed = (Decimal(numerator) * 100 / Decimal(total)).quantize(Decimal("0.01"))
        if abs(computed - Decimal(stated)) <= tolerance:
            return None
        label = reading.label.replace("{ctx}", ctx_label)
        seen.append((f"按{label}{format_number(total)}{st.fact.unit}计算", computed.normalize()))
    if not seen:
        return None
    phrase_start = st.start
    return Mismatch(
        st.section,
        st.block,
        phrase_start,
        end,
        _block_text(report, st)[phrase_start:end],
        "percent",
        st.fact.id,
        stated,
        tuple(seen),
        (),
    )


def _block_text(report: Report, st: Statement) -> str:
    return report.blocks(st.section)[st.block].text


def _claims(report: Report, section: str, r: Rules) -> Iterator[Mismatch]:
    if not r.claims:
        return
    for index, text in _paragraphs_in_scope(report, section, r):
        if not any(c.pattern.search(text) for c in r.claims):
            continue
        for s0, e0, ok in sentences(r, text, report.meta.year):
            if not ok:
                continue
            sentence = text[s0:e0]
            for claim in r.claims:
                m = claim.pattern.search(sentence)
                if m is None:
                    continue
                before = sentence[: m.start()]
                groups = [g for word, gs in claim.subjects.items() if word in before for g in gs]
                if not groups:
                    continue
                bad = _not_all_upheld(report, tuple(dict.fromkeys(groups)))
                if bad:
                    start = min(before.find(w) for w in claim.subjects if w in before)
                    s, e = s0 + start, s0 + m.end()
                    cells = tuple(f"t4.{g}.{c}" for g in groups for c in ("upheld", "corrected", "other", "pending"))
                    yield Mismatch(section, index, s, e, text[s:e], "claim", claim.id, None, bad, cells)


def _not_all_upheld(report: Report, groups: tuple[str, ...]) -> tuple[tuple[str, Number], ...]:
    fmt = report.format
    labels = {"corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结"}
    out: list[tuple[str, Number]] = []
    for g in groups:
        total, _ = table_value(report, (f"t4.{g}.total",))
        if not total:
            continue
        for col, name in labels.items():
            v = report.value(f"t4.{g}.{col}")
            if v:
                out.append((f"表四“{fmt.label(g)}”{name}", v))
    return tuple(out)
