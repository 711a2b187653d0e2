"""Tên loại, trích yếu, căn cứ (PL1 Phần II mục 5, 6.a)."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.core.errors import Finding
from pipeline.nd30 import spec
from pipeline.nd30.check.common import _style_finding
from pipeline.nd30.check.conventions import _quote
from pipeline.nd30.check.locate import _BASIS, _BASIS_FOLLOWER, _ISSUED_WITH, _Layout, _rule_below
from pipeline.nd30.check.model import _Document, _Line


# --- Tên loại, trích yếu, căn cứ (PL1 Phần II mục 5, 6.a) ---


def _check_title(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    if layout.title is not None:
        yield from _style_finding(doc, "ND30-TITLE-STYLE", layout.title, spec.DOC_TYPE_STYLE, centred=True)


def _check_subject(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for line in layout.subject:
        yield from _style_finding(doc, "ND30-SUBJECT-STYLE", line, spec.SUBJECT_STYLE, centred=True)
    if layout.subject_end is None:
        return
    lines, index = _under_subject(*layout.subject_end)
    rule = _rule_below(lines, index)
    if rule is None:
        last = lines[index]
        yield doc.finding("ND30-SUBJECT-RULE", last.path, text=_quote(last.text))
    elif rule.typed is not None:
        yield doc.finding("ND30-SUBJECT-RULE/typed", rule.typed.path, rule=_quote(rule.typed.text))


def _under_subject(lines: list[_Line], index: int) -> tuple[list[_Line], int]:
    """Where the rule under the trích yếu goes: under the "(Kèm theo Quyết định …)" line when one
    follows it (a document issued with a Quyết định: NĐ 30/2020, Phụ lục III, mẫu 1.3)."""
    following = index + 1
    while following < len(lines) and not lines[following].text:
        following += 1
    if following == len(lines) or not _ISSUED_WITH.match(lines[following].text):
        return lines, index
    while following + 1 < len(lines) and lines[following + 1].text and ")" not in lines[following].text:
        following += 1  # the reference broken over lines ends with its ")"
    return lines, following


def _check_basis(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for line in layout.basis:
        if _BASIS.match(line.text)["bullet"] or line.para.props.numbered:
            yield doc.finding("ND30-BASIS-DASH", line.path, text=_quote(line.text))
        yield from _style_finding(doc, "ND30-BASIS-STYLE", line, spec.LEGAL_BASIS_STYLE)
    yield from _basis_punctuation(doc, layout)


def _basis_punctuation(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    """Each căn cứ ends with ";", the last with "." – or with "," or ";" when a "Theo đề nghị"
    or "Xét" line continues the sentence (templates differ there, so any of the three)."""
    followed = layout.after_basis is not None and _BASIS_FOLLOWER.search(layout.after_basis.text)
    for number, line in enumerate(layout.basis, 1):
        allowed = ";" if number < len(layout.basis) else (".,;" if followed else ".")
        if not line.text or line.text[-1] not in allowed:
            if len(allowed) > 1:
                yield doc.finding("ND30-BASIS-PUNCT/continued", line.path, text=_quote(line.text))
            else:
                yield doc.finding("ND30-BASIS-PUNCT", line.path, text=_quote(line.text), mark=allowed)
