"""A table section page (二, 三, 四): the section heading and its official guidance, the table drawn like
the published one, the "未填写的填0" step, the "合计按原文保留" banner for imported reports, a colour key,
and a status line saying what happened to the last entry or paste.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from gui.session.document import Document
from gui.session.notices import Notice
from gui.table.header import StickyHeader
from gui.table.model import COLOURS, ReportTableModel
from gui.table.view import ReportTableView
from model.checks import Finding
from model.edits import Changes, SetTotalsMode, fill_unfilled_with_zero

FILL_ZERO = "未填写的填0"
FILL_ZERO_TIP = "把本表中还空着的单元格都填上0（一步完成，可撤销）。合计会自动重算。"
FILL_ZERO_DONE = "已把{count}个未填写的单元格填为0。"
FILL_ZERO_NONE = "本表没有未填写的单元格。"
SHOW_PREVIOUS = "显示上年数"
SHOW_PREVIOUS_TIP = "在每个单元格下方用小字显示上年报告中的数字，便于对照。"
MANUAL_BANNER = (
    "合计按原文保留：这份报告来自已发布的文件，表中的合计保留了原文的数字，可以直接修改。"
    "改为自动计算后，合计将由各分项相加得出，不能再直接填写。"
)
TO_AUTO = "改为自动计算"
TO_AUTO_DONE = "合计已改为自动计算。"
HELP_LINE = "直接输入数字，按回车或Tab到下一格；可以从Excel或WPS表格复制一块数字后按Ctrl+V粘贴。"
LEGEND = (
    ("error", "有错误"),
    ("warning", "请核实"),
    ("computed", "自动计算的合计"),
    ("imported", "导入的数，尚未核对"),
    ("carried", "从上年结转，尚未核对"),
)
FLASH_MS = 2500


class TablePage(QWidget):
    shows_notices = True  # the status line below the table says what happened to an entry or paste

    def __init__(self, doc: Document, section_no: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.section_no = section_no
        sdef = doc.report.format.section(section_no)
        self.table = sdef.table or ""
        self.title = sdef.heading
        self.model = ReportTableModel(doc, self.table, self)
        self.view = ReportTableView(self.model)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll_area, 1)
        body = self._body = QWidget()
        self.scroll_area.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(28, 20, 28, 16)
        lay.setSpacing(10)

        heading = QLabel(sdef.heading)
        heading.setObjectName("pageHeading")
        heading.setWordWrap(True)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        lay.addWidget(heading)
        guidance = QLabel(sdef.guidance)
        guidance.setObjectName("pageIntro")
        guidance.setWordWrap(True)
        lay.addWidget(guidance)

        self.banner = self._banner()
        lay.addWidget(self.banner)

        bar = QHBoxLayout()
        self.fill_button = QPushButton(FILL_ZERO)
        self.fill_button.setToolTip(FILL_ZERO_TIP)
        self.fill_button.clicked.connect(self.fill_zero)
        bar.addWidget(self.fill_button)
        self.previous_box = QCheckBox(SHOW_PREVIOUS)
        self.previous_box.setToolTip(SHOW_PREVIOUS_TIP)
        self.previous_box.toggled.connect(self.model.set_show_previous)
        bar.addWidget(self.previous_box)
        bar.addStretch(1)
        lay.addLayout(bar)
        lay.addWidget(_legend())

        help_line = QLabel(HELP_LINE)
        help_line.setObjectName("muted")
        help_line.setStyleSheet("color: #5f6b7a;")
        help_line.setWordWrap(True)
        lay.addWidget(help_line)
        lay.addWidget(self.view)
        lay.addStretch(1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setContentsMargins(28, 6, 28, 8)
        self.status.setStyleSheet("color: #8a4b00;")
        self.status.hide()  # shown with the first message, so an empty line takes no room
        outer.addWidget(self.status)

        self.sticky_header = StickyHeader(self.view, self.scroll_area)

        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        doc.changed.connect(self._on_changed)
        doc.notices.posted.connect(self._on_notice)
        self._update_controls()

    def _banner(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("totalsBanner")
        frame.setStyleSheet("#totalsBanner { background: #fff4d6; border: 1px solid #e6c36a; border-radius: 4px; }")
        row = QHBoxLayout(frame)
        row.setContentsMargins(12, 8, 12, 8)
        text = QLabel(MANUAL_BANNER)
        text.setWordWrap(True)
        row.addWidget(text, 1)
        self.auto_button = QPushButton(TO_AUTO)
        self.auto_button.clicked.connect(self.switch_to_auto)
        row.addWidget(self.auto_button, 0, Qt.AlignmentFlag.AlignVCenter)
        return frame

    # -- public ----------------------------------------------------------------------------------
    def focus_finding(self, finding: Finding) -> None:
        if finding.cells:
            self.focus_cell(finding.cells[0])

    def focus_cell(self, key: str) -> None:
        """Select a cell, scroll it into sight and flash a frame round it (a finding was clicked)."""
        if key not in self.model.grid.value_keys():
            return
        self.view.select_key(key)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        rect = self.view.visualRect(self.model.index_of(key))
        centre = self.view.viewport().mapTo(self._body, rect.center())
        self.scroll_area.ensureVisible(centre.x(), centre.y(), rect.width(), rect.height() * 3)
        self.model.set_flash(key)
        self._flash_timer.start()

    def refresh(self) -> None:
        """Redraw everything from the report (e.g. after the main window replaced it wholesale)."""
        self.model.refresh_all()
        self.view.fit()
        self._update_controls()

    def show_message(self, text: str) -> None:
        """Say it in the status line (the document's notices, and the page's own results, come here)."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self.view.currentIndex().isValid():
            # Start where a clerk starts on paper: the first cell to fill (typing then goes straight in).
            keys = self.view.entry_keys()
            if keys:
                self.view.setCurrentIndex(self.model.index_of(keys[0]))

    # -- actions ---------------------------------------------------------------------------------
    def fill_zero(self) -> None:
        edit = fill_unfilled_with_zero(self.doc.report, self.table)
        if not edit.edits:
            self.show_message(FILL_ZERO_NONE)
            return
        if self.doc.push(edit, FILL_ZERO):
            self.show_message(FILL_ZERO_DONE.format(count=len(edit.edits)))

    def switch_to_auto(self) -> None:
        if self.doc.push(SetTotalsMode("auto"), TO_AUTO):
            self.show_message(TO_AUTO_DONE)

    def _end_flash(self) -> None:
        self.model.set_flash(None)

    def _update_controls(self) -> None:
        self.banner.setVisible(self.doc.report.totals_mode == "manual")
        self.previous_box.setVisible(self.model.has_previous())

    def _on_changed(self, changes: Changes) -> None:
        if changes.settings:
            self._update_controls()

    def _on_notice(self, notice: Notice) -> None:
        if self.isVisible() and notice.scope == "edit":
            self.show_message(notice.text)


def _legend() -> QLabel:
    """The colour key as one wrapping line of text chips in the cells' own tints, so it never makes the page
    wider than the window."""
    chips = "　".join(
        f'<span style="background-color:{COLOURS[name]};">&nbsp;{text}&nbsp;</span>' for name, text in LEGEND
    )
    label = QLabel(f'<span style="color:#3d4653;">颜色：{chips}</span>')
    label.setWordWrap(True)
    return label
