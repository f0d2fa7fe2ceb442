"""The main window: menus and toolbar, the section navigator, the current page, the checks panel, the
上一步/下一步 footer, the title bar with the file name and modified mark, and the close prompt.

The window holds one Document at a time; opening another rebuilds the pages over it.

It is built in two steps so that a clerk sees the window at once on a slow office PC: `MainWindow()` is the
frame alone (title, size, the saved position, a line saying the report is opening), and `populate(doc)`
adds everything else. Python imports and PySide's first touch of a Qt class (which builds every enum of
it, ~45 ms for the `Qt` namespace alone on Python 3.11) are most of the start-up time, so this module
imports only what the frame needs and each method imports the rest where it is used.
`MainWindow(doc)` does both steps at once; gui/app.py shows the frame first and populates it after its first
paint.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

from gui.shell import settings
from gui import texts

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent  # annotations only: the frame need not build their enums

    from gui.session.autosave import AutoSaver
    from gui.shell.checks_panel import ChecksPanel
    from gui.session.document import Document
    from gui.session.file_actions import FileActions
    from gui.session.notices import Notice
    from gui.shell.lazy_pages import LazyPages
    from gui.shell.navigator import Navigator
    from model.checks import Finding

log = logging.getLogger(__name__)
CHECKS_WIDTH = 340  # the checks panel's first width


class _Opening(QLabel):
    """The frame's only content until the report is loaded; says once when it has been painted."""

    painted = Signal()

    def __init__(self):
        super().__init__()
        self.setObjectName("opening")
        self.say(texts.OPENING)
        self._said = False

    def say(self, message: str) -> None:
        # Rich text centres the lines without touching Qt.AlignmentFlag (see the module docstring); escaped by
        # hand, as the html module would add ~3 ms to the frame's start.
        text = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
        self.setText(f"<p align='center'>{text}</p>")

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._said:
            self._said = True
            self.painted.emit()


