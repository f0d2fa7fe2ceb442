"""Report → PDF, and the same pages on a printer, drawn with Qt's own painter (no Word, WPS or LibreOffice).

The page is the .docx's (export.layout: A4, GB/T 9704 margins, body 仿宋 三号 on a 28.9 pt line pitch, 22 lines
× 28 characters; title, headings, the official tables of model.grid with every merge, header rows repeated
and rows never split, "— N —" odd right / even left, 落款). `paint_report` draws onto any QPagedPaintDevice:
QPdfWriter for the exported file, the QPrinter of 打印 and 打印预览. Qt embeds the subset of every font it
draws with, so the PDF looks the same on a PC without 仿宋_GB2312.

This is the one export module that imports Qt (QtGui): it is imported only when a PDF is made or printed.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPagedPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

from export import layout as L
from export.content import (
    DRAFT_MARK,
    DRAFT_NOTE,
    cell_text,
    grid,
    lead_in,
    parts,
    rows_kept_with_next,
    signature_indents,
    signature_lines,
    title_lines,
)
from export.files import write_file
from model.grid import Grid, GridCell
from model.radicals import RADICALS
from model.report import Block, Report

RESOLUTION_DPI = 1200  # QPdfWriter's unit; fine enough that rounding never moves a line
_GENERIC = {"serif", "sans-serif", "monospace"}
_TABLE_LINE = 1.25  # single line spacing of the table text (五号), as Word lays it out with CJK fonts
_ALIGN = {
    "value": Qt.AlignmentFlag.AlignHCenter,
    "header": Qt.AlignmentFlag.AlignHCenter,
    "caption": Qt.AlignmentFlag.AlignHCenter,
    "corner": Qt.AlignmentFlag.AlignHCenter,
    "label": Qt.AlignmentFlag.AlignLeft,
}


def ensure_gui_app() -> None:
    """QtGui draws fonts only inside a QGuiApplication. From the command line there is none: make one, with
    the offscreen platform on a Linux machine without a display (a server, CI). Windows needs none."""
    if QGuiApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    global _APP  # noqa: PLW0603 - it must outlive this call, or Qt deletes it
    widgets = sys.modules.get("PySide6.QtWidgets")
    # A process that has QtWidgets loaded may make widgets later (a test run, a script): they need a
    # QApplication, and Qt allows one application object per process.
    _APP = widgets.QApplication(sys.argv[:1]) if widgets is not None else QGuiApplication(sys.argv[:1])


_APP: QGuiApplication | None = None


def pdf_bytes(report: Report, draft: bool = False) -> bytes:
    ensure_gui_app()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setResolution(RESOLUTION_DPI)
    writer.setTitle(report.meta.display_title)
    writer.setCreator("政府信息公开年报助手")
    writer.setPageLayout(page_layout())
    paint_report(report, writer, draft=draft)
    buf.close()
    return unify_to_unicode(bytes(data.data()))


def write_pdf(report: Report, path: str | os.PathLike[str], draft: bool = False) -> None:
    write_file(path, pdf_bytes(report, draft))


_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)
_HEX4 = re.compile(rb"<(2[EF][0-9A-F]{2})>")


def unify_to_unicode(pdf: bytes) -> bytes:
    """Qt maps each glyph back to the lowest code point the font draws with it, a radical (⼈ for 人): put
    the ideograph in the ToUnicode maps instead, so that text copied or searched in the PDF reads 人民.
    Qt writes those maps uncompressed, and four hex digits replace four, so no offset moves."""

    def fix_code(m: re.Match[bytes]) -> bytes:
        ch = RADICALS.get(chr(int(m.group(1), 16)))
        return b"<%04X>" % ord(ch) if ch and ord(ch) <= 0xFFFF else m.group(0)

    return _CMAP.sub(lambda m: _HEX4.sub(fix_code, m.group(0)), pdf)


def page_layout() -> QPageLayout:
    """A4 portrait; the margins are drawn by us, so the device's own are zero (a printer may enforce its own
    unprintable border, which QPrinter's full-page mode ignores)."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


