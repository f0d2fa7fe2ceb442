"""Turning a document's paragraphs and tables (from .docx or .html) into a Report and an import log.

Sections are found by their headings ("一、总体情况" with or without a heading style, with full-width
spaces, as a numbered list item, or a variant wording), tables by their labels (see `tables`). The
title gives agency and year; the date at the end gives the publication date. Whatever is not found
is said in the log, never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from model.errors import NotAReport
from model.formats import Format, format_for_year, format_ids, get_format
from model.importers import ImportLog
from model.narrative.numerals import DIGITS
from model.importers.document import Item, Para, TableGrid, norm
from model.importers.tables import TableResult, classify, detect_format, read_tables
from model.importers.values import squeeze
from model.report import Block, Cell, Meta, Report


@dataclass(frozen=True)
class _Headings:
    """What a section heading looks like, from every format's sections (the format is not known yet when
    the headings are read): the section numbers in order and each one's words (`heading_words`)."""

    numerals: str
    words: dict[str, tuple[str, ...]]
    pattern: re.Pattern[str]

    def part_name(self, no: str) -> str:
        return "开头段落" if no == "preamble" else f"第{no}部分"


@cache
def _headings_in(formats: tuple[Format, ...]) -> _Headings:
    words: dict[str, list[str]] = {}
    for fmt in formats:
        for s in fmt.sections:
            have = words.setdefault(s.no, [])
            have.extend(w for w in (s.heading_words or (s.title,)) if w not in have)
    numerals = "".join(sorted(words, key=_section_rank))
    pattern = re.compile(rf"^(?:第)?([{numerals}])(?:部分)?(?:[、，,.．:：]|\s)+(.*)$", re.DOTALL)
    return _Headings(numerals, {k: tuple(v) for k, v in words.items()}, pattern)


def _headings() -> _Headings:
    return _headings_in(tuple(get_format(f) for f in format_ids()))


def _section_rank(no: str) -> int:
    return _CN_DIGITS.get(no, 0) if len(no) == 1 else 10 + len(no)


_SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）")
_YEAR = re.compile(r"([12]\d{3})\s*年")
_DATE = re.compile(r"([12]\d{3})年(\d{1,2})月(\d{1,2})日")
# The digits of dates and section numbers as written: those of every Chinese numeral (model/narrative/numerals.py)
# but 两, which never stands in a date, and with the Latin O some clerks type for 〇.
_CN_DIGITS = {**{ch: v for ch, v in DIGITS.items() if ch != "两"}, "O": 0}


def section_of(para: Para) -> str | None:
    """The section number a paragraph is the heading of, or None for ordinary text."""
    text = norm(para.text)
    if not text or len(text) > 40 or para.images and not text:
        return None
    h = _headings()
    # Match on the spaced text: "一　总体情况" uses a full-width space as its only separator.
    m = h.pattern.match(para.text.strip(" \t\r\n\u3000\xa0"))
    if m:
        no, rest = m.group(1), norm(m.group(2))
        if any(w in rest for w in h.words[no]) and len(rest) <= 32:
            return no
        return None
    # "总体情况" numbered by Word's list numbering, or a heading-styled title without its number.
    headingish = para.numbered or para.heading_level == 1 or para.bold
    if headingish and len(text) <= 24 and not text.endswith("。") and not re.match(r"[（(0-9]", text):
        for no in h.numerals:
            if any(w in text for w in h.words[no]):
                return no
    return None


