"""The checks panel: every finding of the open report, grouped by section, errors red, warnings amber,
acknowledged warnings grey. A click (or Enter) takes the clerk to the page and cell; a warning can be
explained (acknowledged) or the explanation withdrawn. Used in the right-hand dock and on the final page.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import texts
from gui.session.document import Document
from gui.shell.navigator import page_of_section
from model.checks import META_SECTION, Finding, counts
from model.edits import SetAck

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
COLOURS = {"error": "#c62828", "warning": "#b86e00", "acked": "#7a7a7a"}


def finding_kind(f: Finding) -> str:
    return "error" if f.severity == "error" else ("warning" if f.open else "acked")


def _dot(colour: str, size: int = 12) -> QIcon:
    pm = QPixmap(size * 2, size * 2)
    pm.setDevicePixelRatio(2)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(colour))
    p.drawEllipse(1, 1, size - 2, size - 2)
    p.end()
    return QIcon(pm)


def section_name(doc: Document, section: str) -> str:
    if section == META_SECTION:
        return texts.PAGE_META
    if section == "preamble":
        return texts.PAGE_PREAMBLE
    try:
        return doc.report.format.section(section).heading
    except KeyError:
        return section


def finding_tooltip(f: Finding) -> str:
    lines = [f"【{texts.SEVERITY[finding_kind(f)]}】{f.title}", f.message]
    if f.hint:
        lines.append(texts.CHECKS_HINT.format(hint=f.hint))
    if f.acknowledged:
        lines.append(texts.CHECKS_ACKED.format(text=f.acknowledged))
    return "\n".join(lines)


class _WrapDelegate(QStyledItemDelegate):
    """Findings are sentences: draw them wrapped to the panel's width instead of cut off with "…"."""

    PAD = 4
    ICON = 16

    def _text_width(self, option: QStyleOptionViewItem, index) -> int:
        tree = option.widget
        depth = 1 if index.parent().isValid() else 0
        width = (
            tree.viewport().width() - depth * tree.indentation() if isinstance(tree, QTreeView) else 300
        ) - 2 * self.PAD
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            width -= self.ICON + 6
        return max(width, 80)

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt override
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        rect = opt.fontMetrics.boundingRect(
            QRect(0, 0, self._text_width(opt, index), 10_000), Qt.TextFlag.TextWordWrap, opt.text
        )
        return QSize(rect.width(), rect.height() + 2 * self.PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, icon = opt.text, index.data(Qt.ItemDataRole.DecorationRole)
        opt.text, opt.icon = "", QIcon()
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        r = opt.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        painter.save()
        if isinstance(icon, QIcon) and not icon.isNull():
            icon.paint(painter, QRect(r.left(), r.top() + 2, self.ICON, self.ICON))
            r.setLeft(r.left() + self.ICON + 6)
        painter.setFont(opt.font)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.setPen(brush.color() if brush is not None else opt.palette.text().color())
        painter.drawText(r, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
        painter.restore()


class _FindingsTree(QTreeWidget):
    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # wrapped rows change height with the width


class FindingsView(QWidget):
    """Summary line, grouped finding tree, details of the selected finding and its buttons."""

    go_to = Signal(object)  # Finding
    ack_requested = Signal(object)  # Finding

    def __init__(self, doc: Document, parent: QWidget | None = None, margin: int = 0):
        super().__init__(parent)
        self.doc = doc
        self.summary = QLabel()
        self.summary.setObjectName("checksSummary")
        self.tree = _FindingsTree()
        self.tree.setItemDelegate(_WrapDelegate(self.tree))
        self.tree.setObjectName("findings")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setIndentation(8)
        self.tree.setUniformRowHeights(False)
        self.tree.header().setStretchLastSection(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setAccessibleName(texts.CHECKS_TITLE)
        self.tree.itemClicked.connect(self._on_clicked)
        self.tree.itemActivated.connect(self._on_clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._show_details())
        self.details = QLabel()
        self.details.setObjectName("findingDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.btn_go = QPushButton(texts.CHECKS_GO)
        self.btn_ack = QPushButton(texts.CHECKS_ACK)
        self.btn_unack = QPushButton(texts.CHECKS_UNACK)
        self.btn_go.clicked.connect(lambda: self._emit(self.go_to))
        self.btn_ack.clicked.connect(lambda: self._emit(self.ack_requested))
        self.btn_unack.clicked.connect(self._withdraw)
        buttons = QHBoxLayout()
        for b in (self.btn_go, self.btn_ack, self.btn_unack):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(margin, margin, margin, margin)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        self.filler = QWidget()  # takes the tree's room when there is nothing to list
        lay.addWidget(self.filler, 1)
        lay.addWidget(self.details)
        lay.addLayout(buttons)
        doc.findings_changed.connect(self.refresh)
        self.refresh()

    # -- content ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.current_finding()
        keep_id = keep.id if keep else None
        self.tree.clear()
        errors, warnings = counts(self.doc.findings)
        if errors:
            self.summary.setText(texts.CHECKS_SUMMARY.format(errors=errors, warnings=warnings))
        elif warnings:
            self.summary.setText(texts.CHECKS_SUMMARY_NO_ERRORS.format(warnings=warnings))
        else:
            self.summary.setText(texts.CHECKS_CLEAN)
        self.summary.setProperty("state", "error" if errors else "warning" if warnings else "done")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        groups: dict[str, QTreeWidgetItem] = {}
        order = self._section_order()
        current = None
        for f in sorted(
            self.doc.findings,
            key=lambda f: (order.get(f.section, 99), finding_kind(f) != "error", finding_kind(f) == "acked"),
        ):
            group = groups.get(f.section)
            if group is None:
                group = QTreeWidgetItem(self.tree, [section_name(self.doc, f.section)])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                groups[f.section] = group
            kind = finding_kind(f)
            item = QTreeWidgetItem(group, [f"{f.title}：{f.message}"])
            item.setData(0, FINDING_ROLE, f)
            item.setIcon(0, _dot(COLOURS[kind]))
            item.setToolTip(0, finding_tooltip(f))
            if kind == "acked":
                item.setForeground(0, QBrush(QColor(COLOURS["acked"])))
            if f.id == keep_id:
                current = item
        self.tree.expandAll()
        has_items = bool(self.doc.findings)
        self.tree.setVisible(has_items)  # the summary line above already says "没有发现问题"
        self.filler.setVisible(not has_items)
        for b in (self.btn_go, self.btn_ack, self.btn_unack):
            b.setVisible(has_items)
        if current is not None:
            self.tree.setCurrentItem(current)
        self._show_details()

    def _section_order(self) -> dict[str, int]:
        order = {META_SECTION: 0, "preamble": 1}
        for i, s in enumerate(self.doc.report.format.sections):
            order[s.no] = 2 + i
        return order

    def items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            assert group is not None  # g < topLevelItemCount()
            out += [child for i in range(group.childCount()) if (child := group.child(i)) is not None]
        return out

    def item_for(self, finding_id: str) -> QTreeWidgetItem | None:
        for item in self.items():
            if item.data(0, FINDING_ROLE).id == finding_id:
                return item
        return None

    def current_finding(self) -> Finding | None:
        item = self.tree.currentItem()
        return item.data(0, FINDING_ROLE) if item is not None else None

    def _show_details(self) -> None:
        f = self.current_finding()
        self.btn_go.setEnabled(f is not None)
        self.btn_ack.setEnabled(f is not None and f.severity == "warning")
        self.btn_unack.setEnabled(f is not None and f.acknowledged is not None)
        if f is None:
            self.details.setText("")
            self.details.hide()
            return
        self.details.show()
        self.details.setText(finding_tooltip(f))

    # -- actions ---------------------------------------------------------------------------------
    def _on_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        f = item.data(0, FINDING_ROLE)
        if f is not None:
            self.go_to.emit(f)

    def _emit(self, signal) -> None:
        f = self.current_finding()
        if f is not None:
            signal.emit(f)

    def _withdraw(self) -> None:
        f = self.current_finding()
        if f is not None and f.acknowledged is not None:
            self.doc.push(SetAck(f.id, None), texts.ACK_WITHDRAW)


def acknowledge(doc: Document, finding: Finding, text: str) -> bool:
    """Store the clerk's explanation as one undo step (the model refuses fewer than six characters)."""
    at = dt.datetime.now().isoformat(timespec="seconds")
    return doc.push(SetAck(finding.id, text, at), texts.ACK_EDIT.format(title=finding.title))


class ChecksPanel(QDockWidget):
    """The dock that holds a FindingsView; re-targeted when the window opens another document."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(texts.CHECKS_TITLE, parent)
        self.setObjectName("checksDock")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.view: FindingsView | None = None

    def set_view(self, view: FindingsView) -> None:
        old = self.widget()
        self.setWidget(view)
        self.view = view
        if old is not None:
            old.deleteLater()


__all__ = ["ChecksPanel", "FindingsView", "acknowledge", "finding_kind", "finding_tooltip", "page_of_section"]
