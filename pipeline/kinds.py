"""The kinds of input hoso knows: for each, its schema, document type, template and enrich step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from schemas.plan import Plan

from .docxpkg import CoreProperties
from .enrich import core_properties, enrich_plan
from .nd30 import spec


@dataclass(frozen=True)
class Kind:
    name: str
    title: str  # Vietnamese, for help texts
    model: type[BaseModel]
    doc_type: spec.DocumentType
    template: str
    enrich: Callable[[Any], dict[str, Any]]
    core: Callable[[Any], CoreProperties]


KINDS: dict[str, Kind] = {
    "plan": Kind(
        name="plan",
        title="Kế hoạch tổ chức phong trào thi đua",
        model=Plan,
        doc_type=spec.DOCUMENT_TYPES["KH"],
        template="ke-hoach.docx",
        enrich=enrich_plan,
        core=lambda plan: core_properties(plan.issuer, plan.document),
    ),
}
