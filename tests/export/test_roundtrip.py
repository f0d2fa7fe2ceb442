"""Export → import: the DOCX we publish reads back as the same report (tables, narrative, metadata)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("model.importers.docx_reader")

from export import export_report  # noqa: E402
from model.importers import import_file  # noqa: E402
from model.report import Block, Cell  # noqa: E402
from model.sample import load_sample  # noqa: E402
from tests.export.helpers import png  # noqa: E402
from tests.seed_projects import seed_report  # noqa: E402

SECTIONS = ("preamble", "一", "二", "三", "四", "五", "六")


def _numbered(report):
    """Distinct numbers everywhere, so a value read from a neighbouring cell cannot pass."""
    for n, key in enumerate(report.format.cells):
        c = report.format.cells[key]
        report.cells[key] = Cell(-(n + 1) if c.type == "signed_int" and n % 2 else n + 1)
    report.totals_mode = "manual"
    return report


REPORTS = {
    "sample": load_sample,
    "sample-numbered": lambda: _numbered(load_sample()),
    "seed_000": lambda: seed_report("seed_000"),
    "seed_000-numbered": lambda: _numbered(seed_report("seed_000")),
}


def _roundtrip(report, tmp_path, kind="docx"):
    path = tmp_path / f"导出.{kind}"
    export_report(report, kind, path)
    back, _log = import_file(path)
    return back


def _texts(report):
    return {k: [(b.kind, b.text) for b in report.blocks(k) if b.kind != "image"] for k in SECTIONS}


@pytest.mark.parametrize("name", list(REPORTS))
def test_docx_tables_read_back_identical(name, tmp_path):
    report = REPORTS[name]()
    back = _roundtrip(report, tmp_path)
    assert back.format_id == report.format_id
    for key in report.format.cells:
        want = report.value(key)
        assert back.value(key) == (0 if want is None else want), key


@pytest.mark.parametrize("name", ["sample", "seed_000"])
def test_docx_narrative_and_meta_read_back(name, tmp_path):
    report = REPORTS[name]()
    back = _roundtrip(report, tmp_path)
    assert back.meta.agency == report.meta.agency
    assert back.meta.year == report.meta.year
    assert back.meta.display_title == report.meta.display_title
    assert back.meta.publication_date == report.meta.publication_date
    got, want = _texts(back), _texts(report)
    for key in SECTIONS:
        assert [t for _, t in got[key]] == [t for _, t in want[key]], key
    # sub-headings written as headings come back as headings
    assert [t for k, t in got["一"] if k == "heading"] == [t for k, t in want["一"] if k == "heading"]


def test_docx_images_read_back_in_place(tmp_path):
    report = load_sample()
    report.narrative["一"].insert(2, Block("image", image=png(30, 10), image_type="png", width_mm=60))
    back = _roundtrip(report, tmp_path)
    images = [b for b in back.blocks("一") if b.kind == "image"]
    assert len(images) == 1 and images[0].image == png(30, 10)
    assert images[0].width_mm == pytest.approx(60, abs=0.5)
    assert [b.kind for b in back.blocks("一")][:3] == [b.kind for b in report.blocks("一")][:3]


@pytest.mark.parametrize("name", ["sample-numbered", "seed_000-numbered"])
def test_html_tables_read_back_identical(name, tmp_path):
    pytest.importorskip("model.importers.html_reader")
    report = REPORTS[name]()
    back = _roundtrip(report, tmp_path, "html")
    for key in report.format.cells:
        assert back.value(key) == report.value(key), key


def _values(fmt):
    def one(key):
        kind = fmt.cells[key].type
        if kind == "decimal":
            return st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False)
        if kind == "signed_int":
            return st.integers(-9999, 9999)
        return st.integers(0, 99999)

    return st.fixed_dictionaries({k: st.one_of(st.none(), one(k)) for k in fmt.cells})


@pytest.mark.parametrize("name", ["sample", "seed_000"])
def test_any_numbers_survive_docx_export_and_import(name, tmp_path_factory):
    base = REPORTS[name]()
    base.totals_mode = "manual"

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(values=_values(base.format))
    def run(values):
        report = base.copy()
        report.cells = {k: Cell(v) for k, v in values.items()}
        back = _roundtrip(report, tmp_path_factory.mktemp("rt"))
        for key, v in values.items():
            assert back.value(key) == (0 if v is None else v), key

    run()
