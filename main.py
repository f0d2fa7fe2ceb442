"""政府信息公开年报助手 — the door.

No arguments (or one file) opens the app; subcommands run the headless jobs and never import Qt.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

# argparse's own messages, in Chinese (it has no translation of its own that a frozen app could load).
_ARGPARSE_ZH = (
    (r"the following arguments are required: (.+)", r"缺少必填的参数：\1"),
    (r"unrecognized arguments: (.+)", r"不认识的参数：\1"),
    (r"argument (\S+): invalid int value: (.+)", r"参数 \1 的值 \2 不是整数"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.+)\)", r"\2 不是可用的子命令（可用：\3）"),
    (r"invalid choice: (\S+) \(choose from (.+)\)", r"\1 不是可用的子命令（可用：\2）"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面缺少它的值"),
    (r"argument (\S+): expected at least one argument", r"参数 \1 后面至少要有一个值"),
    (r"argument (\S+): ignored explicit argument (.+)", r"参数 \1 不接受值 \2"),
    (r"ambiguous option: (\S+) could match (.+)", r"参数 \1 不明确，可能是：\2"),
    (r"argument (\S+): not allowed with argument (.+)", r"参数 \1 不能与 \2 同时使用"),
    (r"one of the arguments (.+) is required", r"需要以下参数之一：\1"),
)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title, self._optionals.title = "参数", "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "用法：", 1)

    def error(self, message: str):
        """One line, in Chinese, with where to find the usage (argparse prints the usage and an English
        message on two lines)."""
        for pattern, chinese in _ARGPARSE_ZH:
            translated, n = re.subn(rf"^{pattern}$", chinese, message)
            if n:
                message = translated
                break
        self.exit(2, f"命令参数有误：{message}。运行“{self.prog} -h”可查看用法。\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="nianbao",
        description="政府信息公开年报助手：编写、检查并导出政府信息公开工作年度报告。"
        "不带参数运行时打开图形界面（载入内置示例报告）。",
    )
    sub = p.add_subparsers(dest="command", title="子命令", parser_class=_Parser)
    c = sub.add_parser(
        "check",
        help="检查报告的勾稽关系和填写情况",
        description="检查项目文件或年度报告 .docx。退出码：0 没有错误，1 有错误，2 文件无法读取。",
    )
    c.add_argument("files", nargs="+", metavar="文件", help=".nianbao 项目文件，或 .docx / .pdf / .html 年度报告")
    c.add_argument("--json", action="store_true", help="以 JSON 输出检查结果（供其他程序读取）")
    c.add_argument(
        "--previous",
        metavar="上年报告",
        help="上年的报告（.nianbao、.docx 或 .html）：与它核对上年结转、现行有效件数和正文重复",
    )
    n = sub.add_parser("new", help="新建一个空白年度报告项目")
    n.add_argument("--agency", required=True, metavar="机关全称", help="本机关全称")
    n.add_argument("--year", required=True, type=int, metavar="年度", help="报告年度，如 2026")
    n.add_argument("-o", "--output", required=True, metavar="输出文件", help="新项目文件路径（.nianbao）")
    n.add_argument("--force", action="store_true", help="输出文件已存在时替换它")
    e = sub.add_parser("export", help="导出 Word / Excel / 网页 / PDF 版报告")
    e.add_argument("file", metavar="文件", help=".nianbao 项目文件")
    e.add_argument("--docx", metavar="输出.docx", help="导出 Word 文件（公文格式）")
    e.add_argument("--xlsx", metavar="输出.xlsx", help="导出 Excel 文件（三张统计表）")
    e.add_argument("--html", metavar="输出.html", help="导出网页文件（可直接粘贴到网站）")
    e.add_argument("--pdf", metavar="输出.pdf", help="导出 PDF 文件（与 Word 文件版式相同）")
    e.add_argument("--force", action="store_true", help="报告有错误时仍然导出（每页标“草稿”）")
    i = sub.add_parser("import", help="导入上一年度报告（.docx/.pdf/.html），可结转为新年度")
    i.add_argument("file", metavar="文件", help="上一年度报告 .docx / .pdf / .html / .nianbao")
    i.add_argument("-o", "--output", required=True, metavar="输出文件", help="新项目文件路径（.nianbao）")
    i.add_argument("--roll-forward", action="store_true", help="结转为下一年度的新报告")
    i.add_argument("--force", action="store_true", help="输出文件已存在时替换它")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or (len(argv) == 1 and not argv[0].startswith("-") and Path(argv[0]).suffix):
        from gui.app import run

        return run(argv[0] if argv else None)
    _console_can_speak_chinese()
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            build_parser().print_help()
            return 0
        from model.errors import NianbaoError

        try:
            return {"check": _check, "new": _new, "export": _export, "import": _import}[args.command](args)
        except NianbaoError as exc:
            print(f"错误：{exc.for_user()}", file=sys.stderr)
            return 2
    except BrokenPipeError:
        # `check … | head`: the reader has gone. Nothing more can be said to it; Python would still try to
        # flush stdout at exit and print a traceback, so point stdout at nothing first.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1


def _console_can_speak_chinese() -> None:
    """A console whose encoding has no Chinese (a latin-1 locale, PYTHONIOENCODING=ascii) would end every
    message in UnicodeEncodeError: write UTF-8 there instead, replacing what still cannot be written."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "政府信息公开".encode(stream.encoding or "ascii")
        except (UnicodeEncodeError, LookupError):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
            except (AttributeError, ValueError, OSError):
                pass
        except AttributeError:
            pass


