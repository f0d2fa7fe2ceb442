"""The wizard knows no format: a made-up 2099 format's table page shows its added row, takes typing into it
and reports the finding for it, with no code that names the format."""

from __future__ import annotations

from PySide6.QtCore import Qt

from model.report import new_report
from tests.gui.pages import make_page
from tests.gui.test_table_entry import cell, type_into
from tests.test_new_format import NEW_LABEL, NEW_ROW, write_2099


def test_a_new_formats_table_page(qtbot, formats_folder):
    write_2099(formats_folder)
    report = new_report("假想市测试局", 2099)
    assert report.format_id == "gb_2099"
    page = make_page(qtbot, report, "二")
    labels = [
        page.model.index(r, c).data(Qt.ItemDataRole.DisplayRole)
        for r in range(page.model.rowCount())
        for c in range(page.model.columnCount())
    ]
    assert "行政检查" in labels
    type_into(qtbot, page, f"{NEW_ROW}.decisions", "12")
    assert page.doc.report.value(f"{NEW_ROW}.decisions") == 12
    assert cell(page, f"{NEW_ROW}.decisions") == "12"
    three = make_page(qtbot, report, "三")
    texts = {
        three.model.index(r, c).data() for r in range(three.model.rowCount()) for c in range(three.model.columnCount())
    }
    assert NEW_LABEL in texts
