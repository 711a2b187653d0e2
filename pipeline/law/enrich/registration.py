"""Enrich a bản đăng ký thi đua: sent to the bloc head with a Kính gửi, signed by the head of the unit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schemas.common import DocumentInfo
from schemas.registration import IndividualTitle, Registration

from pipeline.core import vnformat
from pipeline.law.achievements import registered_count
from pipeline.docx.package import CoreProperties
from pipeline.nd30 import spec
from pipeline.law.rulebook import RuleSet
from pipeline.law.enrich.common import core_properties, frame_context, kept_cells, list_lines
from pipeline.law.enrich.plan import target_value


def document_info(registration: Registration) -> DocumentInfo:
    return DocumentInfo(
        number=registration.document.number,
        date=registration.document.date,
        subject=f"Danh hiệu và chỉ tiêu thi đua năm {registration.year}",
    )


def individual_item(entry: IndividualTitle) -> str:
    """``Lao động tiên tiến: 226 người`` or, with names, ``…: 2 người, gồm: A, B``."""
    people = f"{entry.title}: {vnformat.number(registered_count(entry))} người"
    return f"{people}, gồm: {', '.join(entry.names)}" if entry.names else people


def enrich_registration(registration: Registration, linked: Mapping[str, Any], rules: RuleSet) -> dict[str, Any]:
    body = {
        "issuer_name": " ".join(registration.issuer.name),
        "year": str(registration.year),
        "plan_reference": registration.plan_reference,
        "collective_titles": list_lines(registration.collective_titles),
        "individual_titles": list_lines([individual_item(entry) for entry in registration.individual_titles]),
        "targets": kept_cells([
            {"no": str(i + 1), "name": t.name, "value": target_value(t.value, t.unit)}
            for i, t in enumerate(registration.targets)
        ], "name", "value"),
        "commitments": list_lines(registration.commitments),
    }
    frame_ctx = frame_context(
        spec.REGISTRATION,
        registration.issuer,
        document_info(registration),
        registration.signer,
        registration.recipients,
        legal_bases=[],
    )
    return {"frame": frame_ctx, "registration": body}


def core(registration: Registration, linked: Mapping[str, Any]) -> CoreProperties:
    return core_properties(registration.issuer, document_info(registration))
