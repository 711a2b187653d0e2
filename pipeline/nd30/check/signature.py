"""Chữ ký (PL1 Phần II mục 7) and Nơi nhận (mục 9.b)."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.core.errors import Finding
from pipeline.nd30 import spec
from pipeline.nd30.check.common import _style_finding
from pipeline.nd30.check.conventions import _quote
from pipeline.nd30.check.locate import _AUTHORITY, _is_caps, _Layout
from pipeline.nd30.check.model import _Document, _Line


# --- Chữ ký (PL1 Phần II mục 7) ---


def _check_signature(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for lines in layout.signature_blocks:
        signer = lines[-1] if lines and not _is_caps(lines[-1]) else None
        for line in lines:
            if _is_caps(line):
                yield from _authority(doc, line)
        if signer is not None:
            yield from _style_finding(doc, "ND30-SIGNER-STYLE", signer, spec.SIGNER_NAME_STYLE)


def _authority(doc: _Document, line: _Line) -> Iterator[Finding]:
    match = _AUTHORITY.match(line.text)
    expected = match["prefix"].replace("/", "") + "." if match else None
    if expected and not line.text.startswith(f"{expected} "):
        yield doc.finding("ND30-AUTHORITY-FORMAT", line.path, text=_quote(line.text), expected=expected)
    yield from _style_finding(doc, "ND30-AUTHORITY-STYLE", line, spec.AUTHORITY_STYLE)


# --- Nơi nhận (PL1 Phần II mục 9.b) ---


def _is_form_without_recipients(layout: _Layout) -> bool:
    heading = " ".join(line.text for line in ([layout.title] if layout.title else []) + layout.subject)
    return heading.upper().startswith(spec.FORMS_WITHOUT_RECIPIENTS)


def _check_recipients(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    # A Biên bản may end with its signatures alone (PL3 Mẫu 1.9 lists Nơi nhận only when sent).
    minutes = layout.kind is not None and layout.kind.frame == "minutes"
    if not layout.recipients and (minutes or _is_form_without_recipients(layout)):
        return
    if not layout.recipients:
        path = layout.signature.path if layout.signature else "cuối văn bản"
        yield doc.finding("ND30-RECIPIENTS-MISSING", path, label=spec.RECIPIENTS_LABEL)
        return
    label, *items = layout.recipients
    yield from _style_finding(doc, "ND30-RECIPIENTS-LABEL-STYLE", label, spec.RECIPIENTS_LABEL_STYLE)
    for number, item in enumerate(items, 1):
        yield from _recipient_item(doc, item, last=number == len(items))
    if not items or not items[-1].text.startswith(spec.ARCHIVE_PREFIX):
        where = items[-1] if items else label
        yield doc.finding("ND30-RECIPIENTS-ARCHIVE", where.path, archive=spec.ARCHIVE_PREFIX, text=_quote(where.text))


def _recipient_item(doc: _Document, item: _Line, *, last: bool) -> Iterator[Finding]:
    yield from _style_finding(doc, "ND30-RECIPIENTS-ITEM-STYLE", item, spec.RECIPIENT_ITEM_STYLE)
    if not item.text.startswith("- "):
        yield doc.finding("ND30-RECIPIENTS-ITEM-DASH", item.path, text=_quote(item.text))
    mark = "." if last else ";"
    if not item.text.endswith(mark):
        yield doc.finding("ND30-RECIPIENTS-PUNCT", item.path, text=_quote(item.text), mark=mark)
