"""Template preparation: done once per template and batch, never once per document.

docxtpl re-reads, re-patches and re-compiles its template on every render (about 6× the cost of
the render itself, measured). hoso keeps docxtpl's tag language (``{{ }}``, ``{%p %}``,
``{%tr %}`` …) and its clean-up of the tags Word splits across runs, but runs that clean-up once,
wraps the body in the NĐ 30 frame, and compiles the result once in a sandboxed, auto-escaping,
strict Jinja environment. Rendering is then a plain call of the compiled template.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate

from pipeline.docx.package import PackedParts, read_template, static_parts
from pipeline.core.errors import Finding, TemplateError
from pipeline.core.messages import finding
from pipeline.nd30 import frame
from pipeline.nd30.frame import Layout
from pipeline.stages.sandbox import BoundedEnvironment, TemplateLimits

_BODY_RE = re.compile(r"(<w:body>)(.*)(</w:body>)", re.DOTALL)
_FINAL_SECT_RE = re.compile(r"<w:sectPr\b(?:(?!<w:sectPr\b).)*?</w:sectPr>\s*$", re.DOTALL)
_TAG_RE = re.compile(r"<[^>]+>")
_PARAGRAPH_RE = re.compile(r"<w:p[ >](?:(?!<w:p[ >]).)*?</w:p>", re.DOTALL)
APPENDIX_MARKERS = {"{# phụ lục #}": False, "{# phụ lục ngang #}": True}
"""A paragraph holding only one of these ends the main text; what follows is the appendix, in a
portrait or landscape section. Being Jinja comments, they print nothing if left elsewhere."""


def make_environment(limits: TemplateLimits = TemplateLimits()) -> jinja2.Environment:
    """The only Jinja environment hoso renders with.

    Sandboxed and bounded (:mod:`pipeline.stages.sandbox`) because a clerk may point hoso at
    templates from anywhere; ``autoescape`` because a
    value holding ``&`` or ``<`` otherwise breaks the XML and docxtpl's recovering parser silently
    drops the rest of the paragraph (measured); ``StrictUndefined`` so a missing value is an error,
    never a blank in a signed document.
    """
    return BoundedEnvironment(
        limits,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class PreparedTemplate:
    """A template ready to render many times: compiled document body plus the static parts,
    deflated once (every document of the template writes the same bytes for them)."""

    name: str
    source: str
    compiled: jinja2.Template
    parts: PackedParts


def prepare_template(path: Path, layout: Layout, env: jinja2.Environment) -> PreparedTemplate:
    """Read a template .docx, wrap its body in the NĐ 30 frame and compile it."""
    name = path.name
    try:
        package = read_template(path.read_bytes())
    except FileNotFoundError:
        raise TemplateError([finding("template.not_found", file=name, template=path)])
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        raise TemplateError([finding("template.not_docx", file=name)])
    source = _wrap_in_frame(package.document_xml, layout, name)
    try:
        compiled = env.from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError([_syntax_finding(exc, source, name)]) from None
    parts = frame.frame_parts()
    return PreparedTemplate(name, source, compiled, PackedParts.of(static_parts(package, parts), parts))


def _wrap_in_frame(document_xml: str, layout: Layout, name: str) -> str:
    match = _BODY_RE.search(document_xml)
    if match is None:
        raise TemplateError([finding("template.not_docx/no_body", file=name)])
    # The template's own page setup is replaced by the frame's (PL1 Phần I).
    body = _FINAL_SECT_RE.sub("", match.group(2))
    main, appendix, landscape = _split_appendix(body, name)
    wrapped = frame.head_xml(layout) + _patch(main) + frame.tail_xml(layout)
    if appendix is None:
        wrapped += frame.section_xml()
    else:
        wrapped += (
            frame.appendix_head_xml() + _patch(appendix)
            + frame.section_xml(landscape=landscape, restart_numbering=True)
        )
    xml = document_xml[: match.start(2)] + wrapped + document_xml[match.end(2):]
    # One paragraph per source line, so a Jinja line number points at a paragraph.
    return re.sub(r"(?<!\n)<w:p([ >])", r"\n<w:p\1", xml)


def _patch(body: str) -> str:
    return DocxTemplate.patch_xml(None, body)  # docxtpl's tag clean-up; it uses no instance state


def _split_appendix(body: str, name: str) -> tuple[str, str | None, bool]:
    """The main text, the appendix after the marker paragraph (or None) and its orientation."""
    markers = [
        (m, APPENDIX_MARKERS[text])
        for m in _PARAGRAPH_RE.finditer(body)
        if (text := unicodedata.normalize("NFC", _TAG_RE.sub("", m.group(0))).strip()) in APPENDIX_MARKERS
    ]
    if not markers:
        return body, None, False
    if len(markers) > 1:
        raise TemplateError([finding("template.appendix_markers", file=name)])
    marker, landscape = markers[0]
    return body[: marker.start()], body[marker.end():], landscape


def paragraph_text(source: str, lineno: int | None) -> str:
    """The visible text of the paragraph on a source line, to show where a template fails."""
    if not lineno:
        return ""
    lines = source.splitlines()
    if not 0 < lineno <= len(lines):
        return ""
    text = _TAG_RE.sub("", lines[lineno - 1]).strip()
    return text if len(text) <= 80 else text[:79] + "…"


def _syntax_finding(exc: jinja2.TemplateSyntaxError, source: str, name: str) -> Finding:
    where = paragraph_text(source, exc.lineno)
    if where:
        return finding("template.syntax/at", file=name, problem=exc.message, paragraph=where)
    return finding("template.syntax", file=name, problem=exc.message)
