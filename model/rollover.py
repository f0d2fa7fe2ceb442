"""Starting the new year's report from last year's: `roll_forward(report) -> Report` for year Y+1.

Roll-forward is where errors are born, so everything carried over is visibly carried: 上年结转 comes
from last year's 结转下年度继续办理 (origin "carried"); last year's values stay read-only in
`report.previous` for the cross-year checks (X_CARRYOVER, X_IN_FORCE) and the side-by-side view; the
narrative is kept as a draft with every paragraph that mentions a year or a number marked for review.
A 2019-format report rolled into a 2021 year follows the migration map and notes of the newer format
(`migrate_from` in its file: adding a format never edits an older one). Which cells carry over is the new
format's `roll_forward.carry`.
"""

from __future__ import annotations

import re
from typing import Any

from model.edits import Compound, SetBlocks
from model.formats import format_for_year, format_ids, get_format
from model.report import Block, Cell, Meta, Number, PreviousYear, Report, section_keys

_YEAR = re.compile(r"(?:[12][0-9]{3}|[１２][０-９]{3}|[〇○零一二][〇○零一二三四五六七八九]{3})\s*年")
_DIGIT = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千万两]+(?:件|条|个|次|人|项|元|万元|场|期|篇|份|名)")


def last_year_text(report: Report) -> dict[str, list[str]]:
    """Last year's paragraph texts per section, as the cross-year text checks compare them."""
    narrative = {k: [b.text for b in v if b.text] for k, v in report.narrative.items()}
    return {k: v for k, v in narrative.items() if v}


def roll_forward(report: Report, source_file: str = "") -> Report:
    """`source_file`: the name of the file last year's report was read from, remembered in the project."""
    year = report.meta.year + 1
    fid = format_for_year(year)
    if fid != report.format_id and fid not in _reachable(report.format_id):
        fid = report.format_id  # no migration path (a newer format rolled into an older year): keep it
    new = Report(
        meta=Meta(agency=report.meta.agency, year=year, title="", publication_date=None, contact=report.meta.contact),
        format_id=fid,
        totals_mode="auto",
    )
    previous: dict[str, Number | None] = {k: c.value for k, c in report.cells.items()}
    if fid != report.format_id:
        mapping, notes = migration(report.format_id, fid)
        for old_key, new_key in mapping.items():
            if old_key in report.cells:
                # Also under the new key, so a comparison laid out in the new format finds last year's value.
                previous.setdefault(new_key, report.cells[old_key].value)
        new.notes.extend(notes)
    new.previous = PreviousYear(report.meta.year, report.format_id, previous, last_year_text(report), source_file)
    for source_key, target in new.format.carry:
        source = report.cells.get(source_key)
        value = _effective(source)
        if value is None:
            continue
        if source is not None and source.value is None:
            # Last year wrote "无" or left it blank: carried as 0, and the cell still says what it was.
            new.cells[target] = Cell(value, "carried", source.raw, source.read_as)
        else:
            new.cells[target] = Cell(value, "carried")
    sections = dict.fromkeys([*section_keys(new.format), *report.narrative])
    new.narrative = {k: [_carried_block(b) for b in report.narrative.get(k, [])] for k in sections}
    return new


def advance_years(report: Report) -> Compound | None:
    """The rolled-forward report's unambiguous leftovers of last year's year (统计期限, the report's name,
    a leading "2024年，") changed to the new year: one edit, so the clerk sees it and can undo it. Each
    changed paragraph stays marked for review, naming the change; every other year is left as it was,
    and marked. None when nothing is left to change."""
    from model.narrative.years import advance

    sections = advance(report, review_reason)
    if not sections:
        return None
    edits = tuple(SetBlocks(section, tuple(blocks)) for section, blocks in sections.items())
    return Compound(edits, f"沿用文字中的年份改为{report.meta.year}年")


def migration(from_fid: str, to_fid: str) -> tuple[dict[str, str], list[str]]:
    """Old cell key → new cell key, and the Chinese notes on what moved or was dropped."""
    spec = get_format(to_fid).migrate_from
    if not spec or spec["format_id"] != from_fid:
        return {}, []
    old_fmt, new_fmt = get_format(from_fid), get_format(to_fid)
    mapping: dict[str, str] = {}
    # The loops run over the old format's table (its columns are the ones the old keys name).
    for env in old_fmt.expand(spec.get("for", {}), "$.migrate_from.for"):
        for pattern, target in spec["cells"].items():
            mapping[pattern.format(**env)] = target.format(**env)
    # Keys with the same meaning in both formats (table 三 and 四 almost entirely) carry over as they are.
    for key in old_fmt.cells:
        if key in new_fmt.cells and key not in mapping and not _dropped(key, spec):
            mapping[key] = key
    mapping = {k: v for k, v in mapping.items() if k in old_fmt.cells and v in new_fmt.cells}
    return mapping, list(spec.get("notes", {}).values())


def migrate(report: Report, to_fid: str) -> Report:
    """The same year's report in another format (e.g. a 2020 report re-laid in the 2021 format)."""
    mapping, notes = migration(report.format_id, to_fid)
    new = report.copy()
    new.format_id = to_fid
    new.cells = {new_key: report.cells[old] for old, new_key in mapping.items() if old in report.cells}
    new.acks = {}
    new.notes = [*report.notes, *notes]
    return new


def review_reason(text: str) -> str:
    """Why a carried paragraph must be read again ("" when it has no year and no number)."""
    years = list(dict.fromkeys(re.sub(r"\s", "", m.group(0)) for m in _YEAR.finditer(text)))
    rest = _YEAR.sub("", text)
    has_number = bool(_DIGIT.search(rest))
    if years and has_number:
        return f"沿用上年文字，含年份“{'、'.join(years[:3])}”和数字，请核对"
    if years:
        return f"沿用上年文字，含年份“{'、'.join(years[:3])}”，请核对"
    if has_number:
        return "沿用上年文字，含数字，请核对"
    return ""


CARRIED_NOTE = "沿用上年文字，请核对是否仍然适用"


def _carried_block(b: Block) -> Block:
    """Last year's block, marked: a paragraph always (words without a single digit can be stale too), a
    sub-heading only when it names a year or a number (the official sub-headings recur every year)."""
    if not b.text:
        return Block(b.kind, b.text, b.image, b.image_type, b.width_mm)
    review = review_reason(b.text) or (CARRIED_NOTE if b.kind != "heading" else "")
    return Block(b.kind, b.text, b.image, b.image_type, b.width_mm, review, b.text if review else "")


def _effective(cell: Cell | None) -> Number | None:
    """Last year's value as the checks read it: "无" and an empty cell in a published report mean 0."""
    if cell is None:
        return None
    if cell.value is not None:
        return cell.value
    return 0 if cell.read_as in ("placeholder", "blank") else None


def _dropped(key: str, spec: dict[str, Any]) -> bool:
    return any(key.startswith(prefix) for prefix in spec.get("notes", {}))


def _reachable(fid: str) -> set[str]:
    """The formats that declare a migration from `fid`."""
    out = set()
    for other in format_ids():
        spec = get_format(other).migrate_from
        if spec and spec["format_id"] == fid:
            out.add(other)
    return out
