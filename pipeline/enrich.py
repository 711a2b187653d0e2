"""Stage: enrich – a validated model becomes the render context: pre-formatted strings only.

Templates hold no logic and no formatting: every date, number, percentage, list punctuation and
capitalisation a document prints is decided here, with :mod:`pipeline.vnformat`, so the same
value reads the same in every document that repeats it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from schemas.common import DocumentInfo, Issuer, Recipients, Signer
from schemas.plan import Plan

from . import vnformat
from .docxpkg import CoreProperties
from .nd30 import frame, spec
from .nd30.metrics import text_width_pt

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


def sentence_lines(items: list[str], *, prefix: str = "", last: str = ".") -> list[str]:
    """Lines ending ``;`` and the last ``last``, each starting with ``prefix`` (for căn cứ)."""
    return [f"{prefix}{item}{last if i == len(items) - 1 else ';'}" for i, item in enumerate(items)]


# --- The frame --------------------------------------------------------------------------------------
def frame_context(
    doc_type: spec.DocumentType,
    issuer: Issuer,
    document: DocumentInfo,
    signer: Signer,
    recipients: Recipients,
    legal_bases: list[str],
) -> dict[str, Any]:
    """The values the NĐ 30 frame prints: header, title, Kính gửi, căn cứ, signature, Nơi nhận."""
    issuer_lines = [vnformat.upper_vi(line) for line in issuer.name]
    ctx: dict[str, Any] = {
        "parent_lines": [vnformat.upper_vi(line) for line in issuer.parent_body or []],
        "issuer_lines": issuer_lines,
        "issuer_rule_indent": frame.issuer_rule_indent(issuer_lines),
        "number_line": vnformat.number_line(document.number, doc_type.abbreviation, issuer.abbreviation),
        "national_title": spec.NATIONAL_TITLE,
        "motto": spec.MOTTO,
        "date_line": vnformat.date_line(issuer.place, document.date),
        "type_name": doc_type.name,
        "subject": document.subject,
        "subject_rule_indent": frame.subject_rule_indent(document.subject),
        "legal_bases": sentence_lines(legal_bases, prefix="Căn cứ "),
        "authority_lines": signature_lines(signer),
        "signer_name": signer.name,
        "recipients": recipient_lines(recipients),
    }
    ctx.update(_addressee_layout(recipients.addressees))
    return ctx


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


# --- The plan ---------------------------------------------------------------------------------------
def target_value(value: Decimal, unit: str | None) -> str:
    """``100%``, ``1.234 lượt người``: the percent sign sticks to the number, other units do not."""
    figure = vnformat.number(int(value) if value == value.to_integral_value() else value)
    if unit is None:
        return figure
    return f"{figure}{unit}" if unit == "%" else f"{figure} {unit}"


def enrich_plan(plan: Plan) -> dict[str, Any]:
    doc_type = spec.DOCUMENT_TYPES["KH"]
    body = {
        "issuer_name": " ".join(plan.issuer.name),
        "year": str(plan.year),
        "theme": plan.theme,
        "slogan": plan.slogan,
        "purposes": list_lines(plan.purposes),
        "requirements": list_lines(plan.requirements),
        "contents": [
            {"label": point_label(i), "title": c.title, "details": list_lines(c.details)}
            for i, c in enumerate(plan.contents)
        ],
        "targets": [
            {"no": str(i + 1), "name": t.name, "value": target_value(t.value, t.unit)}
            for i, t in enumerate(plan.targets)
        ],
        "titles": list_lines(plan.titles),
        "registration_deadline": vnformat.short_date(plan.registration_deadline),
        "registration_recipient": plan.registration_recipient,
        "responsibilities": [
            {"label": point_label(i), "unit": r.unit, "tasks": list_lines(r.tasks)}
            for i, r in enumerate(plan.responsibilities)
        ],
        "timeline": [
            {"no": str(i + 1), "deadline": vnformat.short_date(m.deadline), "task": m.task, "owner": m.owner}
            for i, m in enumerate(plan.timeline)
        ],
        "reporting": list_lines(
            [f"{r.report}: gửi {r.recipient} trước ngày {vnformat.short_date(r.deadline)}" for r in plan.reporting]
        ),
    }
    frame_ctx = frame_context(doc_type, plan.issuer, plan.document, plan.signer, plan.recipients, plan.legal_bases)
    return {"frame": frame_ctx, "plan": body}
