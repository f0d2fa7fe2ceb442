"""Autosave and recovery: the copy goes to the user data folder (never over the clerk's file), disappears on
a clean save, survives a crash, and is offered back at the next start."""

from __future__ import annotations

import sys

import pytest

from gui.session import autosave
from model import project_file
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
    window.autosaver._quiet.timeout.emit()  # the "typing stopped" timer firing
    copy = window.autosaver.path
    assert copy.exists() and copy.parent == autosave.recovery_dir()
    assert str(tmp_path) not in str(copy)
    assert path.read_bytes() == before
    head = project_file.parse(copy.read_bytes())
    assert head["recovery_of"] == str(path)
    assert project_file.loads(copy.read_bytes()).meta.contact == "自动保存测试"
    window.act_save.trigger()
    assert not copy.exists()  # saved cleanly: no copy left


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
