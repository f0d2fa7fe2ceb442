"""Chinese for the few strings of Qt's own file dialog that qtbase_zh_CN.qm lacks.

The .qm shipped with Qt 6 was made for older source strings: its QFileDialog has "Look in:" and "Files of
type:", but Qt 6's dialog asks for "&Look in:" and "Files of &type:", and the file list's 类型 column asks
QAbstractFileIconProvider, which the .qm does not have at all; so the non-native dialog that Linux desktops
(UOS, Kylin) show read "Look in:", "Files of type:" and "Folder". This translator is installed after
qtbase's, so Qt asks it first, and it answers only for these strings.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

MISSING = {
    ("QFileDialog", "&Look in:"): "查找范围(&I)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Cancel"): "取消",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
    ("QAbstractFileIconProvider", "Alias"): "别名",
    ("QAbstractFileIconProvider", "Unknown"): "未知",
}


class MissingChinese(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # type: ignore[override]
        return MISSING.get((context, source))  # None (a null QString): "not mine", Qt asks the next one

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False
