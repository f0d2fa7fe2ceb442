"""Shared pieces of the wizard pages: the page heading, a scrolling frame, field highlighting by finding."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from model.checks import Finding


def heading(text: str, level: int = 1) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageHeading" if level == 1 else "subHeading")
    label.setWordWrap(True)
    return label


def intro(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageIntro")
    label.setWordWrap(True)
    return label


def page_layout(widget: QWidget) -> QVBoxLayout:
    """The page's content layout, inside a frameless scroll area that fills `widget`: on a small or scaled
    screen (1366×768 at 150%) the page scrolls instead of pushing the window past the screen or cutting its
    buttons (gui/shell/screen_fit.py)."""
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setObjectName("pageScroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    outer.addWidget(scroll)
    body = QWidget()
    body.setObjectName("pageBody")
    scroll.setWidget(body)
    lay = QVBoxLayout(body)
    lay.setContentsMargins(28, 20, 28, 16)
    lay.setSpacing(10)
    return lay


class RedrawWhenShown:
    """For a page's redraws that follow the findings: done at once while the page is shown; while it is
    hidden only noted, and done once when it is shown again (`shown()`, called from its showEvent)."""

    def __init__(self, widget: QWidget, redraw: Callable[[], None]):
        self._widget = widget
        self._redraw = redraw
        self.stale = False

    def __call__(self, *_delta: object) -> None:
        if self._widget.isVisible():
            self.stale = False
            self._redraw()
        else:
            self.stale = True

    def shown(self) -> None:
        if self.stale:
            self.stale = False
            self._redraw()


def mark_widget(widget: QWidget, findings: list[Finding]) -> None:
    """Red (error) / amber (warning) frame via the style sheet's `issue` property, message as tooltip."""
    open_ = [f for f in findings if f.severity == "error" or f.open]
    state = "" if not open_ else ("error" if any(f.severity == "error" for f in open_) else "warning")
    if widget.property("issue") != state:
        widget.setProperty("issue", state)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    widget.setToolTip("\n".join(f"{f.title}：{f.message}" for f in open_))
