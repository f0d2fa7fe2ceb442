"""uv run python -m tests.fuzz --cases N --seed S [--kind docx|html|nianbao|pdf ...] — see `tests.fuzz`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.fuzz.mutate import KINDS, ROOT
from tests.fuzz.runner import MEMORY_MB, TIMEOUT, run


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m tests.fuzz", description="Seeded fuzzers for .docx, .html, .nianbao and .pdf"
    )
    p.add_argument("--cases", type=int, default=2000, help="cases per kind (2000)")
    p.add_argument("--seed", type=int, default=1, help="run seed (1): the same seed gives the same cases")
    p.add_argument("--kind", action="append", choices=KINDS, help="one kind (repeatable); all by default")
    p.add_argument("--timeout", type=float, default=TIMEOUT, help=f"seconds per case ({TIMEOUT:g})")
    p.add_argument("--memory-mb", type=int, default=MEMORY_MB, help=f"resident memory per case ({MEMORY_MB})")
    p.add_argument("--keep", type=Path, default=ROOT / "fuzz-failures", help="where failing inputs are kept")
    args = p.parse_args(argv)
    failed = 0
    for kind in args.kind or KINDS:
        result = run(
            kind, args.seed, args.cases, timeout=args.timeout, memory_mb=args.memory_mb, keep=args.keep, progress=True
        )
        print(result.line(), flush=True)
        for f in result.failures:
            detail = str(f["detail"]).strip().splitlines()
            print(f"  FAILED {kind} case {f['number']} ({f['what']}): {detail[-1] if detail else ''}", flush=True)
        failed += len(result.failures)
    print(f"seed {args.seed}: {'no failures' if not failed else f'{failed} failures, inputs in {args.keep}'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
