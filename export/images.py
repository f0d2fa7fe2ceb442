"""A picture's pixel size and natural width, read by python-docx's header parsers (no Qt, no Pillow)."""

from __future__ import annotations

from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image


def image_pixels(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels; (0, 0) when the picture cannot be read."""
    try:
        img = Image.from_blob(data)
    except (UnrecognizedImageError, ValueError, ZeroDivisionError, IndexError, KeyError):
        return (0, 0)
    return (int(img.px_width), int(img.px_height))


def natural_width_mm(data: bytes) -> float | None:
    """The width the picture's own resolution gives it (what Word shows when it is inserted unscaled)."""
    try:
        img = Image.from_blob(data)
    except (UnrecognizedImageError, ValueError, ZeroDivisionError, IndexError, KeyError):
        return None
    dpi = img.horz_dpi or 96
    return float(img.px_width) * 25.4 / float(dpi)
