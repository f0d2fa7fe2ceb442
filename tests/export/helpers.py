"""Reading an exported DOCX back the hard way (raw WordprocessingML) for the export tests, and the reports
with pictures they export.

Independent of the writer's code and of the importer: merged cells are rebuilt from w:gridSpan and
w:vMerge, fonts are resolved through run → paragraph style → basedOn → docDefaults.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn

from model.report import Block
from model.sample import load_sample


@dataclass(frozen=True)
class Span:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    tc: object  # the w:tc element of the top-left cell


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def table_spans(tbl) -> list[Span]:
    """Every visible cell of a w:tbl with its row/col position and spans, as Word lays it out."""
    starts: list[dict] = []
    open_by_col: dict[int, dict] = {}
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):
        col = 0
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span = 1
            vmerge = None
            if pr is not None:
                gs = pr.find(qn("w:gridSpan"))
                span = int(gs.get(qn("w:val"))) if gs is not None else 1
                vm = pr.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val")) or "continue"
            if vmerge == "continue":
                open_by_col[col]["rowspan"] += 1
            else:
                paras = tc.findall(qn("w:p"))
                text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paras)
                d = {"row": r, "col": col, "rowspan": 1, "colspan": span, "text": text, "tc": tc}
                starts.append(d)
                open_by_col[col] = d
            col += span
    return [Span(**d) for d in starts]


def style_chain(document, style_id: str | None):
    styles = document.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    default = next(
        s.get(qn("w:styleId"))
        for s in styles.findall(qn("w:style"))
        if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) == "1"
    )
    sid = style_id or default
    chain = []
    while sid:
        s = by_id[sid]
        chain.append(s)
        based = s.find(qn("w:basedOn"))
        sid = based.get(qn("w:val")) if based is not None else None
    return chain


def _rpr_sources(document, run_el, par_el):
    sources = [run_el.find(qn("w:rPr"))]
    ppr = par_el.find(qn("w:pPr"))
    style_id = None
    if ppr is not None and ppr.find(qn("w:pStyle")) is not None:
        style_id = ppr.find(qn("w:pStyle")).get(qn("w:val"))
    sources += [s.find(qn("w:rPr")) for s in style_chain(document, style_id)]
    sources.append(document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    return [s for s in sources if s is not None]


def effective_font(document, run_el, par_el, slot: str = "eastAsia") -> str | None:
    """The font name Word uses for `slot` of a run (theme attributes would win, so there must be none)."""
    for rpr in _rpr_sources(document, run_el, par_el):
        rf = rpr.find(qn("w:rFonts"))
        if rf is None:
            continue
        assert rf.get(qn(f"w:{slot}Theme")) is None and rf.get(qn("w:eastAsiaTheme")) is None
        name = rf.get(qn(f"w:{slot}"))
        if name:
            return name
    return None


def effective_size_pt(document, run_el, par_el) -> float | None:
    for rpr in _rpr_sources(document, run_el, par_el):
        sz = rpr.find(qn("w:sz"))
        if sz is not None:
            return int(sz.get(qn("w:val"))) / 2
    return None


def paragraph_style_id(par_el) -> str | None:
    ppr = par_el.find(qn("w:pPr"))
    if ppr is None or ppr.find(qn("w:pStyle")) is None:
        return None
    return ppr.find(qn("w:pStyle")).get(qn("w:val"))


def body_tables(document):
    return document.element.body.findall(qn("w:tbl"))


def visible_text_runs(par_el):
    return [r for r in par_el.findall(qn("w:r")) if "".join(t.text or "" for t in r.findall(qn("w:t")))]


def png(width: int, height: int, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def with_images():
    """The sample with a small picture in 一 and one far wider than the text in 五."""
    report = load_sample()
    report.narrative["一"].insert(2, Block("image", image=png(40, 20), image_type="png", width_mm=80))
    report.narrative["五"].append(Block("image", image=png(4000, 100, (0, 0, 200)), image_type="png"))
    return report
