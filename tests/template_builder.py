"""Small template .docx files built in tests, to exercise preparation and rendering."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from pipeline.docx.package import CoreProperties, TemplatePackage, build_zip, static_parts
from pipeline.nd30.frame import frame_parts

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def paragraph(text: str, style: str = "Normal") -> str:
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    )


def template_bytes(*paragraphs: str) -> bytes:
    body = "".join(paragraph(p) for p in paragraphs)
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_NS}><w:body>{body}</w:body></w:document>'
    package = TemplatePackage(document, {}, (), {})
    return build_zip(static_parts(package, frame_parts()), document.encode(), CoreProperties("t", "t", date(2026, 1, 1)))


def write_template(path: Path, *paragraphs: str) -> Path:
    path.write_bytes(template_bytes(*paragraphs))
    return path