def families(role: str) -> list[str]:
    """The font and its fallbacks, as for the web page: the GB name, Windows', macOS', Linux's (Noto CJK)."""
    names = [n.strip().strip("'\"") for n in L.CSS_FAMILIES[role].split(",")]
    return [n for n in names if n and n not in _GENERIC]


def _font(role: str, size_pt: float, device: QPagedPaintDevice, spacing_pt: float = 0.0) -> QFont:
    f = QFont()
    f.setFamilies(families(role))
    f.setPointSizeF(size_pt)
    f.setKerning(False)
    if spacing_pt:
        # Qt's absolute letter spacing is in a unit of its own on a high-resolution device: measure it, and
        # set what narrows each character by `spacing_pt` points, as w:spacing does in the .docx.
        plain = QFontMetricsF(f, device).horizontalAdvance("一")
        f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing_pt)
        narrowed = plain - QFontMetricsF(f, device).horizontalAdvance("一")
        want = -spacing_pt * device.logicalDpiX() / 72.0
        if narrowed > 0:
            f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing_pt * want / narrowed)
    return f


@dataclass
class _Page:
    """Coordinates in device units (RESOLUTION_DPI for the PDF, the printer's for a printer)."""

    device: QPagedPaintDevice
    dpi: float = 0.0
    left: float = 0.0
    top: float = 0.0
    width: float = 0.0
    height: float = 0.0
    paper_w: float = 0.0
    paper_h: float = 0.0
    fonts: dict[str, QFont] = field(default_factory=dict)

    def mm(self, v: float) -> float:
        return v * self.dpi / 25.4

    def pt(self, v: float) -> float:
        return v * self.dpi / 72.0


def _setup(device: QPagedPaintDevice) -> _Page:
    p = _Page(device, dpi=float(device.logicalDpiX()))
    p.paper_w, p.paper_h = p.mm(L.PAGE_WIDTH_MM), p.mm(L.PAGE_HEIGHT_MM)
    p.left, p.top = p.mm(L.MARGIN_LEFT_MM), p.mm(L.MARGIN_TOP_MM)
    p.width, p.height = p.mm(L.TEXT_WIDTH_MM), p.mm(L.TEXT_HEIGHT_MM)
    body_spacing = L.BODY_CHAR_SPACING_PT
    p.fonts = {
        "body": _font("body", L.BODY_PT, device, body_spacing),
        "h1": _font("h1", L.BODY_PT, device, body_spacing),
        "h2": _font("h2", L.BODY_PT, device, body_spacing),
        "title": _font("title", L.TITLE_PT, device),
        "table": _font("table", L.TABLE_PT, device),
        "page": _font("table", L.PAGE_NUMBER_PT, device),
        "draft": _font("h1", 150.0, device),
        "draft_note": _font("h1", L.TABLE_PT, device),
    }
    return p


