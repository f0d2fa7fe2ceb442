"""Every kind of exported .docx is valid WordprocessingML, as Word checks it before opening a file without
"repair": openxml-audit applies the Open XML SDK's schema and semantic rules in Python. This workplace has
no Word; LibreOffice and WPS forgive what Word repairs or refuses (an element out of schema order, say), so
this is the check that stands in for "opens cleanly in Word". Office 2010 is the oldest Word a clerk's PC
is likely to run."""

from __future__ import annotations

import io
import zipfile

import pytest
from openxml_audit import FileFormat, OpenXmlValidator

from export.docx_writer import docx_bytes
from model.importers import import_file
from model.report import new_report
from model.rollover import roll_forward
from model.sample import load_sample
from tests.conftest import fixture_path
from tests.export.helpers import with_images


def _reports():
    seed_2019, _ = import_file(fixture_path("seed_000__official.docx"))  # with a picture, in the 2019 format
    wu, _ = import_file(fixture_path("seed_004__clerk_wu.docx"))
    return {
        "sample": load_sample(),
        "new_2021": new_report("某某县人民政府办公室", 2026),
        "new_2019": new_report("某某县人民政府办公室", 2020),
        "imported_2019": seed_2019,
        "rolled_forward": roll_forward(wu),
        "pictures": with_images(),
    }


REPORTS = _reports()


@pytest.fixture(scope="module")
def validator():
    return OpenXmlValidator(file_format=FileFormat.OFFICE_2010)


@pytest.mark.parametrize("name", REPORTS)
def test_word_finds_nothing_to_repair(tmp_path, validator, name):
    path = tmp_path / f"{name}.docx"
    path.write_bytes(docx_bytes(REPORTS[name]))
    result = validator.validate(path)
    assert result.is_valid, "\n".join(str(e) for e in result.errors[:10])


def test_the_check_does_catch_what_word_would_repair(tmp_path, validator):
    """The guard itself: one table paragraph's properties put out of schema order must be reported."""
    data = docx_bytes(load_sample())
    src = zipfile.ZipFile(io.BytesIO(data))
    xml = src.read("word/document.xml").decode("utf-8")
    good = '<w:pPr><w:pStyle w:val="TableText"/><w:keepNext/>'
    assert good in xml
    bad = tmp_path / "out_of_order.docx"
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "word/document.xml":
                part = xml.replace(good, '<w:pPr><w:keepNext/><w:pStyle w:val="TableText"/>', 1).encode("utf-8")
            out.writestr(info, part)
    result = validator.validate(bad)
    assert not result.is_valid and any("pStyle" in str(e) for e in result.errors)
