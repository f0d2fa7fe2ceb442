"""Shared pieces of the wizard pages: the page heading, a scrolling frame, field highlighting by finding."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

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
    lay = QVBoxLayout(widget)
    lay.setContentsMargins(28, 20, 28, 16)
    lay.setSpacing(10)
    return lay


def mark_widget(widget: QWidget, findings: list[Finding]) -> None:
    """Red (error) / amber (warning) frame via the style sheet's `issue` property, message as tooltip."""
    open_ = [f for f in findings if f.severity == "error" or f.open]
    state = "" if not open_ else ("error" if any(f.severity == "error" for f in open_) else "warning")
    if widget.property("issue") != state:
        widget.setProperty("issue", state)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    widget.setToolTip("\n".join(f"{f.title}：{f.message}" for f in open_))
