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
  journal-key        model.journal.Journal.append of one keystroke in a section (a 300-character paragraph) of a
                     100 MB project, one fsync per 10 keys as the 250 ms batch does at 40 keys/s
  journal-bare       os.write of the same bytes to an open file, the same fsyncs
  full-save          model.project_file.save of that 100 MB project (25 incompressible 3 MB pictures)
  full-save-bare     writing the same number of bytes to a file with one fsync
  pdf-import-ours PATH  model.importers.import_file(PATH)         (a real 5-page agency PDF)
  pdf-import-bare PATH  pdfminer.high_level.extract_text(PATH)    (the library's own text extraction)
  pdf-export-ours    export.pdf_writer.pdf_bytes(sample)          (set against export-ours, the .docx)
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


def pdf_import_bare(path: str, runs: int) -> dict[str, object]:
    def extract() -> object:
        from pdfminer.high_level import extract_text  # inside: the first call pays the import, as ours does

        return extract_text(path)

    return _timed(extract, runs)


def pdf_export_ours(runs: int) -> dict[str, object]:
    from model.sample import load_sample

    report = load_sample()

    def write() -> bytes:
        from export.pdf_writer import pdf_bytes

        return pdf_bytes(report)

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


def _big_project() -> object:
    from model.report import Block
    from model.sample import load_sample

    report = load_sample()
    rng = __import__("random").Random(12)
    for _ in range(25):  # pictures are embedded base64: 75 MB of photos make a 100 MB file
        report.narrative["五"].append(Block("image", "", rng.randbytes(3_000_000), "png", 100.0))
    return report


def _keys(report: object) -> list[tuple[object, object]]:
    """(edit, inverse) for 300 keystrokes at the end of section 一's last paragraph."""
    import dataclasses

    from model.edits import SetBlocks, apply

    out = []
    for _ in range(300):
        blocks = list(report.blocks("一"))  # type: ignore[attr-defined]
        blocks[-1] = dataclasses.replace(blocks[-1], text=blocks[-1].text + "字")
        edit = SetBlocks("一", tuple(blocks))
        out.append((edit, apply(report, edit)[0]))  # type: ignore[arg-type]
    return out


def journal_key(runs: int, bare: bool = False) -> dict[str, object]:
    import tempfile

    from model import journal

    report = _big_project()
    keys = _keys(report)
    folder = tempfile.mkdtemp()
    j = journal.Journal(os.path.join(folder, "x.journal"), {"copy": "0"})
    sizes = [len(journal._line({"e": journal.Encoder().edit(e, inv)})) for e, inv in keys]
    fd = os.open(os.path.join(folder, "bare"), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    times = []
    for n, (edit, inverse) in enumerate(keys):
        t = time.perf_counter()
        if bare:
            os.write(fd, b"x" * sizes[n])
            if n % 10 == 9:
                os.fsync(fd)
        else:
            j.append(edit, inverse)
            if n % 10 == 9:
                j.sync()
        times.append((time.perf_counter() - t) * 1000)
    return {"first": times[0], "times": times, "bytes": sum(sizes) / len(sizes)}


def full_save(runs: int, bare: bool = False) -> dict[str, object]:
    import tempfile

    from model import project_file

    report = _big_project()
    folder = tempfile.mkdtemp()
    size = len(project_file.dumps(report))  # type: ignore[arg-type]
    data = b"x" * size

    def save() -> object:
        if bare:
            with open(os.path.join(folder, "bare"), "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            return None
        return project_file.save(report, os.path.join(folder, "big.nianbao"), backup=False)  # type: ignore[arg-type]

    result = _timed(save, max(1, min(runs, 3)))
    result["bytes"] = size
    return result


def text_check(runs: int) -> dict[str, object]:
    """Every narrative check over a 5,000-character section 一 (the sample's paragraphs, repeated), as the
    typing pause runs them: one paragraph changed since the last run. `cold` re-reads every paragraph."""
    from model.narrative import facts
    from model.narrative.findings import all_findings
    from model.report import Block
    from model.sample import load_sample

    report = load_sample()
    base = [b for b in report.blocks("一") if b.kind == "paragraph"]
    blocks: list[Block] = []
    while sum(len(b.text) for b in blocks) < 5000:
        blocks += [Block(b.kind, f"{b.text}（{len(blocks)}）") for b in base]
    report.narrative["一"] = blocks
    t = time.perf_counter()
    all_findings(report)
    first = (time.perf_counter() - t) * 1000
    times, cold = [], []
    for i in range(runs):
        typed = blocks[i % len(blocks)]
        typed.text += "字"
        t = time.perf_counter()
        all_findings(report)
        times.append((time.perf_counter() - t) * 1000)
        facts.clear_cache()
        t = time.perf_counter()
        all_findings(report)
        cold.append((time.perf_counter() - t) * 1000)
    return {"first": first, "times": times, "cold": cold, "chars": sum(len(b.text) for b in blocks)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.work")
    p.add_argument(
        "kind",
        choices=[
            "import-ours",
            "import-bare",
            "export-ours",
            "export-bare",
            "recheck",
            "session",
            "gui-update",
            "journal-key",
            "journal-bare",
            "full-save",
            "full-save-bare",
            "text",
            "pdf-import-ours",
            "pdf-import-bare",
            "pdf-export-ours",
        ],
    )
    p.add_argument("path", nargs="?")
    p.add_argument("--runs", type=int, default=15)
    a = p.parse_args(argv)
    if a.kind in ("import-ours", "pdf-import-ours"):
        result = import_ours(a.path, a.runs)
    elif a.kind == "pdf-import-bare":
        result = pdf_import_bare(a.path, a.runs)
    elif a.kind == "pdf-export-ours":
        result = pdf_export_ours(a.runs)
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
    elif a.kind in ("journal-key", "journal-bare"):
        result = journal_key(a.runs, bare=a.kind == "journal-bare")
    elif a.kind in ("full-save", "full-save-bare"):
        result = full_save(a.runs, bare=a.kind == "full-save-bare")
    elif a.kind == "text":
        result = text_check(a.runs)
    else:
        result = recheck(a.runs)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
