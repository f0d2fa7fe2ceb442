"""Two instances, one file: opening a project another running instance has open asks 只读打开 / 另存副本 /
取消; read-only really refuses to save over the file (另存为 works); a crashed instance's lock is taken over."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QFileDialog

from model import project_file
from model.edits import SetMeta
from model.errors import ReadOnlyProject
from model.lock import lock_path, read_lock
from model.sample import load_sample
from tests.conftest import ROOT

pytestmark = pytest.mark.gui


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "报告.nianbao"
    project_file.save(load_sample(), path)
    return path


@pytest.fixture
def other_instance(project):
    """A lock written by another, running process of this PC (a sleeper stands in for the other app)."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    lock_path(project).write_text(
        json.dumps(
            {
                "app": "nianbao",
                "user": "张三",
                "host": socket.gethostname(),
                "pid": sleeper.pid,
                "since": "2026-12-01T09:30:00",
            }
        ),
        "utf-8",
    )
    yield sleeper
    sleeper.kill()
    sleeper.wait()


def _save_dialog(monkeypatch, target):
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: asked.append(a) or (str(target), ""))
    )
    return asked


def test_read_only_open_refuses_to_save_over_the_file_but_allows_save_as(
    make_window, project, other_instance, fake_dialogs, monkeypatch, tmp_path
):
    before = project.read_bytes()
    window = make_window()
    fake_dialogs.locked = "readonly"
    assert window.files.open(str(project))
    name, args = fake_dialogs.calls[-1]
    assert name == "ask_locked" and args[1] == "报告.nianbao" and "张三" in args[2] and "2026-12-01 09:30" in args[2]
    assert window.doc.read_only and "（只读）" in window.windowTitle()
    window.doc.push(SetMeta("contact", "只读时的修改"), "联系方式")
    assert window.files.save() is False  # Ctrl+S
    assert fake_dialogs.names()[-1] == "show_save_error"
    assert isinstance(fake_dialogs.calls[-1][1][1], ReadOnlyProject)
    with pytest.raises(ReadOnlyProject):
        window.doc.save()
    assert project.read_bytes() == before  # not a byte written over the other instance's file
    assert read_lock(project).pid == other_instance.pid  # and its lock is left alone
    copy = tmp_path / "我的副本.nianbao"
    _save_dialog(monkeypatch, copy)
    assert window.files.save_as()
    assert project_file.load(copy)[0].meta.contact == "只读时的修改"
    assert not window.doc.read_only and "（只读）" not in window.windowTitle()
    assert read_lock(copy).pid == os.getpid()
    window.doc.push(SetMeta("contact", "副本上继续改"), "联系方式")
    assert window.files.save()
    assert project.read_bytes() == before


def test_save_a_copy_first(make_window, project, other_instance, fake_dialogs, monkeypatch, tmp_path):
    before = project.read_bytes()
    window = make_window()
    fake_dialogs.locked = "copy"
    copy = tmp_path / "副本"
    asked = _save_dialog(monkeypatch, copy)
    assert window.files.open(str(project))
    assert asked and asked[0][1] == "另存副本"
    assert window.doc.path == str(copy) + ".nianbao" and not window.doc.read_only
    assert project_file.load(window.doc.path)[0] == project_file.load(project)[0]
    assert read_lock(window.doc.path).pid == os.getpid()
    window.doc.push(SetMeta("contact", "副本"), "联系方式")
    assert window.files.save()
    assert project.read_bytes() == before


def test_cancel_opens_nothing(make_window, project, other_instance, fake_dialogs):
    window = make_window()
    fake_dialogs.locked = "cancel"
    assert not window.files.open(str(project))
    assert window.doc.path is None  # still the sample


def test_a_crashed_instances_lock_is_taken_over_without_a_question(make_window, project, fake_dialogs):
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock_path(project).write_text(
        json.dumps(
            {"app": "nianbao", "user": "张三", "host": socket.gethostname(), "pid": int(done.stdout), "since": "x"}
        ),
        "utf-8",
    )
    window = make_window()
    assert window.files.open(str(project))
    assert "ask_locked" not in fake_dialogs.names() and not window.doc.read_only
    assert read_lock(project).pid == os.getpid()
    window.close()
    assert not lock_path(project).exists()  # released on close


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_two_real_app_processes(make_window, project, fake_dialogs):
    """A second real app holds the file: this one asks; once that app is killed (-9), it opens without asking."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.kill_driver", "--file", str(project), "--narrative", "一", "--text", "字"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        for line in proc.stdout:
            if line.strip() == "done":
                break
        held = read_lock(project)
        assert held is not None and held.pid == proc.pid
        window = make_window()
        fake_dialogs.locked = "readonly"
        assert window.files.open(str(project))
        assert fake_dialogs.names()[-1] == "ask_locked" and window.doc.read_only
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    fake_dialogs.calls.clear()
    assert window.files.open(str(project))
    assert "ask_locked" not in fake_dialogs.names() and not window.doc.read_only
    assert read_lock(project).pid == os.getpid()


def test_opening_the_same_file_again_keeps_its_lock(make_window, project, fake_dialogs):
    window = make_window()
    assert window.files.open(str(project))
    assert window.files.open(str(project))
    assert "ask_locked" not in fake_dialogs.names()
    assert lock_path(project).exists() and read_lock(project).pid == os.getpid()
    window.close()
    assert not lock_path(project).exists()
