"""Runs fuzz cases in a worker process with a time and a memory limit per case (see `tests.fuzz`)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz.mutate import ROOT, SUFFIX, make_case

TIMEOUT = 10.0  # seconds per case
MEMORY_MB = 1024  # resident memory of the worker while a case runs
RESTART_EVERY = 250  # cases per worker: memory Python keeps after big cases must not count against the next


@dataclass
class Result:
    kind: str
    cases: int = 0
    imported: int = 0
    refused: int = 0
    failures: list[dict[str, object]] = field(default_factory=list)
    slowest: float = 0.0
    peak_mb: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"{self.kind}: {self.cases} cases, {self.imported} imported (checked, saved, re-opened, exported),"
            f" {self.refused} refused with a message, {len(self.failures)} failures;"
            f" slowest case {self.slowest:.2f} s, worker peak {self.peak_mb} MB, {self.seconds:.0f} s in all"
        )


WARM_UP = 180.0  # seconds a new worker may take to load its seeds and modules (a busy 2-core VM)


class _Worker:
    def __init__(self, kind: str) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.fuzz.worker", kind],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
            env=env,
            preexec_fn=_limit_address_space if os.name == "posix" else None,
        )
        self.cases = 0
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], WARM_UP)
        if not ready or self.proc.stdout.readline() != b"ready\n":
            self.kill()
            raise RuntimeError(f"the fuzz worker did not start within {WARM_UP:.0f} s")

    def ask(self, case: dict[str, object], timeout: float, memory_mb: int) -> tuple[dict[str, object] | None, int]:
        """(the answer, or None when killed for time or memory — then the reason is in the dict), peak MB."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write((json.dumps(case) + "\n").encode())
        self.proc.stdin.flush()
        self.cases += 1
        start = time.monotonic()
        peak = 0
        while True:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.02)
            rss = _rss_mb(self.proc.pid)
            peak = max(peak, rss)
            if ready and rss <= memory_mb:
                line = self.proc.stdout.readline()
                if not line:
                    return {"outcome": "failed", "detail": f"worker died (exit {self.proc.wait()})"}, peak
                answer: dict[str, object] = json.loads(line)
                if float(answer["seconds"]) > timeout:  # type: ignore[arg-type]
                    # Finished, but past the limit: as much a failure as a case still running.
                    answer = {
                        **answer,
                        "outcome": "failed",
                        "detail": f"over {timeout:.0f} s ({answer['seconds']:.1f} s)",
                    }
                return answer, peak
            if rss > memory_mb:
                self.kill()
                return {"outcome": "failed", "detail": f"over {memory_mb} MB ({rss} MB resident)"}, peak
            if time.monotonic() - start > timeout:
                self.kill()
                return {"outcome": "failed", "detail": f"over {timeout:.0f} s"}, peak

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def _limit_address_space() -> None:
    """A last stop should a blow-up outrun the runner's polling: 4 GB of address space, then MemoryError."""
    import resource

    limit = 4 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _rss_mb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        pass
    return 0


def run(
    kind: str,
    seed: int,
    cases: int,
    *,
    timeout: float = TIMEOUT,
    memory_mb: int = MEMORY_MB,
    keep: Path | None = None,
    progress: bool = False,
) -> Result:
    result = Result(kind)
    started = time.monotonic()
    worker = _Worker(kind)
    try:
        for number in range(cases):
            if worker.proc.poll() is not None or worker.cases >= RESTART_EVERY:
                worker.close()
                worker = _Worker(kind)
            answer, peak = worker.ask({"kind": kind, "seed": seed, "number": number}, timeout, memory_mb)
            assert answer is not None
            result.cases += 1
            result.peak_mb = max(result.peak_mb, peak)
            result.slowest = max(result.slowest, float(answer.get("seconds", timeout)))  # type: ignore[arg-type]
            outcome = answer["outcome"]
            if outcome == "imported":
                result.imported += 1
            elif outcome == "refused":
                result.refused += 1
            else:
                failure = {"kind": kind, "seed": seed, "number": number, **answer}
                result.failures.append(failure)
                if keep is not None:
                    _keep(keep, failure)
                if worker.proc.poll() is not None:
                    worker = _Worker(kind)
            if progress and (number + 1) % 100 == 0:
                print(f"  {kind} {number + 1}/{cases}: {len(result.failures)} failures", file=sys.stderr, flush=True)
    finally:
        worker.close()
    result.seconds = time.monotonic() - started
    return result


def _keep(folder: Path, failure: dict[str, object]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    kind, seed, number = str(failure["kind"]), int(failure["seed"]), int(failure["number"])  # type: ignore[call-overload]
    data, _ = make_case(kind, seed, number)
    stem = folder / f"{kind}-{seed}-{number}"
    stem.with_suffix(SUFFIX[kind]).write_bytes(data)
    stem.with_suffix(".txt").write_text(json.dumps(failure, ensure_ascii=False, indent=1), "utf-8")
