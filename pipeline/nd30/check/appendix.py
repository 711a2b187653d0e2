"""Phụ lục (PL1 Phần III mục 1): the heading of an appendix section."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.core.errors import Finding
from pipeline.nd30 import spec
from pipeline.nd30.check.common import _style_finding
from pipeline.nd30.check.header import _check_motto, _check_national_title
from pipeline.nd30.check.locate import _Layout
from pipeline.nd30.check.model import _Document, _Para


# --- Phụ lục (PL1 Phần III mục 1) ---

# What a form's Quốc hiệu and Tiêu ngữ are held to: their words (NĐ 30/2020, Phụ lục I, Phần II,
# mục 1); their place and rules belong to the frame of a document, which a form does not follow.
_FORM_HEADER_CODES = frozenset({"ND30-NATIONAL-TITLE-SPELLING", "ND30-MOTTO"})


def _check_form_header(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    """The Quốc hiệu and Tiêu ngữ a form carries, spelt as the law writes them."""
    checks = [*((_check_national_title,) if layout.national_title else ()), *((_check_motto,) if layout.motto else ())]
    yield from (f for check in checks for f in check(doc, layout) if f.code in _FORM_HEADER_CODES)


def _check_appendix(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    """An appendix section that opens with "Phụ lục": the label, its title and "(Kèm theo …)"."""
    # A stand-alone appendix is one section; else the appendices follow the document's signature and
    # Nơi nhận, in its section or in the next ones.
    stand_alone = layout.kind is not None and layout.kind.frame == "appendix"
    items = doc.main_items if stand_alone else [*layout.appendix, *doc.appendix_items]
    lines = [line for item in items if isinstance(item, _Para) for line in item.lines if line.text]
    if not lines or not lines[0].text.startswith(spec.APPENDIX_LABEL):
        return
    label, rest = lines[0], lines[1:]
    yield from _style_finding(doc, "ND30-APPENDIX-STYLE", label, spec.APPENDIX_LABEL_STYLE)
    reference = next((i for i, line in enumerate(rest) if line.text.startswith("(Kèm theo")), None)
    for line in rest[: reference if reference is not None else 1]:
        yield from _style_finding(doc, "ND30-APPENDIX-STYLE/title", line, spec.APPENDIX_TITLE_STYLE)
    if reference is not None:
        yield from _style_finding(
            doc, "ND30-APPENDIX-STYLE/reference", rest[reference], spec.APPENDIX_REFERENCE_STYLE
        )
