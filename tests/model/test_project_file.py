"""The .nianbao project file: round trip, damage, interrupted saves, schema versions."""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model import project_file
from model.atomic import backup_path
from model.errors import ChangedOnDisk, CorruptProject, FileLocked, NewerSchema, ProjectFileError, ProjectMissing
from model.report import Acknowledgement, Block, Cell, PreviousYear
from model.sample import load_sample
from tests.conftest import LOCAL_FIXTURES

pytestmark = pytest.mark.model

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002"
    "0001e221bc330000000049454e44ae426082"
)


def test_round_trip_equality(tmp_path):
    r = load_sample()
    r.narrative["一"].append(Block("image", image=PNG_1PX, image_type="png", width_mm=80.0))
    r.narrative["五"][0].review = "沿用上年文字，请核对"
    r.acks["X_CARRYOVER:total"] = Acknowledgement("机构改革后划入2件", "2026-01-05T09:00")
    r.cells["t2.art20_8.admin_fee.amount"] = Cell(Decimal("35.62"), "imported", "356200元", "number")
    path = tmp_path / "报告.nianbao"
    project_file.save(r, path)
    loaded, fp = project_file.load(path)
    assert loaded == r
    assert isinstance(loaded.value("t2.art20_8.admin_fee.amount"), Decimal)
    assert loaded.narrative["一"][-1].image == PNG_1PX
    assert fp == project_file.fingerprint(path.read_bytes())


@settings(max_examples=30, deadline=None)
@given(
    values=st.dictionaries(
        st.sampled_from(sorted(load_sample().format.table_cells("t3"))),
        st.one_of(st.none(), st.integers(0, 10**6)),
        max_size=40,
    ),
    agency=st.text(min_size=0, max_size=30),
    date=st.one_of(st.none(), st.dates(dt.date(2019, 1, 1), dt.date(2030, 12, 31))),
)
def test_round_trip_property(values, agency, date):
    r = load_sample()
    r.meta.agency, r.meta.publication_date = agency, date
    for k, v in values.items():
        r.cells[k] = Cell(v, "entered")
    assert project_file.loads(project_file.dumps(r)) == r


def test_save_keeps_previous_version_as_backup(tmp_path):
    path = tmp_path / "a.nianbao"
    r = load_sample()
    project_file.save(r, path)
    first = path.read_bytes()
    r.meta.contact = "新的联系电话"
    project_file.save(r, path)
    assert backup_path(path).read_bytes() == first
    assert project_file.load(path)[0].meta.contact == "新的联系电话"


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b"",  # empty
        lambda b: b"\x00\xff\xfe garbage",  # not text
        lambda b: b'{"app": "nianbao", "schema_version": 2}',  # no report
        lambda b: b.replace(b'"format_id": "gb_2021"', b'"format_id": 42', 1),  # wrong type
        lambda b: b.replace(b'"year": 2025', '"year": "二〇二五"'.encode(), 1),
        lambda b: b'["not", "a", "project"]',
    ],
)
def test_corrupt_file_gives_clear_error_and_is_left_alone(tmp_path, damage):
    path = tmp_path / "坏文件.nianbao"
    path.write_bytes(damage(project_file.dumps(load_sample())))
    before = path.read_bytes()
    with pytest.raises(ProjectFileError) as exc:
        project_file.load(path)
    assert isinstance(exc.value, CorruptProject) or "格式" in exc.value.message
    assert "无法" in exc.value.for_user() or "损坏" in exc.value.for_user()
    assert path.read_bytes() == before


def test_missing_file_message(tmp_path):
    with pytest.raises(ProjectMissing, match="找不到文件"):
        project_file.load(tmp_path / "无此文件.nianbao")


def test_kill_between_write_and_replace_leaves_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "a.nianbao"
    r = load_sample()
    project_file.save(r, path)
    before = path.read_bytes()
    r.meta.agency = "改过的名称"

    class Killed(BaseException):
        """Stands in for the process dying: nothing after this point runs."""

    def die(*args, **kwargs):
        raise Killed()

    monkeypatch.setattr(os, "replace", die)
    with pytest.raises(Killed):
        project_file.save(r, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert project_file.load(path)[0].meta.agency == "示例县自然资源局"


def test_disk_full_is_reported_and_file_untouched(tmp_path, monkeypatch):
    path = tmp_path / "a.nianbao"
    project_file.save(load_sample(), path)
    before = path.read_bytes()
    real_fsync = os.fsync

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(Exception) as exc:
        project_file.save(load_sample(), path)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert "磁盘空间不足" in exc.value.message
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_target_is_refused(tmp_path):
    path = tmp_path / "a.nianbao"
    project_file.save(load_sample(), path)
    path.chmod(0o444)
    with pytest.raises(FileLocked):
        project_file.save(load_sample(), path)


def test_read_only_target_is_refused_even_as_root(tmp_path, monkeypatch):
    path = tmp_path / "a.nianbao"
    project_file.save(load_sample(), path)
    before = path.read_bytes()
    monkeypatch.setattr(os, "access", lambda p, mode: False)
    with pytest.raises(FileLocked) as exc:
        project_file.save(load_sample(), path)
    assert "Word" in exc.value.message or "只读" in exc.value.message
    assert path.read_bytes() == before


def test_file_changed_on_disk_since_opened_is_not_overwritten(tmp_path):
    path = tmp_path / "a.nianbao"
    project_file.save(load_sample(), path)
    r, fp = project_file.load(path)
    other = load_sample()
    other.meta.contact = "别人改的"
    project_file.save(other, path)
    theirs = path.read_bytes()
    with pytest.raises(ChangedOnDisk):
        project_file.save(r, path, expected_fingerprint=fp)
    assert path.read_bytes() == theirs


def test_newer_schema_is_refused_with_message(tmp_path):
    doc = json.loads(project_file.dumps(load_sample()))
    doc["schema_version"] = project_file.SCHEMA_VERSION + 1
    path = tmp_path / "new.nianbao"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(NewerSchema) as exc:
        project_file.load(path)
    assert "更新版本" in exc.value.message


def test_schema_1_file_is_upgraded():
    report, _ = project_file.load(LOCAL_FIXTURES / "projects" / "schema_v1.nianbao")
    assert report.meta.agency == "旧版测试局"
    assert report.cell("t3.new_received@natural_person") == Cell(5)
    assert report.totals_mode == "manual"  # the prototype had no computed totals
    assert report.narrative["一"][0].text.startswith("2025年")


def test_every_upgrade_step_is_registered():
    assert sorted(project_file.UPGRADES) == list(range(1, project_file.SCHEMA_VERSION))


def test_saved_file_is_utf8_json_with_schema_version(tmp_path):
    path = tmp_path / "a.nianbao"
    project_file.save(load_sample(), path)
    doc = json.loads(path.read_text("utf-8"))
    assert doc["schema_version"] == project_file.SCHEMA_VERSION and doc["app"] == "nianbao"
    assert "示例县自然资源局" in path.read_text("utf-8")  # readable Chinese, not \u escapes


def test_previous_year_survives(tmp_path):
    r = load_sample()
    assert isinstance(r.previous, PreviousYear) and r.previous.year == 2024
    assert project_file.loads(project_file.dumps(r)).previous == r.previous
