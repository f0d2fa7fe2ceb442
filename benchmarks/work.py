"""One side of one benchmark, run in a fresh process: `python -m benchmarks.work KIND [ARG] [--runs N]`.

Prints one JSON line: {"first": ms, "times": [ms, ...]} — `first` is the first call in a fresh
process (module imports included, what a clerk waits for the first time), `times` the warm repeats.
Kinds:
  import-ours PATH   model.importers.import_file(PATH)            (a real published .docx)
  import-bare PATH   docx.Document(PATH)                          (python-docx's bare open)
  export-ours        export.docx_writer.docx_bytes(sample)
  export-bare        python-docx writing the sample's three tables: same rows, columns, merges, texts
  recheck            model.checks.check(sample) right after model.edits.apply(SetCell(...))
  session            model.session.Session.push(SetCell(...)) on the sample: edit + incremental re-check + delta
  gui-update         the same through gui.session.document with the checks panel and navigator (offscreen)
"""

from __future__ import annotations

import argparse
import io
import json
import os
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


def _timed_edits(push: Callable[[int], object], runs: int) -> dict[str, object]:
    """Time `push(i)` (one clerk's edit) `runs` times after one untimed first call."""
    t = time.perf_counter()
    push(0)
    first = (time.perf_counter() - t) * 1000
    times = []
    for i in range(1, runs + 1):
        t = time.perf_counter()
        push(i)
        times.append((time.perf_counter() - t) * 1000)
    return {"first": first, "times": times}


def _typed_cell() -> tuple[object, str, int]:
    """The sample, and the first cell a clerk types into (its totals follow; table 三's balance may break)."""
    from model.sample import load_sample

    report = load_sample()
    key = next(k for k, c in report.format.cells.items() if not c.derived)
    return report, key, int(report.value(key) or 0)


def session_edit(runs: int) -> dict[str, object]:
    """One typed number through model.session: the edit, its totals, the re-check of what it touched and
    the findings delta (what the GUI's document does on every keystroke that commits a cell)."""
    from model.edits import SetCell
    from model.session import Session

    report, key, base = _typed_cell()
    session = Session(report)  # type: ignore[arg-type]
    return _timed_edits(lambda i: session.push(SetCell(key, base + i % 7), "填写"), runs)


def gui_update(runs: int) -> dict[str, object]:
    """The same edit through the GUI's document with the checks panel and the navigator listening (offscreen):
    the session's part plus every view's update from the delta."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from gui.pages import page_specs
    from gui.session.document import Document
    from gui.shell.checks_panel import FindingsView
    from gui.shell.navigator import Navigator
    from model.edits import SetCell

    app = QApplication.instance() or QApplication([])
    report, key, base = _typed_cell()
    doc = Document(report)  # type: ignore[arg-type]
    panel = FindingsView(doc)
    navigator = Navigator()
    navigator.set_pages(page_specs(doc))
    navigator.set_document(doc)
    panel.show()
    navigator.show()
    app.processEvents()

    def push(i: int) -> None:
        doc.push(SetCell(key, base + i % 7), "填写")

    result = _timed_edits(push, runs)
    app.processEvents()
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.work")
    p.add_argument(
        "kind",
        choices=["import-ours", "import-bare", "export-ours", "export-bare", "recheck", "session", "gui-update"],
    )
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
    elif a.kind == "session":
        result = session_edit(a.runs)
    elif a.kind == "gui-update":
        result = gui_update(a.runs)
    else:
        result = recheck(a.runs)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
