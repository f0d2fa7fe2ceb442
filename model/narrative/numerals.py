"""Numbers as clerks write them: 48, ４８, 35.62, 十二, 两, 一百零五, 二〇二五 (a year, digit by digit).

`NUMBER` is the regex fragment the fact patterns put where a number stands; `to_number` reads what it
matched. Offsets in the text never change: the text is matched as written, not normalised first.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
DIGITS = _DIGITS  # also the importer's, for Chinese dates
_UNITS = {"十": 10, "百": 100, "千": 1000}

ARABIC = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
CHINESE = r"[零〇○一二两三四五六七八九十百千万]+"
# A number, not preceded by another digit (so "12" is never read as "2") nor by a word that makes it vague.
NUMBER = rf"(?<![0-9０-９.．零〇○一二两三四五六七八九十百千万数几近约超逾上第每])(?:{ARABIC}|{CHINESE})"
_YEAR_DIGITS = re.compile(r"[零〇○一二三四五六七八九]{4}")


def to_number(text: str) -> int | Decimal | None:
    """The value of a number as written, or None when it is not one (e.g. a stray "万")."""
    t = text.translate(_FULLWIDTH)
    if re.fullmatch(r"\d+", t):
        return int(t)
    if re.fullmatch(r"\d+\.\d+", t):
        try:
            return Decimal(t)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
            return None
    return chinese_to_int(text)


def chinese_to_int(text: str) -> int | None:
    """一百零五 → 105, 十二 → 12, 两 → 2, 一万二千 → 12000; None for what is not a Chinese numeral."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS and ch != "万" for ch in text):
        return None
    if _YEAR_DIGITS.fullmatch(text):  # 二〇二五: read digit by digit
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total = 0
    if "万" in text:
        high, _, text = text.partition("万")
        if "万" in text:
            return None
        high_value = _below_10000(high) if high else 1
        if high_value is None:
            return None
        total = high_value * 10000
    low = _below_10000(text) if text else 0
    if low is None:
        return None
    return total + low


def _below_10000(text: str) -> int | None:
    value = 0
    digit: int | None = None
    last_unit = 10000
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0:
                return None  # two digits in a row ("二三") is not a count
            digit = _DIGITS[ch] if _DIGITS[ch] != 0 else None
        else:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None
            value += (1 if digit is None else digit) * unit
            digit = None
            last_unit = unit
    if digit is not None:
        value += digit
    return value


def decimals(text: str) -> int:
    """How many decimal places a written number has (for comparing a rounded percentage)."""
    t = text.translate(_FULLWIDTH)
    return len(t.split(".", 1)[1]) if "." in t else 0
