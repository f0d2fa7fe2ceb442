"""One side of one benchmark, run in a fresh process: `python -m benchmarks.work KIND [ARG] [--runs N]`.

Prints one JSON line: {"first": ms, "times": [ms, ...]} — `first` is the first call in a fresh
process (module imports included, what a clerk waits for the first time), `times` the warm repeats.
Kinds:
  import-ours PATH   model.importers.import_file(PATH)            (a real published .docx)
  import-bare PATH   docx.Document(PATH)                          (python-docx's bare open)
  export-ours        export.docx_writer.docx_bytes(sample)
  export-bare        python-docx writing the sample's three tables: same rows, columns, merges, texts
  recheck            model.checks.check(sample) right after model.edits.apply(SetCell(...))
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections.abc import Callable


def _timed(fn: Callable[[], object], runs: int) -> dict[str, object]:
    t = time.perf_counter()
    fn()
    first = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return {"first": first, "times": times}


def import_ours(path: str, runs: int) -> dict[str, object]:
    from model.importers import import_file

    return _timed(lambda: import_file(path), runs)


def import_bare(path: str, runs: int) -> dict[str, object]:
    def open_it() -> object:
        import docx  # inside, so the first call pays the import like import_file's does

        return docx.Document(path)

    return _timed(open_it, runs)


def export_ours(runs: int) -> dict[str, object]:
    from model.sample import load_sample

    report = load_sample()

    def write() -> bytes:
        from export.docx_writer import docx_bytes

        return docx_bytes(report)

    return _timed(write, runs)


def export_bare(runs: int) -> dict[str, object]:
    """The least python-docx work that produces the same three tables: default template, plain cells.

    `Table.cell(r, c)` rebuilds the whole cell list on every call (quadratic in the cell count: ~3 s
    for table 三), so the baseline takes python-docx's cell list once, before merging, and merges and
    fills through it — what any writer should do; comparing with the slow idiom would flatter us.
    """
    from model.grid import table_grid
    from model.report import format_number
    from model.sample import load_sample

    report = load_sample()
    grids = [table_grid(report.format_id, t) for t in report.format.tables]

    def write() -> bytes:
        import docx

        doc = docx.Document()
        for g in grids:
            table = doc.add_table(rows=g.n_rows, cols=g.n_cols)
            cells = table._cells  # noqa: SLF001 - one pass, see the docstring
            for c in g.cells:
                cell = cells[c.row * g.n_cols + c.col]
                if c.rowspan > 1 or c.colspan > 1:
                    end = cells[(c.row + c.rowspan - 1) * g.n_cols + c.col + c.colspan - 1]
                    cell = cell.merge(end)
                cell.text = format_number(report.value(c.key)) if c.key else c.text
        buf = io.BytesIO()
        doc.save(buf)
        return buf.getvalue()

    return _timed(write, runs)


def recheck(runs: int) -> dict[str, object]:
    """A clerk types one number: the edit goes through model.edits, then every check re-runs."""
    from model.checks import check
    from model.edits import SetCell, apply
    from model.sample import load_sample

    report = load_sample()
    fmt = report.format
    key = next(k for k, c in fmt.cells.items() if not c.derived)
    base = report.value(key) or 0
    i = 0

    def edit_and_check() -> object:
        nonlocal i
        i += 1
        apply(report, SetCell(key, base + i % 7))  # not timed below: only the re-check is the target
        t = time.perf_counter()
        findings = check(report)
        edit_and_check.last = (time.perf_counter() - t) * 1000  # type: ignore[attr-defined]
        return findings

    edit_and_check()
    first = edit_and_check.last  # type: ignore[attr-defined]
    times = []
    for _ in range(runs):
        edit_and_check()
        times.append(edit_and_check.last)  # type: ignore[attr-defined]
    return {"first": first, "times": times}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.work")
    p.add_argument("kind", choices=["import-ours", "import-bare", "export-ours", "export-bare", "recheck"])
    p.add_argument("path", nargs="?")
    p.add_argument("--runs", type=int, default=15)
    a = p.parse_args(argv)
    if a.kind == "import-ours":
        result = import_ours(a.path, a.runs)
    elif a.kind == "import-bare":
        result = import_bare(a.path, a.runs)
    elif a.kind == "export-ours":
        result = export_ours(a.runs)
    elif a.kind == "export-bare":
        result = export_bare(a.runs)
    else:
        result = recheck(a.runs)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
