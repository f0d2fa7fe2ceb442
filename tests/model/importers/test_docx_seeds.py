"""The seed reports as .docx in three styles import to the expected cells, sections, metadata and findings."""

from __future__ import annotations

import json

import pytest

from model.checks import check
from model.importers import import_file
from model.importers.docx_reader import read_docx
from tests.conftest import FIXTURES, fixture_path
from tests.seed_projects import seed_report

MANIFEST = json.loads((FIXTURES / "manifest.json").read_text("utf-8"))
CASES = [(m["docx"], m["expected"].removesuffix(".json"), m["variant"]) for m in MANIFEST]


@pytest.fixture(scope="module")
def imported():
    cache = {}

    def get(docx: str):
        if docx not in cache:
            cache[docx] = read_docx(fixture_path(docx))
        return cache[docx]

    return get


@pytest.mark.parametrize(("docx", "name", "variant"), CASES)
def test_every_cell_recovered(imported, docx, name, variant):
    report, _ = imported(docx)
    expected = seed_report(name)
    assert report.format_id == expected.format_id
    assert set(report.cells) == set(expected.cells)
    for key, want in expected.cells.items():
        got = report.cells[key]
        assert got.origin == "imported"
        if variant == "official":
            assert (got.value, got.read_as, got.raw) == (want.value, want.read_as, want.raw), key
            continue
        assert (got.value or 0) == (want.value or 0), key
        if (want.value or 0) != 0:
            assert got.read_as == "number", key
        elif variant == "clerk_wu":
            assert (got.read_as, got.raw.strip()) == ("placeholder", "无"), key
        else:  # blank0: a 0 is left empty
            assert (got.read_as, got.value) == ("blank", None), key


@pytest.mark.parametrize(("docx", "name", "variant"), CASES)
def test_every_section_text_recovered(imported, docx, name, variant):
    report, _ = imported(docx)
    expected = seed_report(name)
    for section in ("preamble", "一", "二", "三", "四", "五", "六"):
        got = [b.text for b in report.blocks(section) if b.kind != "image"]
        assert got == [b.text for b in expected.blocks(section)], section


@pytest.mark.parametrize(("docx", "name", "variant"), CASES)
def test_metadata_from_title_and_signature(imported, docx, name, variant):
    report, _ = imported(docx)
    expected = seed_report(name)
    assert report.meta == expected.meta
    assert report.totals_mode == "manual"


@pytest.mark.parametrize("docx", [c[0] for c in CASES if c[1] == "seed_000"])
def test_image_found_after_its_paragraph(imported, docx):
    report, _ = imported(docx)
    blocks = report.blocks("一")
    images = [i for i, b in enumerate(blocks) if b.kind == "image"]
    assert len(images) == 1
    i = images[0]
    assert blocks[i - 1].text.startswith("（一）主动公开情况")
    assert blocks[i].image.startswith(b"\x89PNG") and blocks[i].image_type == "png"
    assert not any(b.kind == "image" for s in ("preamble", "五", "六") for b in report.blocks(s))


@pytest.mark.parametrize("name", ["seed_000", "seed_004"])
def test_checks_same_as_on_hand_entered_project(imported, name):
    report, _ = imported(f"{name}__official.docx")
    assert [f.id for f in check(report)] == [f.id for f in check(seed_report(name))]


def test_checks_point_at_what_each_variant_wrote(imported):
    ids = {f.id for f in check(imported("seed_000__clerk_wu.docx")[0])}
    assert {"CELL_PLACEHOLDER:t2", "CELL_PLACEHOLDER:t3", "CELL_PLACEHOLDER:t4"} <= ids
    ids = {f.id for f in check(imported("seed_000__blank0.docx")[0])}
    assert {"CELL_UNFILLED:t2", "CELL_UNFILLED:t3", "CELL_UNFILLED:t4"} <= ids


def test_import_log_says_what_is_missing(imported):
    _, log = imported("seed_004__official.docx")
    assert any("未找到第六部分" in m for m in log.missing)
    assert any("落款日期" in m for m in log.missing)
    assert any("表三" in g and "“无”" in g for g in log.guessed)
    _, log = imported("seed_000__official.docx")
    assert not log.missing
    assert any("2019" in f for f in log.found)
    assert "  未找到第六部分（六、其他需要报告的事项）" in read_docx(fixture_path("seed_004__blank0.docx"))[1].lines()


def test_import_file_dispatches_docx():
    report, log = import_file(fixture_path("seed_000__official.docx"))
    assert log.kind == "docx" and report.meta.agency == "昌乐县知识产权保护中心"
