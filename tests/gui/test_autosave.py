"""Autosave and recovery: the copy goes to the user data folder (never over the clerk's file), disappears on
a clean save, survives a crash, and is offered back at the next start."""

from __future__ import annotations

import sys

import pytest

from gui.session import autosave
from model import journal, project_file
from model.edits import SetMeta
from model.sample import load_sample

pytestmark = pytest.mark.gui


def _crash(window) -> None:
    """What a crash leaves behind: the recovery copy, and a window that never asked anything."""
    window.autosaver.stop(keep=True)
    window.doc.undo_stack.setClean()  # only so the test's teardown does not prompt; the copy stays


def test_autosave_writes_a_recovery_copy_not_the_users_file(make_window, tmp_path):
    path = tmp_path / "报告.nianbao"
    project_file.save(load_sample(), path)
    before = path.read_bytes()
    window = make_window(path)
    assert window.autosaver.save_now() is False  # nothing to save yet
    window.doc.push(SetMeta("contact", "自动保存测试"), "联系方式")
    # At once, with no timer: the edit is in the journal, whose base is the clerk's (unchanged) file.
    saver = window.autosaver
    assert saver.journal_path.exists() and saver.journal_path.parent == autosave.recovery_dir()
    assert journal.recover(saver.path, saver.journal_path).report.meta.contact == "自动保存测试"
    assert journal.read(saver.journal_path).header["base"]["file"] == str(path)
    assert saver.save_now()  # the full copy (written on a pause once the journal has grown)
    copy = saver.path
    assert copy.exists() and copy.parent == autosave.recovery_dir()
    assert str(tmp_path) not in str(copy)
    assert path.read_bytes() == before
    head = project_file.parse(copy.read_bytes())
    assert head["recovery_of"] == str(path)
    assert project_file.loads(copy.read_bytes()).meta.contact == "自动保存测试"
    assert journal.read(saver.journal_path).records == []  # the copy holds everything: the journal starts empty
    window.act_save.trigger()
    assert not copy.exists() and not saver.journal_path.exists()  # saved cleanly: nothing left


def test_recovery_after_a_crash(make_window, tmp_path, fake_dialogs):
    path = tmp_path / "报告.nianbao"
    project_file.save(load_sample(), path)
    first = make_window(path)
    first.doc.push(SetMeta("contact", "崩溃前输入的内容"), "联系方式")
    assert first.autosaver.save_now()
    copy = first.autosaver.path
    _crash(first)

    fake_dialogs.recover = "recover"
    second = make_window()  # the next start, on the sample
    assert second.files.offer_recovery() is True
    assert fake_dialogs.names() == ["ask_recover"]
    assert str(path) in fake_dialogs.calls[0][1][1][0]
    assert second.doc.report.meta.contact == "崩溃前输入的内容"
    assert second.doc.path == str(path)
    assert second.isWindowModified()
    assert second.autosaver.path == copy  # a second crash before saving loses nothing either
    second.act_save.trigger()
    assert project_file.load(path)[0].meta.contact == "崩溃前输入的内容"
    assert not copy.exists()


def test_recovery_of_a_never_saved_report(make_window, fake_dialogs):
    first = make_window()
    first.doc.push(SetMeta("agency", "新机关"), "机关")
    first.autosaver.save_now()
    _crash(first)
    fake_dialogs.recover = "recover"
    second = make_window()
    assert second.files.offer_recovery()
    assert second.doc.path is None
    assert second.doc.report.meta.agency == "新机关"
    assert second.windowTitle().startswith("示例报告（内置）[*]")


def test_later_keeps_and_drop_deletes_the_copies(make_window, fake_dialogs):
    first = make_window()
    first.doc.push(SetMeta("agency", "新机关"), "机关")
    first.autosaver.save_now()
    copy = first.autosaver.path
    _crash(first)
    second = make_window()
    fake_dialogs.recover = "later"
    assert second.files.offer_recovery() is False
    assert copy.exists()  # never deleted without the clerk saying so
    fake_dialogs.recover = "drop"
    assert second.files.offer_recovery() is False
    assert not copy.exists()
    assert second.files.offer_recovery() is False
    assert fake_dialogs.names() == ["ask_recover", "ask_recover"]


