"""Every report the HTML exporter writes imports back to the identical model (a published web page)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from model.importers.html_reader import read_html
from model.sample import load_sample
from tests.model.importers.roundtrip import assert_same, full_reports
from tests.seed_projects import seed_report

html_writer = pytest.importorskip("export.html_writer")


def _roundtrip(report, path):
    path.write_text(html_writer.html_text(report), "utf-8")
    return read_html(path)


@pytest.mark.parametrize("make", [load_sample, lambda: seed_report("seed_000")])
def test_sample_and_seed(tmp_path, make):
    report = make()
    got, log = _roundtrip(report, tmp_path / "r.html")
    assert_same(got, report)
    assert not log.missing


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(report=full_reports())
def test_generated_full_reports(tmp_path, report):
    got, _ = _roundtrip(report, tmp_path / "gen.html")
    assert_same(got, report)
