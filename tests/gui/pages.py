"""A table page shown on its own, as the table tests need it."""
from __future__ import annotations

from gui.document import Document
from gui.pages.table_page import TablePage


def make_page(qtbot, report, section="三") -> TablePage:
    page = TablePage(Document(report), section)
    qtbot.addWidget(page)
    page.resize(1100, 900)
    page.show()
    qtbot.waitExposed(page)
    return page
