"""Read a produced .docx back into plain facts (texts, layout) that tests compare."""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.shared import Length


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _mm(length: Length | None) -> float | None:
    return None if length is None else round(length.mm, 1)


def _cell_texts(table: Any) -> list[list[list[str]]]:
    return [[[p.text for p in cell.paragraphs] for cell in row.cells] for row in table.rows]


def _start(section: Any) -> int | None:
    numbering = section._sectPr.find(qn("w:pgNumType"))
    start = None if numbering is None else numbering.get(qn("w:start"))
    return None if start is None else int(start)


def facts(data: bytes) -> dict[str, Any]:
    """Texts of every block in order, and the page setup: what a golden file records."""
    document = open_docx(data)
    blocks: list[Any] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(element, document)
            if paragraph.text:
                style = paragraph.style.style_id
                blocks.append(paragraph.text if style == "Normal" else f"[{style}] {paragraph.text}")
        elif element.tag == qn("w:tbl"):
            table = docx.table.Table(element, document)
            blocks.append(
                {
                    "table": _cell_texts(table),
                    "repeated_header_rows": len(element.xpath("./w:tr[w:trPr/w:tblHeader]")),
                    "rows_that_may_split": len(element.xpath("./w:tr[not(w:trPr/w:cantSplit)]")),
                }
            )
    section = document.sections[0]
    return {
        "blocks": blocks,
        "page": {
            "width_mm": _mm(section.page_width),
            "height_mm": _mm(section.page_height),
            "margins_mm": [
                _mm(section.top_margin),
                _mm(section.right_margin),
                _mm(section.bottom_margin),
                _mm(section.left_margin),
            ],
            "different_first_page": section.different_first_page_header_footer,
        },
        # Later sections are appendices: their orientation and where their page numbers start.
        "appendix_sections": [
            {
                "landscape": appendix.page_width > appendix.page_height,
                "page_numbers_from": _start(appendix),
            }
            for appendix in document.sections[1:]
        ],
        "core": {
            "title": document.core_properties.title,
            "author": document.core_properties.author,
            "created": document.core_properties.created.isoformat(),
        },
    }
