"""What every exported file says, in reading order — shared by the DOCX, HTML and XLSX writers.

The writers differ only in how they draw; the order of title, preamble, sections, lead-in paragraphs,
tables and signature, and the text of every table cell, are decided here once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from export import layout as L
from model.grid import Grid, GridCell, table_grid
from model.report import Block, Report, format_number

DRAFT_MARK = "草稿"
DRAFT_NOTE = "草稿：报告中还有强制性错误，改正前不得发布"  # on every page / sheet of a forced export
ZERO = "0"  # an empty cell is published as 0: never blank, never “无”
TITLE_CHARS_PER_LINE = 20  # 二号 (22 pt) characters in the 156 mm type area

# "（一）主动公开情况。" at the start of a paragraph: the run-in sub-heading of real reports.
_LEAD_IN = re.compile(r"^（[一二三四五六七八九十]{1,3}）[^。！？；\n]{1,40}?[。：:]")
_HEADING_NUMBER = re.compile(r"^（[一二三四五六七八九十]{1,3}）")
_SENTENCE = re.compile(r"[，。；！？,;]")
_SHORT_HEADING = 24


@dataclass(frozen=True)
class Part:
    """One item of the document body, in order."""

    kind: str  # "heading1" | "block" | "table"
    text: str = ""
    block: Block | None = None
    table: str | None = None  # "t2" | "t3" | "t4"
    section: str = ""  # "preamble" or 一…六


def parts(report: Report) -> Iterator[Part]:
    """Preamble, then each section: its heading, its narrative blocks, then its table (if any)."""
    for block in report.blocks("preamble"):
        yield Part("block", block=block, section="preamble")
    for sec in report.format.sections:
        yield Part("heading1", text=sec.heading, section=sec.no)
        for block in report.blocks(sec.no):
            yield Part("block", block=block, section=sec.no)
        if sec.table:
            yield Part("table", table=sec.table, section=sec.no)


def grid(report: Report, table: str) -> Grid:
    return table_grid(report.format_id, table)


def cell_text(report: Report, cell: GridCell) -> str:
    """The text a grid cell shows: labels as in the format, values as numbers with 0 for empty."""
    if cell.key is None:
        return cell.text
    return format_number(report.value(cell.key), blank=ZERO)


def cn_date(d: dt.date) -> str:
    """2026年1月20日 — Arabic numerals, as GB/T 9704-2012 writes 成文日期."""
    return f"{d.year}年{d.month}月{d.day}日"


def signature_lines(report: Report) -> list[str]:
    lines = [report.meta.agency] if report.meta.agency else []
    if report.meta.publication_date is not None:
        lines.append(cn_date(report.meta.publication_date))
    return lines


def title_lines(report: Report) -> list[str]:
    """The title, broken after the agency when it is too long for one line (as published reports do)."""
    title = report.meta.display_title
    agency = report.meta.agency
    long = text_width_em(title) > TITLE_CHARS_PER_LINE
    if agency and long and title.startswith(agency) and title != agency:
        return [agency, title[len(agency) :]]
    return [title]


def lead_in(text: str) -> tuple[str, str]:
    """Split "（一）主动公开情况。正文……" into its run-in heading and the rest ("" when there is none)."""
    m = _LEAD_IN.match(text)
    if m:
        return m.group(0), text[m.end() :]
    if _HEADING_NUMBER.match(text) and len(text) <= _SHORT_HEADING and not _SENTENCE.search(text):
        return text, ""  # a sub-heading typed as a paragraph of its own, without a full stop
    return "", text


def is_numbered_heading(text: str) -> bool:
    return bool(_HEADING_NUMBER.match(text))


_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text pasted from Word can carry \v (its manual line break) and other control characters that
    XML cannot hold; python-docx and openpyxl would refuse the whole export for one of them."""
    return _NOT_XML.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))


def text_width_em(text: str) -> float:
    """Width in body characters: CJK and full-width count 1, ASCII (digits of a date) counts ½, and
    Word, WPS and LibreOffice add about ¼ character where CJK meets digits (autoSpaceDN)."""
    narrow = [ord(ch) < 0x2E80 for ch in text]
    gaps = sum(1 for a, b in zip(narrow, narrow[1:], strict=False) if a != b)
    return sum(0.5 if n else 1.0 for n in narrow) + 0.25 * gaps


def rows_kept_with_next(grid: Grid) -> set[int]:
    """Rows kept on the page of the row after them (the .docx as keep-with-next, the PDF by its own breaks).
    A caption or header row never ends a page, so each sub-table of 表二 stays with its first numbers and 表四 whole.
    A row group such as （五）不予处理 1–5 stays on one page, so its merged label is never cut in two;
    the long 三、本年度办理结果 group cannot, and breaks between its sub-groups instead."""
    rows_with_values = {c.row for c in grid.cells if c.is_value}
    keep = {r for r in range(grid.n_rows) if r not in rows_with_values}
    for c in grid.cells:
        if c.kind == "label" and 1 < c.rowspan <= L.TABLE_KEEP_GROUP_MAX_ROWS:
            keep.update(range(c.row, c.row + c.rowspan - 1))
    return keep


def signature_indents(lines: list[str]) -> list[float]:
    """Right indents in characters for [agency, date] (or the single line there is)."""
    if len(lines) == 1:
        return [float(L.SIGNATURE_RIGHT_CHARS)]
    agency, date = (text_width_em(t) for t in lines)
    shift, right = L.SIGNATURE_DATE_SHIFT_CHARS, L.SIGNATURE_RIGHT_CHARS
    date_right = right + agency - shift - date
    if date_right >= right:
        return [float(right), date_right]
    return [right + shift + date - agency, float(right)]
