"""Application start-up: Qt's Chinese translation, then the main window."""
from __future__ import annotations

import sys


def run(path: str | None = None) -> int:
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv)
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Chinese, QLocale.China), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(translator)
    from model.project_file import load
    from model.sample import load_sample

    report = load(path)[0] if path else load_sample()
    label = QLabel(f"{report.meta.display_title}\n（向导界面开发中）")
    label.setWindowTitle("政府信息公开年报助手")
    label.resize(640, 360)
    label.show()
    return app.exec()
