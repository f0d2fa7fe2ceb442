"""What a clerk's text means in a table cell, the same for import, typing and paste.

One vocabulary of placeholders ("无", "—", "没有", "N/A"…: texts agencies write instead of a number) is read
as *unfilled* wherever the text comes from, so the unfilled-cell check then asks for a 0. Which cells a clerk
may type into at all (computed totals are read-only in "auto" totals mode) is decided here too.
"""

from __future__ import annotations

import re
from decimal import Decimal

from model.report import Number, Report, parse_number

# Texts that agencies write instead of 0 or instead of leaving the cell empty (compared without spaces and,
# for the Latin ones, without regard to case).
PLACEHOLDERS = frozenset(
    {
        "无",
        "-",
        "--",
        "—",
        "——",
        "–",
        "－",
        "―",
        "─",
        "/",
        "／",
        "\\",
        "＼",
        "×",
        "空",
        "暂无",
        "没有",
        "未",
        "—/—",
        "n/a",
        "N/A",
        "null",
        "NULL",
        "none",
        "None",
    }
)
_FOLDED = frozenset(p.casefold() for p in PLACEHOLDERS)
# A cell of nothing but dashes, slashes or underscores ("———", "//") is a placeholder however long.
DASHES = frozenset("-—–－―─_/／\\")
_SPACES = re.compile(r"[\s\u3000\xa0\u200b\ufeff]+")
# What may be typed into a number cell (the rest of a number's rule is `model.report.parse_number`).
NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９.．,，-－+＋ \u3000")

NOT_A_NUMBER = "请输入数字（没有的填0）。"
NOT_AN_INTEGER = "件数应为整数，请输入整数（没有的填0）。"
NEGATIVE = "这里的数不能是负数，请输入0或正数。"
READ_ONLY = "合计由各分项自动计算，不能直接填写。"


class NotANumber(ValueError):
    """The text is neither a number for this cell nor a placeholder; `str(exc)` says so to the clerk."""


def squeeze(text: str) -> str:
    """The text without any kind of space (ASCII, full-width, no-break, zero-width)."""
    return _SPACES.sub("", text)


def is_placeholder(text: str) -> bool:
    """Whether a (non-empty) text stands for "nothing here" rather than a number."""
    t = squeeze(text)
    return bool(t) and (t in PLACEHOLDERS or t.casefold() in _FOLDED or set(t) <= DASHES)


def read_entry(text: str, type_: str = "int") -> Number | None:
    """A typed or pasted text → the cell's value: None for empty or a placeholder, else a number that fits
    the cell type ("int": a count, never negative; "signed_int"; "decimal": finite, never negative).
    Raises NotANumber (a ValueError) with the sentence to show."""
    t = squeeze(text)
    if not t or is_placeholder(t):
        return None
    try:
        value = parse_number(t, "decimal" if type_ == "decimal" else "int")
    except ValueError:
        raise NotANumber(NOT_AN_INTEGER if type_ != "decimal" and _looks_decimal(t) else NOT_A_NUMBER) from None
    if type_ != "signed_int" and value < 0:
        raise NotANumber(NEGATIVE)
    return value


def could_be_entry(text: str) -> bool:
    """While typing: whether the text can still become a number or a placeholder (a keystroke that cannot
    is refused at once)."""
    if all(ch in NUMBER_CHARS for ch in text):
        return True
    t = squeeze(text).casefold()
    return set(t) <= DASHES or any(p.startswith(t) for p in _FOLDED)


def _looks_decimal(t: str) -> bool:
    t = t.replace("．", ".")
    return "." in t and t.replace(".", "", 1).replace(",", "").lstrip("+-").isdigit()


def editable(report: Report, key: str) -> bool:
    """Whether a clerk may type into this cell (computed totals are read-only in "auto" totals mode)."""
    cdef = report.format.cells[key]
    return not (cdef.derived and report.totals_mode == "auto")


def fits_cell(value: object, type_: str) -> str:
    """ "" when `value` may be stored in a cell of this type, else the sentence saying why not."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return NOT_A_NUMBER
    if isinstance(value, Decimal):
        if not value.is_finite():
            return NOT_A_NUMBER
        if type_ != "decimal":
            return NOT_AN_INTEGER
    if type_ != "signed_int" and value < 0:
        return NEGATIVE
    return ""
