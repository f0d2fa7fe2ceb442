"""Shared pieces of the benchmarks: paths, the result row, running a child benchmark, the table."""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_READY = "未就绪（模块尚未提供）"


def module_ready(name: str, attr: str | None = None) -> bool:
    """True when `name` (and `attr` in it, if given) exists — without importing heavy things twice."""
    try:
        if importlib.util.find_spec(name) is None:
            return False
    except ModuleNotFoundError:
        return False
    if attr is None:
        return True
    try:
        return hasattr(importlib.import_module(name), attr)
    except Exception:  # noqa: BLE001 - a module mid-rewrite counts as not ready, not as a crash
        return False


def fixture_docx() -> Path | None:
    """A real published-format report (the tests' copy of ../shared/fixtures)."""
    path = ROOT / "tests" / "fixtures" / "seeds" / "seed_000__official.docx"
    return path if path.exists() else None


def isolated_env(tmp: Path) -> dict[str, str]:
    """Environment for child processes: the user's settings, recent files and autosave untouched, and
    every run starting from the same (empty) configuration."""
    env = dict(os.environ)
    home = tmp / "home"
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        {
            "HOME": str(home),
            "USERPROFILE": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "APPDATA": str(home / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(home / "AppData" / "Local"),
            "PYTHONPATH": str(ROOT),
        }
    )
    # Time the code, not the compiler: with PYTHONDONTWRITEBYTECODE set (some shells and sandboxes set
    # it) and no .pyc on disk, every child would recompile every module, which neither `uv run main.py`
    # on a developer's PC nor the frozen bundle does. Bytecode goes to a cache outside the tree, which
    # the measurements' warm-up run fills.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "nianbao-bench-pycache"))
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def run_child(module: str, *args: str, timeout: float = 300) -> dict:
    """Run `python -m benchmarks.<module> args` in a fresh process; it prints one JSON object."""
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as tmp:
        proc = subprocess.run(
            [sys.executable, "-m", f"benchmarks.{module}", *args],
            cwd=ROOT,
            env=isolated_env(Path(tmp)),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
        )
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-6:]
        raise RuntimeError(f"benchmarks.{module} {' '.join(args)} failed:\n" + "\n".join(tail))
    return json.loads(proc.stdout.strip().splitlines()[-1])


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs)


@dataclass
class Row:
    name: str
    ours: float | None = None  # median, in `unit`
    bare: float | None = None
    unit: str = "ms"
    target: str = ""  # e.g. "≤ 1.3×", "< 2 ms"
    limit_ratio: float | None = None  # pass when ours / bare ≤ this
    limit_abs: float | None = None  # pass when ours < this (in `unit`)
    note: str = ""
    extra: dict[str, float] = field(default_factory=dict)
    ready: bool = True

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.bare:
            return None
        return self.ours / self.bare

    @property
    def verdict(self) -> str:
        if not self.ready or self.ours is None:
            return "—"
        if self.limit_ratio is not None and self.ratio is not None:
            return "通过" if self.ratio <= self.limit_ratio else "未达标"
        if self.limit_abs is not None:
            return "通过" if self.ours < self.limit_abs else "未达标"
        return "（记录）"


def _fmt(v: float | None, unit: str) -> str:
    if v is None:
        return "—"
    if unit == "MB":
        return f"{v:.0f} MB"
    return f"{v:.3f} ms" if v < 10 else f"{v:.0f} ms"


def render(rows: list[Row], markdown: bool = False) -> str:
    head = ["项目", "本程序（中位数）", "基线（中位数）", "比值", "目标", "结果", "说明"]
    body = []
    for r in rows:
        if not r.ready:
            body.append([r.name, NOT_READY, "", "", r.target, "—", r.note])
            continue
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        body.append([r.name, _fmt(r.ours, r.unit), _fmt(r.bare, r.unit), ratio, r.target, r.verdict, r.note])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines)

    # Chinese characters are two columns wide in a terminal; pad by display width.
    def width(s: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)

    cols = [max(width(row[i]) for row in [head, *body]) for i in range(len(head))]
    out = []
    for row in [head, *body]:
        out.append("  ".join(cell + " " * (cols[i] - width(cell)) for i, cell in enumerate(row)).rstrip())
    return "\n".join(out)
