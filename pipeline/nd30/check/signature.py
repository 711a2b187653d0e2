"""Chữ ký (PL1 Phần II mục 7) and Nơi nhận (mục 9.b)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from pipeline.core.errors import Finding
from pipeline.nd30 import spec
from pipeline.nd30.check.common import _style_finding
from pipeline.nd30.check.conventions import _quote
from pipeline.nd30.check.locate import _AUTHORITY, _BULLET, _is_caps, _ISSUED_WITH, _Layout
from pipeline.nd30.check.model import _Document, _Line


# --- Chữ ký (PL1 Phần II mục 7) ---


def _check_signature(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for lines in layout.signature_blocks:
        signer = lines[-1] if lines and not _is_caps(lines[-1]) and not _is_note(lines[-1]) else None
        for line in lines:
            if _is_caps(line):
                yield from _authority(doc, line)
        if signer is not None:
            yield from _style_finding(doc, "ND30-SIGNER-STYLE", signer, spec.SIGNER_NAME_STYLE)


def _is_note(line: _Line) -> bool:
    """A line in brackets under the position: "(Đã ký)", or the blank of a form still to be signed
    ("(Ký, ghi rõ họ tên)"); not the signer's name."""
    return line.text.startswith("(") and line.text.endswith(")")


def _authority(doc: _Document, line: _Line) -> Iterator[Finding]:
    match = _AUTHORITY.match(line.text)
    expected = match["prefix"].replace("/", "") + "." if match else None
    if expected and not line.text.startswith(f"{expected} "):
        # "KT.CHỦ TỊCH": the abbreviation is right, only the space after it is missing.
        key = "ND30-AUTHORITY-FORMAT/space" if line.text.startswith(expected) else "ND30-AUTHORITY-FORMAT"
        yield doc.finding(key, line.path, text=_quote(line.text), expected=expected)
    yield from _style_finding(doc, "ND30-AUTHORITY-STYLE", line, spec.AUTHORITY_STYLE)


# --- Nơi nhận (PL1 Phần II mục 9.b) ---


def _is_form_without_recipients(layout: _Layout) -> bool:
    heading = " ".join(line.text for line in ([layout.title] if layout.title else []) + layout.subject)
    return heading.upper().startswith(spec.FORMS_WITHOUT_RECIPIENTS)


def _is_issued_with(layout: _Layout) -> bool:
    """Whether "(Kèm theo Quyết định số …)" stands right under the trích yếu: a document issued with
    a decision ends with its signature, the Nơi nhận being the decision's (NĐ 30/2020, Phụ lục III,
    mẫu 1.3)."""
    if layout.subject_end is None:
        return False
    lines, index = layout.subject_end
    following = next((line for line in lines[index + 1 :] if line.text), None)
    return any(_ISSUED_WITH.match(line.text) for line in [*layout.subject, *([following] if following else [])])


def _check_recipients(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    # A Biên bản may end with its signatures alone (PL3 Mẫu 1.9 lists Nơi nhận only when sent).
    minutes = layout.kind is not None and layout.kind.frame == "minutes"
    if not layout.recipients and (minutes or _is_form_without_recipients(layout) or _is_issued_with(layout)):
        return
    if not layout.recipients:
        path = layout.signature.path if layout.signature else "cuối văn bản"
        yield doc.finding("ND30-RECIPIENTS-MISSING", path, label=spec.RECIPIENTS_LABEL)
        return
    label, *lines = layout.recipients
    yield from _style_finding(doc, "ND30-RECIPIENTS-LABEL-STYLE", _words(label), spec.RECIPIENTS_LABEL_STYLE)
    items = _recipient_entries(lines)
    for number, item in enumerate(items, 1):
        yield from _recipient_item(doc, item, last=number == len(items))
    last = items[-1][-1] if items else label
    if not items or not _ARCHIVE.match(" ".join(_printed(line) for line in items[-1])):
        text = _quote(_printed(last))
        yield doc.finding("ND30-RECIPIENTS-ARCHIVE", last.path, archive=spec.ARCHIVE_PREFIX, text=text)


# The archive line: "- Lưu: VT, …", or with "Văn thư" written out: VT abbreviates the Văn thư, the
# records office that keeps the original (NĐ 30/2020, Phụ lục I, Phần II, mục 9.b). Its words are
# judged here; a bullet other than "- " before them is the dash rule's finding, not a second one.
_ARCHIVE_WORDS = spec.ARCHIVE_PREFIX.removeprefix("- ")
_ARCHIVE = re.compile(
    r"^[-+•·▪–—*➢❖✓]\s*(?:%s|Lưu: Văn thư\b)" % re.escape(_ARCHIVE_WORDS), re.IGNORECASE
)


def _printed(line: _Line) -> str:
    """A line as the page shows it: a recipient list made with Word's bullets prints the bullet
    ("-" from the list's numbering) before the typed text of the paragraph's first line."""
    label = line.para.label
    return f"{label} {line.text}" if label and line.text and line.para.text.startswith(line.text) else line.text


def _words(line: _Line) -> _Line:
    """``line`` judged by its words alone: a colon, dash or semicolon typed in another run (often
    not bold, or a point smaller) is not what a reader sees of its style."""
    segments = [(text, props) for text, props in line.segments if any(ch.isalnum() for ch in text)]
    return replace(line, segments=segments) if segments else line


def _recipient_entries(lines: list[_Line]) -> list[list[_Line]]:
    """The recipients, each with the lines it runs over."""
    entries: list[list[_Line]] = []
    for line in lines:
        if entries and _continues(entries[-1], line):
            entries[-1].append(line)
        else:
            entries.append([line])
    return entries


def _continues(entry: list[_Line], line: _Line) -> bool:
    """Whether ``line`` goes on with ``entry``: a line without a dash after a recipient opened by
    one and not yet closed by ";" or "." (a long name broken by hand onto a second line)."""
    opened = bool(_BULLET.match(_printed(entry[0])))
    return opened and not _BULLET.match(_printed(line)) and not entry[-1].text.endswith((";", "."))


def _recipient_item(doc: _Document, item: list[_Line], *, last: bool) -> Iterator[Finding]:
    for line in item:
        yield from _style_finding(doc, "ND30-RECIPIENTS-ITEM-STYLE", _words(line), spec.RECIPIENT_ITEM_STYLE)
    first, end = item[0], item[-1]
    # NĐ 30/2020, Phụ lục I, Phần II, mục 9.b: each recipient starts with "-", typed or a "-" bullet.
    if not _printed(first).startswith("- "):
        yield doc.finding("ND30-RECIPIENTS-ITEM-DASH", first.path, text=_quote(_printed(first)))
    mark = "." if last else ";"
    if not end.text.endswith(mark):
        text = " ".join(_printed(line) for line in item)
        yield doc.finding("ND30-RECIPIENTS-PUNCT", end.path, text=_quote(text), mark=mark)
