"""A table page shown on its own, as the table tests need it."""

from __future__ import annotations

from gui.session.document import Document
from gui.pages.table_page import TablePage


def make_page(qtbot, report, section: str = "三", width: int = 1100, height: int = 900) -> TablePage:
    page = TablePage(Document(report), section)
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    return page