def recognize(items: list[Item], log: ImportLog) -> Report:
    paras = [it for it in items if isinstance(it, Para)]
    grids = [it for it in items if isinstance(it, TableGrid)]
    by_table: dict[str, list[TableGrid]] = {}
    texts: dict[int, str] = {}  # each grid's normalised text, worked out once for classify and detect_format
    for g in grids:
        texts[id(g)] = g.text()
        kind = classify(g, texts[id(g)])
        if kind:
            by_table.setdefault(kind, []).append(g)
    headings = [p for p in paras if section_of(p)]
    if not by_table and len(headings) < 2:
        newest = get_format(format_ids()[0])
        names = "、".join(newest.table_name(t) for t in newest.tables)
        first = newest.sections[0].heading
        raise NotAReport(
            f"这个文件中没有找到年度报告的统计表（{names}），也没有“{first}”等部分标题，"
            "看起来不是政府信息公开工作年度报告。",
            path=log.source,
        )

    published, line = _release_date(paras)
    if line is not None:
        items = [it for it in items if it is not line]
        paras = [p for p in paras if p is not line]
    meta, title_paras = _title(paras, log)
    narrative, seen = _narrative(items, title_paras)
    date = _signature(narrative, meta, log)
    year_from_text = 0 if meta.year else _year_from_text(narrative)
    fid, fid_guess = _pick_format(by_table, texts, meta.year or year_from_text)
    fmt = get_format(fid)
    _log_sections(fmt, narrative, seen, set(by_table), log)
    if published is not None:
        log.found.append(f"发布日期：{published.year}年{published.month}月{published.day}日（标题旁的“发布日期”）")
        if date is None:
            date = published
    meta.publication_date = date
    if not meta.year:
        meta.year = year_from_text
        if meta.year:
            log.guessed.append(f"标题中没有年度，按正文中最常出现的年份推断为{meta.year}年")
    if not meta.agency:
        log.missing.append("未找到机关名称（标题中没有识别出来），请在“基本信息”页填写")
    if fid_guess:
        log.guessed.append(fid_guess)
    log.found.append(f"格式：{fmt.name}（{fmt.doc_no.split(' (')[0]}）")
    result = read_tables(fmt, by_table)
    log.guessed.extend(result.guessed)
    _log_tables(fmt, result, log)
    return Report(meta=meta, format_id=fid, cells=result.cells, narrative=narrative, totals_mode="manual")


def _pick_format(by_table: dict[str, list[TableGrid]], texts: dict[int, str], year: int) -> tuple[str, str]:
    """The report's format and, when it was a guess, the import log's sentence saying so. The tables'
    labels decide; among formats they fit equally (a newer format that kept the older one's labels) the
    format in force for the report year does."""
    candidates = detect_format([g for gs in by_table.values() for g in gs], texts)
    in_force = format_for_year(year) if year else ""
    if len(candidates) == 1:
        return candidates[0], ""
    if in_force in candidates:
        return in_force, ""
    if candidates:
        return candidates[-1], ""  # no year to decide: the oldest of the formats the labels fit
    fid = in_force or format_ids()[0]
    years = "和".join(f"{get_format(f).first_year}年" for f in reversed(format_ids()))
    return fid, f"表格标签未能区分{years}格式，按{year or '默认'}年度推断为{get_format(fid).name}"


def _log_tables(fmt: Format, result: TableResult, log: ImportLog) -> None:
    for name, table in fmt.tables.items():
        label = table["long_name"]
        keys = fmt.table_cells(name)
        got = [k for k in keys if k in result.cells]
        if not got:
            found = name in result.found_tables
            log.missing.append(f"{label}中没有读到任何数据" if found else f"未找到{label}")
            continue
        log.found.append(f"{label}：读取{len(got)}个数据单元格")
        if len(got) < len(keys):
            rows = list(dict.fromkeys(fmt.cells[k].row_label for k in keys if k not in result.cells))
            log.missing.append(
                f"{label}缺少{len(keys) - len(got)}个单元格（{'、'.join(rows[:6])}{'等' if len(rows) > 6 else ''}）"
            )
        _log_readings(result.cells, got, label, log)


def _log_readings(cells: dict[str, Cell], keys: list[str], label: str, log: ImportLog) -> None:
    for read_as, what in (
        ("placeholder", "写为“无”“-”等，未当作数字，检查时会提示"),
        ("blank", "为空白，未当作数字，检查时会提示"),
    ):
        n = sum(1 for k in keys if cells[k].read_as == read_as)
        if n:
            log.guessed.append(f"{label}有{n}个单元格{what}")


# -- title and metadata ---------------------------------------------------------------------------


