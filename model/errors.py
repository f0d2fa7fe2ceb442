"""Typed failures of the headless core.

Each carries a Chinese sentence saying what happened (`message`) and one saying what to do (`hint`),
so the CLI prints them as they are and the GUI maps each class to one dialog.
"""

from __future__ import annotations


class NianbaoError(Exception):
    """Base of every failure a clerk may see."""

    message = "操作未能完成。"
    hint = ""

    def __init__(self, message: str | None = None, hint: str | None = None, *, path: str | None = None):
        self.message = message or type(self).message
        self.hint = hint if hint is not None else type(self).hint
        self.path = path
        super().__init__(self.message)

    def for_user(self) -> str:
        return f"{self.message}{self.hint}" if self.hint else self.message


class ProjectFileError(NianbaoError):
    message = "项目文件无法读取。"
    hint = "请确认选择的是本软件保存的 .nianbao 文件；同一文件夹中的 .bak 备份文件可以改名后打开。"


class ProjectMissing(ProjectFileError):
    message = "找不到项目文件。"
    hint = "文件可能已被移动或删除，请重新选择。"


class CorruptProject(ProjectFileError):
    message = "项目文件已损坏或不完整，无法打开。"


class NewerSchema(ProjectFileError):
    message = "这个项目文件由更新版本的年报助手保存，当前版本无法打开。"
    hint = "请升级年报助手到最新版本后再打开；原文件没有被改动。"


class SaveFailed(NianbaoError):
    message = "文件没有保存成功。"
    hint = "原来的文件没有被改动。请检查磁盘空间和文件夹权限，或用“另存为”保存到其他位置。"


class FileLocked(SaveFailed):
    message = "目标文件正被其他程序（如 Word 或 WPS）打开或被设为只读，无法写入。"
    hint = "请先关闭打开这个文件的程序，或用“另存为”换一个文件名。"


class DiskFull(SaveFailed):
    message = "磁盘空间不足，文件没有保存成功。"
    hint = "原来的文件没有被改动。请清理磁盘空间，或保存到其他磁盘、U盘。"


class ReadOnlyProject(SaveFailed):
    message = "这个文件是以只读方式打开的（另一个窗口正在编辑它），不能保存到原文件。"
    hint = "请用“另存为”保存为新文件；原文件没有被改动。"


class ChangedOnDisk(SaveFailed):
    message = "这个文件在打开之后被其他程序修改过。"
    hint = "为避免覆盖别人的修改，本次没有保存。请用“另存为”保存到新文件，再比较两份内容。"


class UnknownFormat(NianbaoError):
    message = "不认识的年度报告格式。"
    hint = "年报助手认识的格式是 resources/formats 文件夹中的格式文件；请确认文件完整，或升级到最新版本。"


class FormatFileError(NianbaoError):
    """A format file (`resources/formats/*.json`) does not fit the schema: names the file and the JSON path."""

    message = "年度报告格式文件有误。"
    hint = "请恢复安装包中原有的格式文件（resources/formats 文件夹），或按提示改正这个文件后重新打开年报助手。"

    def __init__(self, source: str, json_path: str, problem: str):
        self.source, self.json_path, self.problem = source, json_path, problem
        super().__init__(f"年度报告格式文件有误：{source}: {json_path}: {problem}。", path=source)


class ImportError_(NianbaoError):
    """Reading last year's report failed (named with a trailing underscore to keep Python's ImportError)."""

    message = "无法导入这个文件。"


class UnsupportedDoc(ImportError_):
    message = "这是旧版 Word（.doc）或 WPS（.wps）文件，无法直接导入。"
    hint = "请在Word或WPS中另存为.docx后再导入。"


class NotAReport(ImportError_):
    message = "这个文件看起来不是政府信息公开工作年度报告。"
    hint = "请选择上一年度的年度报告（.docx、.html 或 .nianbao 文件）。"


class ExportRefused(NianbaoError):
    message = "报告中还有错误，没有导出。"
    hint = "请先改正检查结果中的错误；确需导出草稿时，可选择“仍然导出”。"


class DamagedDoc(ImportError_):
    message = "文件已损坏或不完整（可能没有下载或复制完整），无法读取。"
    hint = "请用Word或WPS打开这个文件，确认内容完整后另存为.docx再导入。"


class UnsafeDoc(ImportError_):
    message = "文件的内部结构异常（解压后过大或含有不安全的定义），为保护电脑已拒绝读取。"
    hint = "请用Word或WPS打开这个文件，另存为新的.docx后再导入。"
