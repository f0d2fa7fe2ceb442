"""文件 → 打开备份… (issue 14): a dated copy opens as a new unsaved report; neither file is touched."""

from __future__ import annotations

from model import backups, project_file
from model.sample import load_sample


def test_open_a_backup_from_the_file_menu(make_window, tmp_path, fake_dialogs):
    path = tmp_path / "报告.nianbao"
    report = load_sample()
    report.meta.contact = "昨天的联系方式"
    project_file.save(report, path)
    window = make_window(path=str(path))
    assert window.act_open_backup in window.menuBar().actions()[0].menu().actions()
    window.files.open_backup()
    assert fake_dialogs.names() == ["show_info"]  # none yet: says how they come about
    window.doc.report.meta.contact = "今天改错了"
    window.doc.save()
    fake_dialogs.calls.clear()
    window.act_open_backup.trigger()
    assert fake_dialogs.names() == ["choose_backup"]
    assert "报告.nianbao" in fake_dialogs.calls[0][1][1][0]
    assert window.doc.report.meta.contact == "昨天的联系方式"
    assert window.doc.path is None and window.doc.modified  # a new report: Ctrl+S asks where
    assert "备份" in window.windowTitle()
    assert project_file.load(path)[0].meta.contact == "今天改错了"
    assert len(backups.list_for(path)) == 1


def test_cancel_keeps_the_current_report(make_window, tmp_path, fake_dialogs):
    path = tmp_path / "报告.nianbao"
    project_file.save(load_sample(), path)
    project_file.save(load_sample(), path)
    window = make_window(path=str(path))
    fake_dialogs.backup_choice = None
    assert window.files.open_backup() is False
    assert window.doc.path == str(path)