def _title(paras: list[Para], log: ImportLog) -> tuple[Meta, list[Para]]:
    """Agency and year from the title; the paragraphs that make up the title."""
    leading: list[Para] = []
    for p in paras:
        if section_of(p):
            break
        leading.append(p)
    best: tuple[int, int] | None = None  # (score, index): web pages put navigation lines above the title
    for i, p in enumerate(leading[:20]):
        text = squeeze(p.text)
        if "报告" not in text or len(text) > 80:
            continue
        score = (
            2 * ("政府信息公开" in text)
            + 2 * bool(_YEAR.search(text))
            + ("年度报告" in text)
            + (p.heading_level == 1 or p.bold)
            - 3 * any(ch in text for ch in ">＞»|")
        )
        if score >= 3 and (best is None or score > best[0]):
            best = (score, i)
    if best is not None:
        i = best[1]
        p = leading[i]
        text = squeeze(p.text)
        used = [p]
        if (
            i > 0
            and _YEAR.match(text)
            and len(squeeze(leading[i - 1].text)) <= 30
            and not _YEAR.search(leading[i - 1].text)
            and not leading[i - 1].images
        ):
            used.insert(0, leading[i - 1])  # agency on its own line above "2020年…年度报告"
        title = "".join(squeeze(x.text) for x in used)
        meta = _meta_from_title(title)
        log.found.append(f"标题：{title}（机关：{meta.agency or '未识别'}，年度：{meta.year or '未识别'}）")
        if title != meta.default_title():
            meta.title = title
        dropped = sum(1 for x in leading[:i] if x not in used and squeeze(x.text))
        if dropped:
            # Web pages put navigation, index numbers and dates above the title; none of it is the report.
            log.guessed.append(f"标题之前的{dropped}段文字（如网页导航、索引号）未导入")
        return meta, leading[: i + 1]
    log.missing.append("未找到报告标题（机关名称和年度）")
    return Meta(), []


