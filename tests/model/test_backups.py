"""Dated backups beyond the single .bak (issue 14): the day's first save keeps the version it replaces in
the data folder, the newest five days are kept, each project has its own, and every copy opens."""

from __future__ import annotations

import datetime as dt

from model import backups, project_file
from model.sample import load_sample


def test_the_first_save_of_each_day_keeps_the_version_it_replaces(tmp_path):
    path = tmp_path / "报告.nianbao"
    report = load_sample()
    project_file.save(report, path)  # a new file: nothing to keep
    assert backups.list_for(path) == []
    report.meta.contact = "第一天的版本"
    project_file.save(report, path)
    first = backups.list_for(path)
    assert len(first) == 1 and first[0].of == "报告.nianbao"
    assert project_file.load(first[0].path)[0].meta.contact != "第一天的版本"  # the version before this save
    report.meta.contact = "同一天再保存"
    project_file.save(report, path)
    assert backups.list_for(path) == first  # one per day, not one per save


def test_the_newest_five_days_are_kept(tmp_path):
    path = tmp_path / "报告.nianbao"
    report = load_sample()
    project_file.save(report, path)
    start = dt.datetime(2026, 1, 1, 9, 30)
    for day in range(8):
        report.meta.contact = f"第{day}天"
        path.write_bytes(project_file.dumps(report))
        assert backups.keep(path, now=start + dt.timedelta(days=day)) is not None
    kept = backups.list_for(path)
    assert [b.path.name[:8] for b in kept] == ["20260108", "20260107", "20260106", "20260105", "20260104"]
    assert project_file.load(kept[0].path)[0].meta.contact == "第7天"
    assert all(b.path.parent == backups.folder_for(path) for b in kept)


def test_each_project_has_its_own_copies_and_all_are_listed(tmp_path):
    a, b = tmp_path / "甲" / "报告.nianbao", tmp_path / "乙" / "报告.nianbao"
    for p in (a, b):
        p.parent.mkdir()
        project_file.save(load_sample(), p)
        backups.keep(p)
    assert backups.folder_for(a) != backups.folder_for(b)
    assert len(backups.list_for(a)) == len(backups.list_for(b)) == 1
    assert len(backups.list_for()) == 2


def test_no_backup_for_a_file_not_yet_saved(tmp_path):
    assert backups.keep(tmp_path / "没有.nianbao") is None
    assert backups.list_for(tmp_path / "没有.nianbao") == []
