"""Shared by the DOCX and HTML round-trip tests: fully filled reports and what "identical" means."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from decimal import Decimal

from hypothesis import strategies as st

from model.formats import format_for_year, get_format
from model.report import Block, Cell, Meta, Report

# Text that reads as ordinary report prose: no "一、" section numbering, no 年月日 dates.
PROSE = (
    st.text(
        alphabet="本机关认真贯彻落实条例主动公开政府信息工作平台建设监督保障（）《》，。；0123456789%\n",
        min_size=1,
        max_size=60,
    )
    .map(str.strip)
    .filter(bool)
)
HEADINGS = st.sampled_from(["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（一）上年度问题整改情况"])


def tiny_png(rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgb) * 4 for _ in range(4))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _value(cdef, draw):
    if cdef.type == "decimal":
        return draw(st.decimals(min_value=0, max_value=9999, places=2, allow_nan=False)).normalize() + Decimal(0)
    if cdef.type == "signed_int":
        return draw(st.integers(-500, 500))
    return draw(st.integers(0, 100_000))


@st.composite
def full_reports(draw) -> Report:
    year = draw(st.integers(2019, 2030))
    fid = format_for_year(year)
    agency = draw(st.sampled_from(["示例县自然资源局", "某市审计局", "昌乐县知识产权保护中心"]))
    meta = Meta(
        agency=agency,
        year=year,
        title=draw(st.sampled_from(["", f"{agency}{year}年度政府信息公开工作年度报告"])),
        publication_date=draw(st.none() | st.dates(dt.date(year + 1, 1, 1), dt.date(year + 1, 3, 31))),
    )
    cells = {key: Cell(_value(cdef, draw), "imported", None, "number") for key, cdef in get_format(fid).cells.items()}
    narrative: dict[str, list[Block]] = {"preamble": [Block("paragraph", t) for t in draw(st.lists(PROSE, max_size=2))]}
    for sec in "一二三四五六":
        blocks = []
        for kind in draw(st.lists(st.sampled_from(["paragraph", "paragraph", "heading", "image"]), max_size=4)):
            if kind == "image":
                blocks.append(Block("image", "", tiny_png(), "png", float(draw(st.integers(20, 150)))))
            else:
                blocks.append(Block(kind, draw(HEADINGS if kind == "heading" else PROSE)))
        narrative[sec] = blocks
    return Report(meta=meta, format_id=fid, cells=cells, narrative=narrative, totals_mode="manual")


def assert_same(got: Report, want: Report) -> None:
    """Identical cells, narrative and metadata. Contact is not printed as its own line, so not compared."""
    assert got.format_id == want.format_id
    assert (got.meta.agency, got.meta.year, got.meta.title, got.meta.publication_date) == (
        want.meta.agency,
        want.meta.year,
        want.meta.title,
        want.meta.publication_date,
    )
    assert {k: c.value for k, c in got.cells.items()} == {k: c.value for k, c in want.cells.items()}
    for key, cell in got.cells.items():
        if isinstance(want.cells[key].value, Decimal):
            assert isinstance(cell.value, Decimal), key  # money stays exact, never a float
        assert cell.read_as == "number" and cell.origin == "imported"
    for sec in ("preamble", "一", "二", "三", "四", "五", "六"):
        g, w = got.blocks(sec), want.blocks(sec)
        assert [(b.kind, b.text, b.image, b.image_type if b.image else "") for b in g] == [
            (b.kind, b.text, b.image, b.image_type if b.image else "") for b in w
        ], sec
        for a, b in zip(g, w, strict=True):
            if b.width_mm is not None:
                assert a.width_mm is not None and abs(a.width_mm - b.width_mm) < 0.2
