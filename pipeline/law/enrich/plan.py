"""Enrich a Kế hoạch tổ chức phong trào thi đua."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from schemas.plan import Plan

from pipeline.core import vnformat
from pipeline.nd30 import spec
from pipeline.law.rulebook import RuleSet
from pipeline.law.enrich.common import frame_context, kept_cells, list_lines, point_label


def target_value(value: Decimal, unit: str | None) -> str:
    """``100%``, ``1.234 lượt người``: the percent sign sticks to the number, other units do not."""
    figure = vnformat.number(int(value) if value == value.to_integral_value() else value)
    if unit is None:
        return figure
    return f"{figure}{unit}" if unit == "%" else f"{figure} {unit}"


def enrich_plan(plan: Plan, linked: Mapping[str, Any], rules: RuleSet) -> dict[str, Any]:
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
        "targets": kept_cells([
            {"no": str(i + 1), "name": t.name, "value": target_value(t.value, t.unit)}
            for i, t in enumerate(plan.targets)
        ], "name", "value"),
        "titles": list_lines(plan.titles),
        "registration_deadline": vnformat.short_date(plan.registration_deadline),
        "registration_recipient": plan.registration_recipient,
        "responsibilities": [
            {"label": point_label(i), "unit": r.unit, "tasks": list_lines(r.tasks)}
            for i, r in enumerate(plan.responsibilities)
        ],
        "timeline": kept_cells([
            {"no": str(i + 1), "deadline": vnformat.short_date(m.deadline), "task": m.task, "owner": m.owner}
            for i, m in enumerate(plan.timeline)
        ], "task", "owner"),
        "reporting": list_lines(
            [f"{r.report}: gửi {r.recipient} trước ngày {vnformat.short_date(r.deadline)}" for r in plan.reporting]
        ),
    }
    frame_ctx = frame_context(doc_type, plan.issuer, plan.document, plan.signer, plan.recipients, plan.legal_bases)
    return {"frame": frame_ctx, "plan": body}
