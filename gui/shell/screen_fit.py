"""The first window's size and minimum, from the screen's available area (without the taskbar) in Qt's
logical pixels — which already account for Windows' 125/150/200% scaling and QT_SCALE_FACTOR.

A 1366×768 office screen at 150% offers 910×512 logical pixels: a fixed 1360×860 window, or a fixed
1000×640 minimum, is then larger than the screen even maximized, and the footer is out of reach. So the
window asks for what it likes (`PREFERRED`) only as far as the screen has room, its minimum never exceeds
the screen, and on a narrow screen (`COMPACT_WIDTH`) the checks panel starts hidden (F8 shows it) so the
page keeps the width. The pages scroll when the window is smaller than their content (gui/pages/base.py).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1360, 860)
MINIMUM = QSize(1000, 640)
# What a window manager adds round the client area (title bar, borders) before the real figures are known,
# i.e. before the window is first shown: Windows 10/11 at 100% uses ~8+31 px, the Linux desktops less.
FRAME = QSize(16, 40)
COMPACT_WIDTH = 1280  # below this the checks panel starts hidden: navigator + page + panel would not fit


def room(available: QRect, frame: QSize = FRAME) -> QSize:
    """The client size that fits the available area once the window manager's frame is added."""
    return QSize(max(available.width() - frame.width(), 1), max(available.height() - frame.height(), 1))


def first_size(available: QRect, frame: QSize = FRAME) -> QSize:
    return PREFERRED.boundedTo(room(available, frame))


def minimum_size(available: QRect, frame: QSize = FRAME) -> QSize:
    return MINIMUM.boundedTo(room(available, frame))


def is_compact(available: QRect) -> bool:
    return available.width() < COMPACT_WIDTH


def fit(window: QWidget, available: QRect, restored: bool = False) -> None:
    """Size `window` for `available`: the preferred size centred on it, or, for a geometry restored from the
    settings (`restored`), that geometry moved and shrunk as needed to lie wholly inside it."""
    window.setMinimumSize(minimum_size(available))
    if restored:
        geo = QRect(window.geometry())
        size = geo.size().boundedTo(room(available))
    else:
        size = first_size(available)
        geo = QRect(QPoint(0, 0), size)
        geo.moveCenter(available.center())
    window.resize(size)
    x = min(max(geo.x(), available.left()), available.left() + available.width() - size.width() - FRAME.width())
    y = min(max(geo.y(), available.top()), available.top() + available.height() - size.height() - FRAME.height())
    window.move(max(x, available.left()), max(y, available.top()))
