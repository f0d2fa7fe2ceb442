"""How far each part of the report has got, for the navigator's marks: empty, in progress, has errors, has
warnings, done — and the number of open findings. Read from the report and its findings only.

Page keys are those of the wizard: "start", "meta" (基本信息), "preamble", a section number 一…六, "final".
"""

from __future__ import annotations

from collections.abc import Iterable

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
