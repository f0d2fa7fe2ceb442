"""Small modal dialogs, one function each. The main window calls them through this module, so tests can
replace any of them (monkeypatch) instead of waiting on a modal event loop.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSpacerItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui import texts
from model.checks import Finding
from model.edits import MIN_ACK_LENGTH
from model.errors import NianbaoError


# Room the title bar takes besides its text: the window icon and the minimise/close buttons (Windows 10/11).
TITLE_BAR_EXTRA = 160


def _run(box: QMessageBox) -> int:
    """Show `box` modally (tests replace this to inspect a box without a modal loop)."""
    return box.exec()


class _TitledBox(QMessageBox):
    """A QMessageBox wide enough for its whole title: Qt sizes a box by its text alone, so a short text under
    "报告中还有错误 — 政府信息公开年报助手" left the title bar reading "报告中还有错…公开年报助手"."""

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        # QMessageBox rebuilds its layout whenever text or buttons change and sizes itself from the layout's
        # minimum when shown (setMinimumWidth is ignored): so the spacer goes into the final layout, here.
        layout = self.layout()
        if isinstance(layout, QGridLayout) and layout.property("titleSpacer") is None:
            full = f"{self.windowTitle()} — {texts.APP_NAME}"
            need = self.fontMetrics().horizontalAdvance(full) + TITLE_BAR_EXTRA
            spacer = QSpacerItem(need, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
            layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())
            layout.setProperty("titleSpacer", True)
        super().showEvent(event)


def message_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
    parent: QWidget | None = None,
) -> QMessageBox:
    return _TitledBox(icon, title, text, buttons, parent)


def _three_way(
    parent: QWidget | None,
    icon,
    title: str,
    text: str,
    info: str,
    answers: tuple[tuple[str, str], tuple[str, str], tuple[str, str]],
) -> str:
    """A message box with an accept, a destructive and a reject button; returns the chosen answer's key
    (the reject key also when the box is closed with Esc or the title bar)."""
    box = message_box(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(info)
    (yes_key, yes_text), (destroy_key, destroy_text), (reject_key, reject_text) = answers
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    destroy = box.addButton(destroy_text, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(reject_text, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)
    _run(box)
    clicked = box.clickedButton()
    return yes_key if clicked is yes else destroy_key if clicked is destroy else reject_key


def ask_unsaved(parent: QWidget, name: str) -> str:
    """ "save" | "discard" | "cancel"."""
    return _three_way(
        parent,
        QMessageBox.Icon.Warning,
        texts.UNSAVED_TITLE,
        texts.UNSAVED_TEXT.format(name=name),
        texts.UNSAVED_INFO,
        (("save", texts.BTN_SAVE), ("discard", texts.BTN_DISCARD), ("cancel", texts.BTN_CANCEL)),
    )


def show_save_error(parent: QWidget, exc: NianbaoError) -> bool:
    """The failure in one dialog; True when the clerk chooses 另存为."""
    box = message_box(
        QMessageBox.Icon.Warning, texts.SAVE_FAILED_TITLE, exc.message, QMessageBox.StandardButton.NoButton, parent
    )
    if exc.hint:
        box.setInformativeText(exc.hint)
    save_as = box.addButton(texts.BTN_SAVE_AS, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(texts.BTN_CANCEL, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save_as)
    _run(box)
    return box.clickedButton() is save_as


def show_error(parent: QWidget, title: str, exc: NianbaoError | str) -> None:
    if isinstance(exc, NianbaoError):
        box = message_box(QMessageBox.Icon.Warning, title, exc.message, QMessageBox.StandardButton.Ok, parent)
        if exc.hint:
            box.setInformativeText(exc.hint)
    else:
        box = message_box(QMessageBox.Icon.Warning, title, str(exc), QMessageBox.StandardButton.Ok, parent)
    _run(box)


def show_info(parent: QWidget, title: str, text: str, details: str = "") -> None:
    box = message_box(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setInformativeText(details)
    _run(box)


def confirm_force_export(parent: QWidget, exc: NianbaoError) -> bool:
    box = message_box(
        QMessageBox.Icon.Warning, texts.EXPORT_FORCE_TITLE, exc.message, QMessageBox.StandardButton.NoButton, parent
    )
    box.setInformativeText(exc.hint)
    force = box.addButton(texts.EXPORT_FORCE, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(texts.BTN_CANCEL, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    _run(box)
    return box.clickedButton() is force


def confirm_no_date(parent: QWidget, notice: str) -> bool:
    """Before exporting a report without its 落款 date: True to export all the same."""
    box = message_box(
        QMessageBox.Icon.Warning, texts.NO_DATE_TITLE, notice, QMessageBox.StandardButton.NoButton, parent
    )
    go = box.addButton(texts.EXPORT_ANYWAY, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(texts.BTN_CANCEL, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go)
    _run(box)
    return box.clickedButton() is go


def ask_locked(parent: QWidget | None, name: str, who: str) -> str:
    """ "readonly" | "copy" | "cancel" when another instance has the project open (`who`: since when, by whom)."""
    return _three_way(
        parent,
        QMessageBox.Icon.Warning,
        texts.LOCKED_TITLE,
        texts.LOCKED_TEXT.format(name=name, who=who),
        texts.LOCKED_INFO,
        (("readonly", texts.BTN_OPEN_READ_ONLY), ("copy", texts.BTN_SAVE_COPY), ("cancel", texts.BTN_CANCEL)),
    )


def ask_recover(parent: QWidget | None, lines: list[str]) -> str:
    """ "recover" | "drop" | "later" for the recovery copies described by `lines`."""
    return _three_way(
        parent,
        QMessageBox.Icon.Question,
        texts.RECOVER_TITLE,
        texts.RECOVER_TEXT.format(n=len(lines)),
        "\n".join(lines) + "\n\n" + texts.RECOVER_INFO,
        (("recover", texts.BTN_RECOVER), ("drop", texts.BTN_DROP), ("later", texts.BTN_LATER)),
    )


class AckDialog(QDialog):
    """Write the explanation for a warning; OK stays disabled until it is long enough."""

    def __init__(self, finding: Finding, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(texts.ACK_TITLE)
        self.setMinimumWidth(480)
        lay = QVBoxLayout(self)
        head = QLabel(f"<b>{finding.title}</b><br>{finding.message}")
        head.setWordWrap(True)
        lay.addWidget(head)
        prompt = QLabel(texts.ACK_PROMPT.format(n=MIN_ACK_LENGTH))
        prompt.setWordWrap(True)
        lay.addWidget(prompt)
        self.edit = QPlainTextEdit(finding.acknowledged or "")
        self.edit.setTabChangesFocus(True)
        self.edit.setAccessibleName(texts.ACK_TITLE)
        lay.addWidget(self.edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.edit.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = len(self.edit.toPlainText().strip()) >= MIN_ACK_LENGTH
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def text(self) -> str:
        return self.edit.toPlainText().strip()


def ask_ack(parent: QWidget, finding: Finding) -> str | None:
    dlg = AckDialog(finding, parent)
    return dlg.text() if dlg.exec() == QDialog.DialogCode.Accepted else None


def ask_new_report(parent: QWidget) -> tuple[str, int] | None:
    """(agency, year) for a blank report; the year defaults to last year (reports are written in January)."""
    dlg = QDialog(parent)
    dlg.setWindowTitle(texts.NEW_TITLE)
    dlg.setMinimumWidth(420)
    form = QFormLayout(dlg)
    agency = QLineEdit()
    year = QSpinBox()
    year.setRange(2019, 2100)
    year.setValue(dt.date.today().year - 1)
    form.addRow(texts.NEW_AGENCY, agency)
    form.addRow(texts.NEW_YEAR, year)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dlg.accept)
    buttons.rejected.connect(dlg.reject)
    form.addRow(buttons)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    return agency.text().strip(), year.value()


def choose_backup(parent: QWidget, items: list[str]) -> int | None:
    """The index of the backup the clerk picks from `items` (newest first), or None."""
    from PySide6.QtWidgets import QListWidget

    from model.backups import KEEP

    dlg = QDialog(parent)
    dlg.setWindowTitle(texts.BACKUP_TITLE)
    dlg.resize(560, 380)
    lay = QVBoxLayout(dlg)
    intro = QLabel(texts.BACKUP_INTRO.format(n=KEEP))
    intro.setWordWrap(True)
    lay.addWidget(intro)
    listing = QListWidget()
    listing.addItems(items)
    listing.setCurrentRow(0)
    listing.itemActivated.connect(lambda _item: dlg.accept())
    lay.addWidget(listing, 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dlg.accept)
    buttons.rejected.connect(dlg.reject)
    lay.addWidget(buttons)
    if dlg.exec() != QDialog.DialogCode.Accepted or listing.currentRow() < 0:
        return None
    return listing.currentRow()


def show_import_log(parent: QWidget, summary: str, lines: list[str]) -> None:
    dlg = QDialog(parent)
    dlg.setWindowTitle(texts.IMPORT_LOG_TITLE)
    dlg.resize(620, 420)
    lay = QVBoxLayout(dlg)
    head = QLabel(summary)
    head.setWordWrap(True)
    lay.addWidget(head)
    body = QPlainTextEdit("\n".join(lines))
    body.setReadOnly(True)
    lay.addWidget(body)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    buttons.accepted.connect(dlg.accept)
    lay.addWidget(buttons)
    dlg.exec()


def show_about(parent: QWidget, version: str) -> None:
    box = message_box(QMessageBox.Icon.NoIcon, texts.ABOUT_TITLE, "", parent=parent)
    box.setWindowTitle(texts.ABOUT_TITLE)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(texts.ABOUT_TEXT.format(version=version))
    _run(box)
