"""Writers: Report → .docx (publication format), .xlsx (the three tables), .html (for a website CMS).

Pure functions, no Qt. `export_report` is what the GUI calls for one file; `export_all` is the CLI's
`export` subcommand: it loads the project, refuses a report with errors unless forced, then writes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from model.checks import check
from model.errors import ExportRefused, SaveFailed
from model.report import Report

KINDS = ("docx", "xlsx", "html", "pdf")
KIND_NAMES = {"docx": "Word文件", "xlsx": "Excel文件", "html": "网页文件", "pdf": "PDF文件"}
SUFFIXES = {"docx": (".docx",), "xlsx": (".xlsx",), "html": (".html", ".htm"), "pdf": (".pdf",)}


def _builder(kind: str) -> Callable[[Report, bool], bytes]:
    """Writers are imported on demand: python-docx, openpyxl and QtGui are slow to load. Each takes the report
    and `draft` (True for a report exported with 强制性错误: every page or sheet then says 草稿)."""
    if kind == "docx":
        from export.docx_writer import docx_bytes

        return docx_bytes
    if kind == "xlsx":
        from export.xlsx_writer import xlsx_bytes

        return xlsx_bytes
    if kind == "html":
        from export.html_writer import html_bytes

        return html_bytes
    if kind == "pdf":
        from export.pdf_writer import pdf_bytes

        return pdf_bytes
    raise ValueError(f"unknown export kind {kind!r}")


def export_report(report: Report, kind: str, path: str | os.PathLike[str], draft: bool = False) -> None:
    """Write one file of `kind` ("docx" | "xlsx" | "html" | "pdf"), marked 草稿 when `draft`. Raises
    `FileLocked` / `SaveFailed` (Chinese messages) when the target cannot be written; nothing is half-written."""
    from export.files import write_file

    write_file(path, _builder(kind)(report, draft))


NO_DATE = (
    "注意：报告没有填写落款日期，导出的报告末尾只有机关名称、没有日期。发布前请在“基本信息”中填写落款日期后重新导出。"
)


def missing_date_notice(report: Report) -> str | None:
    """What to say before writing a report without its 落款 date (the GUI asks; the CLI prints it first)."""
    return NO_DATE if report.meta.publication_date is None else None


def export_all(
    project_path: str | os.PathLike[str],
    docx: str | None = None,
    xlsx: str | None = None,
    html: str | None = None,
    force: bool = False,
    say: Callable[[str], None] | None = None,
    pdf: str | None = None,
) -> list[str]:
    """Load a project and write the asked-for files; returns the lines to print. With `say`, the notices
    (no 落款 date, forced errors, open warnings) are said through it before anything is written, and the
    lines returned are only what was written."""
    from export.files import write_file
    from model.importers import import_file

    targets = {k: p for k, p in (("docx", docx), ("xlsx", xlsx), ("html", html), ("pdf", pdf)) if p}
    _refuse_overwriting_source(project_path, targets)
    report, _log = import_file(project_path)
    findings = check(report)
    errors = [f for f in findings if f.severity == "error"]
    lines: list[str] = []
    if errors and not force:
        listing = "\n".join(f"  {n}. {f.title}：{f.message}" for n, f in enumerate(errors, 1))
        raise ExportRefused(
            f"报告中还有{len(errors)}个强制性错误，没有导出：\n{listing}\n",
            "请先改正这些错误；确需导出草稿时，请加 --force 参数。",
            path=str(project_path),
        )
    notice = missing_date_notice(report)
    if notice:
        lines.append(notice)
    if errors:
        lines.append(
            f"注意：报告中还有{len(errors)}个强制性错误，已按 --force 要求仍然导出（标有“草稿”），发布前请改正。"
        )
    open_warnings = [f for f in findings if f.severity == "warning" and f.open]
    if open_warnings:
        lines.append(f"提示：还有{len(open_warnings)}个核实性提示未核实或说明，可用 check 命令查看。")
    if say is not None:
        for line in lines:
            say(line)
        lines = []
    # Every file is built before any is written, so a report that cannot be drawn writes nothing.
    data = {kind: _builder(kind)(report, bool(errors)) for kind in targets}
    for kind, path in targets.items():
        write_file(path, data[kind])
        lines.append(f"已导出{KIND_NAMES[kind]}：{path}")
    return lines


def _refuse_overwriting_source(project_path: str | os.PathLike[str], targets: dict[str, str]) -> None:
    source = Path(project_path).resolve()
    seen: dict[Path, str] = {}
    for kind, path in targets.items():
        target = Path(path).resolve()
        if Path(path).suffix.lower() not in SUFFIXES[kind]:
            # `--docx B.nianbao` would replace another project with a Word file.
            raise SaveFailed(
                f"导出的{KIND_NAMES[kind]}“{path}”的扩展名不是{'或'.join(SUFFIXES[kind])}，没有导出。",
                f"请用以{SUFFIXES[kind][0]}结尾的文件名；没有任何文件被改动。",
                path=str(path),
            )
        if target == source:
            raise SaveFailed(
                f"导出的{KIND_NAMES[kind]}“{path}”与项目文件是同一个文件，没有导出。",
                "请换一个导出文件名；项目文件没有被改动。",
                path=str(path),
            )
        if target in seen:
            both = f"{KIND_NAMES[seen[target]]}和{KIND_NAMES[kind]}"
            raise SaveFailed(
                f"{both}指定了同一个文件“{path}”，没有导出。", "请为每种格式指定不同的文件名。", path=str(path)
            )
        seen[target] = kind
