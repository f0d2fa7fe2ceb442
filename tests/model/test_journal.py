"""The edit journal (model/journal.py): any sequence of edits, undos and redos written to it and replayed
onto its base gives the same report; a cut-off last line, a compaction interrupted half-way, a base file
that was saved over, and the text of an open cell editor are all handled."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import journal, project_file
from model.atomic import backup_path
from model.edits import Compound, SetAck, SetBlocks, SetCell, SetMeta, SetTotalsMode, apply, fill_unfilled_with_zero
from model.report import Block
from model.sample import load_sample

pytestmark = pytest.mark.model

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002"
    "0001e221bc330000000049454e44ae426082"
)
SAMPLE = load_sample()
INPUT_CELLS = sorted(k for k, c in SAMPLE.format.cells.items() if not c.derived and k.startswith("t3."))


def _base(tmp_path):
    path = tmp_path / "a.nianbao"
    fp = project_file.save(load_sample(), path)
    return path, fp


def _edits():
    section = st.sampled_from(["一", "五", "preamble"])
    block = st.builds(
        Block,
        kind=st.sampled_from(["paragraph", "heading", "image"]),
        text=st.text(max_size=20),
        image=st.one_of(st.none(), st.just(PNG_1PX), st.just(b"")),
        image_type=st.just("png"),
        width_mm=st.one_of(st.none(), st.floats(10, 150)),
        review=st.sampled_from(["", "沿用上年文字，请核对"]),
        carried=st.sampled_from(["", "去年的一段话。"]),
    )
    simple = st.one_of(
        st.builds(SetCell, st.sampled_from(INPUT_CELLS), st.one_of(st.none(), st.integers(0, 10**9))),
        st.builds(SetMeta, st.just("contact"), st.text(max_size=30)),
        st.builds(SetMeta, st.just("publication_date"), st.one_of(st.none(), st.dates(dt.date(2020, 1, 1)))),
        st.builds(SetBlocks, section, st.lists(block, max_size=4).map(tuple)),
        st.builds(SetAck, st.just("X:1"), st.one_of(st.none(), st.just("已经核实无误的说明"))),
        st.builds(SetTotalsMode, st.sampled_from(["auto", "manual"])),
    )
    return st.one_of(simple, st.lists(simple, min_size=1, max_size=3).map(lambda es: Compound(tuple(es), "组")))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.one_of(_edits(), st.just("undo")), max_size=25))
def test_replaying_the_journal_gives_the_same_report(tmp_path, steps):
    path, fp = _base(tmp_path)
    report = load_sample()
    jpath = tmp_path / "x.journal"
    j = journal.Journal(jpath, {"file": str(path), "fingerprint": fp}, {"recovery_of": str(path)})
    undo: list = []
    for step in steps:
        if step == "undo":
            if not undo:
                continue
            inverse = undo.pop()
            edit, back = inverse, None
        else:
            edit = step
        try:
            back, _ = apply(report, edit)
        except ValueError:  # refused (a total in auto mode): nothing applied, nothing journalled
            continue
        j.append(edit, back)
        if step != "undo":
            undo.append(back)
    j.sync()
    j.close()
    got = journal.recover(None, jpath)
    assert got.report == report
    assert got.info["recovery_of"] == str(path)


def test_typing_in_a_section_writes_one_paragraph_per_key_not_the_section_or_its_pictures(tmp_path):
    path, fp = _base(tmp_path)
    report = load_sample()
    report.narrative["一"].insert(0, Block("image", "", PNG_1PX * 1000, "png"))
    project_file.save(report, path)
    fp = project_file.fingerprint(path.read_bytes())
    j = journal.Journal(tmp_path / "x.journal", {"file": str(path), "fingerprint": fp})
    sizes = []
    for ch in "新增一句话":
        blocks = list(report.blocks("一"))
        blocks[-1] = dataclasses.replace(blocks[-1], text=blocks[-1].text + ch)
        inverse, _ = apply(report, SetBlocks("一", tuple(blocks)))
        sizes.append(j.append(SetBlocks("一", tuple(blocks)), inverse))
    j.close()
    assert max(sizes) < len(report.blocks("一")[-1].text.encode()) + 200
    assert journal.recover(None, tmp_path / "x.journal").report == report


def test_a_line_cut_short_by_a_kill_is_ignored(tmp_path):
    path, fp = _base(tmp_path)
    jpath = tmp_path / "x.journal"
    j = journal.Journal(jpath, {"file": str(path), "fingerprint": fp})
    j.append(SetMeta("contact", "第一次"))
    j.append(SetMeta("contact", "第二次"))
    j.close()
    data = jpath.read_bytes()
    jpath.write_bytes(data[:-7])  # the process died in the middle of the last write
    got = journal.recover(None, jpath)
    assert got.report.meta.contact == "第一次" and got.replayed == 1
    assert journal.read(jpath).torn


def test_a_compaction_interrupted_before_the_new_journal_keeps_the_copy(tmp_path):
    """The copy was replaced, the app died before it started a new journal: the old journal's edits are
    already in the copy and must not be applied twice (a SetBlocks delta applied twice would duplicate)."""
    copy = tmp_path / "r.nianbao"
    report = load_sample()
    fp = project_file.save(report, copy, backup=False)
    j = journal.Journal(journal.journal_path(copy), {"copy": fp})
    blocks = [*report.blocks("一"), Block("paragraph", "新段落")]
    inverse, _ = apply(report, SetBlocks("一", tuple(blocks)))
    j.append(SetBlocks("一", tuple(blocks)), inverse)
    j.close()
    assert journal.recover(copy, journal.journal_path(copy)).report == report
    project_file.save(report, copy, backup=False)  # the compaction's copy, then the "kill"
    assert journal.recover(copy, journal.journal_path(copy)).report == report


def test_the_base_file_saved_over_since_is_found_in_its_backup(tmp_path):
    path, fp = _base(tmp_path)
    j = journal.Journal(tmp_path / "x.journal", {"file": str(path), "fingerprint": fp})
    j.append(SetMeta("contact", "恢复的内容"))
    j.close()
    other = load_sample()
    other.meta.agency = "别人改过"
    project_file.save(other, path)  # the old version is now a.nianbao.bak
    assert backup_path(path).exists()
    got = journal.recover(None, tmp_path / "x.journal")
    assert got.report.meta.contact == "恢复的内容" and got.report.meta.agency == load_sample().meta.agency
    project_file.save(other, path)  # .bak is now the other version too
    with pytest.raises(journal.JournalBaseMissing, match="找不到自动保存记录所依据的原文件"):
        journal.recover(None, tmp_path / "x.journal")


def test_the_text_of_an_open_cell_editor_is_recovered_unless_the_editor_was_closed(tmp_path):
    path, fp = _base(tmp_path)
    key = INPUT_CELLS[0]
    jpath = tmp_path / "x.journal"
    j = journal.Journal(jpath, {"file": str(path), "fingerprint": fp})
    j.draft(key, "1,234")
    got = journal.recover(None, jpath)
    assert got.report.value(key) == 1234 and "1,234" in got.notes[0]
    j.draft(key, "12x")
    got = journal.recover(None, jpath)
    assert got.report.value(key) == SAMPLE.value(key) and "不是有效的数" in got.notes[0]
    j.draft(key, "77")
    j.append(SetCell(key, 5))  # Enter: committed; the draft is history
    got = journal.recover(None, jpath)
    assert got.report.value(key) == 5 and not got.notes
    j.draft(key, "9")
    j.draft(None)  # Esc
    assert journal.recover(None, jpath).report.value(key) == 5
    j.close()


def test_fill_with_zero_compound_round_trips(tmp_path):
    path, fp = _base(tmp_path)
    report = load_sample()
    j = journal.Journal(tmp_path / "x.journal", {"file": str(path), "fingerprint": fp})
    edit = fill_unfilled_with_zero(report, "t3")
    inverse, _ = apply(report, edit)
    j.append(edit, inverse)
    j.append(inverse, apply(report, inverse)[0])
    j.close()
    assert journal.recover(None, tmp_path / "x.journal").report == report == load_sample()


def test_an_unknown_edit_is_refused_so_the_caller_writes_a_full_copy(tmp_path):
    @dataclasses.dataclass(frozen=True)
    class NewKind:
        x: int

    j = journal.Journal(tmp_path / "x.journal", {"copy": "0"})
    with pytest.raises(journal.Unjournalable):
        j.append(NewKind(1))  # type: ignore[arg-type]
    j.close()
