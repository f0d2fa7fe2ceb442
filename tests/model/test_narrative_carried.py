"""Carried paragraphs: every one marked until changed or reviewed; a replaced paragraph is the clerk's own."""

from __future__ import annotations

import pytest

from model.checks import check
from model.report import Block, report_from_dict, report_to_dict
from model.rollover import roll_forward
from tests.seed_projects import seed_report

pytestmark = pytest.mark.model


def stale(report, section):
    return next((f for f in check(report) if f.id == f"TEXT_STALE_YEAR:{section}"), None)


def test_carried_paragraphs_without_digits_are_marked_too():
    new = roll_forward(seed_report("seed_000"))
    five = new.blocks("五")
    plain = [b for b in five if not any(ch.isdigit() for ch in b.text)]
    assert plain and all(b.needs_review and b.carried == b.text for b in plain)
    assert stale(new, "五") is not None and f"{len(five)}段" in stale(new, "五").message


def test_a_changed_paragraph_is_no_longer_carried():
    new = roll_forward(seed_report("seed_000"))
    six = new.blocks("六")
    assert [b.needs_review for b in six] == [True]
    new.narrative["六"] = [
        Block("paragraph", "本年度无其他需要报告的事项。", review=six[0].review, carried=six[0].carried)
    ]
    assert not new.blocks("六")[0].needs_review
    assert stale(new, "六") is None
    # typed back to exactly last year's words, it is last year's text again
    new.narrative["六"] = [Block("paragraph", six[0].carried, review=six[0].review, carried=six[0].carried)]
    assert stale(new, "六") is not None


def test_sub_headings_that_recur_every_year_are_not_marked():
    old = seed_report("seed_000")
    old.narrative["一"].insert(0, Block("heading", "（一）主动公开"))
    new = roll_forward(old)
    assert new.blocks("一")[0].review == ""


def test_carried_text_survives_the_project_file():
    new = roll_forward(seed_report("seed_000"))
    again = report_from_dict(report_to_dict(new))
    assert [(b.text, b.review, b.carried) for b in again.blocks("五")] == [
        (b.text, b.review, b.carried) for b in new.blocks("五")
    ]
