"""The narrative checks as `Finding`s (rule kind ``narrative`` in the format data).

Each finding quotes the phrase and both numbers and carries `phrase` = (block, start, end), so that the
GUI can select the words in the editor.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from model.checks import Finding, rule_finding
from model.narrative import content, facts, similarity, years
from model.report import Report, format_number


def all_findings(report: Report) -> list[Finding]:
    """Every narrative rule of the report's format (what the typing pause re-runs)."""
    out: list[Finding] = []
    for rule in report.format.rules:
        if rule["kind"] == "narrative":
            out.extend(narrative_findings(report, rule))
    return out


def narrative_findings(report: Report, rule: dict[str, Any]) -> list[Finding]:
    check = rule["check"]
    if check == "facts":
        found = [_fact_finding(report, rule, m) for m in facts.compare(report)]
    elif check == "similarity":
        found = _similarity_findings(report, rule)
    elif check == "years":
        found = [_year_finding(report, rule, m) for m in years.mentions(report)]
    elif check in content.CHECKS:
        gap = content.CHECKS[check](report)
        found = [] if gap is None else [_content_finding(report, rule, gap)]
    else:
        raise ValueError(check)
    return _first_of_each_id(found)


def _first_of_each_id(found: list[Finding]) -> list[Finding]:
    # The same wrong phrase written twice in a section is one finding (its id names section and phrase, and an
    # explanation is kept by id), pointing at the first place: two findings with one id made the session's
    # incremental view and a full check keep different ones.
    first: dict[str, Finding] = {}
    for f in found:
        first.setdefault(f.id, f)
    return list(first.values())


def _similarity_findings(report: Report, rule: dict[str, Any]) -> list[Finding]:
    parts = similarity.shares(report)
    if not parts:
        return []
    cfg = similarity.settings(report.format.narrative)
    names = facts.rules(report.format).section_names
    out = []
    for p in [*parts, similarity.whole(parts)]:
        if p.total < cfg.min_chars or p.ratio <= cfg.threshold:
            continue
        where = "全文" if p.section == "全文" else names.get(p.section, p.section)
        detail = (
            f"{where}有{round(p.ratio * 100)}%的文字与{report.previous.year if report.previous else ''}年报告相同"
            f"（{p.sentences}句中{p.copied_sentences}句），超过{round(cfg.threshold * 100)}%。"
        )
        section = parts[0].section if p.section == "全文" else p.section
        out.append(
            rule_finding(
                rule,
                id=f"{rule['id']}:{p.section}",
                message=rule["message"].format(detail=detail),
                section=section,
                field=section,
                expected=None,
                actual=None,
                phrase=p.spans[0] if p.spans else None,
            )
        )
    return out


def _content_finding(report: Report, rule: dict[str, Any], gap: content.Gap) -> Finding:
    where = facts.rules(report.format).section_names.get(gap.section, gap.section)
    fill = {"section": where, "missing": "、".join(gap.missing), "length": gap.length}
    f = rule_finding(
        rule,
        id=f"{rule['id']}:{gap.section}",
        message=rule["message"].format(**fill),
        section=gap.section,
        field=gap.section,
    )
    # The hint says what to add, so it names the missing topics too.
    return dataclasses.replace(f, hint=f.hint.format(**fill))


def _year_finding(report: Report, rule: dict[str, Any], m: years.YearMention) -> Finding:
    r = facts.rules(report.format)
    where = r.section_names.get(m.section, m.section)
    text = report.blocks(m.section)[m.block].text
    phrase = text[m.start : m.end]
    wrong = "、".join(dict.fromkeys(f"{y}年" for _s, _e, y in m.years))
    what = {"period": "统计期限", "title": "报告名称", "leading": "这句话"}[m.kind]
    detail = f"{where}写“{phrase}”，{what}的年份为{wrong}，报告年度为{report.meta.year}年。"
    return rule_finding(
        rule,
        id=f"{rule['id']}:{m.section}:{m.kind}:{phrase}",
        message=rule["message"].format(detail=detail),
        section=m.section,
        field=m.section,
        expected=report.meta.year,
        actual=m.years[0][2],
        phrase=(m.block, m.start, m.end),
    )


def _fact_finding(report: Report, rule: dict[str, Any], m: facts.Mismatch) -> Finding:
    r = facts.rules(report.format)
    where = r.section_names.get(m.section, m.section)
    if m.kind == "claim":
        said = "、".join(f"{label}{format_number(v)}件" for label, v in m.readings)
        detail = f"{where}写“{m.phrase}”，但{said}。"
    elif m.kind == "percent":
        said = "，".join(f"{label}为{format_number(v)}%" for label, v in m.readings)
        detail = f"{where}写“{m.phrase}”，{said}。"
    else:
        unit = next(f.unit for f in r.facts if f.id == m.key)
        said = "，".join(f"{label}为{format_number(v)}{unit}" for label, v in m.readings)
        detail = f"{where}写“{m.phrase}”，{said}。"
    return rule_finding(
        rule,
        id=f"{rule['id']}:{m.section}:{m.key}:{m.phrase}",
        message=rule["message"].format(detail=detail),
        section=m.section,
        cells=m.cells,
        field=m.section,
        expected=m.readings[0][1] if m.readings else None,
        actual=m.stated,
        phrase=(m.block, m.start, m.end),
    )
