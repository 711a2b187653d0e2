"""The kinds of input hoso knows: for each, its schema, the inputs it links to, and the documents
it produces (document type, frame layout, template, enrich step).

One input can produce several documents (a vote gives the meeting minutes and the vote-count
minutes), and one input can draw on others (a tờ trình names the candidates that passed in the
linked vote), so that a name, a count or a percentage is typed once and reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from schemas.plan import Plan

from .docxpkg import CoreProperties
from .enrich.common import core_properties
from .enrich.plan import enrich_plan
from .errors import Finding
from .nd30 import spec
from .nd30.frame import Layout

Linked = Mapping[str, Any]
"""Linked inputs by field name: the :class:`~pipeline.orchestrator.Validated` input (its ``model``
and its own ``linked``), or a list of them when the field holds a list of paths."""


@dataclass(frozen=True)
class Document:
    """One document an input produces."""

    key: str
    """ASCII suffix of the output file name; empty for the kind's main document."""
    title: str  # Vietnamese, for help texts and messages
    layout: Layout
    template: str
    enrich: Callable[[Any, Linked], dict[str, Any]]
    core: Callable[[Any, Linked], CoreProperties]


@dataclass(frozen=True)
class Kind:
    name: str
    title: str  # Vietnamese, for help texts
    model: type[BaseModel]
    documents: tuple[Document, ...]
    links: Mapping[str, str] = field(default_factory=dict)
    """Field of the model holding a relative path (or a list of paths and patterns) → linked kind."""
    crosscheck: Callable[[Any, Linked], list[Finding]] | None = None
    """Consistency between this input and its linked inputs, once all are valid."""


def _plan_core(plan: Plan, linked: Linked) -> CoreProperties:
    return core_properties(plan.issuer, plan.document)


KINDS: dict[str, Kind] = {
    "plan": Kind(
        name="plan",
        title="Kế hoạch tổ chức phong trào thi đua",
        model=Plan,
        documents=(
            Document("", "Kế hoạch", Layout(spec.DOCUMENT_TYPES["KH"]), "ke-hoach.docx", enrich_plan, _plan_core),
        ),
    ),
}
# Kinds added by their own modules register here, one line each, in the order of the emulation year.
