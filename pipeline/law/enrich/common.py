"""What every enrich step shares: list punctuation, labels, and the values of the NĐ 30 frame.

A document's frame context is composed from blocks: :func:`header_context` (always), then one
signature block (:func:`signature_context` or :func:`countersignature_context`), and, when the
template has an appendix, :func:`appendix_context`; a Quyết định adds :func:`enacting_context`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from schemas.common import DocumentInfo, Issuer, Recipients, Signer

from pipeline.core import vnformat
from pipeline.docx.package import CoreProperties
from pipeline.nd30 import frame
from pipeline.nd30 import spec
from pipeline.nd30.breaking import keep_phrases
from pipeline.nd30.metrics import text_width_pt

# Điểm labels follow the Vietnamese alphabet (PL1 Phần II mục 6: "a), b), c) …").
_POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"


def point_label(index: int) -> str:
    """``a)``, ``b)`` … ``đ)`` …; past ``y)`` the letters double (``aa)``), as long lists rarely need."""
    letters = _POINT_LETTERS
    label = letters[index % len(letters)] * (index // len(letters) + 1)
    return f"{label})"


def list_lines(items: list[str], *, last: str = ".") -> list[str]:
    """``- item;`` lines, the last ending with ``last`` (NĐ 30 list punctuation)."""
    return [f"- {item}{last if i == len(items) - 1 else ';'}" for i, item in enumerate(items)]


def kept_cells(rows: list[dict[str, str]], *fields: str) -> list[dict[str, str]]:
    """Table rows with the fixed phrases of their text columns ``fields`` joined by no-break
    spaces: Word wraps a cell itself, and a clerk never ends a line inside "UBND tỉnh"
    (:func:`pipeline.nd30.breaking.keep_phrases`). Number columns are left as they are."""
    return [{**row, **{name: keep_phrases(row[name]) for name in fields}} for row in rows]


def sentence_lines(items: list[str], *, prefix: str = "", last: str = ".") -> list[str]:
    """Lines ending ``;`` and the last ``last``, each starting with ``prefix`` (for căn cứ)."""
    return [f"{prefix}{item}{last if i == len(items) - 1 else ';'}" for i, item in enumerate(items)]


# --- The frame --------------------------------------------------------------------------------------
def header_context(
    doc_type: spec.DocumentType,
    issuer: Issuer,
    document: DocumentInfo,
    legal_bases: Sequence[str] = (),
    addressees: Sequence[str] = (),
    *,
    proposal: str | None = None,
) -> dict[str, Any]:
    """The head of the frame: header table, tên loại and trích yếu, Kính gửi, căn cứ.

    ``proposal`` is the "Theo đề nghị của …" line of a Quyết định (PL3 Mẫu 1.2); when it follows,
    the last căn cứ ends with ";" instead of ".".
    """
    issuer_lines = frame.fit_header_lines(list(issuer.name), spec.ISSUER_STYLE)
    date_line = vnformat.date_line(issuer.place, document.date)
    # A line too wide even at 13 pt was refused by the rules stage (pipeline.law.checks.header).
    date_size = frame.date_line_size(date_line) or min(spec.DATE_LINE_STYLE.sizes)
    subject_lines = frame.subject_lines(document.subject)
    ctx: dict[str, Any] = {
        "parent_lines": frame.fit_header_lines(list(issuer.parent_body or []), spec.PARENT_BODY_STYLE),
        "issuer_lines": issuer_lines,
        "issuer_rule_indent": frame.issuer_rule_indent(issuer_lines),
        "number_line": vnformat.number_line(document.number, doc_type.abbreviation, issuer.abbreviation),
        "national_title": spec.NATIONAL_TITLE,
        "motto": spec.MOTTO,
        "date_line": date_line,
        "date_line_half_points": frame.half_points(date_size),
        "type_name": doc_type.name,
        "subject": document.subject,
        "subject_lines": subject_lines,
        "subject_rule_indent": frame.subject_rule_indent(subject_lines),
        "legal_bases": sentence_lines(list(legal_bases), prefix="Căn cứ ", last=";" if proposal else "."),
        "proposal": f"Theo đề nghị của {proposal}." if proposal else "",
    }
    ctx.update(_addressee_layout(list(addressees)))
    return ctx


def signature_context(signer: Signer, recipients: Recipients) -> dict[str, Any]:
    """The usual tail: Nơi nhận on the left, the signer on the right (PL1 Phần II mục 7, 9.b)."""
    return {
        "authority_lines": frame.title_lines(signature_lines(signer), spec.AUTHORITY_STYLE, frame.SIGNATURE_TEXT_TW),
        "signer_name": signer.name,
        "recipients": recipient_lines(recipients),
    }


def frame_context(
    doc_type: spec.DocumentType,
    issuer: Issuer,
    document: DocumentInfo,
    signer: Signer,
    recipients: Recipients,
    legal_bases: Sequence[str],
) -> dict[str, Any]:
    """Head and usual tail of a document signed by one person (Kế hoạch, Báo cáo, Tờ trình …)."""
    return {
        **header_context(doc_type, issuer, document, legal_bases, recipients.addressees),
        **signature_context(signer, recipients),
    }


@dataclass(frozen=True)
class SignatureBlock:
    """One signature of a document signed side by side (Biên bản: THƯ KÝ | CHỦ TỌA).

    ``title`` is printed in capitals; ``name`` is empty when the form leaves the name to be written
    by hand (a certification by the level above).
    """

    title: Sequence[str]
    name: str = ""


def countersignature_context(
    blocks: Sequence[SignatureBlock], recipients: Recipients | None = None
) -> dict[str, Any]:
    """The tail of PL3 Mẫu 1.9 and of the award forms: signatures in pairs, left then right, an
    odd last one centred below; Nơi nhận, when the document has one, under them on the left."""
    if not 2 <= len(blocks) <= 3:
        raise ValueError(f"a countersigned tail has 2 or 3 signatures, got {len(blocks)}")
    # A pair shares the table's width; an odd third is centred under it, across the text width.
    widths = (frame.COUNTERSIGNATURE_TEXT_TW, frame.COUNTERSIGNATURE_TEXT_TW, frame.TEXT_WIDTH_TW)
    return {
        "signatures": [
            {
                "lines": frame.title_lines(
                    [vnformat.upper_vi(line) for line in block.title], spec.AUTHORITY_STYLE, width
                ),
                "name": block.name,
            }
            for block, width in zip(blocks, widths)
        ],
        "recipients": recipient_lines(recipients) if recipients else [],
    }


def enacting_context(authority: Sequence[str]) -> dict[str, Any]:
    """The competent authority printed under the trích yếu of a Quyết định (PL3 Mẫu 1.2):
    ``CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN``."""
    return {"enacting_lines": frame.title_lines([vnformat.upper_vi(line) for line in authority], spec.ENACTING_STYLE)}


def appendix_context(title: Sequence[str], reference: str) -> dict[str, Any]:
    """The heading of the appendix that follows the signature (PL1 Phần III mục 1; PL1 table of
    components: "Phụ lục" bold, its title in capitals, "(Kèm theo …)" italic)."""
    # Measured at the portrait text width: the lines fit a landscape appendix as well.
    lines = frame.title_lines([vnformat.upper_vi(line) for line in title], spec.APPENDIX_TITLE_STYLE)
    reference_lines = frame.title_lines([reference], spec.APPENDIX_REFERENCE_STYLE)
    return {"appendix": {"title_lines": lines, "reference_lines": reference_lines}}


def attached_reference(doc_type: spec.DocumentType, issuer: Issuer, document: DocumentInfo, of: str) -> str:
    """``(Kèm theo Tờ trình số 15/TTr-KTĐVHXH ngày 22 tháng 12 năm 2016 của …)``; a draft keeps the
    blank of its number line, for the records office to fill in with the number."""
    number = vnformat.number_line(document.number, doc_type.abbreviation, issuer.abbreviation)
    reference = number.removeprefix("Số:").strip() if document.number else number.removeprefix("Số:")
    type_name = doc_type.name.capitalize()
    return f"(Kèm theo {type_name} số {reference} {vnformat.date_phrase(document.date)} của {of})"


def signature_lines(signer: Signer) -> list[str]:
    lines = [f"{a.authority} {vnformat.upper_vi(a.of)}" for a in signer.authorities]
    if signer.position:
        lines.append(vnformat.upper_vi(signer.position))
    return lines


def recipient_lines(recipients: Recipients) -> list[str]:
    """Nơi nhận (PL1 Phần II mục 9.b): "- Như trên;" when there is a Kính gửi, then the others,
    then "- Lưu: VT, …." last."""
    items = (["Như trên"] if recipients.addressees else []) + list(recipients.others)
    items.append(f"Lưu: VT, {recipients.archive}")
    return list_lines(items)


def _addressee_layout(addressees: list[str]) -> dict[str, Any]:
    """One addressee stays on the "Kính gửi:" line; several go one per line, dashes aligned."""
    if len(addressees) == 1:
        lines = [f"{addressees[0]}."]
    else:
        lines = list_lines(addressees)
    label_tw = round(text_width_pt("Kính gửi: ", spec.ADDRESSEE_STYLE.chosen) * 20)
    # The block starts about a quarter of the text width in, as in the PL3 templates.
    indent = frame.TEXT_WIDTH_TW // 4 + label_tw
    return {"addressees": lines, "addressee_indent": indent, "addressee_hanging": label_tw}


def core_properties(issuer: Issuer, document: DocumentInfo) -> CoreProperties:
    return CoreProperties(title=document.subject, creator=" ".join(issuer.name), created=document.date)
