"""The one mutation path: every edit has an exact inverse; totals follow their parts."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.edits import (
    Compound,
    EditRejected,
    SetAck,
    SetBlocks,
    SetCell,
    SetMeta,
    SetTotalsMode,
    apply,
    fill_unfilled_with_zero,
)
from model.report import Block, new_report
from model.sample import load_sample

pytestmark = pytest.mark.model

INPUT_T3 = [k for k, c in load_sample().format.cells.items() if c.table == "t3" and not c.derived]


def test_typing_a_part_updates_every_dependent_total():
    r = load_sample()
    _, changes = apply(r, SetCell("t3.result.granted@legal.research", 2))
    assert r.value("t3.result.granted@total") == 28
    assert r.value("t3.result.total@legal.research") == 2
    assert r.value("t3.result.total@total") == 52
    assert {"t3.result.granted@total", "t3.result.total@total"} <= changes.cells


def test_derived_total_cannot_be_typed_in_auto_mode_but_can_in_manual():
    r = load_sample()
    with pytest.raises(EditRejected, match="自动计算"):
        apply(r, SetCell("t3.result.total@total", 1))
    apply(r, SetTotalsMode("manual"))
    apply(r, SetCell("t3.result.total@total", 1))
    assert r.value("t3.result.total@total") == 1


def test_switching_to_auto_recomputes_and_undo_restores_published_totals():
    r = load_sample()
    apply(r, SetTotalsMode("manual"))
    apply(r, SetCell("t4.review.total", 9))
    before = copy.deepcopy(r)
    inverse, _ = apply(r, SetTotalsMode("auto"))
    assert r.value("t4.review.total") == 2
    apply(r, inverse)
    assert r == before


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(INPUT_T3), st.one_of(st.none(), st.integers(0, 500))), min_size=1, max_size=12)
)
def test_compound_edit_and_its_inverse_restore_the_report(edits):
    r = load_sample()
    before = copy.deepcopy(r)
    inverse, _ = apply(r, Compound(tuple(SetCell(k, v) for k, v in edits)))
    apply(r, inverse)
    assert r == before


def test_meta_blocks_and_ack_edits_are_undoable():
    r = load_sample()
    before = copy.deepcopy(r)
    steps = [
        SetMeta("publication_date", dt.date(2026, 1, 28)),
        SetMeta("agency", "新名称"),
        SetBlocks("六", (Block("paragraph", "本年度无其他需要报告的事项。"),)),
        SetAck("X_CARRYOVER:total", "机构改革后划入两件申请"),
    ]
    inverses = [apply(r, e)[0] for e in steps]
    assert r.meta.agency == "新名称" and r.acks["X_CARRYOVER:total"].text.startswith("机构改革")
    for inv in reversed(inverses):
        apply(r, inv)
    assert r == before


def test_acknowledgement_needs_a_real_explanation():
    with pytest.raises(EditRejected, match="6个字"):
        apply(load_sample(), SetAck("X_CARRYOVER:total", "无"))


def test_fill_unfilled_with_zero_is_one_step():
    r = new_report("测试局", 2026)
    inverse, changes = apply(r, fill_unfilled_with_zero(r, "t4"))
    assert r.value("t4.review.upheld") == 0 and r.value("t4.review.total") == 0
    assert len(changes.cells) == 15
    apply(r, inverse)
    assert r.value("t4.review.upheld") is None
