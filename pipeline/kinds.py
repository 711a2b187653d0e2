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

from schemas.achievement import CollectiveAchievement, IndividualAchievement
from schemas.bloc_summary import BlocSummary
from schemas.decision import Decision
from schemas.nomination import Nomination
from schemas.plan import Plan
from schemas.registration import Registration
from schemas.self_assessment import SelfAssessment
from schemas.vote import Vote

from .docxpkg import CoreProperties
from .dossier import check_decision, check_nomination, check_vote
from .enrich import achievement, bloc_summary, decision, nomination, plan, registration, self_assessment, vote
from .enrich.common import core_properties
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


_KH, _BC, _BB, _TTR, _QD = (spec.DOCUMENT_TYPES[key] for key in ("KH", "BC", "BB", "TTr", "QĐ"))
_SIGNED_SIDE_BY_SIDE = "countersigned"

# In the order of the emulation year: the plan, each unit's registration and self-assessment, the
# bloc's summary and vote, the dossier sent up, and the decision that comes back.
_ALL = (
    Kind(
        "plan", "Kế hoạch tổ chức phong trào thi đua", Plan,
        (Document("", "Kế hoạch", Layout(_KH), "ke-hoach.docx", plan.enrich_plan, _plan_core),),
    ),
    Kind(
        "registration", "Bản đăng ký thi đua của đơn vị", Registration,
        (Document("", "Bản đăng ký thi đua", Layout(spec.REGISTRATION), "dang-ky-thi-dua.docx",
                  registration.enrich_registration, registration.core),),
    ),
    Kind(
        "self_assessment", "Báo cáo tự đánh giá, chấm điểm thi đua", SelfAssessment,
        (Document("", "Báo cáo tự đánh giá", Layout(_BC), "bao-cao-tu-danh-gia.docx",
                  self_assessment.enrich_self_assessment, self_assessment.self_assessment_core),),
    ),
    Kind(
        "bloc_summary", "Báo cáo tổng kết thi đua của Khối", BlocSummary,
        (Document("", "Báo cáo tổng kết", Layout(_BC), "bao-cao-tong-ket-khoi.docx",
                  bloc_summary.enrich_bloc_summary, bloc_summary.bloc_summary_core),),
        links={"self_assessments": "self_assessment", "vote": "vote"},
        crosscheck=bloc_summary.crosscheck_bloc_summary,
    ),
    Kind(
        "vote", "Biên bản họp bình xét, suy tôn và Biên bản kiểm phiếu", Vote,
        (
            Document("", "Biên bản họp bình xét, suy tôn", Layout(_BB, _SIGNED_SIDE_BY_SIDE), "bien-ban-hop.docx",
                     vote.enrich_minutes, vote.minutes_core),
            Document("kiem-phieu", "Biên bản kiểm phiếu", Layout(_BB, _SIGNED_SIDE_BY_SIDE),
                     "bien-ban-kiem-phieu.docx", vote.enrich_counting, vote.counting_core),
        ),
        crosscheck=check_vote,
    ),
    Kind(
        "nomination", "Tờ trình đề nghị khen thưởng", Nomination,
        (Document("", "Tờ trình", Layout(_TTR), "to-trinh.docx", nomination.enrich_nomination,
                  nomination.nomination_core),),
        links={"vote": "vote"},
        crosscheck=check_nomination,
    ),
    Kind(
        "achievement_collective", "Báo cáo thành tích của tập thể", CollectiveAchievement,
        (Document("", "Báo cáo thành tích", Layout(_BC, _SIGNED_SIDE_BY_SIDE), "bao-cao-thanh-tich-tap-the.docx",
                  achievement.enrich_collective, achievement.core),),
    ),
    Kind(
        "achievement_individual", "Báo cáo thành tích của cá nhân", IndividualAchievement,
        (Document("", "Báo cáo thành tích", Layout(_BC, _SIGNED_SIDE_BY_SIDE), "bao-cao-thanh-tich-ca-nhan.docx",
                  achievement.enrich_individual, achievement.core),),
    ),
    Kind(
        "decision", "Quyết định khen thưởng của Chủ tịch UBND tỉnh", Decision,
        (Document("", "Quyết định", Layout(_QD), "quyet-dinh.docx", decision.enrich_decision,
                  decision.decision_core),),
        links={"nomination": "nomination"},
        crosscheck=check_decision,
    ),
)
KINDS: dict[str, Kind] = {kind.name: kind for kind in _ALL}
