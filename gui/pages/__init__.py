"""The wizard's page registry: which page shows which part of the report, in the order of the report.

开始 → 基本信息 → 开头段落 → 一 … 六 (from the format's sections) → 检查与导出. Table sections use the table
page when it is installed, otherwise a placeholder so the shell runs on its own.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui import texts
from gui.session.document import Document
from model.checks import Finding

log = logging.getLogger(__name__)


class PlaceholderTablePage(QWidget):
    """Shown for 二/三/四 only when the table editor is missing from this build."""

    def __init__(self, doc: Document, section_no: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = section_no
        lay = QVBoxLayout(self)
        label = QLabel(f"{doc.report.format.section(section_no).heading}\n\n（表格编辑功能未安装）")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(label)

    shows_notices = False

    def focus_finding(self, finding: Finding) -> None:
        pass

    def focus_cell(self, key: str) -> None:
        pass

    def refresh(self) -> None:
        pass


def table_page_class():
    try:
        from gui.pages.table_page import TablePage
    except ImportError:
        log.warning("gui.pages.table_page not available; using the placeholder")
        return PlaceholderTablePage
    return TablePage


def page_specs(doc: Document) -> list[tuple[str, str]]:
    """(key, navigator name) in wizard order."""
    specs = [("start", texts.PAGE_START), ("meta", texts.PAGE_META), ("preamble", texts.PAGE_PREAMBLE)]
    specs += [(s.no, s.heading) for s in doc.report.format.sections]
    specs.append(("final", texts.PAGE_FINAL))
    return specs


def build_page(doc: Document, key: str, parent: QWidget | None = None) -> QWidget:
    """The page widget for one key (the start page is built by the window, which owns its signals)."""
    if key == "meta":
        from gui.pages.meta_page import MetaPage

        return MetaPage(doc, parent)
    if key == "final":
        from gui.pages.final_page import FinalPage

        return FinalPage(doc, parent)
    if key == "preamble":
        from gui.pages.narrative_page import NarrativePage

        return NarrativePage(doc, "preamble", parent)
    section = doc.report.format.section(key)
    if section.kind == "table":
        page = table_page_class()(doc, key, parent)
        page.key = key
        return page
    from gui.pages.narrative_page import NarrativePage

    return NarrativePage(doc, key, parent)
