"""The final page asks before exporting a report without its 落款 date (issue 14)."""

from __future__ import annotations

from model.report import new_report
from model.sample import load_sample


def test_no_date_asks_first_and_cancel_writes_nothing(make_window, tmp_path, fake_dialogs):
    report = new_report("某某局", 2025)
    assert report.meta.publication_date is None
    window = make_window(report=report)
    page = window.go_to_page("final")
    target = tmp_path / "无日期.html"
    fake_dialogs.export_without_date = False
    assert page.export("html", str(target)) is False
    assert "confirm_no_date" in fake_dialogs.names() and not target.exists()
    assert "落款日期" in fake_dialogs.calls[-1][1][1]
    fake_dialogs.export_without_date = True
    assert page.export("html", str(target)) is True and target.exists()


def test_a_dated_report_is_exported_without_the_question(make_window, tmp_path, fake_dialogs):
    window = make_window(report=load_sample())
    assert window.doc.report.meta.publication_date is not None
    assert window.go_to_page("final").export("html", str(tmp_path / "x.html")) is True
    assert "confirm_no_date" not in fake_dialogs.names()
