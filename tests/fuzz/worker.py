"""The fuzz worker: reads one case per line on stdin ({"kind", "seed", "number"}), runs it, answers one JSON
line on stdout. Run by `tests.fuzz.runner` only, which kills and restarts it on a hang or memory blow-up."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path


_XLSX_DONE: set[str] = set()


def _xlsx_inputs(report: object) -> str:
    """All that `export.xlsx_writer` reads of a report (its format, title, agency, year and cell values): a
    case whose tables equal an earlier case's writes the same workbook, so it is written once per worker."""
    meta = report.meta  # type: ignore[attr-defined]
    values = sorted((k, repr(c.value)) for k, c in report.cells.items())  # type: ignore[attr-defined]
    return repr((report.format_id, meta.display_title, meta.agency, meta.year, values))  # type: ignore[attr-defined]


def run_case(path: Path) -> tuple[str, str]:
    """("refused", message) | ("imported", "") | ("failed", traceback)."""
    from export.docx_writer import docx_bytes
    from export.html_writer import html_bytes
    from export.xlsx_writer import xlsx_bytes
    from model.checks import check
    from model.errors import NianbaoError
    from model.importers import import_file
    from model.project_file import dumps, loads

    try:
        report, log = import_file(path)
    except NianbaoError as exc:
        message = exc.for_user()
        if not message or not any("\u4e00" <= ch <= "\u9fff" for ch in message):
            return "failed", f"refusal without a Chinese message: {message!r}"
        return "refused", message[:200]
    except BaseException:
        return "failed", traceback.format_exc()
    try:
        log.lines()
        check(report)
        again = loads(dumps(report))  # what was imported can be saved, and what was saved opens again
        if again.cells != report.cells:
            return "failed", "cells differ after save and load"
        check(again)
        docx_bytes(report)
        html_bytes(report)
        key = _xlsx_inputs(report)
        if key not in _XLSX_DONE:  # openpyxl is most of a case's time; its inputs repeat across cases
            xlsx_bytes(report)
            _XLSX_DONE.add(key)
    except BaseException:
        return "failed", traceback.format_exc()
    return "imported", ""


def main() -> int:
    from tests.fuzz.mutate import SUFFIX, make_case, seeds

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="nianbao-fuzz-"))
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing a case prints can break the protocol
    # Warm up before the first case is timed: the seeds (the web pages are exported from the .docx seeds) and
    # the writers' modules, so that no case's 10 s includes them.
    for kind in sys.argv[1:]:
        seeds(kind)
    import export.docx_writer, export.html_writer, export.xlsx_writer, model.checks  # noqa: E401, F401

    out.write("ready\n")
    out.flush()
    for line in sys.stdin:
        case = json.loads(line)
        data, what = make_case(case["kind"], case["seed"], case["number"])
        path = work / f"case{SUFFIX[case['kind']]}"
        path.write_bytes(data)
        start = time.perf_counter()
        outcome, detail = run_case(path)
        answer = {"outcome": outcome, "detail": detail, "what": what, "seconds": time.perf_counter() - start}
        out.write(json.dumps(answer, ensure_ascii=False) + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
