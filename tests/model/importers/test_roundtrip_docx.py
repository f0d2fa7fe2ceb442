"""Every report the DOCX exporter writes imports back to the identical model."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from model.importers.docx_reader import read_docx
from model.report import Block
from model.sample import load_sample
from tests.model.importers.roundtrip import assert_same, full_reports, tiny_png
from tests.seed_projects import seed_report

docx_writer = pytest.importorskip("export.docx_writer")


def _roundtrip(report, path):
    docx_writer.write_docx(report, path)
    return read_docx(path)


def test_sample_report(tmp_path):
    report = load_sample()
    got, log = _roundtrip(report, tmp_path / "sample.docx")
    assert_same(got, report)
    assert not log.missing and not log.guessed


def test_seed_000_with_its_image(tmp_path):
    report = seed_report("seed_000")
    report.narrative["一"].insert(2, Block("image", "", tiny_png(), "png", 60.0))
    got, _ = _roundtrip(report, tmp_path / "seed.docx")
    assert_same(got, report)


def test_unfilled_cells_come_back_as_published_zeros(tmp_path):
    """The exporter publishes an empty cell as 0 (never blank, never 无); the import reads that 0."""
    report = seed_report("seed_004")
    got, _ = _roundtrip(report, tmp_path / "seed4.docx")
    assert all(c.value == (report.cells[k].value or 0) and c.read_as == "number" for k, c in got.cells.items())
    assert [b.text for b in got.blocks("一")] == [b.text for b in report.blocks("一")]


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(report=full_reports())
def test_generated_full_reports(tmp_path, report):
    got, _ = _roundtrip(report, tmp_path / "gen.docx")
    assert_same(got, report)