class _Writer:
    def __init__(self, report: Report, device: QPagedPaintDevice, draft: bool):
        self.report = report
        self.device = device
        self.draft = draft
        self.p = _setup(device)
        self.painter = QPainter()
        self.page_no = 0
        self.y = 0.0
        self.pitch = self.p.pt(L.LINE_PITCH_PT)
        self._label_lines: dict[int, int] = {}  # merged label cell → its lines drawn so far (page breaks)

    # -- pages -----------------------------------------------------------------------------------
    def run(self) -> int:
        if not self.painter.begin(self.device):
            raise OSError("无法开始绘制 PDF 页面")
        try:
            self._start_page(first=True)
            self._title()
            for part in parts(self.report):
                if part.kind == "heading1":
                    self._paragraph([(part.text, "h1")])
                elif part.kind == "table":
                    self._table(grid(self.report, part.table or ""))
                elif part.block is not None:
                    self._block(part.block)
            self._signature()
            self._finish_page()
        finally:
            self.painter.end()
        return self.page_no

    def _start_page(self, first: bool = False) -> None:
        if not first:
            self._finish_page()
            self.device.newPage()
        self.page_no += 1
        self.y = self.p.top

    def _finish_page(self) -> None:
        self._page_number()
        if self.draft:
            self._draft_mark()

    def _room(self) -> float:
        return self.p.top + self.p.height - self.y

    def _need(self, height: float) -> None:
        # A hair of tolerance: 22 pitches of 28.9 pt are 635.8 pt in a 637.8 pt type area.
        if height > self._room() + 0.5 and self.y > self.p.top + 0.5:
            self._start_page()

    def _page_number(self) -> None:
        before, after = L.PAGE_NUMBER_TEXT
        text = f"{before}{self.page_no}{after}"
        font = self.p.fonts["page"]
        fm = QFontMetricsF(font, self.device)
        w = fm.horizontalAdvance(text)
        side = self.p.pt(L.PAGE_NUMBER_PT * L.PAGE_NUMBER_SIDE_CHARS)
        odd = self.page_no % 2 == 1
        x = self.p.left + self.p.width - side - w if odd else self.p.left + side
        baseline = self.p.paper_h - self.p.mm(L.FOOTER_DISTANCE_MM) - fm.descent()
        self.painter.setFont(font)
        self.painter.setPen(QColor("black"))
        self.painter.drawText(QPointF(x, baseline), text)

    def _draft_mark(self) -> None:
        """A 草稿 that cannot be missed or cropped away: large, diagonal, light red behind nothing — drawn
        last, half transparent, so the text under it stays readable — and a line above the type area."""
        pa = self.painter
        pa.save()
        pa.setPen(QColor(200, 0, 0))
        pa.setFont(self.p.fonts["draft_note"])
        pa.drawText(
            QRectF(self.p.left, self.p.top - self.p.mm(12), self.p.width, self.p.mm(8)),
            int(Qt.AlignmentFlag.AlignCenter),
            DRAFT_NOTE,
        )
        pa.setOpacity(0.18)
        pa.translate(self.p.paper_w / 2, self.p.paper_h / 2)
        pa.rotate(-35)
        pa.setFont(self.p.fonts["draft"])
        box = QRectF(-self.p.paper_w / 2, -self.p.mm(40), self.p.paper_w, self.p.mm(80))
        pa.drawText(box, int(Qt.AlignmentFlag.AlignCenter), DRAFT_MARK)
        pa.restore()

    # -- text ------------------------------------------------------------------------------------
    def _layout(self, runs: list[tuple[str, str]], width: float, indent: float, align: Qt.AlignmentFlag) -> QTextLayout:
        # A manual line break (\n) is Qt's line separator; QTextLayout would draw \n as nothing.
        text = "".join(t for t, _ in runs).replace("\n", "\u2028")
        lay = QTextLayout(text, self.p.fonts[runs[0][1]], self.device)
        ranges = []
        pos = 0
        for t, role in runs:
            fr = QTextLayout.FormatRange()
            fr.start, fr.length = pos, len(t)
            fr.format.setFont(self.p.fonts[role])
            ranges.append(fr)
            pos += len(t)
        lay.setFormats(ranges)
        opt = QTextOption(align)
        opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        lay.setTextOption(opt)
        lay.beginLayout()
        first = True
        while True:
            line = lay.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width - (indent if first else 0))
            line.setPosition(QPointF(indent if first else 0, 0))
            first = False
        lay.endLayout()
        return lay

    def _paragraph(
        self,
        runs: list[tuple[str, str]],
        *,
        indent_chars: float = L.FIRST_LINE_INDENT_CHARS,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignJustify,
        right_indent: float = 0.0,
        pitch: float | None = None,
    ) -> None:
        """Lines on the fixed pitch of the body, each line going to the next page when this one is full."""
        runs = [(t, r) for t, r in runs if t] or [("", runs[0][1])]
        pitch = pitch or self.pitch
        width = self.p.width - right_indent
        lay = self._layout(runs, width, self.p.pt(L.BODY_PT) * indent_chars, align)
        for i in range(lay.lineCount()):
            line = lay.lineAt(i)
            self._need(pitch)
            # Text centred on its line pitch, as Word sets an exact line height.
            baseline = self.y + (pitch + line.ascent() - line.descent()) / 2
            line.draw(self.painter, QPointF(self.p.left, baseline - line.ascent()))
            self.y += pitch
        if lay.lineCount() == 0:
            self.y += pitch

    def _title(self) -> None:
        pitch = self.pitch * 1.2
        for line in title_lines(self.report):
            self._lines_centered(line, "title", pitch)
        self.y += self.pitch * L.TITLE_SPACE_AFTER_LINES

    def _lines_centered(self, text: str, role: str, pitch: float) -> None:
        self._paragraph([(text, role)], indent_chars=0, align=Qt.AlignmentFlag.AlignHCenter, pitch=pitch)

    def _block(self, block: Block) -> None:
        if block.kind == "heading":
            self._paragraph([(block.text, "h2")])
        elif block.kind == "image":
            self._image(block)
        else:
            head, rest = lead_in(block.text)
            self._paragraph([(head, "h2"), (rest, "body")] if head else [(block.text, "body")])

    def _image(self, block: Block) -> None:
        if not block.image:
            return
        img = QImage.fromData(block.image)
        if img.isNull():
            from model.errors import SaveFailed

            raise SaveFailed(
                "报告中有一张图片无法识别，没有导出。",
                "请删除这张图片后重新插入（支持 PNG、JPEG、GIF、BMP 格式）。",
            )
        if block.width_mm:
            w = self.p.mm(block.width_mm)
        else:
            dpm = img.dotsPerMeterX() or 3780  # 96 dpi when the file does not say
            w = self.p.mm(img.width() / dpm * 1000)
        w = min(w, self.p.width)
        h = w * img.height() / max(1, img.width())
        if h > self.p.height:
            w, h = w * self.p.height / h, self.p.height
        self._need(h)
        x = self.p.left + (self.p.width - w) / 2
        self.painter.drawImage(QRectF(x, self.y, w, h), img)
        self.y += h

    def _signature(self) -> None:
        lines = signature_lines(self.report)
        if not lines:
            return
        self._need(self.pitch * (len(lines) + 1))
        self.y += self.pitch  # 正文下空一行
        char = self.p.pt(L.BODY_PT + L.BODY_CHAR_SPACING_PT)
        for line, right in zip(lines, signature_indents(lines), strict=True):
            self._paragraph(
                [(line, "body")], indent_chars=0, align=Qt.AlignmentFlag.AlignRight, right_indent=right * char
            )

    # -- tables ----------------------------------------------------------------------------------
    def _table(self, g: Grid) -> None:
        cols = [self.p.width * w for w in g.col_widths]
        xs = [self.p.left]
        for w in cols:
            xs.append(xs[-1] + w)
        heights = self._row_heights(g, xs)
        keep = rows_kept_with_next(g)
        header = list(range(g.header_rows))
        header_h = sum(heights[r] for r in header)
        rows = list(range(g.header_rows, g.n_rows)) if header else list(range(g.n_rows))
        on_page: list[int] = []  # rows placed on the current page, header included
        top = self.y

        def flush() -> None:
            self._draw_rows(g, xs, heights, on_page, top)

        if header:
            self._need(header_h + (heights[rows[0]] if rows else 0))
            top = self.y
            on_page.extend(header)
            self.y += header_h
        for chunk in _kept_chunks(rows, keep):
            chunk_h = sum(heights[r] for r in chunk)
            if chunk_h > self._room() + 0.5 and chunk_h <= self.p.height - header_h:
                flush()
                self._start_page()
                top, on_page = self.y, list(header)
                self.y += header_h
            for r in chunk:  # a chunk taller than a page breaks between rows, never inside one
                if heights[r] > self._room() + 0.5 and on_page[len(header) :]:
                    flush()
                    self._start_page()
                    top, on_page = self.y, list(header)
                    self.y += header_h
                on_page.append(r)
                self.y += heights[r]
        flush()

    def _text_height(self, cell: GridCell, width: float) -> float:
        lay = self._cell_layout(cell, width)
        return lay.lineCount() * self._table_line()

    def _table_line(self) -> float:
        return self.p.pt(L.TABLE_PT * _TABLE_LINE)

    def _cell_layout(self, cell: GridCell, width: float) -> QTextLayout:
        text = cell_text(self.report, cell)
        return self._layout([(text or " ", "table")], width, 0.0, _ALIGN[cell.kind])

    def _pads(self) -> tuple[float, float]:
        return self.p.mm(L.TABLE_CELL_MARGIN_MM), self.p.mm(L.TABLE_CELL_MARGIN_TOP_MM)

    def _row_heights(self, g: Grid, xs: list[float]) -> list[float]:
        pad_x, pad_y = self._pads()
        base = self._table_line() + 2 * pad_y
        heights = [base] * g.n_rows
        tall: list[tuple[GridCell, float]] = []
        for c in g.cells:
            need = self._text_height(c, xs[c.col + c.colspan] - xs[c.col] - 2 * pad_x) + 2 * pad_y
            if c.rowspan == 1:
                heights[c.row] = max(heights[c.row], need)
            else:
                tall.append((c, need))
        for c, need in tall:  # a merged label taller than its rows stretches the last of them
            have = sum(heights[c.row : c.row + c.rowspan])
            if need > have:
                heights[c.row + c.rowspan - 1] += need - have
        return heights

    def _draw_rows(self, g: Grid, xs: list[float], heights: list[float], rows: list[int], top: float) -> None:
        if not rows:
            return
        ys: dict[int, float] = {}
        y = top
        for r in rows:
            ys[r] = y
            y += heights[r]
        pad_x, _pad_y = self._pads()
        pa = self.painter
        pen = QPen(QColor("black"))
        pen.setWidthF(self.p.pt(L.TABLE_BORDER_EIGHTHS / 8))
        done: set[int] = set()
        for r in rows:
            for col in range(g.n_cols):
                c = g.covering(r, col)
                if c is None or id(c) in done:
                    continue
                done.add(id(c))
                # The part of the cell on this page: its rows that are here.
                mine = [rr for rr in range(c.row, c.row + c.rowspan) if rr in ys]
                y0 = ys[mine[0]]
                h = sum(heights[rr] for rr in mine)
                x0, x1 = xs[c.col], xs[c.col + c.colspan]
                pa.setPen(pen)
                pa.drawRect(QRectF(x0, y0, x1 - x0, h))
                if mine[0] != c.row and c.kind != "label":
                    continue
                lay = self._cell_layout(c, x1 - x0 - 2 * pad_x)
                # A merged label cut by a page break goes on where it stopped, as in Word: the lines that fit
                # in this page's part of the cell (all of them, centred, when they do), the rest on the next.
                body_span = c.rowspan > 1 and c.row >= g.header_rows  # header rows repeat whole on each page
                start = self._label_lines.get(id(c), 0) if body_span else 0
                last_part = not body_span or mine[-1] == c.row + c.rowspan - 1
                fit = lay.lineCount() - start if last_part else int((h - 2 * _pad_y) // self._table_line())
                todo = list(range(start, min(lay.lineCount(), start + max(fit, 0))))
                if body_span:
                    self._label_lines[id(c)] = start + len(todo)
                text_h = len(todo) * self._table_line()
                ty = y0 + (h - text_h) / 2
                pa.setPen(QColor("black"))
                for n, i in enumerate(todo):
                    line = lay.lineAt(i)
                    baseline = ty + n * self._table_line() + (self._table_line() + line.ascent() - line.descent()) / 2
                    line.draw(pa, QPointF(x0 + pad_x, baseline - line.ascent()))


def _kept_chunks(rows: list[int], keep: set[int]) -> Iterator[list[int]]:
    """Rows in runs that stay on one page: a row in `keep` goes with the row after it."""
    chunk: list[int] = []
    for r in rows:
        chunk.append(r)
        if r not in keep:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def paint_report(report: Report, device: QPagedPaintDevice, draft: bool = False) -> int:
    """Draw the whole report onto `device` (its page size set to A4); returns the number of pages."""
    return _Writer(report, device, draft).run()
