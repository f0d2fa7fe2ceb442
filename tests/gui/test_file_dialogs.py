"""File dialogs (issue 14): they open in the folder last used, else in Documents, propose a name made from
the report's title, and Qt's own (non-native) dialog speaks Chinese throughout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QFileDialog, QLabel, QTreeView

from gui.app import install_translator
from gui.shell import folders

TITLE = "示例县自然资源局2025年政府信息公开工作年度报告"


@pytest.fixture
def asked(monkeypatch):
    """Every (start directory or path) a file dialog was opened on; the dialogs answer `answer[0]`."""
    seen: list[str] = []
    answer = [""]

    def fake(_parent, _title, start="", _filter="", *_a, **_k):
        seen.append(start)
        return answer[0], ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    return seen, answer


def test_file_names_are_the_title_with_what_windows_refuses_replaced():
    assert folders.file_name(TITLE, ".docx") == f"{TITLE}.docx"
    assert folders.file_name('某局/某处:2025"报告"?', ".nianbao") == "某局_某处_2025_报告_.nianbao"
    assert folders.file_name("  ", ".html") == "年度报告.html"


@pytest.mark.gui
def test_dialogs_open_in_documents_then_in_the_last_folder_used(make_window, qtbot, asked, tmp_path):
    seen, answer = asked
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    documents.mkdir(parents=True, exist_ok=True)
    window = make_window()
    window.files.save_as()  # the built-in sample has no path: Documents, with the title as the name
    assert seen[-1] == str(documents / f"{TITLE}.nianbao")
    window.files.import_last_year()
    assert seen[-1] == str(documents)
    elsewhere = tmp_path / "年报"
    elsewhere.mkdir()
    answer[0] = str(elsewhere / "去年的报告.docx")
    window.files._ask_open("选择", "*")  # the clerk picked a file there
    answer[0] = ""
    window.files.import_last_year()
    assert seen[-1] == str(elsewhere)
    window.files.open()
    assert seen[-1] == str(elsewhere)
    window.files.save_as()
    assert seen[-1] == str(elsewhere / f"{TITLE}.nianbao")
    final = window.go_to_page("final")
    final.choose_and_export("docx")
    assert seen[-1] == str(elsewhere / f"{TITLE}.docx")
    elsewhere.rmdir()  # a folder that is gone falls back to Documents
    final.choose_and_export("html")
    assert seen[-1] == str(documents / f"{TITLE}.html")


ENGLISH = re.compile(r"[A-Za-z]{3,}")


def english_strings(dialog: QFileDialog, folder: Path) -> list[str]:
    """Visible words in Latin letters, except the folder's path, the file filter and the files' names."""
    found = []
    allowed = {str(folder), "年报项目 (*.nianbao)"}
    texts = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
    texts += [w.text() for w in dialog.findChildren(QAbstractButton) if w.isVisible()]
    texts += [w.toolTip() for w in dialog.findChildren(QAbstractButton) if w.isVisible()]
    for combo in dialog.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    for tree in dialog.findChildren(QTreeView):
        model = tree.model()
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
        root = tree.rootIndex()
        for r in range(model.rowCount(root)):
            texts.append(str(model.index(r, 2, root).data()))  # 类型: the folder's
    for text in texts:
        if text and text not in allowed and ENGLISH.search(text.replace("nianbao", "")):
            found.append(text)
    return found


@pytest.mark.gui
@pytest.mark.parametrize("mode", [QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen])
def test_the_qt_file_dialog_speaks_chinese(qtbot, tmp_path, mode):
    install_translator(QApplication.instance())
    (tmp_path / "子文件夹").mkdir()
    dialog = QFileDialog(None, "另存为", str(tmp_path), "年报项目 (*.nianbao)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    dialog.show()
    tree = dialog.findChild(QTreeView)
    qtbot.waitUntil(lambda: tree.model().rowCount(tree.rootIndex()) > 0)
    assert english_strings(dialog, tmp_path) == []
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
    assert "查找范围(&I)：" in labels and "文件类型(&T)：" in labels
