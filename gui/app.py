"""Application start-up: logging, Qt's Chinese translation, the CJK font check, the crash handler, the
main window (on a file, or on the built-in sample), then the offer to recover unsaved work.

Heavy libraries (python-docx, openpyxl) are not imported here: they load when the clerk first exports or
imports, so the window appears quickly on an old office PC.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path

from platformdirs import user_log_dir

from gui import texts

log = logging.getLogger("nianbao")
_windows: list = []  # the open main windows, for the crash handler's emergency save


def app_version() -> str:
    """The version from pyproject.toml (the one place it is written); a frozen build bundles that file."""
    import tomllib

    for base in (Path(__file__).resolve().parent.parent, Path(getattr(sys, "_MEIPASS", "."))):
        try:
            return tomllib.loads((base / "pyproject.toml").read_text("utf-8"))["project"]["version"]
        except (OSError, KeyError, ValueError):
            continue
    return "未知"


def log_file() -> Path:
    return Path(user_log_dir("nianbao", appauthor=False)) / "nianbao.log"


def setup_logging() -> None:
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                                       encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def install_translator(app) -> None:
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Chinese, QLocale.China), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(translator)
    else:
        log.warning("qtbase_zh_CN.qm not found; Qt's own buttons stay in English")


def excepthook(exc_type, exc, tb) -> None:
    """Log, write a recovery copy of every open report, then tell the clerk in Chinese."""
    log.critical("unhandled exception:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
    saved = False
    for window in list(_windows):
        try:
            saver = window.autosaver
            saved = bool(saver and saver.save_now()) or saved
        except Exception:  # noqa: BLE001 - the handler must never raise in turn
            log.exception("emergency save failed")
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            info = (texts.CRASH_INFO if saved else texts.CRASH_INFO_NOSAVE).format(log=log_file())
            box = QMessageBox(QMessageBox.Critical, texts.CRASH_TITLE, texts.CRASH_TEXT)
            box.setInformativeText(info)
            box.setDetailedText("".join(traceback.format_exception_only(exc_type, exc)))
            box.exec()
    except Exception:  # noqa: BLE001
        log.exception("could not show the crash dialog")


def make_application():
    from PySide6.QtWidgets import QApplication

    from gui import settings, style

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(texts.ORG_NAME)
    app.setApplicationDisplayName(texts.APP_NAME)
    app.setOrganizationName(texts.ORG_NAME)
    install_translator(app)
    style.apply(app, settings.font_size())
    return app


def build_main_window(path: str | os.PathLike[str] | None = None):
    """The main window on `path`, or on the built-in sample (untitled: Ctrl+S asks where to save).
    Raises model.errors.NianbaoError when the file cannot be read."""
    from gui.document import Document
    from gui.main_window import MainWindow
    from model import project_file
    from model.sample import load_sample

    if path:
        report, fingerprint = project_file.load(path)
        doc = Document(report, path=str(path), fingerprint=fingerprint)
    else:
        doc = Document(load_sample())
        doc.untitled_name = texts.SAMPLE_TITLE
    window = MainWindow(doc, version=app_version())
    _windows.append(window)
    window.destroyed.connect(lambda *_: _windows.remove(window) if window in _windows else None)
    return window


def open_first_window(path: str | None = None):
    """The window a start shows: on a project file; on the sample, then 从去年的报告开始 with a .docx/.html/.doc
    handed over by the desktop (a clerk double-clicks last year's report); on the sample after saying why a
    file could not be opened. Then the offer to recover unsaved work."""
    from gui import dialogs
    from model.errors import NianbaoError
    from model.project_file import EXTENSION

    foreign = bool(path) and Path(path).suffix.lower() != EXTENSION
    try:
        window = build_main_window(None if foreign else path)
    except NianbaoError as exc:
        from PySide6.QtWidgets import QWidget

        dialogs.show_error(QWidget(), texts.OPEN_FAILED_TITLE, exc)
        window = build_main_window(None)
    window.show()
    if foreign:
        window.files.import_last_year(str(path))
    window.files.offer_recovery()
    return window


def run(path: str | None = None) -> int:
    setup_logging()
    sys.excepthook = excepthook
    app = make_application()
    from gui import style

    if style.cjk_family() is None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, texts.FONT_MISSING_TITLE, texts.FONT_MISSING)
    open_first_window(path)
    log.info("started, version %s", app_version())
    return app.exec()
