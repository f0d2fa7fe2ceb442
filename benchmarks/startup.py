"""Cold start to the first painted window, and the GUI's peak memory, measured from outside the process.

The moment a window is on screen is taken from Qt itself: with the logging category
`qt.widgets.painting` on, Qt writes "Flushing … to QWidgetWindow" to stderr when the first frame of a
top-level window is handed to the window system. The parent notes the wall-clock time that line
arrives, reads the child's peak RSS, and kills it. The same probe times `python main.py`, the bare
PySide6 window and the frozen executable alike.

The app shows its window's frame first and fills it after that first paint (gui/app.py). So that the
figure for the first window cannot hide a slow filled one, the app's start is also timed to the first frame
painted after it logs "ready" under its own Qt logging category `nianbao.startup` (off unless turned on).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import ROOT, isolated_env

FIRST_FRAME = re.compile(r"^qt\.widgets\.painting Flushing .* to QWidgetWindow")
READY = "nianbao.startup ready"
BARE_WINDOW = Path(__file__).resolve().parent / "bare_window.py"


@dataclass
class Start:
    seconds: float  # to the first frame on screen
    peak_mb: float | None  # by then
    ready_seconds: float | None = None  # to the first frame of the filled window (the app only)
    ready_peak_mb: float | None = None


class NoFirstFrame(RuntimeError):
    pass


def peak_rss_mb(proc: subprocess.Popen) -> float | None:
    """The child's RSS high-water mark (Linux VmHWM, Windows PeakWorkingSetSize)."""
    if sys.platform.startswith("linux"):
        try:
            for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [
                ("cb", wintypes.DWORD),
                ("PageFaultCount", wintypes.DWORD),
                ("PeakWorkingSetSize", ctypes.c_size_t),
                ("WorkingSetSize", ctypes.c_size_t),
                ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
                ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                ("PagefileUsage", ctypes.c_size_t),
                ("PeakPagefileUsage", ctypes.c_size_t),
            ]

        c = Counters()
        c.cb = ctypes.sizeof(Counters)
        handle = int(proc._handle)  # type: ignore[attr-defined]  # Popen keeps the process handle here
        if ctypes.windll.psapi.GetProcessMemoryInfo(handle, ctypes.byref(c), c.cb):
            return c.PeakWorkingSetSize / 2**20
    return None


def first_frame(cmd: Sequence[str], timeout: float = 90, ready: bool = False) -> Start:
    """Start `cmd`, return the time until its first window frame and its peak memory by then; with `ready`,
    also until the first frame after the app's "ready" line."""
    with tempfile.TemporaryDirectory(prefix="nianbao-start-") as tmp:
        env = isolated_env(Path(tmp))
        env["QT_LOGGING_RULES"] = "qt.widgets.painting=true;nianbao.startup.info=true"
        env["QT_MESSAGE_PATTERN"] = "%{category} %{message}"
        other: list[str] = []
        first: Start | None = None
        said_ready = False
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd),
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            assert proc.stderr is not None
            for line in proc.stderr:
                if FIRST_FRAME.match(line):
                    seconds = time.perf_counter() - t0
                    if first is None:
                        first = Start(seconds, peak_rss_mb(proc))
                    if not ready:
                        return first
                    if said_ready:
                        first.ready_seconds, first.ready_peak_mb = seconds, peak_rss_mb(proc)
                        return first
                elif line.startswith(READY):
                    said_ready = True
                elif not line.startswith("qt.widgets.painting"):
                    other.append(line.rstrip())
            if first is not None:
                raise NoFirstFrame(
                    f"{cmd[-1]} 画出了首个窗口，但没有报告“ready”（退出码 {proc.wait()}）：\n" + "\n".join(other[-8:])
                )
            raise NoFirstFrame(f"{cmd[-1]} 没有画出窗口（退出码 {proc.wait()}）：\n" + "\n".join(other[-8:]))
        finally:
            killer.cancel()
            proc.kill()
            proc.wait()


def app_command() -> list[str]:
    """The real door, as `uv run main.py` runs it (minus uv's own start-up)."""
    return [sys.executable, str(ROOT / "main.py")]


def bare_command() -> list[str]:
    return [sys.executable, str(BARE_WINDOW)]


def frozen_command(bundle: Path) -> list[str] | None:
    """The frozen app; on Windows the console exe, since the windowed one has no stderr to probe."""
    names = ("nianbao-cli.exe", "nianbao.exe") if sys.platform == "win32" else ("nianbao",)
    for name in names:
        if (bundle / name).exists():
            return [str(bundle / name)]
    return None


def measure(
    commands: dict[str, list[str]], runs: int, warmup: int = 1, ready: frozenset[str] = frozenset()
) -> dict[str, list[Start]]:
    """Interleave the commands run by run, so a busy moment on the machine hits all of them alike.
    The warm-up runs are dropped: they measure the disk cache, not the app. Commands named in `ready` are
    timed to their filled window too."""
    out: dict[str, list[Start]] = {name: [] for name in commands}
    for i in range(warmup + runs):
        for name, cmd in commands.items():
            s = first_frame(cmd, ready=name in ready)
            if i >= warmup:
                out[name].append(s)
    return out
