"""Reading last year's report from a text-based PDF (as Word, WPS, LibreOffice or this app write them).

pdfminer.six gives every character with its box and every ruling line or rectangle; nothing more is asked
of it (no layout analysis: it is slow and guesses). From those this module rebuilds what the .docx reader
gives `recognize`: paragraphs, and tables as grids of merged slots.

- Tables come from the ruling lines: the distinct x and y of the lines make a grid, two neighbouring slots
  are one merged cell where no line separates them, and each character goes to the slot its centre is in.
  A table that ends at the foot of a page and goes on at the top of the next is one table: a repeated header
  is dropped, and a label cell cut by the page break is joined again.
- Text outside tables is grouped into lines by baseline, lines into paragraphs by the first-line indent, by
  a line that stops short of the right edge, and by a change of type size; a paragraph goes on across a
  page break. Page numbers ("- 1 -", "— 1 —", "第1页") and lines repeated at the top or foot of most pages
  (running headers and footers) are dropped, and so is this app's own 草稿 mark.
- Radicals that stand for ideographs (⼈ for 人, see model.radicals) become the ideographs; spaces that
  justification or a converter put between digits and Chinese ("2023 年", "21 件") go.

A PDF without a text layer (a scan), one that needs a password, and one that is not a report each get a
Chinese message saying what to do instead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model.errors import DamagedDoc, ImportError_, NotAReport, UnsafeDoc
from model.importers import ImportLog
from model.importers.document import Item, Para, Slot, TableGrid
from model.importers.recognize import recognize
from model.radicals import unify
from model.report import Report

MAX_BYTES = 80 * 1024 * 1024
MAX_PAGES = 200  # a report has 4–10; a 500-page book is not one
TOL = 1.5  # points: lines closer than this are the same line (double borders, rounding)
MIN_CELL = 3.0  # points: a gap narrower than this between two rulings is a double line, not a cell
WATERMARK_PT = 40.0  # characters larger than this are a mark across the page (our 草稿), not text
_PAGE_NUMBER = re.compile(r"^[-—–－─\s]*(?:第\s*)?\d{1,3}\s*(?:页)?(?:\s*/\s*\d{1,3}\s*页?)?[-—–－─\s]*$")
_DIGIT_GAP = re.compile(r"(?<=[\d])[ \u3000]+(?=[年月日号件条个项次万元份人期%％])|(?<=[年月第])[ \u3000]+(?=\d)")
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \u3000]+(?=[\u3000-\u9fff\uff00-\uffef])")
_DRAFT = "草稿：报告中还有强制性错误"  # export.content.DRAFT_NOTE begins so


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page (points)
    bottom: float
    size: float
    font: str

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Line:
    chars: list[_Char]
    page: int
    after_break: bool = False  # follows a manual line break within its paragraph

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @property
    def size(self) -> float:
        sizes = sorted(c.size for c in self.chars if c.text.strip())
        return sizes[len(sizes) // 2] if sizes else 0.0

    @property
    def font(self) -> str:
        fonts = [c.font for c in self.chars if c.text.strip()]
        return max(set(fonts), key=fonts.count) if fonts else ""

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)


@dataclass
class _Table:
    page: int
    xs: list[float]
    ys: list[float]  # from the top of the page
    grid: TableGrid
    idents_top: list[int] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]


@dataclass
class _Page:
    number: int
    width: float
    height: float
    chars: list[_Char]
    hsegs: list[tuple[float, float, float]]  # (y, x0, x1), y from the top
    vsegs: list[tuple[float, float, float]]  # (x, y0, y1)


def read_pdf(path: str | os.PathLike[str]) -> tuple[Report, ImportLog]:
    p = Path(path)
    pages = _read_pages(p)
    log = ImportLog(str(p), "pdf")
    items = items_from_pages(pages, log)
    if not any(isinstance(it, Para) and it.text.strip() for it in items) and not any(
        isinstance(it, TableGrid) for it in items
    ):
        raise NotAReport(
            "这个PDF文件中没有可读取的文字（可能是扫描件或图片）。",
            "请找到上一年度报告的Word（.docx）文件或网页（.html）再导入；只有扫描件时，请新建报告后按原文填写。",
            path=str(p),
        )
    return recognize(items, log), log


# -- pdfminer ------------------------------------------------------------------------------------------


def _read_pages(p: Path) -> list[_Page]:
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise UnsafeDoc("PDF文件过大，不像是一份年度报告，已拒绝读取。", path=str(p))
        fh = p.open("rb")
    except FileNotFoundError as exc:
        raise ImportError_("找不到这个文件，可能已被移动、改名或删除。", "请重新选择文件。", path=str(p)) from exc
    except OSError as exc:
        raise DamagedDoc("无法读取这个文件。", path=str(p)) from exc
    with fh:
        if not fh.read(1024).lstrip().startswith(b"%PDF"):
            raise DamagedDoc("这个文件不是PDF文件（或已损坏）。", path=str(p))
        fh.seek(0)
        return _parse(fh, p)


def _parse(fh: Any, p: Path) -> list[_Page]:
    # pdfminer is imported here, not at the top: it takes ~0.1 s and only a PDF import needs it.
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTCurve, LTFigure, LTPage
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psexceptions import PSException

    locked = ImportError_(
        "这个PDF文件设有打开密码（已加密），无法读取。",
        "请用PDF阅读器输入密码打开后“另存为”或“打印为PDF”得到不加密的文件再导入，或找到报告的Word（.docx）文件。",
        path=str(p),
    )
    try:
        doc = PDFDocument(PDFParser(fh))
        rm = PDFResourceManager(caching=True)
        dev = PDFPageAggregator(rm, laparams=None)
        interp = PDFPageInterpreter(rm, dev)
        pages: list[_Page] = []
        for n, page in enumerate(PDFPage.create_pages(doc)):
            if n >= MAX_PAGES:
                raise UnsafeDoc(f"PDF文件超过{MAX_PAGES}页，不像是一份年度报告，已拒绝读取。", path=str(p))
            interp.process_page(page)
            lt: LTPage = dev.get_result()
            pages.append(_page(n + 1, lt, LTChar, LTCurve, LTFigure))
    except PDFEncryptionError as exc:  # a wrong (empty) password or an encryption pdfminer cannot open
        raise locked from exc
    except ImportError_:
        raise
    except (
        PDFException,
        PSException,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        AssertionError,
    ) as exc:
        raise DamagedDoc("PDF文件已损坏或不完整，无法读取。", path=str(p)) from exc
    except RecursionError as exc:
        raise UnsafeDoc("PDF文件的内部结构异常（嵌套过深），为保护电脑已拒绝读取。", path=str(p)) from exc
    return pages


def _page(number: int, lt: Any, LTChar: Any, LTCurve: Any, LTFigure: Any) -> _Page:  # noqa: N803
    height = float(lt.height)
    chars: list[_Char] = []
    hsegs: list[tuple[float, float, float]] = []
    vsegs: list[tuple[float, float, float]] = []

    def walk(objs: Iterable[Any]) -> None:
        for o in objs:
            if isinstance(o, LTFigure):
                walk(o)
            elif isinstance(o, LTChar):
                a, b, c, d = o.matrix[:4]
                if abs(b) > 1e-3 or abs(c) > 1e-3 or o.size > WATERMARK_PT:
                    continue  # rotated or huge: a watermark, not the report's text
                text = o.get_text()
                if text:
                    chars.append(_Char(text, o.x0, o.x1, height - o.y1, height - o.y0, o.size, o.fontname))
            elif isinstance(o, LTCurve):  # LTLine and LTRect are LTCurves too
                _segments(o, height, hsegs, vsegs)

    walk(lt)
    return _Page(number, float(lt.width), height, chars, hsegs, vsegs)


def _segments(o: Any, height: float, hsegs: list[tuple[float, float, float]], vsegs: list[Any]) -> None:
    """Ruling lines: thin rectangles and straight strokes; a stroked cell-sized rectangle gives its four edges."""
    x0, y0, x1, y1 = o.x0, height - o.y1, o.x1, height - o.y0
    w, h = x1 - x0, y1 - y0
    if w < 0.5 and h < 0.5:
        return
    if h <= 2.0 and w > 2.0:
        hsegs.append(((y0 + y1) / 2, x0, x1))
    elif w <= 2.0 and h > 2.0:
        vsegs.append(((x0 + x1) / 2, y0, y1))
    elif getattr(o, "stroke", False) and len(getattr(o, "pts", ())) <= 5:
        # A stroked rectangle: a cell's border. A filled one without a stroke is a background (WPS puts one
        # behind every line of text, and shades table captions): its edges are not rulings.
        hsegs += [(y0, x0, x1), (y1, x0, x1)]
        vsegs += [(x0, y0, y1), (x1, y0, y1)]


# -- tables ----------------------------------------------------------------------------------------------


def _cluster(values: list[float], tol: float = TOL) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _table_boxes(page: _Page) -> list[tuple[float, float, float, float]]:
    """Bounding boxes of connected groups of ruling lines that form a grid (≥ 2 rows and ≥ 2 columns)."""
    segs = [("h", y, x0, x1) for y, x0, x1 in page.hsegs] + [("v", x, y0, y1) for x, y0, y1 in page.vsegs]
    boxes: list[list[float]] = []
    for kind, a, b0, b1 in segs:
        box = [b0, a, b1, a] if kind == "h" else [a, b0, a, b1]
        boxes.append(box)
    # Merge overlapping boxes (touching within TOL) until stable: few hundred segments, a few passes.
    merged = True
    while merged:
        merged = False
        out: list[list[float]] = []
        for box in boxes:
            for o in out:
                if box[0] <= o[2] + TOL and o[0] <= box[2] + TOL and box[1] <= o[3] + TOL and o[1] <= box[3] + TOL:
                    o[0], o[1], o[2], o[3] = min(o[0], box[0]), min(o[1], box[1]), max(o[2], box[2]), max(o[3], box[3])
                    merged = True
                    break
            else:
                out.append(list(box))
        boxes = out
    return [(b[0], b[1], b[2], b[3]) for b in boxes if b[2] - b[0] > 30 and b[3] - b[1] > 10]


def _tables(page: _Page) -> list[_Table]:
    tables = []
    for bx0, by0, bx1, by1 in _table_boxes(page):
        inside_h = [s for s in page.hsegs if bx0 - TOL <= s[1] and s[2] <= bx1 + TOL and by0 - TOL <= s[0] <= by1 + TOL]
        inside_v = [s for s in page.vsegs if by0 - TOL <= s[1] and s[2] <= by1 + TOL and bx0 - TOL <= s[0] <= bx1 + TOL]
        # The ends of the rulings count too: WPS lets a row run over the page break with no line under it,
        # and the side lines still end at the foot of the page.
        xs = _cluster(
            [s[0] for s in inside_v] + [min(s[1] for s in inside_h), max(s[2] for s in inside_h)]
            if inside_h
            else [s[0] for s in inside_v],
            MIN_CELL,
        )
        ys = _cluster(
            [s[0] for s in inside_h] + ([min(s[1] for s in inside_v), max(s[2] for s in inside_v)] if inside_v else []),
            MIN_CELL,
        )
        if len(xs) < 2 or len(ys) < 2:
            continue
        tables.append(_build_table(page, xs, ys, inside_h, inside_v))
    return sorted(tables, key=lambda t: t.top)


def _covered(segs: list[tuple[float, float, float]], at: float, lo: float, hi: float) -> bool:
    """Is there a ruling at `at` (within MIN_CELL) running over the middle of lo..hi?"""
    mid = (lo + hi) / 2
    return any(abs(s[0] - at) <= MIN_CELL and s[1] - TOL <= mid <= s[2] + TOL for s in segs)


def _build_table(page: _Page, xs: list[float], ys: list[float], hsegs: list[Any], vsegs: list[Any]) -> _Table:
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not _covered(vsegs, xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * nc + c + 1)] = find(r * nc + c)
            if r + 1 < nr and not _covered(hsegs, ys[r + 1], xs[c], xs[c + 1]):
                parent[find((r + 1) * nc + c)] = find(r * nc + c)
    texts: dict[int, list[_Char]] = {}
    x_lo, x_hi, y_lo, y_hi = xs[0], xs[-1], ys[0], ys[-1]
    rest: list[_Char] = []
    for ch in page.chars:
        if not (x_lo <= ch.cx <= x_hi and y_lo <= ch.cy <= y_hi):
            rest.append(ch)
            continue
        c = _index(xs, ch.cx)
        r = _index(ys, ch.cy)
        texts.setdefault(find(r * nc + c), []).append(ch)
    page.chars = rest  # what is left is the text around the tables
    rows = [[Slot(_cell_text(texts.get(find(r * nc + c), [])), find(r * nc + c)) for c in range(nc)] for r in range(nr)]
    return _Table(page.number, xs, ys, TableGrid(rows))


def _index(edges: list[float], v: float) -> int:
    for i in range(len(edges) - 1):
        if v < edges[i + 1]:
            return i
    return len(edges) - 2


def _cell_text(chars: list[_Char]) -> str:
    """A cell's characters in reading order: lines top to bottom (a narrow cell's vertical label is one
    character a line), each left to right; lines joined without a break, as the cell's text is one."""
    lines = _lines(chars, 0)
    return _clean("".join(ln.text for ln in lines))


