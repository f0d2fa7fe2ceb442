"""The project lock (model/lock.py): a second instance is told who has the file; a crashed instance's lock
(its process gone, or not refreshed for an hour) is taken over; a lock is only ever removed by its holder."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from model import lock
from model.lock import ProjectLock, ProjectLocked, lock_path, read_lock
from tests.conftest import ROOT

pytestmark = pytest.mark.model

_HOLDER = """
import sys, time
from model.lock import ProjectLock
held = ProjectLock.acquire(sys.argv[1])
print("held" if held else "none", flush=True)
time.sleep(600)
"""


def _write_lock(project, *, pid: int, host: str | None = None, age: float = 0.0) -> None:
    path = lock_path(project)
    path.write_text(
        json.dumps(
            {
                "app": "nianbao",
                "user": "张三",
                "host": host or socket.gethostname(),
                "pid": pid,
                "since": "2026-12-01T09:30:00",
            }
        ),
        "utf-8",
    )
    if age:
        old = time.time() - age
        os.utime(path, (old, old))


@pytest.fixture
def project(tmp_path):
    p = tmp_path / "报告.nianbao"
    p.write_bytes(b"{}")
    return p


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_two_real_processes_and_a_kill(project):
    """Another process holds the lock: refused, naming it. Killed with SIGKILL: its lock is taken over."""
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(project)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        with pytest.raises(ProjectLocked) as caught:
            ProjectLock.acquire(project)
        assert caught.value.info.pid == proc.pid
        assert "本机" in caught.value.message and "打开编辑" in caught.value.message
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    mine = ProjectLock.acquire(project)
    assert mine is not None and read_lock(project).pid == os.getpid()
    mine.release()
    assert not lock_path(project).exists()


def test_a_lock_of_a_running_process_on_this_pc_is_respected(project):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _write_lock(project, pid=sleeper.pid)
        with pytest.raises(ProjectLocked, match="张三"):
            ProjectLock.acquire(project)
        assert read_lock(project).pid == sleeper.pid  # untouched
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_lock_of_a_finished_process_is_taken_over(project):
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    _write_lock(project, pid=int(done.stdout))
    assert ProjectLock.acquire(project) is not None
    assert read_lock(project).pid == os.getpid()


def test_another_pcs_lock_counts_until_it_is_an_hour_old(project):
    _write_lock(project, pid=1, host="办公室另一台电脑", age=60)
    with pytest.raises(ProjectLocked, match="办公室另一台电脑"):
        ProjectLock.acquire(project)
    _write_lock(project, pid=1, host="办公室另一台电脑", age=lock.STALE_SECONDS + 60)
    assert ProjectLock.acquire(project) is not None


def test_refresh_keeps_a_lock_fresh(project):
    mine = ProjectLock.acquire(project)
    old = time.time() - lock.STALE_SECONDS - 60
    os.utime(lock_path(project), (old, old))
    assert lock.is_stale(read_lock(project))
    mine.refresh()
    assert read_lock(project).mtime > time.time() - 60


def test_a_half_written_lock_is_respected_briefly_then_taken_over(project):
    lock_path(project).write_bytes(b"")
    with pytest.raises(ProjectLocked):
        ProjectLock.acquire(project)
    old = time.time() - lock.PARTIAL_SECONDS - 5
    os.utime(lock_path(project), (old, old))
    assert ProjectLock.acquire(project) is not None


def test_release_never_removes_a_lock_another_instance_took_over(project):
    mine = ProjectLock.acquire(project)
    _write_lock(project, pid=os.getpid() + 100000, host="别的电脑")
    mine.release()
    assert read_lock(project).host == "别的电脑"


def test_the_same_instance_may_open_its_own_file_again(project):
    first = ProjectLock.acquire(project)
    assert ProjectLock.acquire(project) is not None
    first.release()


def test_a_folder_that_cannot_hold_a_lock_does_not_stop_opening(tmp_path):
    assert ProjectLock.acquire(tmp_path / "无此文件夹" / "a.nianbao") is None


def test_the_lock_file_is_not_taken_for_a_project_or_a_stale_temp(project):
    name = lock_path(project).name
    assert not name.endswith(".nianbao") and not name.endswith(".tmp") and name.startswith(".")