def _meta_from_title(title: str) -> Meta:
    m = _YEAR.search(title.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if not m:
        return Meta(agency=title.split("政府信息公开")[0])
    year = _plausible_year(int(m.group(1)))
    agency = title[: m.start()]
    if not agency:  # "2020年某某局政府信息公开工作年度报告"
        rest = title[m.end() :]
        agency = re.split(r"(年度)?政府信息公开", rest)[0]
    return Meta(agency=agency.strip("　 "), year=year)


def _year_from_text(narrative: dict[str, list[Block]]) -> int:
    years = [int(y) for bs in narrative.values() for b in bs for y in _YEAR.findall(b.text)]
    years = [y for y in years if _plausible_year(y)]
    return max(set(years), key=years.count) if years else 0


def _plausible_year(year: int) -> int:
    """The year, or 0 (not found: the clerk fills it in) when no report can have it ("1234年", "2999年"):
    a project holds only years it can save and open again."""
    from model.project_schema import MAX_YEAR, MIN_YEAR

    return year if MIN_YEAR <= year <= MAX_YEAR else 0


# -- narrative ------------------------------------------------------------------------------------


def _narrative(items: list[Item], skip: list[Para]) -> tuple[dict[str, list[Block]], list[str]]:
    numerals = _headings().numerals
    narrative: dict[str, list[Block]] = {k: [] for k in ("preamble", *numerals)}
    current = "preamble"
    seen: list[str] = []
    for it in items:
        if not isinstance(it, Para) or any(it is s for s in skip):
            continue
        no = section_of(it)
        # Sections come in order; a later "一、…" inside the text of section 五 is not a new section 一.
        if no and (not seen or numerals.index(no) > numerals.index(seen[-1])):
            current = no
            seen.append(no)
            continue
        text = it.text.strip(" \t\r\n\u3000\xa0\u200b\ufeff")
        if text:
            kind = "heading" if _is_subheading(it, text) else "paragraph"
            narrative[current].append(Block(kind, text))
        for img in it.images:
            narrative[current].append(Block("image", "", img.data, img.image_type, img.width_mm))
    return narrative, seen


def _log_sections(
    fmt: Format, narrative: dict[str, list[Block]], seen: list[str], tables: set[str], log: ImportLog
) -> None:
    if narrative["preamble"]:
        log.found.append(f"开头段落：{len(narrative['preamble'])}段")
    part_name = _headings().part_name
    for section in fmt.sections:
        no = section.no
        if no not in seen and section.table in tables:
            # Some reports put the heading into the table's first row: the table itself is the section.
            log.guessed.append(f"没有单独的{part_name(no)}标题，已按表格内容识别")
            continue
        if no not in seen:
            log.missing.append(f"未找到{part_name(no)}（{section.heading}）")
            continue
        blocks = narrative.get(no, [])
        n_img = sum(1 for b in blocks if b.kind == "image")
        if not blocks:
            log.found.append(f"{part_name(no)}标题")
            continue
        extra = f"，{n_img}张图片" if n_img else ""
        log.found.append(f"{part_name(no)}：{len(blocks) - n_img}段文字{extra}")


def _is_subheading(p: Para, text: str) -> bool:
    if p.heading_level >= 2:
        return True
    return p.bold and len(text) <= 40 and bool(_SUBHEADING.match(text))


# -- signature --------------------------------------------------------------------------------------


_RELEASE = re.compile(
    r"^(?:发布日期|发布时间|发文日期|公开日期|成文日期|日期)\s*[:：]\s*([12]\d{3})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)


def _release_date(paras: list[Para]) -> tuple[dt.date | None, Para | None]:
    """A web page's or a PDF's "发布日期：2020-01-31" line near the title (above or below it, before the
    first section): the publication date, and the paragraph that says it (which is not report text)."""
    for p in paras[:12]:
        if section_of(p):
            break
        m = _RELEASE.match(squeeze(p.text).translate(str.maketrans("０１２３４５６７８９：", "0123456789:")))
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), p
            except ValueError:
                return None, None
    return None, None


def _signature(narrative: dict[str, list[Block]], meta: Meta, log: ImportLog) -> dt.date | None:
    """Take the signature (agency + date) off the end of the last section; return the date."""
    last = next((k for k in reversed(list(narrative)) if narrative[k]), None)
    if last is None:
        return None
    blocks = narrative[last]
    for i in range(len(blocks) - 1, max(-1, len(blocks) - 7), -1):
        b = blocks[i]
        if b.kind == "image":
            continue
        lines = [squeeze(x) for x in b.text.splitlines() if squeeze(x)]
        date = _parse_date(lines[-1]) if lines else None
        if date is None:
            continue
        if len(lines) > 2 or len(lines[-1]) > 14:
            return None
        after = sum(1 for b in blocks[i + 1 :] if b.text)
        if after:
            # A web page's footer (主办单位, 网站标识码, 打印本页) follows the signature; it is not the report.
            log.guessed.append(f"落款之后的{after}段文字（如网页页脚）未导入")
        del blocks[i:]
        if i > 0 and len(lines) == 1:
            prev = blocks[i - 1]
            ptext = squeeze(prev.text)
            if (
                prev.kind != "image"
                and len(ptext) <= 30
                and not ptext.endswith(("。", "；", "："))
                and (not meta.agency or ptext == meta.agency or meta.agency in ptext or ptext in meta.agency)
            ):
                del blocks[i - 1]
        log.found.append(f"落款日期：{date.year}年{date.month}月{date.day}日")
        return date
    log.missing.append("未找到文末的落款日期（发布日期）")
    # A signature without a date is still a signature, not text of the last section.
    tail = blocks[-1] if blocks else None
    if tail is not None and tail.kind != "image" and meta.agency and squeeze(tail.text) == meta.agency:
        blocks.pop()
    return None


def _parse_date(text: str) -> dt.date | None:
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    m = _DATE.fullmatch(text)
    if not m:
        m2 = re.fullmatch(
            r"([〇○零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日", text
        )
        if not m2:
            return None
        year = int("".join(str(_CN_DIGITS[c]) for c in m2.group(1)))
        parts = (year, _cn_small(m2.group(2)), _cn_small(m2.group(3)))
    else:
        parts = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def _cn_small(text: str) -> int:
    """一 … 三十一 → 1 … 31; 0 (no such day or month) for a malformed numeral such as 十十 or 三三."""
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    if (
        len(tens) > 1
        or len(ones) > 1
        or "十" in ones
        or tens in ("〇", "○", "零", "O")
        or ones in ("〇", "○", "零", "O")
    ):
        return 0
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
