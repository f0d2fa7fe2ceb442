"""The headless session: undo history, incremental re-check held to the full check, typed refusals."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.checks import check
from model.edits import (
    Compound,
    EditRejected,
    InvalidValue,
    RestoreCells,
    SetAck,
    SetBlocks,
    SetCell,
    SetMeta,
    SetTotalsMode,
    apply,
    fill_unfilled_with_zero,
)
from model.report import Block, Cell, new_report
from model.rollover import roll_forward
from model.sample import load_sample
from model.session import Session

pytestmark = pytest.mark.model

SAMPLE = load_sample()
FMT = SAMPLE.format
INPUT_KEYS = [k for k, c in FMT.cells.items() if not c.derived]
# Cells the text checks quote: drawn more often, so text-versus-table findings come and go in the examples.
QUOTED_KEYS = [k for k in INPUT_KEYS if k.startswith("t4.")] + ["t3.result.other.fee_unpaid@total"]
ALL_KEYS = list(FMT.cells)
SECTIONS = ["preamble", *(s.no for s in FMT.sections)]
# Texts that move the narrative checks both ways (表四 vs the text, the fee sentence of 六).
TEXTS = [
    "本年度未发生行政复议和行政诉讼。",
    "本年度行政复议3件，行政诉讼1件。",
    "本机关未收取信息处理费。",
    "本年度发出收费通知2件，收费金额0元。",
    "2024年度的工作情况如下。",
    "",
]


def _value(key: str) -> st.SearchStrategy:
    cdef = FMT.cells[key]
    if cdef.type == "decimal":
        return st.one_of(st.none(), st.decimals(0, 1000, places=2, allow_nan=False, allow_infinity=False))
    low = -50 if cdef.type == "signed_int" else 0
    return st.one_of(st.none(), st.integers(low, 60))


def _set_cell(keys: list[str] = INPUT_KEYS) -> st.SearchStrategy:
    return st.sampled_from(keys).flatmap(lambda k: _value(k).map(lambda v: SetCell(k, v)))


def _meta() -> st.SearchStrategy:
    return st.one_of(
        st.builds(SetMeta, st.just("agency"), st.sampled_from(["", "某某县人民政府", "  "])),
        st.builds(SetMeta, st.just("year"), st.integers(2019, 2030)),
        st.builds(SetMeta, st.just("title"), st.sampled_from(["", "某县2019年政府信息公开工作年度报告"])),
        st.builds(
            SetMeta,
            st.just("publication_date"),
            st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2031, 12, 31))),
        ),
    )


def _blocks() -> st.SearchStrategy:
    block = st.builds(
        Block,
        st.sampled_from(["paragraph", "heading"]),
        st.sampled_from(TEXTS),
        review=st.sampled_from(["", "上年内容，请核对"]),
    )
    return st.builds(SetBlocks, st.sampled_from(SECTIONS), st.lists(block, max_size=3).map(tuple))


# An operation: an edit, or "undo" / "redo" / "ack" (explain the first open warning) / "unack" / "restore".
OPS = st.one_of(
    _set_cell(),
    _set_cell(QUOTED_KEYS),
    _set_cell(QUOTED_KEYS),
    _meta(),
    _blocks(),
    _blocks(),
    st.builds(SetTotalsMode, st.sampled_from(["auto", "manual"])),
    st.sampled_from(["undo", "redo", "undo", "ack", "unack", "restore", "zero"]),
    st.lists(_set_cell(), min_size=2, max_size=4).map(lambda es: Compound(tuple(es), "粘贴")),
)


def _run(session: Session, op: object, data: st.DataObject) -> None:
    report = session.report
    if op == "undo":
        session.undo()
    elif op == "redo":
        session.redo()
    elif op == "ack":
        open_ = [f for f in session.findings if f.severity == "warning" and f.open]
        if open_:
            session.push(SetAck(data.draw(st.sampled_from(open_)).id, "已向申请人核实，情况属实"))
    elif op == "unack":
        if report.acks:
            session.push(SetAck(data.draw(st.sampled_from(sorted(report.acks))), None))
    elif op == "restore":  # what undo and import do: put cells back as found, published flaws and all
        key = data.draw(st.sampled_from(ALL_KEYS))
        cell = data.draw(
            st.one_of(
                st.none(),
                st.builds(Cell, st.integers(-3, 40), st.just("imported")),
                st.just(Cell(None, "imported", "无", "placeholder")),
                st.just(Cell(None, "imported", "约3件", "unreadable")),
            )
        )
        session.push(RestoreCells(((key, cell),)))
    elif op == "zero":
        session.push(fill_unfilled_with_zero(report, data.draw(st.sampled_from(["t2", "t3", "t4"]))))
    else:
        try:
            session.push(op)  # type: ignore[arg-type]
        except EditRejected:
            pass  # a total typed in auto mode: refused, nothing changed


def _start(which: str):
    if which == "sample":
        return load_sample()
    if which == "rolled":
        return roll_forward(load_sample())  # with last year's values: the cross-year relations take part
    return new_report("测试局", 2026)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["sample", "rolled", "new"]), st.lists(OPS, min_size=1, max_size=25), st.data())
def test_incremental_recheck_gives_the_findings_of_a_full_check(start, ops, data):
    session = Session(_start(start))
    shown = {f.id: f for f in session.findings}  # what a view kept up to date from the deltas alone holds
    for op in ops:
        outcomes: list = []
        stop = session.subscribe(outcomes.append)
        _run(session, op, data)
        stop()
        for outcome in outcomes:
            for f in outcome.delta.removed:
                del shown[f.id]
            for f in (*outcome.delta.added, *outcome.delta.changed):
                shown[f.id] = f
        full = check(session.report)
        assert set(session.findings) == set(full)
        assert len(session.findings) == len(full)
        assert shown == {f.id: f for f in full}
        # Same order as a session started afresh on the same report (errors first, reading order).
        assert session.findings == Session(copy.deepcopy(session.report)).findings


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(_set_cell(), _meta(), _blocks()), min_size=1, max_size=12), st.data())
def test_undo_all_then_redo_all_replays_the_same_reports(edits, data):
    session = Session(load_sample())
    states = [copy.deepcopy(session.report)]
    for e in edits:
        session.push(e)
        states.append(copy.deepcopy(session.report))
    while session.can_undo:
        session.undo()
        assert session.report == states[session.index]
    assert session.findings == Session(copy.deepcopy(states[0])).findings
    while session.can_redo:
        session.redo()
        assert session.report == states[session.index]


# -- the delta for findings that do not hang on cells ------------------------------------------------


def test_text_findings_follow_text_edits_and_the_table_figures_they_quote():
    session = Session(load_sample())
    assert "T4_VS_TEXT" not in {f.id for f in session.findings}
    total_cell = "t4.review.upheld"
    session.push(SetCell(total_cell, 3))
    out = session.push(SetBlocks("一", (Block("paragraph", "本年度未发生行政复议和行政诉讼案件。"),)))
    assert [f.id for f in out.delta.added] == ["T4_VS_TEXT"] and "3件" not in out.delta.added[0].message
    assert {f.id for f in session.findings} == {f.id for f in check(session.report)}
    # Emptying 表四 (a cell edit, no text touched) takes the contradiction away again.
    out = session.push(Compound(tuple(SetCell(k, 0) for k in FMT.table_cells("t4") if not FMT.cells[k].derived)))
    assert "T4_VS_TEXT" in {f.id for f in out.delta.removed}
    assert set(session.findings) == set(check(session.report))


def test_meta_findings_come_and_go_with_metadata_edits():
    session = Session(load_sample())
    out = session.push(SetMeta("title", "某县2019年政府信息公开工作年度报告"))
    assert [f.id for f in out.delta.added] == ["META_TITLE_YEAR"]
    out = session.push(SetMeta("year", 2019))
    assert [f.id for f in out.delta.removed] == ["META_TITLE_YEAR"]
    # A cell edit does not re-run the metadata checks, and says nothing about them.
    out = session.push(SetCell(INPUT_KEYS[0], 1))
    assert all(f.section != "基本信息" for f in (*out.delta.added, *out.delta.removed, *out.delta.changed))


def test_an_explanation_changes_the_finding_in_place():
    session = Session(new_report("测试局", 2026))
    warning = next(f for f in session.findings if f.severity == "warning")
    out = session.push(SetAck(warning.id, "本年度确无此项工作"))
    assert out.delta.changed and out.delta.changed[0].id == warning.id
    assert out.delta.changed[0].acknowledged == "本年度确无此项工作"
    assert not out.delta.added and not out.delta.removed
    out = session.undo()
    assert out is not None and out.delta.changed[0].acknowledged is None


def test_one_edit_rechecks_only_the_relations_of_its_cells(monkeypatch):
    import model.session as session_module

    session = Session(load_sample())
    seen: list[str] = []
    real = session_module.relation_finding

    def spy(report, rel, prev):
        seen.append(rel.finding_id)
        return real(report, rel, prev)

    monkeypatch.setattr(session_module, "relation_finding", spy)
    key = "t3.result.granted@legal.research"
    session.push(SetCell(key, 4))
    changed = {key, *(k for k in FMT.cells if FMT.cells[k].derived)}
    allowed = {r.finding_id for k in changed for r in FMT.relations_by_cell.get(k, ())}
    assert seen and set(seen) <= allowed
    assert len(seen) < len(FMT.relations) / 5


def test_every_rule_kind_says_what_it_reads():
    from model.format_schema import RULE_CHECKS
    from model.session import DEPENDS

    # A kind missing here would be re-run after every edit (correct, but it would eat the 0.5 ms budget).
    assert set(DEPENDS) == set(RULE_CHECKS)


# -- history -------------------------------------------------------------------------------------------


def test_typing_bursts_merge_but_never_into_the_saved_state():
    session = Session(load_sample())
    session.push(SetMeta("agency", "甲"), "改机关", merge_key="meta:agency")
    session.push(SetMeta("agency", "甲乙"), "改机关", merge_key="meta:agency")
    assert len(session.history) == 1 and session.modified
    session.mark_clean()
    session.push(SetMeta("agency", "甲乙丙"), "改机关", merge_key="meta:agency")
    assert len(session.history) == 2
    session.undo()
    assert session.report.meta.agency == "甲乙" and not session.modified
    session.undo()
    assert session.report.meta.agency == SAMPLE.meta.agency and session.modified
    assert session.undo() is None and session.redo_label == "改机关"


def test_a_new_edit_drops_the_redo_branch_and_a_saved_state_in_it():
    session = Session(load_sample())
    session.push(SetCell(INPUT_KEYS[0], 1), "一")
    session.mark_clean()
    session.undo()
    session.push(SetCell(INPUT_KEYS[0], 2), "二")
    assert not session.can_redo and session.modified
    session.undo()
    assert session.modified  # the saved state (value 1) is gone from the history


# -- refusals --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "edit",
    [
        SetMeta("year", "2026"),
        SetMeta("year", 1999),
        SetMeta("year", 2101),
        SetMeta("year", True),
        SetMeta("year", 2026.0),
        SetMeta("agency", 5),
        SetMeta("contact", None),
        SetMeta("publication_date", "2026-01-20"),
        SetMeta("publication_date", dt.datetime(2026, 1, 20, 9, 0)),
        SetCell("t4.review.upheld", "5"),
        SetCell("t4.review.upheld", 5.0),
        SetCell("t4.review.upheld", -1),
        SetCell("t4.review.upheld", Decimal("2.5")),
        SetCell("t4.review.upheld", True),
        SetCell("t2.art20_8.admin_fee.amount", Decimal("NaN")),
        SetCell("t2.art20_8.admin_fee.amount", Decimal("Infinity")),
        SetCell("t2.art20_8.admin_fee.amount", Decimal("-1.5")),
        SetBlocks("七", ()),
        SetBlocks("一", ("正文",)),  # type: ignore[arg-type]
        SetTotalsMode("sometimes"),
        RestoreCells((("t9.nothing", None),)),
        RestoreCells((("t4.review.upheld", Cell("3")),)),  # type: ignore[arg-type]
    ],
)
def test_a_wrong_value_is_refused_with_a_typed_error_and_changes_nothing(edit):
    session = Session(load_sample())
    before = copy.deepcopy(session.report)
    with pytest.raises(InvalidValue) as exc:
        session.push(edit)
    assert str(exc.value) and not str(exc.value).isascii()  # a Chinese sentence for the clerk
    assert session.report == before and not session.history
    check(session.report)  # and the checks still run


def test_values_the_cell_types_allow_are_taken():
    old = Session(new_report("测试局", 2019))
    old.push(SetCell("t2.art20_5.licensing.delta", -3))  # 2019's 增/减 may fall
    session = Session(load_sample())
    session.push(SetCell("t2.art20_8.admin_fee.amount", Decimal("35.62")))
    session.push(SetCell("t2.art20_8.admin_fee.amount", 0))
    session.push(SetMeta("year", 2000))
    session.push(SetMeta("publication_date", None))
    assert session.report.meta.year == 2000


def test_a_refused_part_leaves_a_compound_wholly_unapplied():
    r = load_sample()
    before = copy.deepcopy(r)
    good = SetCell("t4.review.upheld", 7)
    with pytest.raises(InvalidValue):
        apply(r, Compound((good, SetMeta("agency", "新机关"), SetMeta("year", "2026"))))
    assert r == before
