"""Application start-up: logging, Qt's Chinese translation, the CJK font check, the crash handler, the
main window (on a file, or on the built-in sample), then the offer to recover unsaved work.

The window's frame is shown before anything heavy is imported and filled in right after its first paint
(gui/main_window.py says why), so a clerk on an old office PC sees the window at once. python-docx and
openpyxl load only when the clerk first exports or imports.

With QT_LOGGING_RULES="nianbao.startup.info=true", Qt's log gets one line, "ready", when the window has been
filled: the start-up benchmark times the frame and the filled window from outside the process this way.
"""

from __future__ import annotations

import logging
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


LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3


def rotate_log(path: Path, max_bytes: int = LOG_MAX_BYTES, backups: int = LOG_BACKUPS) -> None:
    """nianbao.log → nianbao.log.1 → … → .{backups} when it has grown past `max_bytes`. Done once per start
    rather than with logging.handlers, whose import (socket, pickle, queue) costs ~18 ms of start-up; one
    session's log stays far below a megabyte."""
    try:
        if path.stat().st_size <= max_bytes:
            return
        for i in range(backups - 1, 0, -1):
            older = path.with_name(f"{path.name}.{i}")
            if older.exists():
                os.replace(older, path.with_name(f"{path.name}.{i + 1}"))
        os.replace(path, path.with_name(f"{path.name}.1"))
    except OSError:
        pass  # no log yet, or a second copy holds it open on Windows: keep appending


def setup_logging() -> None:
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        rotate_log(path)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def install_translator(app) -> None:
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    translator = QTranslator(app)
    if translator.load(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(translator)
    else:
        log.warning("qtbase_zh_CN.qm not found; Qt's own buttons stay in English")
    from gui.shell.qt_chinese import MissingChinese

    app.installTranslator(MissingChinese(app))  # after qtbase's: asked first, answers only what it lacks


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
            box = QMessageBox(QMessageBox.Icon.Critical, texts.CRASH_TITLE, texts.CRASH_TEXT)
            box.setInformativeText(info)
            box.setDetailedText("".join(traceback.format_exception_only(exc_type, exc)))
            box.exec()
    except Exception:  # noqa: BLE001
        log.exception("could not show the crash dialog")


def make_application():
    from PySide6.QtWidgets import QApplication

    from gui.shell import settings, style

    existing = QApplication.instance()  # one per process: reuse one made before (a test's)
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(texts.ORG_NAME)
    app.setApplicationDisplayName(texts.APP_NAME)
    app.setOrganizationName(texts.ORG_NAME)
    install_translator(app)
    style.apply(app, settings.font_size())
    return app


def open_document(path: str | os.PathLike[str] | None = None):
    """A Document on `path`, or on the built-in sample (untitled: Ctrl+S asks where to save).
    Raises model.errors.NianbaoError when the file cannot be read."""
    from gui.session.document import Document
    from model import project_file
    from model.sample import load_sample

    if path:
        report, fingerprint = project_file.load(path)
        return Document(report, path=str(path), fingerprint=fingerprint)
    doc = Document(load_sample())
    doc.untitled_name = texts.SAMPLE_TITLE
    return doc


def _register(window) -> None:
    _windows.append(window)
    window.destroyed.connect(lambda *_: _windows.remove(window) if window in _windows else None)


def build_main_window(path: str | os.PathLike[str] | None = None):
    """The main window, filled, on `path` or on the built-in sample.
    Raises model.errors.NianbaoError when the file cannot be read."""
    from gui.shell.main_window import MainWindow

    window = MainWindow(open_document(path), version=app_version())
    _register(window)
    return window


def open_first_window(path: str | None = None):
    """The window a start shows: its frame at once, then, after the frame's first paint, filled — on a
    project file; on the sample, then 从去年的报告开始 with a .docx/.html/.doc handed over by the desktop (a
    clerk double-clicks last year's report); on the sample after saying why a file could not be opened.
    Then the offer to recover unsaved work. `window.ready` is emitted when all that is done."""
    from gui.shell.main_window import MainWindow

    window = MainWindow()  # the version (read from pyproject.toml with tomllib) is looked up once it is filled
    _register(window)
    window.show()
    window.when_painted(lambda: _fill_first_window(window, path))
    return window


def _fill_first_window(window, path: str | None) -> None:
    try:
        _fill(window, path)
    except Exception:
        window.say_start_failed(texts.START_FAILED.format(log=log_file()))  # not 正在打开报告…… forever
        raise  # to excepthook: the log, the crash dialog


def _fill(window, path: str | None) -> None:
    from PySide6.QtWidgets import QApplication

    from gui.shell import dialogs, settings, style
    from model.errors import NianbaoError
    from model.project_file import EXTENSION

    app = QApplication.instance()
    assert isinstance(app, QApplication)  # make_application() built it before the first window
    can_draw_chinese = style.ensure_cjk_font(app, settings.font_size())
    foreign = bool(path and Path(path).suffix.lower() != EXTENSION)
    try:
        doc = open_document(None if foreign else path)
    except NianbaoError as exc:
        dialogs.show_error(window, texts.OPEN_FAILED_TITLE, exc)
        doc = open_document(None)
    window.version = app_version()
    window.populate(doc)
    if doc.path and not window.files.claim(doc):  # open in another window, and the clerk cancelled
        doc = open_document(None)
        window.set_document(doc)
    if doc.path:  # a project double-clicked in Explorer belongs in 最近打开的文件 like one opened from the menu
        window.files.remember(doc.path)
    _say_ready()
    if foreign:
        window.files.import_last_year(str(path))
    window.files.offer_recovery()
    if not can_draw_chinese:
        dialogs.show_error(window, texts.FONT_MISSING_TITLE, texts.FONT_MISSING)
    log.info("started, version %s", window.version)
    window.ready.emit()


def _say_ready() -> None:
    from PySide6.QtCore import QLoggingCategory, QtMsgType, qCInfo

    # Off unless QT_LOGGING_RULES turns it on (the benchmark does): info is below the category's threshold.
    # PySide6's stubs say bytes for both names; at run time it takes str and refuses bytes.
    category = QLoggingCategory("nianbao.startup", QtMsgType.QtWarningMsg)  # type: ignore[arg-type]
    qCInfo(category, "ready")  # type: ignore[arg-type]


def run(path: str | None = None) -> int:
    setup_logging()
    sys.excepthook = excepthook
    app = make_application()
    open_first_window(path)
    return app.exec()
