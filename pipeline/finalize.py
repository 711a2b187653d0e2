"""Stage: finalize – what a template cannot express, applied to the rendered body, then packaged.

The signature block must never start a page alone (NĐ 30 practice, legal-facts D.8): its table
row does not split, and the last paragraph of the text is kept with it. Which paragraph is last
is only known after loops and conditions ran, so it is set here, on the rendered XML, with
python-docx's oxml layer.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from .docxpkg import CoreProperties, build_zip
from .nd30.frame import SIGNATURE_TABLE_CAPTION
from .template import PreparedTemplate


def finalize(template: PreparedTemplate, document_xml: bytes, core: CoreProperties, *, draft: bool = False) -> bytes:
    """Return the finished .docx bytes; a draft's pages carry the "DỰ THẢO" mark."""
    root = parse_xml(document_xml)
    _keep_text_with_signature(root)
    body_xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return build_zip(template.static, body_xml, core, draft=draft)


def _keep_text_with_signature(root: etree._Element) -> None:
    body = root.find(qn("w:body"))
    for table in body.iterchildren(qn("w:tbl")):
        caption = table.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
        if caption is not None and caption.get(qn("w:val")) == SIGNATURE_TABLE_CAPTION:
            _keep_previous_paragraphs(table)


def _keep_previous_paragraphs(table: etree._Element) -> None:
    # Keep every paragraph from the last one with text down to the table (empty spacers included).
    node = table.getprevious()
    while node is not None and node.tag == qn("w:p"):
        node.get_or_add_pPr().keepNext_val = True
        if "".join(node.itertext()).strip():
            return
        node = node.getprevious()
