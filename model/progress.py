"""How far each part of the report has got, for the navigator's marks: empty, in progress, has errors, has
warnings, done — and the number of open findings; and the report's overall progress (cells filled, findings
open, pages done) for the status bar. Read from the report and its findings only.

Page keys are those of the wizard: "start", "meta" (基本信息), "preamble", a section number 一…六, "final".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from model.checks import META_SECTION, Finding
from model.report import Report

STATES = ("none", "empty", "progress", "error", "warning", "done")


def section_of_page(key: str) -> str:
    """The Finding.section value belonging to a page key."""
    return META_SECTION if key == "meta" else key


def page_of_section(section: str) -> str:
    return "meta" if section == META_SECTION else section


def page_state(report: Report, findings: Iterable[Finding], key: str) -> tuple[str, int]:
    """(state, open findings) for one page."""
    if key == "start":
        return "none", 0
    if key == "final":
        errors = warnings = 0
        for f in findings:
            errors += f.severity == "error"
            warnings += f.severity == "warning" and f.open
        return ("error" if errors else "warning" if warnings else "done"), errors + warnings
    section = section_of_page(key)
    errors = warnings = 0
    for f in findings:
        if f.section == section:
            errors += f.severity == "error"
            warnings += f.severity == "warning" and f.open
    filled, total = filled_parts(report, key)
    if errors:
        return "error", errors + warnings
    if filled == 0:
        return "empty", warnings
    if warnings:
        return "warning", warnings
    return ("done" if filled >= total else "progress"), 0


def filled_parts(report: Report, key: str) -> tuple[int, int]:
    """(filled, all) of what a page asks for: metadata fields, table cells, or "has any text"."""
    if key == "meta":
        m = report.meta
        values = [m.agency.strip(), m.year, m.publication_date, m.contact.strip()]
        return sum(1 for v in values if v), len(values)
    try:
        sdef = report.format.section(key)
    except KeyError:
        sdef = None
    if sdef is not None and sdef.table:
        cells = report.format.table_cells(sdef.table)
        return sum(1 for k in cells if report.value(k) is not None), len(cells)
    has_text = any(b.text.strip() or b.image for b in report.blocks(key))
    return (1 if has_text else 0), 1


@dataclass(frozen=True)
class PageProgress:
    key: str
    filled: int  # cells, fields or "has text" (1) filled
    total: int
    open_findings: int  # errors and unexplained warnings on this page


@dataclass(frozen=True)
class ReportProgress:
    """How far the whole report has got: what the status bar and the navigator's tooltips say."""

    pages: tuple[PageProgress, ...]
    cells_filled: int  # table cells (the three tables) filled
    cells_total: int
    open_findings: int  # errors and unexplained warnings, report-wide
    pages_done: int
    pages_total: int

    def page(self, key: str) -> PageProgress | None:
        return next((p for p in self.pages if p.key == key), None)


def report_progress(report: Report, findings: Iterable[Finding], keys: Iterable[str]) -> ReportProgress:
    """Per page (`keys`, the wizard's pages but "start" and "final") and for the report as a whole."""
    found = list(findings)
    pages = []
    cells_filled = cells_total = done = 0
    for key in keys:
        if key in ("start", "final"):
            continue
        filled, total = filled_parts(report, key)
        state, count = page_state(report, found, key)
        pages.append(PageProgress(key, filled, total, count))
        done += state == "done"
        try:
            sdef = report.format.section(key)
        except KeyError:
            sdef = None
        if sdef is not None and sdef.table:
            cells_filled += filled
            cells_total += total
    open_findings = sum(1 for f in found if f.severity == "error" or (f.severity == "warning" and f.open))
    return ReportProgress(tuple(pages), cells_filled, cells_total, open_findings, done, len(pages))