class MainWindow(QMainWindow):
    ready = Signal()  # gui/app.py: the first window is filled and the recovery offer has been made

    # Built by populate(); the bare frame before it has none of them, and nothing asks for them then.
    files: FileActions
    navigator: Navigator
    checks: ChecksPanel
    pages: LazyPages

    def __init__(self, doc: Document | None = None, version: str = ""):
        super().__init__()
        self.version = version
        self._doc: Document | None = None
        self.autosaver: AutoSaver | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(texts.APP_NAME)
        self.fit_to(self.screen().availableGeometry(), settings.settings().value("window/geometry"))
        if doc is None:
            self.setCentralWidget(_Opening())
        else:
            self.populate(doc)

    def fit_to(self, available: QRect, geometry: object = None) -> None:
        """Size the window for a screen's available area (gui/shell/screen_fit.py), restoring the saved
        geometry when there is one, but never larger than the screen."""
        from PySide6.QtCore import QByteArray

        from gui.shell import screen_fit

        self.compact = screen_fit.is_compact(available)
        # QSettings gives back the QByteArray saveGeometry() wrote; anything else is no saved geometry.
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        screen_fit.fit(self, available, restored=restored)
        checks = getattr(self, "checks", None)
        if checks is not None and self.current_key() != "final":  # already filled: the panel follows the screen
            from PySide6.QtCore import Qt

            checks.setVisible(not self.compact)
            if not self.compact:
                self.resizeDocks([checks], [CHECKS_WIDTH], Qt.Orientation.Horizontal)

    @property
    def doc(self) -> Document:
        """The report shown. Only the bare frame (before populate) has none, and nothing asks for it then."""
        assert self._doc is not None, "MainWindow.doc before populate()"
        return self._doc

    def when_painted(self, fill: Callable[[], None], fallback_ms: int = 1000) -> None:
        """Call `fill` once, just after the frame has been painted (so the clerk already sees the window),
        or after `fallback_ms` if it is not painted (started minimised)."""
        opening = self.centralWidget()
        done = False

        def once() -> None:
            nonlocal done
            if not done:
                done = True
                fill()

        if isinstance(opening, _Opening):
            opening.painted.connect(lambda: QTimer.singleShot(0, once))
        QTimer.singleShot(fallback_ms, once)

    def say_start_failed(self, message: str) -> None:
        """Replace the frame's 正在打开报告…… line when filling the frame failed (gui/app.py)."""
        from PySide6.QtCore import Qt

        opening = self.centralWidget()
        if isinstance(opening, _Opening):
            opening.say(message)
            opening.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
            )  # so the log's path can be copied

    def populate(self, doc: Document) -> None:
        """Everything but the frame: navigator, pages, checks panel, footer, menus, toolbar; then `doc`."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout

        from gui.shell.checks_panel import ChecksPanel
        from gui.session.file_actions import FileActions
        from gui.shell.lazy_pages import LazyPages
        from gui.shell.navigator import Navigator

        self.files = FileActions(self, self)
        self.navigator = Navigator()
        self.navigator.setMinimumWidth(200 if self.compact else 270)
        self.navigator.page_requested.connect(self._show_page)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageArea")
        self.pages = LazyPages(self.stack, [], self._build_page)  # none until set_document's _build_pages
        centre = QWidget()
        v = QVBoxLayout(centre)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(0)
        v.addWidget(self.stack, 1)
        v.addWidget(self._footer())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self.navigator)
        split.addWidget(centre)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([220 if self.compact else 270, 1000])
        self.setCentralWidget(split)
        self.checks = ChecksPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.checks)
        self.resizeDocks([self.checks], [CHECKS_WIDTH], Qt.Orientation.Horizontal)
        if self.compact:  # navigator, page and panel side by side would squeeze the page: F8 shows it
            self.checks.hide()
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progress")
        self.statusBar().addPermanentWidget(self.progress_label)
        self._build_actions()
        self._build_menus()
        # Created after the frame was shown, a status bar stays hidden unless shown: without this no status
        # message (已保存, 已自动保存, refusals) and no autosave warning would ever be seen.
        self.statusBar().show()
        self.set_document(doc)

    # -- layout pieces -----------------------------------------------------------------------------
    def _footer(self) -> QWidget:
        from PySide6.QtWidgets import QHBoxLayout, QPushButton

        bar = QWidget()
        bar.setObjectName("footer")
        h = QHBoxLayout(bar)
        h.setContentsMargins(16, 8, 16, 8)
        self.btn_prev = QPushButton(f"← {texts.ACT_PREV}(&B)")
        self.btn_next = QPushButton(f"{texts.ACT_NEXT}(&N) →")
        self.btn_next.setObjectName("primaryButton")
        self.btn_prev.clicked.connect(lambda: self.step(-1))
        self.btn_next.clicked.connect(lambda: self.step(1))
        self.footer_title = QLabel()
        self.footer_title.setObjectName("footerTitle")
        h.addWidget(self.btn_prev)
        h.addStretch(1)
        h.addWidget(self.footer_title)
        h.addStretch(1)
        h.addWidget(self.btn_next)
        return bar

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setStatusTip(tip)
        act.triggered.connect(slot)
        return act

    def _build_actions(self) -> None:
        from PySide6.QtGui import QKeySequence

        from gui.shell import dialogs

        f = self.files
        self.act_new = self._action(texts.ACT_NEW, f.new, QKeySequence.StandardKey.New)
        self.act_open = self._action(texts.ACT_OPEN, lambda: f.open(), QKeySequence.StandardKey.Open)
        self.act_import = self._action(texts.ACT_IMPORT, lambda: f.import_last_year(), "Ctrl+L")
        self.act_save = self._action(texts.ACT_SAVE, f.save, QKeySequence.StandardKey.Save)
        self.act_save_as = self._action(texts.ACT_SAVE_AS, f.save_as, QKeySequence("Ctrl+Shift+S"))
        self.act_open_backup = self._action(texts.ACT_OPEN_BACKUP, f.open_backup)
        self.act_quit = self._action(texts.ACT_QUIT, self.close, QKeySequence("Ctrl+Q"))
        self.act_undo = self._action(texts.ACT_UNDO, lambda: self.doc.undo_stack.undo(), QKeySequence.StandardKey.Undo)
        self.act_redo = self._action(texts.ACT_REDO, lambda: self.doc.undo_stack.redo(), QKeySequence("Ctrl+Y"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.act_prev = self._action(texts.ACT_PREV, lambda: self.step(-1), QKeySequence("Ctrl+PgUp"))
        self.act_next = self._action(texts.ACT_NEXT, lambda: self.step(1), QKeySequence("Ctrl+PgDown"))
        self.act_focus_nav = self._action(texts.ACT_FOCUS_NAV, self.navigator.setFocus, QKeySequence("F7"))
        self.act_focus_checks = self._action(texts.ACT_FOCUS_CHECKS, self.focus_checks, QKeySequence("F8"))
        self.act_about = self._action(texts.ACT_ABOUT, lambda: dialogs.show_about(self, self.version))
        self.act_export = {
            kind: self._action(label, lambda _=False, k=kind: self.export(k))
            for kind, label in (
                ("docx", texts.ACT_EXPORT_DOCX),
                ("xlsx", texts.ACT_EXPORT_XLSX),
                ("html", texts.ACT_EXPORT_HTML),
                ("pdf", texts.ACT_EXPORT_PDF),
            )
        }
        self.act_print_preview = self._action(texts.ACT_PRINT_PREVIEW, self.print_preview)
        self.act_print = self._action(texts.ACT_PRINT, self.print_report, QKeySequence.StandardKey.Print)

    def _build_menus(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction, QActionGroup

        mb = self.menuBar()
        m = mb.addMenu(texts.MENU_FILE)
        m.addActions([self.act_new, self.act_open, self.act_import])
        self.recent_menu = m.addMenu(texts.MENU_RECENT)
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as, self.act_open_backup])
        m.addSeparator()
        export_menu = m.addMenu(texts.MENU_EXPORT)
        export_menu.addActions(list(self.act_export.values()))
        m.addActions([self.act_print_preview, self.act_print])
        m.addSeparator()
        m.addAction(self.act_quit)
        e = mb.addMenu(texts.MENU_EDIT)
        e.addActions([self.act_undo, self.act_redo])
        view = mb.addMenu(texts.MENU_VIEW)
        view.addActions([self.act_prev, self.act_next])
        toggle = self.checks.toggleViewAction()
        toggle.setText(texts.ACT_CHECKS)
        view.addAction(toggle)
        view.addActions([self.act_focus_nav, self.act_focus_checks])
        view.addSeparator()
        fonts = view.addMenu(texts.MENU_FONT)
        group = QActionGroup(self)
        current = settings.font_size()
        self.font_actions: dict[int, QAction] = {}
        for name, pt in texts.FONT_SIZES:
            act = QAction(f"{name}（{pt}磅）", self, checkable=True)
            act.setChecked(pt == current)
            act.triggered.connect(lambda _=False, pt=pt: self.set_font_size(pt))
            group.addAction(act)
            fonts.addAction(act)
            self.font_actions[pt] = act
        h = mb.addMenu(texts.MENU_HELP)
        h.addAction(self.act_about)
        tb = self.addToolBar("常用")
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for tool in (
            self.act_new,
            self.act_open,
            self.act_import,
            None,
            self.act_save,
            None,
            self.act_undo,
            self.act_redo,
            None,
            self.act_export["docx"],
        ):
            if tool is None:
                tb.addSeparator()
            else:
                tb.addAction(tool)
        self.update_recent()

    # -- the document --------------------------------------------------------------------------------
    def set_document(self, doc: Document, recovery_path: Path | None = None) -> None:
        """Show `doc`, replacing the previous one (whose unsaved changes the caller has dealt with)."""
        from gui.session.autosave import AutoSaver
        from gui.shell.checks_panel import FindingsView

        current_key = self.current_key() if self._doc is not None else "start"
        if self.autosaver is not None:
            self.autosaver.stop()
            self.autosaver.deleteLater()
        old = self._doc
        self._doc = doc
        doc.setParent(self)
        self.autosaver = AutoSaver(doc, self, path=recovery_path)
        self.autosaver.saved.connect(lambda t: doc.notices.info(texts.STATUS_AUTOSAVED.format(time=t), scope="file"))
        self.autosaver.failed.connect(self.show_autosave_failure)
        self.autosaver.recovered.connect(self.hide_autosave_failure)
        self.autosaver.drafts = self.open_cell_draft
        self.hide_autosave_failure()  # a new document starts with a new autosave
        doc.modified_changed.connect(self._update_title)
        doc.path_changed.connect(self._update_title)
        doc.edited.connect(self.navigator.update_states)  # once per edit, undo or redo
        doc.edited.connect(self._update_progress)
        doc.notices.posted.connect(self._on_notice)
        doc.undo_stack.canUndoChanged.connect(self._update_undo)
        doc.undo_stack.canRedoChanged.connect(self._update_undo)
        doc.undo_stack.indexChanged.connect(self._update_undo)
        self._build_pages()
        view = FindingsView(doc, margin=8)
        view.go_to.connect(self.go_to)
        view.ack_requested.connect(self.acknowledge)
        self.checks.set_view(view)
        self._update_title()
        self._update_undo()
        self._update_progress()
        self.go_to_page(current_key if current_key in self.pages else "start")
        if old is not None:
            # Not when the same file was opened again: the new document holds the same lock file.
            if old.lock is not None and old is not doc and (doc.lock is None or doc.lock.path != old.lock.path):
                old.lock.release()
            old.deleteLater()
        self._start_lock_refresh()

    def _build_pages(self) -> None:
        """Pages for the current document; each is built when first shown or asked for (gui/lazy_pages.py)."""
        from gui.shell.lazy_pages import LazyPages
        from gui.pages import page_specs

        self.pages.clear()
        specs = page_specs(self.doc)
        self.navigator.set_pages(specs)
        self.pages = LazyPages(self.stack, [key for key, _name in specs], self._build_page)
        self.navigator.set_document(self.doc)

    def _build_page(self, key: str) -> QWidget:
        from gui.pages import build_page
        from gui.pages.final_page import FinalPage

        if key == "start":
            return self._start_page()
        page = build_page(self.doc, key)
        if isinstance(page, FinalPage):
            page.findings.go_to.connect(self.go_to)
            page.findings.ack_requested.connect(self.acknowledge)
        return page

    def _start_page(self) -> QWidget:
        from gui.pages.start_page import StartPage

        page = StartPage(self.doc.report.meta.display_title)
        page.import_requested.connect(lambda: self.files.import_last_year())
        page.new_requested.connect(self.files.new)
        page.open_requested.connect(lambda: self.files.open())
        page.continue_requested.connect(lambda: self.go_to_page("meta"))
        page.recent_requested.connect(lambda p: self.files.open(p))
        page.set_recent(settings.recent_files())
        return page

    def _on_notice(self, notice: Notice) -> None:
        """Every notice in the status bar; a refusal also in a dialog unless the page in front says it."""
        from gui.pages.protocol import Page

        if notice.kind == "clear" or not notice.text:
            return
        text = texts.STATUS_REJECTED.format(text=notice.text) if notice.kind == "refused" else notice.text
        self.statusBar().showMessage(text, notice.timeout_ms)
        current = self.stack.currentWidget()
        if notice.kind == "refused" and not (isinstance(current, Page) and current.shows_notices):
            from gui.shell import dialogs

            dialogs.show_error(self, texts.APP_NAME, notice.text)

    def _update_progress(self, *_args: object) -> None:
        """The report's progress in the status bar: cells filled, pages done, findings open (model/progress.py)."""
        from model.progress import report_progress

        keys = [self.navigator.key_at(r) for r in range(self.navigator.count())]
        p = report_progress(self.doc.report, self.doc.findings, keys)
        findings = texts.PROGRESS_FINDINGS.format(n=p.open_findings) if p.open_findings else texts.PROGRESS_CLEAN
        self.progress_label.setText(
            texts.PROGRESS.format(
                filled=p.cells_filled, total=p.cells_total, done=p.pages_done, pages=p.pages_total, findings=findings
            )
        )
        self.navigator.set_progress({page.key: (page.filled, page.total) for page in p.pages})

    # -- autosave --------------------------------------------------------------------------------------
    def show_autosave_failure(self, message: str) -> None:
        """A warning in the status bar that stays until an autosave succeeds again (not only a log line)."""
        label = self._autosave_warning()
        label.setText(message)
        label.setToolTip(message)
        label.show()

    def hide_autosave_failure(self) -> None:
        label = getattr(self, "autosave_warning", None)
        if label is not None:
            label.hide()

    def _autosave_warning(self) -> QLabel:
        label = getattr(self, "autosave_warning", None)
        if label is None:
            label = QLabel()
            label.setObjectName("autosaveWarning")
            label.setWordWrap(True)
            label.setStyleSheet("QLabel#autosaveWarning { background: #fde2e1; color: #a4262c; padding: 4px 8px; }")
            self.statusBar().addPermanentWidget(label, 1)  # showMessage() does not cover a permanent widget
            self.autosave_warning = label
        return label

    def open_cell_draft(self) -> tuple[str, str] | None:
        """The table cell being typed into and its uncommitted text, if any (journalled by autosave)."""
        if self.pages is None:
            return None
        for key in self.pages:
            page = self.pages.built(key)
            view = getattr(page, "view", None)
            draft = getattr(view, "draft", None)
            if callable(draft):
                found = draft()
                if found is not None:
                    return found
        return None

    def _update_title(self, *_args) -> None:
        mark = texts.READ_ONLY_MARK if self.doc.read_only else ""
        self.setWindowTitle(f"{self.doc.display_name}{mark}[*] — {texts.APP_NAME}")
        self.setWindowModified(self.doc.modified)

    def _update_undo(self, *_args) -> None:
        stack = self.doc.undo_stack
        self.act_undo.setEnabled(stack.canUndo())
        self.act_redo.setEnabled(stack.canRedo())
        # The label stays short and fixed (a long step name pushed 导出 Word 文件 off the toolbar); what would
        # be undone or redone is said in the tooltip and the status bar.
        for act, label, detail in (
            (self.act_undo, texts.ACT_UNDO, stack.undoText()),
            (self.act_redo, texts.ACT_REDO, stack.redoText()),
        ):
            tip = texts.UNDO_TIP.format(action=label.replace("(&U)", "").replace("(&R)", ""), step=detail)
            act.setToolTip(tip if detail else "")
            act.setStatusTip(tip if detail else "")

    def update_recent(self) -> None:
        self.recent_menu.clear()
        paths = settings.recent_files()
        for i, p in enumerate(paths, 1):
            act = self.recent_menu.addAction(f"&{i} {Path(p).name}")
            act.setToolTip(p)
            act.triggered.connect(lambda _=False, p=p: self.files.open(p))
        if not paths:
            self.recent_menu.addAction(texts.RECENT_EMPTY).setEnabled(False)
        from gui.pages.start_page import StartPage

        start = self.pages.built("start")
        if isinstance(start, StartPage):
            start.set_recent(paths)

    # -- navigation ----------------------------------------------------------------------------------
    def current_key(self) -> str:
        return self.navigator.key_at(max(self.navigator.currentRow(), 0))

    def go_to_page(self, key: str) -> QWidget:
        row = self.navigator.row_of(key)
        if row >= 0:
            self.navigator.setCurrentRow(row)
            self._show_page(key)
        return self.pages[key]

    def _show_page(self, key: str) -> None:
        page = self.pages.get(key)
        if page is None:
            return
        self.stack.setCurrentWidget(page)
        # The final page lists every finding itself; the dock beside it would only repeat the list.
        if key == "final" and self.checks.isVisible():
            self.checks.hide()
            self._dock_hidden_for_final = True
        elif key != "final" and getattr(self, "_dock_hidden_for_final", False):
            self.checks.show()
            self._dock_hidden_for_final = False
        row = self.navigator.row_of(key)
        self.btn_prev.setEnabled(row > 0)
        self.btn_next.setEnabled(row < self.navigator.count() - 1)
        self.footer_title.setText(f"第 {row + 1} 步，共 {self.navigator.count()} 步")

    def step(self, delta: int) -> None:
        row = self.navigator.currentRow() + delta
        if 0 <= row < self.navigator.count():
            self.go_to_page(self.navigator.key_at(row))

    def go_to(self, finding: Finding) -> None:
        """Take the clerk to where a finding points: its page and, for table findings, its cell."""
        from gui.pages.protocol import Page
        from model.progress import page_of_section

        page = self.go_to_page(page_of_section(finding.section))
        if isinstance(page, Page):
            page.focus_finding(finding)

    def focus_checks(self) -> None:
        from gui.pages.final_page import FinalPage

        final = self.pages["final"] if self.current_key() == "final" else None
        if isinstance(final, FinalPage):
            final.findings.tree.setFocus()
            return
        self.checks.show()
        self.checks.raise_()
        if self.checks.view is not None:
            self.checks.view.tree.setFocus()

    # -- commands ------------------------------------------------------------------------------------
    def acknowledge(self, finding: Finding) -> None:
        from gui.shell import dialogs
        from gui.shell.checks_panel import acknowledge

        text = dialogs.ask_ack(self, finding)
        if text is not None:
            acknowledge(self.doc, finding, text)

    def export(self, kind: str) -> None:
        from gui.pages.final_page import FinalPage

        page = self.go_to_page("final")
        if isinstance(page, FinalPage):
            page.choose_and_export(kind)

    def print_preview(self) -> None:
        from gui.shell import printing

        printing.preview(self, self.doc.report, self.doc.findings)

    def print_report(self) -> None:
        from gui.shell import printing

        printing.print_report(self, self.doc.report, self.doc.findings)

    def set_font_size(self, pt: int) -> None:
        from gui.shell import style

        settings.set_font_size(pt)
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a window exists, so the application does
        style.apply(app, pt)
        key = self.current_key()
        self._build_pages()  # headings and the table grid size themselves from the font when built
        self.go_to_page(key)

    def _start_lock_refresh(self) -> None:
        """Touch the project's lock now and then, so other instances see this one still has it open."""
        from model.lock import REFRESH_SECONDS

        timer = getattr(self, "_lock_timer", None)
        if timer is None:
            timer = QTimer(self)
            timer.setInterval(int(REFRESH_SECONDS * 1000))
            timer.timeout.connect(lambda: self._doc.lock.refresh() if self._doc and self._doc.lock else None)
            self._lock_timer = timer
        timer.start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._doc is not None and not self.files.may_close_document():  # the bare frame holds no work
            event.ignore()
            return
        if self.autosaver is not None:
            self.autosaver.stop()
        if self._doc is not None and self._doc.lock is not None:
            self._doc.lock.release()
        settings.settings().setValue("window/geometry", self.saveGeometry())
        event.accept()