def _check(args) -> int:
    from model.checks import SEVERITY_NAMES, check, counts
    from model.errors import NianbaoError
    from model.importers import import_file

    worst, results = 0, []
    previous = None
    if getattr(args, "previous", None):
        from model.rollover import roll_forward

        try:
            last, _log = import_file(args.previous)
        except NianbaoError as exc:
            print(f"{args.previous}：无法读取上年的报告。{exc.for_user()}", file=sys.stderr)
            return 2
        # exactly what roll-forward keeps of last year (values under both formats' keys, paragraph texts)
        previous = roll_forward(last, source_file=Path(args.previous).name).previous
    for name in args.files:
        try:
            report, _log = import_file(name)
        except NianbaoError as exc:
            results.append({"file": name, "error": exc.for_user()})
            if not args.json:
                print(f"{name}：无法读取。{exc.for_user()}")
            worst = 2
            continue
        if previous is not None:
            report.previous = previous
        findings = check(report)
        errors, warnings = counts(findings)
        results.append(
            {"file": name, "errors": errors, "warnings": warnings, "findings": [f.to_dict() for f in findings]}
        )
        worst = max(worst, 1 if errors else 0)
        if not args.json:
            print(f"{name}：{report.meta.display_title}：{errors} 个错误，{warnings} 个待核实的提示")
            for f in findings:
                mark = "（已说明：" + f.acknowledged + "）" if f.acknowledged else ""
                print(f"  [{SEVERITY_NAMES[f.severity]}] {f.title}：{f.message}{mark}")
                if f.severity == "error" or f.open:
                    print(f"      处理办法：{f.hint}")
    if args.json:
        import json

        print(json.dumps(results, ensure_ascii=False, indent=1))
    return worst


def _refuse_target(output: str, force: bool, source: str | None = None) -> None:
    """A project is written only to a .nianbao name, never over the input being read, and over an existing
    file only when asked (`--force`)."""
    from model.errors import SaveFailed

    target = Path(output)
    if target.suffix.lower() != ".nianbao":
        raise SaveFailed(
            f"输出文件“{output}”的扩展名不是 .nianbao，没有保存。", "请用以 .nianbao 结尾的文件名；没有任何文件被改动。"
        )
    if source is not None and target.exists() and _same_file(target, Path(source)):
        raise SaveFailed(f"输出文件“{output}”就是正在读取的文件，没有保存。", "请换一个输出文件名；原文件没有被改动。")
    if target.exists() and not force:
        raise SaveFailed(
            f"“{output}”已经存在，没有覆盖。", "请换一个输出文件名；确需替换时，请加 --force 参数。", path=output
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _new(args) -> int:
    from model.errors import SaveFailed
    from model.project_file import save
    from model.project_schema import MAX_YEAR, MIN_YEAR
    from model.report import new_report

    if not MIN_YEAR <= args.year <= MAX_YEAR:
        raise SaveFailed(f"报告年度 {args.year} 不是有效的年度。", f"请填写{MIN_YEAR}–{MAX_YEAR}之间的年份，如 2026。")
    report = new_report(args.agency, args.year)  # a broken format file is said first
    _refuse_target(args.output, args.force)
    save(report, args.output)
    print(f"已新建：{args.output}")
    return 0


def _export(args) -> int:
    from export import export_all

    if not (args.docx or args.xlsx or args.html or args.pdf):
        print("请至少指定一种导出格式：--docx、--xlsx、--html 或 --pdf。", file=sys.stderr)
        return 2
    # The notices (no 落款 date, forced errors) are printed before anything is written.
    lines = export_all(
        args.file,
        docx=args.docx,
        xlsx=args.xlsx,
        html=args.html,
        pdf=args.pdf,
        force=args.force,
        say=lambda s: print(s, flush=True),
    )
    for line in lines:
        print(line)
    return 0


def _import(args) -> int:
    from model.importers import import_file
    from model.project_file import save

    _refuse_target(args.output, args.force, source=args.file)
    report, log = import_file(args.file)
    print("\n".join(log.lines()))
    if args.roll_forward:
        from model.edits import apply
        from model.rollover import advance_years, roll_forward

        report = roll_forward(report, source_file=Path(args.file).name)
        print(f"已结转为{report.meta.year}年度的新报告，沿用的文字已标记为待核对。")
        years = advance_years(report)
        if years is not None:
            apply(report, years)
            print(f"统计期限等处上年的年份已改为{report.meta.year}年，这些段落也已标记为待核对。")
    save(report, args.output)
    print(f"已保存：{args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
