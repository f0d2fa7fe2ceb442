"""Reading one table cell's text as found in a published report into a `Cell`.

Published tables hold more than numbers: "无", "-", "／", blanks, full-width digits, trailing full-width
spaces, units ("3件", "251000元") and decimals. Each cell remembers its raw text and how it was read, so
the checks can say "这里原文为“无”，已按0处理" and the clerk sees every guess.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from model.entry import PLACEHOLDERS, is_placeholder, squeeze
from model.report import MAX_FRACTION_DIGITS, MAX_INT_DIGITS, Cell, Number, parse_number

__all__ = ["PLACEHOLDERS", "read_cell", "squeeze"]

# A number followed by a unit the cell's header already implies.
_EXPONENT = re.compile(r"^[+\-－]?[0-9０-９.．,，]*[eEｅＥ][+\-－]?[0-9０-９]")
_DIGITS = re.compile(r"^[+\-－]?(?P<whole>[0-9０-９,，]*)[.．]?(?P<fraction>[0-9０-９]*)$")
_UNIT = re.compile(r"^(?P<num>[+\-－]?[0-9０-９][0-9０-９,，.．]*)\s*(?P<unit>件|个|项|条|次|宗|份|万元|万|元)$")


def read_cell(raw: str, type_: str = "int", unit: str = "") -> tuple[Cell, str]:
    """(the cell, a Chinese note on any guess made — "" when the text was plainly a number or empty)."""
    text = squeeze(raw)
    if not text:
        return Cell(None, "imported", raw, "blank"), ""
    if is_placeholder(text):
        return Cell(None, "imported", raw, "placeholder"), ""
    try:
        return Cell(_number(text, type_), "imported", raw, "number"), ""
    except ValueError:
        pass
    m = _UNIT.match(text)
    if m:
        try:
            value = _number(m["num"].replace("，", ","), "decimal" if type_ == "decimal" else type_)
        except ValueError:
            value = None
        if value is not None:
            found_unit = m["unit"]
            if type_ == "decimal" and unit == "万元" and found_unit == "元":
                # 251000元 in a 万元 column: the agency wrote yuan; the format wants ten-thousands.
                converted = _decimal_clean(Decimal(value) / Decimal(10000))
                return (Cell(converted, "imported", raw, "number"), f"原文为“{text}”，已换算为{_fmt(converted)}万元")
            if found_unit in ("万", "万元"):
                if unit == "万元":
                    return Cell(value, "imported", raw, "number"), ""
                return Cell(None, "imported", raw, "unreadable"), f"原文为“{text}”，单位与表格不符，未读取"
            return Cell(value, "imported", raw, "number"), f"原文为“{text}”，已去掉单位“{found_unit}”"
    shown = text if len(text) <= 30 else text[:30] + "…"
    if _EXPONENT.match(text):
        # Excel shows big or tiny numbers as "1E+07"; reading them would invent a figure (1e7 → 10,000,000,
        # 1e-999999999 → 0) or one no file can hold (1e5000). The clerk types the real number.
        return Cell(None, "imported", raw, "unreadable"), f"原文为“{shown}”（科学计数法），未读取，请按原表填写"
    if _out_of_range(text):
        return (
            Cell(None, "imported", raw, "unreadable"),
            f"原文为“{shown}”，数字超出年度报告可能的范围（整数最多{MAX_INT_DIGITS}位、小数最多{MAX_FRACTION_DIGITS}位），未读取",
        )
    return Cell(None, "imported", raw, "unreadable"), f"原文为“{shown}”，无法识别为数字"


def _out_of_range(text: str) -> bool:
    m = _DIGITS.match(text)
    if not m:
        return False
    whole = re.sub(r"[,，]", "", m["whole"]).lstrip("0０")
    return len(whole) > MAX_INT_DIGITS or len(m["fraction"].rstrip("0０")) > MAX_FRACTION_DIGITS


def _number(text: str, type_: str) -> Number:
    value = parse_number(text.replace("，", ","), "decimal" if type_ == "decimal" else "int")
    if type_ == "int" and isinstance(value, int) and value < 0:
        raise ValueError(text)  # a count cannot be negative; leave it for the clerk
    if isinstance(value, Decimal):
        return _decimal_clean(value)
    return value


def _decimal_clean(d: Decimal) -> Number:
    """Keep a decimal cell a Decimal, as the agency wrote it: parsed from the text, so no float noise, and
    its digits kept (35.60 stays 35.60; only an exponent is written out: 1E+1 → 10)."""
    try:
        return d if d.as_tuple().exponent <= 0 else Decimal(int(d))  # type: ignore[operator]
    except InvalidOperation:
        return d


def _fmt(d: Number) -> str:
    return format(d, "f") if isinstance(d, Decimal) else str(d)
