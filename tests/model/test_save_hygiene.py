"""What saves leave on disk: no stale temp files after an interrupted save, the .bak with the original's
mode, a picture with no data kept through save and reload."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from model import atomic, project_file
from model.atomic import backup_path, remove_stale_temps
from model.report import Block
from model.sample import load_sample
from tests.conftest import ROOT

pytestmark = pytest.mark.model

# A save that stops for good inside fsync, i.e. after the temp file holds the whole project: the state a
# kill -9 or a power cut mid-save leaves behind.
_HANGING_SAVE = """
import os, sys, time
from model import project_file
from model.sample import load_sample
os.fsync = lambda fd: (print("writing", flush=True), time.sleep(600))
project_file.save(load_sample(), sys.argv[1])
"""


def _interrupted_save(path) -> list:
    proc = subprocess.Popen(
        [sys.executable, "-c", _HANGING_SAVE, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "writing"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    return [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def _age(paths, seconds: float) -> None:
    old = time.time() - seconds
    for p in paths:
        os.utime(p, (old, old))


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_killed_save_leaves_a_temp_file_that_the_next_save_removes(tmp_path):
    path = tmp_path / "报告.nianbao"
    project_file.save(load_sample(), path)
    left = _interrupted_save(path)
    assert len(left) == 1 and left[0].name.startswith(".报告.nianbao.") and left[0].stat().st_size > 10_000
    project_file.save(load_sample(), path)
    assert left[0].exists()  # still young: it could be another save running right now
    _age(left, atomic.STALE_TEMP_SECONDS + 5)
    project_file.save(load_sample(), path)
    assert not left[0].exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.nianbao", "报告.nianbao.bak"]


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_opening_the_project_removes_stale_temp_files_too(tmp_path):
    path = tmp_path / "报告.nianbao"
    project_file.save(load_sample(), path)
    left = _interrupted_save(path)
    _age(left, atomic.STALE_TEMP_SECONDS + 5)
    project_file.load(path)
    assert not left[0].exists()


def test_only_our_own_temp_files_are_removed(tmp_path):
    target = tmp_path / "a.nianbao"
    ours = [tmp_path / ".a.nianbao.abc_1234.tmp", tmp_path / ".a.nianbao.bak.zz99aa00.tmp"]
    others = [
        tmp_path / ".b.nianbao.abc_1234.tmp",  # another project's
        tmp_path / ".a.nianbao.abc.tmp",  # not mkstemp's pattern
        tmp_path / "a.nianbao.abc_1234.tmp",  # not hidden
        tmp_path / ".a.nianbao.abc_1234.tmp.keep",
        tmp_path / "a.nianbao",
    ]
    for p in ours + others:
        p.write_bytes(b"x")
    (tmp_path / ".a.nianbao.dirdirdi.tmp").mkdir()  # a folder is never ours
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    link = tmp_path / ".a.nianbao.linklink.tmp"
    link.symlink_to(victim)
    _age([*ours, *others, tmp_path / ".a.nianbao.dirdirdi.tmp"], 3600)
    os.utime(link, (time.time() - 3600,) * 2, follow_symlinks=False)
    assert sorted(remove_stale_temps(target)) == sorted(ours)
    assert all(p.exists() for p in others)
    assert victim.read_text() == "keep" and link.is_symlink()
    assert (tmp_path / ".a.nianbao.dirdirdi.tmp").is_dir()


def test_cleaning_a_missing_folder_does_not_raise(tmp_path):
    assert remove_stale_temps(tmp_path / "无" / "a.nianbao") == []


@pytest.mark.skipif(os.name != "posix", reason="file modes")
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600])
def test_backup_keeps_the_original_files_mode(tmp_path, mode):
    path = tmp_path / "a.nianbao"
    project_file.save(load_sample(), path)
    os.chmod(path, mode)
    project_file.save(load_sample(), path)
    assert stat.S_IMODE(backup_path(path).stat().st_mode) == mode
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_a_picture_with_no_data_survives_save_and_reload(tmp_path):
    """The file gives back what the model held; the exporters skip a picture that has nothing to show."""
    r = load_sample()
    r.narrative["一"].append(Block("image", "图1 无内容的图片", b"", "png", 50.0))
    path = tmp_path / "a.nianbao"
    project_file.save(r, path)
    loaded = project_file.load(path)[0]
    assert loaded == r
    assert loaded.narrative["一"][-1].image == b""
    from export.docx_writer import docx_bytes
    from export.html_writer import html_text

    assert docx_bytes(loaded) and "图1" not in html_text(loaded)
