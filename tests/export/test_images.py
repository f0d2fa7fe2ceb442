"""Embedded images: in order, at the width the clerk chose, never wider than the text; bad ones refused."""

from __future__ import annotations

import base64
import re

import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from export.docx_writer import docx_bytes
from export.html_writer import html_text
from model.errors import SaveFailed
from model.report import Block
from model.sample import load_sample
from tests.export.helpers import open_docx, png, with_images


def test_images_are_embedded_in_order_with_their_widths():
    doc = open_docx(docx_bytes(with_images()))
    inlines = list(doc.element.body.iter(qn("wp:inline")))
    assert len(inlines) == 2
    widths = [int(i.find(qn("wp:extent")).get("cx")) for i in inlines]
    assert widths[0] == Mm(80)
    assert widths[1] == Mm(156)  # a 4000 px wide picture is scaled down to the text width
    heights = [int(i.find(qn("wp:extent")).get("cy")) for i in inlines]
    assert heights[1] == pytest.approx(Mm(156) * 100 / 4000, rel=0.01)  # aspect ratio kept
    rids = [b.get(qn("r:embed")) for b in doc.element.body.iter(qn("a:blip"))]
    blobs = [doc.part.related_parts[r].blob for r in rids]
    assert blobs[0].startswith(b"\x89PNG") and blobs[0] == png(40, 20)
    texts = [p.text for p in doc.paragraphs]
    pic_paragraphs = [i for i, p in enumerate(doc.paragraphs) if list(p._p.iter(qn("wp:inline")))]
    assert texts.index("（一）主动公开") < pic_paragraphs[0] < texts.index("（二）依申请公开")
    assert pic_paragraphs[1] > texts.index("五、存在的主要问题及改进情况")


def test_picture_paragraph_is_not_clipped_by_the_exact_line_pitch():
    doc = open_docx(docx_bytes(with_images()))
    p = next(p for p in doc.paragraphs if list(p._p.iter(qn("wp:inline"))))
    style = doc.styles.element.xpath(f'w:style[@w:styleId="{p._p.pPr.pStyle.val}"]')[0]
    assert style.find(qn("w:pPr")).find(qn("w:spacing")).get(qn("w:lineRule")) == "auto"


def test_an_unreadable_image_is_refused_with_a_message_saying_where():
    report = load_sample()
    report.narrative["一"].append(Block("image", image=b"not a picture", image_type="png"))
    with pytest.raises(SaveFailed) as err:
        docx_bytes(report)
    assert "第一部分" in err.value.for_user() and "图片" in err.value.for_user()


def test_html_embeds_images_as_data_uris():
    text = html_text(with_images())
    srcs = re.findall(r'<img src="([^"]+)"', text)
    assert len(srcs) == 2 and all(s.startswith("data:image/png;base64,") for s in srcs)
    assert base64.b64decode(srcs[0].split(",", 1)[1]) == png(40, 20)
    assert "width:80mm" in text


def test_the_message_counts_pictures_within_their_section():
    report = load_sample()
    report.narrative["一"].append(Block("image", image=png(5, 5), image_type="png"))
    report.narrative["五"].append(Block("image", image=png(5, 5), image_type="png"))
    report.narrative["五"].append(Block("image", image=b"broken picture", image_type="gif"))
    with pytest.raises(SaveFailed) as err:
        docx_bytes(report)
    assert "第五部分的第2张图片" in err.value.for_user()
