"""Draws the app icon: `nianbao.png` (256 px, window icon on Linux) and `nianbao.ico` (Windows exe).

Run once after changing the design, then commit the outputs (the build does not run this, so the
icon never depends on the fonts of the build machine):

    QT_QPA_PLATFORM=offscreen uv run python resources/icons/make_icons.py

The ICO container is written here rather than with Qt's ico plugin because QImageWriter stores one
image per file, and Windows wants several sizes (16 px in lists, 32/48 in Explorer, 256 on the taskbar
of high-DPI screens). Each size is drawn separately, not scaled down, so small sizes stay crisp; below
32 px the characters are left out because they would only be a smudge.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)
RED = QColor("#C0161C")  # 公文 red, the colour of a 红头文件's masthead
BLUE = QColor("#1F4E8C")  # table rules: the three statistics tables
PAPER = QColor("#FFFFFF")
EDGE = QColor("#8A8F98")
CJK_FAMILIES = [
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "SimSun",
    "Songti SC",
    "Noto Sans CJK SC",
    "Microsoft YaHei",
]


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    s = size / 256.0  # design on a 256 grid
    # The page: an A4-ish sheet with a folded top-right corner.
    left, top, right, bottom, fold = 40 * s, 16 * s, 216 * s, 240 * s, 44 * s
    page = QPainterPath(QPointF(left, top))
    page.lineTo(right - fold, top)
    page.lineTo(right, top + fold)
    page.lineTo(right, bottom)
    page.lineTo(left, bottom)
    page.closeSubpath()
    p.setPen(QPen(EDGE, max(1.0, 4 * s)))
    p.setBrush(PAPER)
    p.drawPath(page)
    corner = QPainterPath(QPointF(right - fold, top))
    corner.lineTo(right - fold, top + fold)
    corner.lineTo(right, top + fold)
    corner.closeSubpath()
    p.setBrush(QColor("#D9DCE1"))
    p.drawPath(corner)
    # The masthead: a red band with 年报 (or a plain band when too small to read).
    band = QRectF(left + 14 * s, top + 30 * s, right - left - fold - 6 * s, 76 * s)
    if size < 32:
        band = QRectF(left + 10 * s, top + 36 * s, right - left - 20 * s, 56 * s)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(RED)
    p.drawRect(band)
    if size >= 32:
        font = QFont()
        font.setFamilies(CJK_FAMILIES)
        font.setBold(True)
        font.setPixelSize(max(8, round(60 * s)))
        p.setFont(font)
        p.setPen(PAPER)
        p.drawText(band, Qt.AlignmentFlag.AlignCenter, "年报")
    # The red rule under a masthead, then blue table lines: what the report is made of.
    p.setPen(QPen(RED, max(1.0, 6 * s)))
    p.drawLine(QPointF(left + 14 * s, top + 122 * s), QPointF(right - 14 * s, top + 122 * s))
    p.setPen(QPen(BLUE, max(1.0, 6 * s)))
    grid_top, grid_bottom = top + 146 * s, bottom - 22 * s
    rows = 4 if size >= 48 else 3
    for i in range(rows):
        y = grid_top + i * (grid_bottom - grid_top) / (rows - 1)
        p.drawLine(QPointF(left + 22 * s, y), QPointF(right - 22 * s, y))
    if size >= 48:
        for x in (left + 22 * s, left + 86 * s, right - 22 * s):
            p.drawLine(QPointF(x, grid_top), QPointF(x, grid_bottom))
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG-compressed images (supported since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in sorted(pngs.items()):
        dim = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841 - fonts need an app
    pngs = {size: png_bytes(draw(size)) for size in SIZES}
    (HERE / "nianbao.png").write_bytes(pngs[256])
    (HERE / "nianbao.ico").write_bytes(ico_bytes(pngs))
    print(f"wrote {HERE / 'nianbao.png'} and {HERE / 'nianbao.ico'} ({', '.join(map(str, SIZES))} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
