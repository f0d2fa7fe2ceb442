"""The shape every `.nianbao` document must have before any of it reaches the model (schema 2).

A project file is data from disk: edited by hand, cut short, or built to crash the program. `validate`
walks the whole document once and raises `CorruptProject` naming the first field that is wrong, in Chinese,
so that whatever loads is a report the checks, the editor, the project file and every writer can handle:
numbers within `model.report`'s bounds, years a report can have, texts that are texts, pictures that are
pictures. Nothing here is recursive: a hostile nesting depth is refused by the JSON reader before this.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from model.errors import CorruptProject
from model.formats import Format, get_format
from model.report import ORIGINS, READINGS, valid_number

MIN_YEAR, MAX_YEAR = 1990, 2200  # the first disclosure reports are from 2008; the bound is only sanity
MAX_TEXT = 1_000_000  # characters in one paragraph, title or note: a whole report is ~20,000
MAX_SHORT = 10_000  # characters in a name, a date, a key
MAX_IMAGE_B64 = 70 * 1024 * 1024  # one picture, base64 (≈ 50 MB of data)
MAX_WIDTH_MM = 1000.0
BLOCK_KINDS = ("paragraph", "heading", "image")
TOTALS_MODES = ("auto", "manual")
_HINT = "文件可能已损坏或被其他程序改动过；原文件没有被改动，同一文件夹中的 .bak 备份文件可以改名后打开。"


class _Bad(Exception):
    def __init__(self, where: str, what: str) -> None:
        super().__init__(where, what)
        self.where, self.what = where, what


def validate(report: Any, path: str | None = None) -> None:
    """Raise `CorruptProject` unless `report` (the document's "report" object) is a valid schema-2 report."""
    try:
        _report(report)
    except _Bad as bad:
        raise CorruptProject(f"项目文件中的“{bad.where}”{bad.what}，无法打开。", _HINT, path=path) from None


def _report(r: Any) -> None:
    _dict(r, "report")
    fmt = _format(r.get("format_id"), "report.format_id")
    _meta(r.get("meta"))
    cells = r.get("cells", {})
    _dict(cells, "report.cells")
    for key, c in cells.items():
        where = f"report.cells.{_shown(key)}"
        if key not in fmt.cells:
            raise _Bad(where, f"不是{fmt.name}中的单元格")
        _dict(c, where)
        _number(c.get("v"), f"{where}.v")
        if c.get("origin", "entered") not in ORIGINS:
            raise _Bad(f"{where}.origin", "不是有效的来源")
        _text(c.get("raw"), f"{where}.raw", MAX_TEXT, optional=True)
        if c.get("read_as", "") not in READINGS:
            raise _Bad(f"{where}.read_as", "不是有效的读取方式")
    narrative = r.get("narrative", {})
    _dict(narrative, "report.narrative")
    for section, blocks in narrative.items():
        where = f"report.narrative.{_shown(section)}"
        _list(blocks, where)
        for i, b in enumerate(blocks):
            _block(b, f"{where}[{i}]")
    acks = r.get("acks", {})
    _dict(acks, "report.acks")
    for key, a in acks.items():
        where = f"report.acks.{_shown(key)}"
        _text(key, where, MAX_SHORT)
        _dict(a, where)
        _text(a.get("text"), f"{where}.text", MAX_TEXT)
        _text(a.get("at", ""), f"{where}.at", MAX_SHORT)
    prev = r.get("previous")
    if prev:
        _dict(prev, "report.previous")
        _year(prev.get("year"), "report.previous.year")
        _format(prev.get("format_id"), "report.previous.format_id")
        prev_cells = prev.get("cells")
        _dict(prev_cells, "report.previous.cells")
        for key, v in prev_cells.items():
            # Keys of either format: a 2019 report rolled into 2021 keeps last year's values under both.
            _text(key, f"report.previous.cells.{_shown(key)}", MAX_SHORT)
            _number(v, f"report.previous.cells.{_shown(key)}")
        texts = prev.get("narrative", {})
        _dict(texts, "report.previous.narrative")
        for section, paras in texts.items():
            _list(paras, f"report.previous.narrative.{_shown(section)}")
            for i, t in enumerate(paras):
                _text(t, f"report.previous.narrative.{_shown(section)}[{i}]", MAX_TEXT)
        _text(prev.get("source", ""), "report.previous.source", MAX_SHORT)
    if r.get("totals_mode", "auto") not in TOTALS_MODES:
        raise _Bad("report.totals_mode", "不是 auto 或 manual")
    notes = r.get("notes", [])
    _list(notes, "report.notes")
    for i, n in enumerate(notes):
        _text(n, f"report.notes[{i}]", MAX_TEXT)


def _meta(m: Any) -> None:
    _dict(m, "report.meta")
    _text(m.get("agency", ""), "report.meta.agency", MAX_SHORT)
    _year(m.get("year"), "report.meta.year")
    _text(m.get("title", ""), "report.meta.title", MAX_SHORT)
    _text(m.get("contact", ""), "report.meta.contact", MAX_SHORT)
    date = m.get("publication_date")
    if date:
        _text(date, "report.meta.publication_date", 40)
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise _Bad("report.meta.publication_date", "不是有效的日期（应为“2026-01-20”这样的格式）") from None


def _block(b: Any, where: str) -> None:
    _dict(b, where)
    kind = b.get("kind", "paragraph")
    if kind not in BLOCK_KINDS:
        raise _Bad(f"{where}.kind", "不是段落、小标题或图片")
    _text(b.get("text", ""), f"{where}.text", MAX_TEXT)
    _text(b.get("review", ""), f"{where}.review", MAX_TEXT)
    _text(b.get("carried", ""), f"{where}.carried", MAX_TEXT)
    image = b.get("image")
    if image:
        _text(image, f"{where}.image", MAX_IMAGE_B64)
        try:
            data = base64.b64decode(image, validate=True)
        except (binascii.Error, ValueError):
            raise _Bad(f"{where}.image", "不是有效的图片数据") from None
        # Bytes that do not decode as a picture are kept, not refused: the project is the clerk's, and the
        # writers say which picture they cannot place (the importers keep only real pictures).
        del data
        if b.get("image_type", "") not in ("png", "jpeg", "gif", "bmp"):
            raise _Bad(f"{where}.image_type", "不是 png、jpeg、gif 或 bmp")
    elif image is not None and image != "":
        raise _Bad(f"{where}.image", "不是有效的图片数据")
    width = b.get("width_mm")
    if width is not None and (
        isinstance(width, bool) or not isinstance(width, int | float) or not (0 < width <= MAX_WIDTH_MM)
    ):
        raise _Bad(f"{where}.width_mm", f"不是有效的图片宽度（应为0到{MAX_WIDTH_MM:g}毫米之间的数）")


def _format(fid: Any, where: str) -> Format:
    if not isinstance(fid, str):
        raise _Bad(where, "不是格式名称")
    try:
        return get_format(fid)
    except Exception:
        raise _Bad(where, f"是不认识的报告格式“{_shown(fid)}”") from None


def _year(y: Any, where: str) -> None:
    """A report year, or 0: not known yet (an import that found none; the clerk fills it in)."""
    if isinstance(y, bool) or not isinstance(y, int) or not (MIN_YEAR <= y <= MAX_YEAR or y == 0):
        raise _Bad(where, f"不是有效的年度（应为{MIN_YEAR}–{MAX_YEAR}之间的整数，未填写为0）")


def _number(v: Any, where: str) -> None:
    if v is None:
        return
    if isinstance(v, dict):
        d = v.get("decimal")
        if len(v) == 1 and isinstance(d, str) and len(d) <= 64:
            from model.report import parse_number

            try:
                parse_number(d, "decimal")
                return
            except ValueError:
                pass
        raise _Bad(where, "不是有效的数（应为普通写法的十进制数，整数最多15位、小数最多6位）")
    if not valid_number(v):
        raise _Bad(where, "不是有效的数字（应为整数，最多15位）")


def _text(v: Any, where: str, limit: int, optional: bool = False) -> None:
    if v is None and optional:
        return
    if not isinstance(v, str):
        raise _Bad(where, "不是文字")
    if len(v) > limit:
        raise _Bad(where, f"过长（超过{limit}个字符）")


def _dict(v: Any, where: str) -> None:
    if not isinstance(v, dict):
        raise _Bad(where, "缺失或不是对象")


def _list(v: Any, where: str) -> None:
    if not isinstance(v, list):
        raise _Bad(where, "不是列表")


def _shown(key: Any) -> str:
    text = str(key) if isinstance(key, str | int) else type(key).__name__
    return text if len(text) <= 60 else text[:60] + "…"
