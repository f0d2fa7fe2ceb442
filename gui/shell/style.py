"""The look: the application font (a CJK UI font at the clerk's chosen size) and the style sheet
`resources/styles/app.qss`, whose @BASE@/@H1@/@H2@/@SMALL@ sizes follow that font size.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from resources import resource

# In order of preference: what Windows offices have, then what Linux/macOS have. Qt takes the first one
# installed, so start-up need not list the system's fonts (~5 ms) before the first window.
UI_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "SimSun",
)
_fallback: str | None = None  # set by ensure_cjk_font when none of UI_FAMILIES is installed


def cjk_family() -> str | None:
    """The first installed UI family that can draw Chinese, or None."""
    families = set(QFontDatabase.families())
    for name in UI_FAMILIES:
        if name in families:
            return name
    for name in families:  # any font claiming Simplified Chinese will do
        if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(name):
            return name
    return None


def stylesheet(base_pt: int) -> str:
    text = resource("styles", "app.qss").read_text("utf-8")
    sizes = {"@H1@": base_pt + 7, "@H2@": base_pt + 1, "@BASE@": base_pt, "@SMALL@": max(base_pt - 1, 8)}
    for mark, pt in sizes.items():
        text = text.replace(mark, f"{pt}pt")
    return text


def ensure_cjk_font(app: QApplication, base_pt: int) -> bool:
    """Whether the UI can draw Chinese. Called once the first window is up (the font list is loaded by then):
    when none of UI_FAMILIES is installed but another family claims Simplified Chinese, the UI uses that."""
    global _fallback
    family = cjk_family()
    if family is not None and family not in UI_FAMILIES and family != _fallback:
        _fallback = family
        apply(app, base_pt)
    return family is not None


def apply(app: QApplication, base_pt: int) -> None:
    font = QFont(app.font())
    font.setFamilies([*UI_FAMILIES, *([_fallback] if _fallback else [])])
    font.setPointSize(base_pt)
    app.setFont(font)
    app.setStyle("Fusion")  # one consistent look on Windows 7–11, Linux and in the screenshots
    app.setStyleSheet(stylesheet(base_pt))
