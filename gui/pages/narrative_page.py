"""A narrative section (the opening paragraphs, 一, 五, 六): the editor on the left, the official guidance
for the section beside it (what it must cover, the usual sub-headings), sub-heading and picture insertion,
a character count, the roll-forward review marks with their 已核对 actions, 查找/替换 (Ctrl+F, Ctrl+H) and
next/previous mark (F3, Shift+F3: the phrases findings point at and the sentences copied from last year).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui import texts
from gui.shell import folders, settings
from gui.session.document import Document
from gui.pages.base import RedrawWhenShown, heading, mark_widget, page_layout
from gui.pages.block_editor import BlockEditor, UndoRouter, with_review_cleared
from gui.pages.find_bar import FindBar
from model.checks import Finding
from model.edits import SetBlocks
from model.narrative import find
from model.narrative.draft import draft_blocks, has_templates

REPEAT_BG = QColor("#dcecfb")  # sentences the same as last year's report
IMAGE_TYPES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".bmp": "bmp"}


class _WrappingButton(QFrame):
    """A clickable card whose text wraps (a QPushButton cannot): official sub-headings are long and must
    never be cut off. Focusable with Tab, pressed with Enter or Space like a button."""

    clicked = Signal()

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(text)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 5, 10, 5)
        lay.addWidget(self.label)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
        else:
            super().keyPressEvent(event)


class NarrativePage(QWidget):
    shows_notices = False

    def __init__(self, doc: Document, section: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.key = section
        self._pushing = False
        self._last_keys: tuple[object, frozenset[str]] | None = None
        suggested: tuple[str, ...]
        if section == "preamble":
            title, guidance, suggested = texts.PAGE_PREAMBLE, texts.PREAMBLE_GUIDANCE, ()
        else:
            sdef = doc.report.format.section(section)
            title, guidance, suggested = sdef.heading, sdef.guidance, sdef.suggested_headings
        self.title = title
        self.suggested = suggested

        lay = page_layout(self)
        self.btn_guidance = QPushButton()
        self.btn_guidance.setCheckable(True)
        self.btn_guidance.setToolTip(texts.NARR_GUIDANCE_TIP)
        top = QHBoxLayout()  # the heading, and on its right (where there is room) the guidance's toggle
        top.addWidget(heading(title), 1)
        top.addWidget(self.btn_guidance, 0, Qt.AlignmentFlag.AlignBottom)
        lay.addLayout(top)
        body = QHBoxLayout()
        body.setSpacing(16)
        lay.addLayout(body, 1)

        left = QVBoxLayout()
        left.setSpacing(8)
        tools = QHBoxLayout()
        self.btn_heading = QPushButton(texts.NARR_INSERT_HEADING)
        self.btn_heading.clicked.connect(self._insert_heading)
        self.btn_image = QPushButton(texts.NARR_INSERT_IMAGE)
        self.btn_image.clicked.connect(self.choose_image)
        self.btn_draft = QPushButton(texts.NARR_DRAFT)
        self.btn_draft.setToolTip(texts.NARR_DRAFT_TIP)
        self.btn_draft.clicked.connect(self.insert_draft)
        self.btn_draft.setVisible(has_templates(doc.report.format.narrative, section))
        self.btn_review_one = QPushButton(texts.NARR_REVIEW_ONE)
        self.btn_review_one.clicked.connect(lambda: self.mark_reviewed(current_only=True))
        self.btn_review_all = QPushButton(texts.NARR_REVIEW_ALL)
        self.btn_review_all.clicked.connect(lambda: self.mark_reviewed(current_only=False))
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.repeat_label = QLabel()  # how much of this section repeats last year's report
        self.repeat_label.setObjectName("muted")
        for w in (self.btn_heading, self.btn_image, self.btn_draft):
            tools.addWidget(w)
        self.mark_label = QLabel()  # where F3 / Shift+F3 is among the marked phrases
        self.mark_label.setObjectName("muted")
        tools.addStretch(1)
        tools.addWidget(self.mark_label)
        tools.addWidget(self.repeat_label)
        tools.addWidget(self.count_label)
        left.addLayout(tools)
        # The review bar: what roll-forward marked, and the two ways to clear the marks.
        self.review_bar = QFrame()
        self.review_bar.setObjectName("reviewBar")
        bar = QVBoxLayout(self.review_bar)
        bar.setContentsMargins(10, 8, 10, 8)
        self.review_banner = QLabel()
        self.review_banner.setObjectName("reviewBanner")
        self.review_banner.setWordWrap(True)
        bar.addWidget(self.review_banner)
        buttons = QHBoxLayout()
        buttons.addWidget(self.btn_review_one)
        buttons.addWidget(self.btn_review_all)
        buttons.addStretch(1)
        bar.addLayout(buttons)
        left.addWidget(self.review_bar)
        self.issue_banner = QLabel()
        self.issue_banner.setObjectName("issueBanner")
        self.issue_banner.setWordWrap(True)
        left.addWidget(self.issue_banner)
        self.find_bar = FindBar()
        self.find_bar.step.connect(self.find_step)
        self.find_bar.replace_one.connect(self.replace_one)
        self.find_bar.replace_every.connect(self.replace_all)
        self.find_bar.find_edit.textChanged.connect(self._count_matches)
        left.addWidget(self.find_bar)
        self.editor = BlockEditor()
        self.editor.setObjectName("narrativeEditor")
        self.editor.setPlaceholderText(texts.NARR_PLACEHOLDER)
        self.editor.setAccessibleName(title)
        self.editor.installEventFilter(UndoRouter(doc.undo_stack, self))
        self.editor.edited.connect(self._on_edited)
        self.find_bar.closed.connect(lambda: self.editor.setFocus(Qt.FocusReason.OtherFocusReason))
        left.addWidget(self.editor, 1)
        body.addLayout(left, 1)
        self.guidance = self._guidance_panel(guidance, suggested)
        body.addWidget(self.guidance)
        # The guidance beside the editor halves its width on a 1366×768 screen: a clerk who knows what to
        # write hides it, and every narrative page remembers that (gui/shell/settings.py).
        self.btn_guidance.toggled.connect(self.set_guidance_visible)
        self.btn_guidance.setChecked(settings.guidance_visible())
        self.set_guidance_visible(self.btn_guidance.isChecked(), remember=False)

        self._repeat_spans: list[tuple[int, int, int]] = []
        # Ctrl+F/Ctrl+H/F3 are free in the main window's actions; scoped to this page so a table page keeps them.
        for keys, slot in (
            (QKeySequence.StandardKey.Find, lambda: self.open_find(replace=False)),
            (QKeySequence("Ctrl+H"), lambda: self.open_find(replace=True)),
            (QKeySequence("F3"), lambda: self.mark_step(1)),
            (QKeySequence("Shift+F3"), lambda: self.mark_step(-1)),
        ):
            sc = QShortcut(keys, self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

        doc.changed.connect(self._on_changed)
        self._marks = RedrawWhenShown(self, self._show_findings)
        doc.findings_changed.connect(self._marks)
        self.refresh()

    def _guidance_panel(self, guidance: str, suggested: tuple[str, ...]) -> QWidget:
        panel = QFrame()
        panel.setObjectName("guidance")
        panel.setFixedWidth(300)
        lay = QVBoxLayout(panel)
        lay.setContentsMargins(16, 14, 16, 14)
        lay.setSpacing(8)
        lay.addWidget(heading(texts.NARR_GUIDANCE, level=2))
        text = QLabel(guidance)
        text.setWordWrap(True)
        text.setObjectName("guidanceText")
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(text)
        if suggested:
            lay.addSpacing(6)
            lay.addWidget(heading(texts.NARR_HEADINGS, level=2))
            self.heading_buttons = []
            for h in suggested:
                b = _WrappingButton(h)
                b.setObjectName("headingChip")
                b.clicked.connect(lambda _=False, h=h: self.insert_heading(h))
                lay.addWidget(b)
                self.heading_buttons.append(b)
        lay.addStretch(1)
        return panel

    def set_guidance_visible(self, visible: bool, remember: bool = True) -> None:
        self.guidance.setVisible(visible)
        self.btn_guidance.setText(texts.NARR_GUIDANCE_HIDE if visible else texts.NARR_GUIDANCE_SHOW)
        if self.btn_guidance.isChecked() != visible:
            self.btn_guidance.setChecked(visible)
        if remember:
            settings.set_guidance_visible(visible)

    # -- model → view ------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self._marks.shown()
        super().showEvent(event)
        self.set_guidance_visible(settings.guidance_visible(), remember=False)  # as chosen on another page

    def _on_changed(self, changes) -> None:
        if self.key in changes.sections and not self._pushing:
            self.refresh()  # undo/redo or an import: show the report's text again

    def refresh(self) -> None:
        self.editor.set_blocks(self.doc.report.blocks(self.key))
        self._update_status()
        self._show_findings()

    def _update_status(self) -> None:
        blocks = self.doc.report.blocks(self.key)
        n = sum(len("".join(b.text.split())) for b in blocks if b.kind != "image")
        self.count_label.setText(texts.NARR_COUNT.format(n=n))
        reviews = sum(1 for b in blocks if b.needs_review)
        self.review_bar.setVisible(reviews > 0)
        self.review_banner.setText(texts.NARR_REVIEW_BANNER.format(n=reviews))

    def _show_repeats(self) -> None:
        from model.narrative.similarity import settings, share, last_year_keys

        report = self.doc.report
        prev = report.previous
        if prev is None or not prev.narrative:
            self.repeat_label.hide()
            self._repeat_spans = []
            self.editor.mark_phrases([], REPEAT_BG)
            return
        cfg = settings(report.format.narrative)
        if self._last_keys is None or self._last_keys[0] is not prev:
            self._last_keys = (prev, last_year_keys(prev.narrative, cfg))
        part = share(report, self.key, self._last_keys[1], cfg)
        self.repeat_label.setVisible(part.sentences > 0)
        self.repeat_label.setText(texts.NARR_REPEATED.format(p=round(part.ratio * 100)))
        self.repeat_label.setToolTip(
            texts.NARR_REPEATED_TIP.format(n=part.sentences, c=part.copied_sentences, year=prev.year)
        )
        self._repeat_spans = list(part.spans)
        self.editor.mark_phrases(self._repeat_spans, REPEAT_BG)

    def _show_findings(self) -> None:
        if not self.doc.text_check_pending:  # on the typing pause, with the narrative checks
            self._show_repeats()
        found = [f for f in self.doc.findings_for_section(self.key) if f.severity == "error" or f.open]
        self.issue_banner.setVisible(bool(found))
        self.issue_banner.setText("\n".join(f"{f.title}：{f.message}" for f in found))
        mark_widget(self.issue_banner, found)
        mark_widget(self.editor, found)

    # -- view → model ------------------------------------------------------------------------------
    def _on_edited(self) -> None:
        self._push(self.editor.blocks(), texts.NARR_EDIT.format(name=self.title), merge=True)

    def _push(self, blocks, text: str, merge: bool = False) -> None:
        if blocks == self.doc.report.blocks(self.key):
            return
        self._pushing = True
        try:
            # One undo step per burst of typing in this section (the Document merges by key).
            self.doc.push(SetBlocks(self.key, tuple(blocks)), text, merge_key=f"section:{self.key}" if merge else None)
        finally:
            self._pushing = False
        self._update_status()

    def insert_draft(self) -> None:
        """The paragraphs drafted from the numbers, after the clerk's text (never over it), as one undo step."""
        drafted = draft_blocks(self.doc.report, self.key)
        if not drafted:
            from gui.shell import dialogs

            dialogs.show_info(self, texts.NARR_DRAFT.replace("(&D)", ""), texts.NARR_DRAFT_NONE)
            return
        blocks = [*self.doc.report.blocks(self.key), *drafted]
        self._push(blocks, texts.NARR_DRAFT_EDIT.format(name=self.title))
        self.refresh()

    def _insert_heading(self) -> None:
        present = {b.text for b in self.doc.report.blocks(self.key) if b.kind == "heading"}
        nxt = next((h for h in self.suggested if h not in present), None)
        if nxt is None:
            self.insert_heading(texts.NARR_HEADING_DEFAULT, select=True)  # a placeholder to type over
        else:
            self.insert_heading(nxt)

    def insert_heading(self, text: str, select: bool = False) -> None:
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.insert_heading(text, select)

    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, texts.NARR_INSERT_IMAGE.replace("(&I)…", ""), folders.last_folder(), texts.IMAGE_FILTER
        )
        if path:
            folders.remember(path)
            self.insert_image_file(path)

    def insert_image_file(self, path: str) -> bool:
        try:
            data = Path(path).read_bytes()
        except OSError:
            data = b""
        image_type = IMAGE_TYPES.get(Path(path).suffix.lower(), "png")
        if not data or not self.editor.insert_image(data, image_type):
            from gui.shell import dialogs

            dialogs.show_error(self, texts.NARR_INSERT_IMAGE.replace("(&I)…", ""), texts.NARR_IMAGE_FAILED)
            return False
        return True

    def mark_reviewed(self, current_only: bool) -> None:
        blocks = self.doc.report.blocks(self.key)
        index = self.editor.current_index() if current_only else None
        if current_only and (index is None or index < 0 or not blocks[index].needs_review):
            return
        label = texts.NARR_REVIEW_ONE.replace("(&K)", "") if current_only else texts.NARR_REVIEW_ALL
        self._push(with_review_cleared(blocks, index), f"{self.title}：{label}")
        self.refresh()

    # -- navigation --------------------------------------------------------------------------------
    def focus_finding(self, finding: Finding | None = None) -> None:
        """Put the cursor in the editor; for a finding about a phrase, select that phrase."""
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if finding is not None and finding.phrase is not None:
            index, start, end = finding.phrase
            blocks = self.doc.report.blocks(self.key)
            phrase = blocks[index].text[start:end] if 0 <= index < len(blocks) else ""
            self.editor.select_phrase(index, start, end, phrase)

    # -- find and replace --------------------------------------------------------------------------
    def open_find(self, replace: bool) -> None:
        self.find_bar.open(replace, self.editor.textCursor().selectedText())
        self._count_matches()

    def _matches(self) -> list[tuple[int, int, int]]:
        return find.matches(self.doc.report.blocks(self.key), self.find_bar.find_edit.text())

    def _count_matches(self) -> None:
        needle = self.find_bar.find_edit.text()
        n = len(self._matches())
        self.find_bar.status.setText(
            "" if not needle else texts.FIND_COUNT.format(n=n) if n else texts.FIND_NONE.format(text=needle)
        )

    def _select(self, spans: list[tuple[int, int, int]], span: tuple[int, int, int], what: str) -> None:
        blocks = self.doc.report.blocks(self.key)
        index, start, end = span
        self.editor.select_phrase(index, start, end, blocks[index].text[start:end])
        self.find_bar.status.setText(what.format(i=spans.index(span) + 1, n=len(spans)))

    def _step(self, spans: list[tuple[int, int, int]], direction: int) -> tuple[int, int, int] | None:
        if not spans:
            return None
        at = self.editor.model_position()
        if direction > 0:
            skip = 1 if self.editor.textCursor().hasSelection() else 0
            return next((s for s in spans if (s[0], s[1]) >= (at[0], at[1] + skip)), spans[0])
        return next((s for s in reversed(spans) if (s[0], s[1]) < at), spans[-1])

    def find_step(self, direction: int) -> None:
        spans = self._matches()
        span = self._step(spans, direction)
        if span is None:
            self._count_matches()
            return
        self._select(spans, span, texts.FIND_AT)

    def _selected_match(self) -> tuple[int, int, int] | None:
        needle = self.find_bar.find_edit.text()
        if not needle or self.editor.textCursor().selectedText() != needle:
            return None
        at = self.editor.model_position()
        return next((s for s in self._matches() if (s[0], s[1]) == at), None)

    def _replace_text(self) -> str:
        old, new = self.find_bar.find_edit.text(), self.find_bar.replace_edit.text()
        return texts.REPLACE_EDIT.format(name=self.title, old=old, new=new)

    def replace_one(self) -> None:
        """Replace the occurrence selected (one undo step), then select the next; with none selected, find it."""
        span = self._selected_match()
        if span is None:
            self.find_step(1)
            return
        new = self.find_bar.replace_edit.text()
        self._push(find.replace_at(self.doc.report.blocks(self.key), span, new), self._replace_text())
        self.refresh()
        spans = self._matches()
        after = (span[0], span[1] + len(new))
        nxt = next((s for s in spans if (s[0], s[1]) >= after), spans[0] if spans else None)
        if nxt is None:
            self._count_matches()
        else:
            self._select(spans, nxt, texts.FIND_AT)

    def replace_all(self) -> None:
        """Every occurrence in this section, as one undo step."""
        needle = self.find_bar.find_edit.text()
        blocks, n = find.replace_all(self.doc.report.blocks(self.key), needle, self.find_bar.replace_edit.text())
        if not n:
            self._count_matches()
            return
        self._push(blocks, self._replace_text())
        self.refresh()
        self.find_bar.status.setText(texts.REPLACED.format(n=n))

    # -- next/previous mark ------------------------------------------------------------------------
    def marks(self) -> list[tuple[int, int, int]]:
        """The phrases this page marks, in reading order: those the open findings point at (wrong years,
        numbers that disagree with the tables) and the sentences copied from last year."""
        spans = {f.phrase for f in self.doc.findings_for_section(self.key) if f.phrase is not None and f.open}
        spans.update(self._repeat_spans)
        return sorted(spans)

    def mark_step(self, direction: int) -> None:
        spans = self.marks()
        self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
        span = self._step(spans, direction)
        if span is None:
            self.mark_label.setText(texts.MARK_NONE)
            return
        blocks = self.doc.report.blocks(self.key)
        index, start, end = span
        self.editor.select_phrase(index, start, end, blocks[index].text[start:end])
        self.mark_label.setText(texts.MARK_AT.format(i=spans.index(span) + 1, n=len(spans)))
