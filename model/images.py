"""What a picture really is, from its bytes: the importers and the project loader keep only data that
decodes as an image of a kind every writer handles, whatever a file name, content type or field claims.

Only the header is read (the magic bytes and the dimensions, which python-docx needs to place the picture);
a picture with a sound header and damaged pixels still exports, and shows as damaged as it did in the source.
"""

from __future__ import annotations

import struct

KINDS = ("png", "jpeg", "gif", "bmp")
MAX_SIDE = 100_000  # pixels; a header claiming more is no photograph of a report


def image_kind(data: bytes) -> str | None:
    """ "png" | "jpeg" | "gif" | "bmp" when `data` starts as such an image with a plausible size, else None."""
    try:
        size = _dimensions(data)
    except (struct.error, IndexError, ValueError):
        return None
    if size is None:
        return None
    kind, width, height = size
    return kind if 0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE else None


def _dimensions(data: bytes) -> tuple[str, int, int] | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return ("png", width, height) if _png_chunks_sound(data) else None
    if data[:6] in (b"GIF87a", b"GIF89a"):
        width, height = struct.unpack("<HH", data[6:10])
        return "gif", width, height
    if data.startswith(b"BM") and len(data) >= 26:
        header = struct.unpack("<I", data[14:18])[0]
        if header == 12:  # OS/2 BITMAPCOREHEADER
            width, height = struct.unpack("<HH", data[18:22])
        else:
            width, height = struct.unpack("<ii", data[18:26])
        return "bmp", abs(width), abs(height)
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg(data)
    return None


def _png_chunks_sound(data: bytes) -> bool:
    """Every chunk header up to IEND (or the end) names a chunk in ASCII letters, as python-docx, which walks
    them to place the picture, needs (a damaged one made it raise while exporting)."""
    pos = 8
    while pos + 8 <= len(data):
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        kind = data[pos + 4 : pos + 8]
        if not (kind.isascii() and kind.isalpha()):
            return False
        if kind == b"IEND":
            return True
        pos += 12 + length
    return True


_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


def _jpeg(data: bytes) -> tuple[str, int, int] | None:
    """Walk the JPEG markers to the frame header (SOFn), which holds the size."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1  # fill byte
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if length < 2:
            return None
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return "jpeg", width, height
        pos += 2 + length
    return None