# -- text -------------------------------------------------------------------------------------------------


def _lines(chars: list[_Char], page: int) -> list[_Line]:
    """Characters whose boxes overlap vertically by more than half are one line, left to right. (Boxes, not
    baselines: a Latin font's box sits lower than a CJK font's on the same line.)"""
    out: list[_Line] = []
    spans: list[list[float]] = []  # [top, bottom] of each line so far
    for ch in sorted(chars, key=lambda c: (c.top, c.x0)):
        h = max(ch.bottom - ch.top, 0.1)
        for i in range(len(out) - 1, max(-1, len(out) - 4), -1):  # the last few lines are the only candidates
            top, bottom = spans[i]
            overlap = min(bottom, ch.bottom) - max(top, ch.top)
            if overlap > 0.5 * min(h, bottom - top):
                out[i].chars.append(ch)
                spans[i] = [min(top, ch.top), max(bottom, ch.bottom)]
                break
        else:
            out.append(_Line([ch], page))
            spans.append([ch.top, ch.bottom])
    for ln in out:
        ln.chars.sort(key=lambda c: c.x0)
    return sorted(out, key=lambda ln: ln.top)


def _clean(text: str) -> str:
    text = unify(text).replace("\u00a0", " ")
    text = _DIGIT_GAP.sub("", text)
    text = _CJK_GAP.sub("", text)
    return text.strip()


