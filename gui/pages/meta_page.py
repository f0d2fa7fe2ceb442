"""基本信息: agency, year, title, publication date, contact. Every edit is a SetMeta on the undo stack;
typing in one field merges into one undo step per field.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from gui import texts
from gui.session.document import Document
from gui.pages.base import RedrawWhenShown, heading, intro, mark_widget, page_layout
from model.checks import META_SECTION, Finding
from model.edits import SetMeta


class MetaPage(QWidget):
    key = "meta"
    shows_notices = False

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self._updating = False
        lay = page_layout(self)
        lay.addWidget(heading(texts.META_HEADING))
        lay.addWidget(intro(texts.META_INTRO))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(12)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.agency = QLineEdit()
        self.agency.setMaximumWidth(560)
        self.year = QSpinBox()
        self.year.setRange(2019, 2100)
        self.year.setFixedWidth(120)
        self.title = QLineEdit()
        self.title.setMaximumWidth(720)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.date.setFixedWidth(180)
        self.date_set = QCheckBox(texts.META_DATE_SET)
        self.date_unset = QLabel(texts.META_DATE_UNSET)
        self.date_unset.setObjectName("muted")
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_set)
        date_row.addWidget(self.date)
        date_row.addWidget(self.date_unset)
        date_row.addStretch(1)
        self.contact = QLineEdit()
        self.contact.setMaximumWidth(720)
        self.format_label = QLabel()
        self.format_label.setObjectName("muted")
        self.labels = {}
        for name, label_text, field in (
            ("agency", texts.META_AGENCY, self.agency),
            ("year", texts.META_YEAR, self.year),
            ("title", texts.META_TITLE, self.title),
            ("publication_date", texts.META_DATE, date_row),
            ("contact", texts.META_CONTACT, self.contact),
        ):
            label = QLabel(label_text)
            self.labels[name] = label
            form.addRow(label, field)
            if isinstance(field, QWidget):
                label.setBuddy(field)
        self.labels["publication_date"].setBuddy(self.date_set)
        form.addRow(QLabel(texts.META_FORMAT), self.format_label)
        lay.addLayout(form)
        lay.addStretch(1)
        self.fields: dict[str, QWidget] = {
            "agency": self.agency,
            "year": self.year,
            "title": self.title,
            "publication_date": self.date,
            "contact": self.contact,
        }
        self.agency.textEdited.connect(lambda t: self._set("agency", t))
        self.title.textEdited.connect(lambda t: self._set("title", t))
        self.contact.textEdited.connect(lambda t: self._set("contact", t))
        self.year.valueChanged.connect(lambda v: self._set("year", v))
        self.date.dateChanged.connect(self._date_changed)
        self.date_set.toggled.connect(self._date_toggled)
        doc.changed.connect(self._on_changed)
        self._marks = RedrawWhenShown(self, self._mark)
        doc.findings_changed.connect(self._marks)
        self.refresh()

    # -- model → widgets ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self._marks.shown()
        super().showEvent(event)

    def _on_changed(self, changes) -> None:
        if changes.meta or changes.settings:
            self.refresh()

    def refresh(self) -> None:
        m = self.doc.report.meta
        self._updating = True
        try:
            for widget, value in ((self.agency, m.agency), (self.title, m.title), (self.contact, m.contact)):
                if widget.text() != value:
                    widget.setText(value)
            self.title.setPlaceholderText(f"{m.default_title()}（{texts.META_TITLE_HINT}）")
            self.year.setValue(m.year or self.year.minimum())
            d = m.publication_date
            has_date = d is not None
            self.date_set.setChecked(has_date)
            self.date.setVisible(has_date)
            self.date_unset.setVisible(not has_date)
            if d is not None:
                self.date.setDate(QDate(d.year, d.month, d.day))
            fmt = self.doc.report.format
            self.format_label.setText(f"{fmt.name}（{fmt.doc_no}）")
        finally:
            self._updating = False
        self._mark()

    def _mark(self) -> None:
        found = self.doc.findings_for_section(META_SECTION)
        for name, widget in self.fields.items():
            # A date box cannot take a coloured frame under every style: the check box beside it carries the mark.
            target = self.date_set if name == "publication_date" else widget
            mark_widget(target, [f for f in found if f.field == name])

    # -- widgets → model ---------------------------------------------------------------------------
    def _set(self, name: str, value) -> None:
        if self._updating:
            return
        if getattr(self.doc.report.meta, name) == value:
            return
        label = re.sub(r"\(&.\)|：", "", self.labels[name].text())
        self.doc.push(SetMeta(name, value), texts.NARR_EDIT.format(name=label), merge_key=f"meta:{name}")

    def _date_toggled(self, on: bool) -> None:
        if self._updating:
            return
        if on:
            # A report is published in January after its year: start the calendar there.
            year = self.doc.report.meta.year or dt.date.today().year - 1
            self._set("publication_date", dt.date(year + 1, 1, 20))
        else:
            self._set("publication_date", None)

    def _date_changed(self, qd: QDate) -> None:
        if not self._updating and self.date_set.isChecked():
            self._set("publication_date", dt.date(qd.year(), qd.month(), qd.day()))

    # -- navigation --------------------------------------------------------------------------------
    def focus_finding(self, finding: Finding) -> None:
        widget = self.fields.get(finding.field)
        if widget is not None and not widget.isVisible():
            widget = self.date_set
        (widget or self.agency).setFocus(Qt.FocusReason.OtherFocusReason)
