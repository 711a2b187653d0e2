"""Phụ lục (PL1 Phần III mục 1): the heading of an appendix section."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.core.errors import Finding
from pipeline.nd30 import spec
from pipeline.nd30.check.common import _style_finding
from pipeline.nd30.check.locate import _Layout
from pipeline.nd30.check.model import _Document, _Para


# --- Phụ lục (PL1 Phần III mục 1) ---


def _check_appendix(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    """An appendix section that opens with "Phụ lục": the label, its title and "(Kèm theo …)"."""
    # A stand-alone appendix is one section; else the appendices follow the frame's section.
    items = doc.main_items if layout.kind is not None and layout.kind.frame == "appendix" else doc.appendix_items
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