def _furniture(pages: list[list[_Line]], heights: list[float]) -> set[int]:
    """ids of page numbers and running headers/footers: lines in the top or bottom ~12% of a page that are
    a page number, or whose text (digits aside) repeats on most pages; and our 草稿 note."""
    drop: set[int] = set()
    seen: dict[str, int] = {}
    margins: list[tuple[_Line, str]] = []
    for lines, h in zip(pages, heights, strict=True):
        for ln in lines:
            text = ln.text.strip()
            if text.startswith(_DRAFT):
                drop.add(id(ln))
                continue
            if ln.top < h * 0.10 or ln.top > h * 0.88:  # outside the type area (37 mm above, 35 mm below)
                if _PAGE_NUMBER.match(text):
                    drop.add(id(ln))
                    continue
                key = re.sub(r"\d+", "#", re.sub(r"\s+", "", text))
                seen[key] = seen.get(key, 0) + 1
                margins.append((ln, key))
    if len(pages) >= 3:
        for ln, key in margins:
            if seen[key] >= max(2, len(pages) // 2 + 1):
                drop.add(id(ln))
    return drop


def items_from_pages(pages: list[_Page], log: ImportLog) -> list[Item]:
    tables = [_tables(p) for p in pages]  # takes each table's characters out of its page
    lines = [_lines(p.chars, p.number) for p in pages]
    drop = _furniture(lines, [p.height for p in pages])
    lines = [[ln for ln in page if id(ln) not in drop and ln.text.strip()] for page in lines]
    stream: list[tuple[int, float, _Line | _Table]] = []
    for n, (ls, ts) in enumerate(zip(lines, tables, strict=True)):
        stream += [(n, ln.top, ln) for ln in ls]
        stream += [(n, t.top, t) for t in ts]
    stream.sort(key=lambda e: (e[0], e[1]))
    body = [ln for page in lines for ln in page]
    # Tables span the type area: their left edge is the margin even where every paragraph is one short,
    # indented line.
    left = min([_margin([round(ln.x0) for ln in body])] + [t.xs[0] for ts in tables for t in ts])
    right = _right_edge(body)
    items: list[Item] = []
    para: list[_Line] = []
    last_table: _Table | None = None

    def flush() -> None:
        if para:
            items.append(_para(para))
            para.clear()

    for _page_no, _top, obj in stream:
        if isinstance(obj, _Table):
            flush()
            if last_table is not None and items and items[-1] is last_table.grid and _continues(last_table, obj, pages):
                _append(last_table, obj)
            else:
                items.append(obj.grid)
                last_table = obj
            continue
        ln = obj
        if para and _new_paragraph(para[-1], ln, left, right):
            flush()
        ln.after_break = bool(para) and para[-1].x1 < right - (ln.size or 1.0) * 1.5
        para.append(ln)
        last_table = None  # text between two tables: the second does not go on from the first
    flush()
    return items


def _margin(values: list[int]) -> float:
    """The left margin: the leftmost start that many lines share (not the commonest: in a report of short
    paragraphs most lines are first lines, indented)."""
    if not values:
        return 0.0
    common = [v for v in set(values) if values.count(v) >= max(2, len(values) // 20)]
    return float(min(common or values))


def _right_edge(body: list[_Line]) -> float:
    """Where full lines of body text end: the furthest a body-size line reaches (page numbers, titles and
    tables are not among `body`'s body-size lines), so that a line ending short ends its paragraph."""
    if not body:
        return 0.0
    sizes = sorted(ln.size for ln in body)
    size = sizes[len(sizes) // 2]
    ends = sorted(ln.x1 for ln in body if abs(ln.size - size) <= 1.5)
    return ends[-1] if ends else max(ln.x1 for ln in body)


def _new_paragraph(prev: _Line, ln: _Line, left: float, right: float) -> bool:  # noqa: ARG001
    size = ln.size or 1.0
    if abs(prev.size - ln.size) > 1.5:  # the title above the text, a table's note below it
        return True
    # (A change of font is no break: a run-in heading "（一）…。" in 楷体 or 黑体 goes on in 仿宋, digits in
    # Times New Roman.)
    # A first-line indent (2 characters), or a centred or right-aligned line, starts a paragraph. A line
    # after one that stopped short, but not indented, goes on in the same paragraph after a manual line
    # break (Word's Shift+Enter, \n in the model).
    return ln.x0 > left + size * 1.2


_SUBHEAD = re.compile(r"^（[一二三四五六七八九十]{1,3}）")
_SENTENCE = re.compile(r"[，。；！？,;]")


def _broken(lines: list[_Line]) -> list[list[_Line]]:
    """A paragraph's lines in runs between manual line breaks."""
    parts: list[list[_Line]] = []
    for ln in lines:
        if not parts or ln.after_break:
            parts.append([])
        parts[-1].append(ln)
    return parts


def _para(lines: list[_Line]) -> Para:
    """A PDF has no styles: the title is the large type; a sub-heading is one short line "（一）主动公开" with no
    sentence in it (what the exporters write as a heading of its own, in 楷体)."""
    text = "\n".join(_clean("".join(ln.text for ln in part)) for part in _broken(lines))
    if lines[0].size >= 18.0:
        level = 1
    elif len(lines) == 1 and len(text) <= 24 and _SUBHEAD.match(text) and not _SENTENCE.search(text):
        level = 2
    else:
        level = 0
    return Para(text, heading_level=level, bold="Bold" in lines[0].font or "黑体" in lines[0].font)


def _continues(a: _Table, b: _Table, pages: list[_Page]) -> bool:
    """Table b, at the top of the page after a's, goes on from a: same columns (or a's last part's columns)."""
    if b.page != a.page + 1:
        return False
    if abs(a.xs[0] - b.xs[0]) > 2 * TOL or abs(a.xs[-1] - b.xs[-1]) > 2 * TOL:
        return False
    # One part may lack a column line the other has: a label column no row on that page uses.
    fewer, more = sorted((a.xs, b.xs), key=len)
    return all(any(abs(x - y) <= 2 * TOL for y in more) for x in fewer)


def _regrid(t: _Table, xs: list[float]) -> None:
    """The table's rows on the finer column lines `xs`: a slot spans every new column inside its old one."""
    if len(xs) == len(t.xs):
        return
    old = t.xs
    cols = [_index(old, (xs[j] + xs[j + 1]) / 2) for j in range(len(xs) - 1)]
    t.grid.rows[:] = [[row[i] for i in cols] for row in t.grid.rows]
    t.xs = list(xs)


def _append(a: _Table, b: _Table) -> None:
    """b's rows after a's: a header b repeats is dropped; an empty cell at the top of b under a cell of a
    (a merged label cut by the page break) becomes part of that cell."""
    finer = max((a.xs, b.xs), key=len)
    _regrid(a, finer)
    _regrid(b, finer)
    rows_a, rows_b = a.grid.rows, b.grid.rows
    repeated = 0
    while repeated < len(rows_b) and repeated < len(rows_a) and _same_row(rows_a[repeated], rows_b[repeated]):
        repeated += 1
    rows_b = rows_b[repeated:]
    if not rows_b:
        return
    offset = max((s.ident for r in rows_a for s in r), default=0) + 1
    remap: dict[int, int] = {}
    last = rows_a[-1]
    tall = {s.ident for r in rows_a[:-1] for s in r} & {s.ident for s in last}  # cells of a running to its end
    for c, slot in enumerate(rows_b[0]):
        if c < len(last) and last[c].ident in tall and _is_label(slot.text) and _is_label(last[c].text):
            # A merged label whose text goes on over the break ("三、本年度" / "办理结果"): one cell again.
            same_width = all(
                (rows_b[0][k].ident == slot.ident) == (last[k].ident == last[c].ident) for k in range(len(last))
            )
            if same_width and slot.ident not in remap:
                remap[slot.ident] = last[c].ident
                joined = last[c].text + slot.text
                for row in rows_a:
                    row[:] = [Slot(joined, s.ident) if s.ident == last[c].ident else s for s in row]
                rows_b = [[Slot(joined, s.ident) if s.ident == slot.ident else s for s in row] for row in rows_b]
                last = rows_a[-1]
            continue
        if not slot.text.strip() and c < len(last) and last[c].text.strip():
            # the whole cell of b that holds this slot joins a's cell above it
            same_width = all(
                (rows_b[0][k].ident == slot.ident) == (last[k].ident == last[c].ident) for k in range(len(last))
            )
            if same_width:
                remap[slot.ident] = last[c].ident
    new_rows = [[Slot(s.text, remap.get(s.ident, s.ident + offset)) for s in row] for row in rows_b]
    a.grid.rows.extend(new_rows)
    a.page, a.ys = b.page, b.ys


def _is_label(text: str) -> bool:
    return bool(text.strip()) and not re.fullmatch(r"[\d.,，\s-]*", text)


def _same_row(x: list[Slot], y: list[Slot]) -> bool:
    return len(x) == len(y) and any(s.text for s in x) and all(s.text == t.text for s, t in zip(x, y, strict=True))