def test_crash_handler_saves_a_recovery_copy(make_window, monkeypatch):
    from gui import app

    shown = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.exec", lambda self: shown.append(self.text()) or 0)
    window = make_window()
    window.doc.push(SetMeta("contact", "异常前的内容"), "联系方式")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        app.excepthook(*sys.exc_info())
    assert shown == ["年报助手遇到了意外错误。"]
    assert project_file.loads(window.autosaver.path.read_bytes()).meta.contact == "异常前的内容"


def _disk_full(*_args, **_kwargs):
    import errno

    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failing_autosave_shows_a_warning_that_stays_until_a_save_succeeds(make_window, tmp_path, monkeypatch):
    path = tmp_path / "报告.nianbao"
    project_file.save(load_sample(), path)
    window = make_window(path)
    saver = window.autosaver
    with monkeypatch.context() as m:  # not monkeypatch.undo(): that would undo the fake dialogs too
        m.setattr(journal.Journal, "_write", _disk_full)
        m.setattr("os.fsync", _disk_full)  # the full copy fails as well
        window.doc.push(SetMeta("contact", "磁盘满时输入的内容"), "联系方式")
        warning = window.autosave_warning
        assert warning.isVisible() and "磁盘空间不足" in warning.text() and "另存为" in warning.text()
        window.statusBar().showMessage("别的提示", 100)  # a passing status message does not hide it
        assert warning.isVisible()
        window.doc.push(SetMeta("contact", "磁盘满时输入的内容，继续输入"), "联系方式")
        saver._pause.timeout.emit()  # the pause retries the full copy: still full
        assert warning.isVisible()
    # space freed
    saver._pause.timeout.emit()
    assert not warning.isVisible()
    got = journal.recover(saver.path, saver.journal_path)
    assert got.report.meta.contact == "磁盘满时输入的内容，继续输入"


def test_a_failing_full_copy_shows_the_warning_too(make_window, monkeypatch):
    from model.errors import DiskFull

    window = make_window()  # the untitled sample: its first edit needs a full copy

    def full(*_a, **_k):
        raise DiskFull()

    with monkeypatch.context() as m:
        m.setattr(project_file, "save", full)
        window.doc.push(SetMeta("agency", "新机关"), "机关")
        assert window.autosave_warning.isVisible() and "磁盘空间不足" in window.autosave_warning.text()
        assert window.autosaver.save_now() is False
    assert window.autosaver.save_now() is True
    assert not window.autosave_warning.isVisible()


def test_undo_back_to_the_saved_state_leaves_nothing_and_redo_journals_again(make_window, tmp_path):
    path = tmp_path / "报告.nianbao"
    project_file.save(load_sample(), path)
    window = make_window(path)
    saver = window.autosaver
    window.doc.push(SetMeta("contact", "改一下"), "联系方式")
    assert saver.journal_path.exists()
    window.doc.undo_stack.undo()
    assert not saver.journal_path.exists() and not window.doc.modified
    window.doc.undo_stack.redo()
    assert journal.recover(saver.path, saver.journal_path).report.meta.contact == "改一下"


def test_drop_deletes_the_journal_too(make_window, tmp_path, fake_dialogs):
    path = tmp_path / "报告.nianbao"
    project_file.save(load_sample(), path)
    first = make_window(path)
    first.doc.push(SetMeta("contact", "只在日志里"), "联系方式")  # no full copy yet: the journal alone holds it
    saver = first.autosaver
    assert saver.journal_path.exists() and not saver.path.exists()
    _crash(first)
    second = make_window()
    fake_dialogs.recover = "drop"
    assert second.files.offer_recovery() is False
    assert not saver.journal_path.exists()
    assert autosave.find_recoveries() == []
