"""kill -9 of the real app while and after a clerk types: every committed edit comes back on recovery.

Each test starts the app in a process of its own (tests/gui/kill_driver.py: the same start as main.py, the
same widgets; keys are sent as a keyboard sends them), kills it with SIGKILL — no handler, no flush, no
close — at a set time after the last key, or in the middle of 40 s of continuous typing, and then recovers
with the code the next start uses (`autosave.find_recoveries` / `restore`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from gui.session import autosave
from model import project_file
from model.sample import load_sample
from tests.conftest import ROOT

pytestmark = [pytest.mark.gui, pytest.mark.skipif(os.name != "posix", reason="SIGKILL")]

CELL = "t3.new_received@natural_person"
# Chinese and ASCII, as an input method and a keyboard deliver them.
TEXT = "本年度新收政府信息公开申请较上年有所增加，主要集中在征地拆迁领域。Abc 123。"


def _run_and_kill(args: list[str], *, after_last: float | None = None, at_edit: int | None = None) -> int:
    """Start the app typing; SIGKILL it `after_last` seconds after its last key, or as soon as it reports
    key number `at_edit` (typing still going on). Returns how many keys it had reported."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.kill_driver", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    edits = 0
    try:
        for line in proc.stdout:
            if line.startswith("edit "):
                edits = int(line.split()[1])
                if at_edit is not None and edits >= at_edit:
                    break
            elif line.strip() == "done":
                time.sleep(after_last or 0)
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return edits


def _recover(qtbot):
    found = autosave.find_recoveries()
    assert len(found) == 1, "the killed app left its work in the recovery folder"
    return autosave.restore(found[0])


def _project(tmp_path):
    path = tmp_path / "报告.nianbao"
    project_file.save(load_sample(), path)
    return path


def _narrative_after(typed: str) -> list[str]:
    texts = [b.text for b in load_sample().blocks("一")]
    texts[-1] += typed
    return texts


@pytest.mark.parametrize("after_last", [0.5, 1.0])
def test_typing_in_a_project_survives_kill_9_shortly_after_the_last_key(qtbot, tmp_path, after_last):
    path = _project(tmp_path)
    before = path.read_bytes()
    edits = _run_and_kill(
        ["--file", str(path), "--narrative", "一", "--text", TEXT, "--rate", "25"], after_last=after_last
    )
    assert edits == len(TEXT)
    doc = _recover(qtbot)
    assert [b.text for b in doc.report.blocks("一")] == _narrative_after(TEXT)
    assert doc.path == str(path) and doc.modified
    assert path.read_bytes() == before  # recovery never wrote over the clerk's file


def test_typing_in_the_untitled_sample_survives_kill_9(qtbot):
    _run_and_kill(["--narrative", "一", "--text", TEXT, "--rate", "25"], after_last=0.5)
    doc = _recover(qtbot)
    assert [b.text for b in doc.report.blocks("一")] == _narrative_after(TEXT)
    assert doc.path is None


def test_a_number_still_in_the_cell_editor_survives_kill_9(qtbot, tmp_path):
    """No Enter: the text is only in the open editor when the app dies."""
    path = _project(tmp_path)
    assert load_sample().value(CELL) != 4321
    _run_and_kill(
        ["--file", str(path), "--cell", CELL, "--page", "三", "--text", "4321", "--rate", "10"], after_last=1.0
    )
    doc = _recover(qtbot)
    assert doc.report.value(CELL) == 4321
    assert any("4321" in note for note in doc.recovery_notes)  # the clerk is told to check it


def test_forty_seconds_of_continuous_typing_survive_kill_9_mid_word(qtbot, tmp_path):
    """The old "2 s after typing stops" save never ran while the clerk kept typing."""
    path = _project(tmp_path)
    text = (TEXT * 12)[:450]
    rate = 10  # keys per second: 400 keys = 40 s
    edits = _run_and_kill(["--file", str(path), "--narrative", "一", "--text", text, "--rate", str(rate)], at_edit=400)
    assert edits >= 400
    doc = _recover(qtbot)
    recovered = [b.text for b in doc.report.blocks("一")]
    original = _narrative_after("")
    assert recovered[:-1] == original[:-1]
    typed = recovered[-1][len(original[-1]) :]
    assert recovered[-1].startswith(original[-1])
    # Every key it reported before the kill is there; a key or two more may have landed before it died.
    assert text.startswith(typed) and len(typed) >= edits
