"""The kinds of input hoso knows: for each, its schema, the inputs it links to, and the documents
it produces (document type, frame layout, template, enrich step).

One input can produce several documents (a vote gives the meeting minutes and the vote-count
minutes), and one input can draw on others (a tờ trình names the candidates that passed in the
linked vote), so that a name, a count or a percentage is typed once and reads the same everywhere.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from schemas.achievement import CollectiveAchievement, IndividualAchievement
from schemas.bloc import Bloc
from schemas.bloc_summary import BlocSummary
from schemas.decision import Decision
from schemas.dossier import Dossier
from schemas.nomination import Nomination
from schemas.nominee_list import NomineeList
from schemas.plan import Plan
from schemas.registration import Registration
from schemas.self_assessment import SelfAssessment
from schemas.vote import Vote

from pipeline.law import composition
from pipeline.law.enrich import listing
from pipeline.docx.package import CoreProperties
from pipeline.law.enrich import achievement
from pipeline.law.enrich import bloc_summary
from pipeline.law.enrich import decision
from pipeline.law.enrich import nomination
from pipeline.law.enrich import plan
from pipeline.law.enrich import registration
from pipeline.law.enrich import self_assessment
from pipeline.law.enrich import vote
from pipeline.law.enrich.common import core_properties
from pipeline.core.errors import Finding
from pipeline.nd30 import spec
from pipeline.nd30.frame import Layout
from pipeline.law.rulebook import RuleSet
from pipeline.law.checks import document_date
from pipeline.law.checks.bloc_summary import check_bloc_summary
from pipeline.law.checks.dossier import check_decision, check_nomination
from pipeline.law.checks.nominees import check_collective_report, check_individual_report, check_nominee_list
from pipeline.law.checks.vote import check_vote

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
    enrich: Callable[[Any, Linked, RuleSet], dict[str, Any]]
    """The render context, from the input, its linked inputs and the rules in force on its date."""
    core: Callable[[Any, Linked], CoreProperties]
    numbered: Callable[[Any], tuple[int | None, str]] | None = None
    """The document's số and its issuer's abbreviation, for citing it by số and ký hiệu; None for
    a document that bears no number (a registration, an achievement report)."""


@dataclass(frozen=True)
class Kind:
    name: str
    title: str  # Vietnamese, for help texts
    model: type[BaseModel]
    documents: tuple[Document, ...]
    links: Mapping[str, str] = field(default_factory=dict)
    """Field of the model holding a relative path (or a list of paths and patterns) → linked kind."""
    digests: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    """Link field → what the kind keeps of each validated input it links there (its rules and
    enrich step get that instead of the input), when it needs little of many inputs."""
    checks: Callable[[Any, Linked, RuleSet], list[Finding]] | None = None
    """The kind's rules (:mod:`pipeline.law.checks`): legal rules and consistency with its linked inputs."""
    date: Callable[[Any], datetime.date | None] = document_date
    """The date that chooses the rules in force for an input of this kind."""


def _plan_core(plan: Plan, linked: Linked) -> CoreProperties:
    return core_properties(plan.issuer, plan.document)


def _issued_number(model: Any) -> tuple[int | None, str]:
    return model.document.number, model.issuer.abbreviation


def _counting_number(vote: Vote) -> tuple[int | None, str]:
    return vote.counting.number, vote.issuer.abbreviation


def _meeting_date(vote: Vote) -> datetime.date:
    """A biên bản has no date line: the rules of the day of the meeting apply."""
    return vote.start.date()


_KH, _BC, _BB, _TTR, _QD = (spec.DOCUMENT_TYPES[key] for key in ("KH", "BC", "BB", "TTr", "QĐ"))
_SIGNED_SIDE_BY_SIDE = "countersigned"

# In the order of the emulation year: the plan, each unit's registration and self-assessment, the
# bloc's summary and vote, the dossier sent up, and the decision that comes back.
_ALL = (
    Kind(
        "plan", "Kế hoạch tổ chức phong trào thi đua", Plan,
        (Document("", "Kế hoạch", Layout(_KH), "ke-hoach.docx", plan.enrich_plan, _plan_core, _issued_number),),
    ),
    Kind(
        "registration", "Bản đăng ký thi đua của đơn vị", Registration,
        (Document("", "Bản đăng ký thi đua", Layout(spec.REGISTRATION), "dang-ky-thi-dua.docx",
                  registration.enrich_registration, registration.core),),
    ),
    Kind(
        "self_assessment", "Báo cáo tự đánh giá, chấm điểm thi đua", SelfAssessment,
        (Document("", "Báo cáo tự đánh giá", Layout(_BC), "bao-cao-tu-danh-gia.docx",
                  self_assessment.enrich_self_assessment, self_assessment.self_assessment_core, _issued_number),),
    ),
    Kind(
        "bloc_summary", "Báo cáo tổng kết thi đua của Khối", BlocSummary,
        (Document("", "Báo cáo tổng kết", Layout(_BC), "bao-cao-tong-ket-khoi.docx",
                  bloc_summary.enrich_bloc_summary, bloc_summary.bloc_summary_core, _issued_number),),
        links={"self_assessments": "self_assessment", "vote": "vote"},
        digests={"self_assessments": bloc_summary.unit_score},
        checks=check_bloc_summary,
    ),
    Kind(
        "vote", "Biên bản họp bình xét, suy tôn và Biên bản kiểm phiếu", Vote,
        (
            Document("", "Biên bản họp bình xét, suy tôn", Layout(_BB, _SIGNED_SIDE_BY_SIDE), "bien-ban-hop.docx",
                     vote.enrich_minutes, vote.minutes_core, _issued_number),
            Document("kiem-phieu", "Biên bản kiểm phiếu", Layout(_BB, _SIGNED_SIDE_BY_SIDE),
                     "bien-ban-kiem-phieu.docx", vote.enrich_counting, vote.counting_core, _counting_number),
        ),
        checks=check_vote,
        date=_meeting_date,
    ),
    Kind(
        "nomination", "Tờ trình đề nghị khen thưởng", Nomination,
        (Document("", "Tờ trình", Layout(_TTR), "to-trinh.docx", nomination.enrich_nomination,
                  nomination.nomination_core, _issued_number),),
        links={"vote": "vote"},
        checks=check_nomination,
    ),
    Kind(
        "achievement_collective", "Báo cáo thành tích của tập thể", CollectiveAchievement,
        (Document("", "Báo cáo thành tích", Layout(_BC, _SIGNED_SIDE_BY_SIDE), "bao-cao-thanh-tich-tap-the.docx",
                  achievement.enrich_collective, achievement.core),),
        checks=check_collective_report,
    ),
    Kind(
        "achievement_individual", "Báo cáo thành tích của cá nhân", IndividualAchievement,
        (Document("", "Báo cáo thành tích", Layout(_BC, _SIGNED_SIDE_BY_SIDE), "bao-cao-thanh-tich-ca-nhan.docx",
                  achievement.enrich_individual, achievement.core),),
        checks=check_individual_report,
    ),
    # A unit's year-end proposals with each nominee's record: data for the eligibility rules, no
    # document of its own (the unit's decision lists whom it recognises).
    Kind(
        "nominee_list", "Danh sách đề nghị công nhận danh hiệu thi đua của đơn vị", NomineeList, (),
        checks=check_nominee_list,
    ),
    Kind(
        "decision", "Quyết định khen thưởng của Chủ tịch UBND tỉnh", Decision,
        (Document("", "Quyết định", Layout(_QD), "quyet-dinh.docx", decision.enrich_decision,
                  decision.decision_core, _issued_number),),
        links={"nomination": "nomination"},
        checks=check_decision,
    ),
    # The bloc file of ``hoso pack``: it names the inputs of a year-end pack and produces no
    # document of its own (the pack's Phiếu gửi lists what a run actually wrote).
    Kind("bloc", "Khối thi đua và các đơn vị thành viên (cho lệnh hoso pack)", Bloc, ()),
    # A submission dossier: ``hoso dossier`` writes every document it names in legal order; its own
    # document is the Phiếu gửi listing them (``hoso render`` writes that one alone).
    Kind(
        "dossier", "Hồ sơ đề nghị khen thưởng (cho lệnh hoso dossier)", Dossier,
        (Document("", "Phiếu gửi hồ sơ đề nghị khen thưởng", listing.LAYOUT, listing.TEMPLATE,
                  composition.enrich_dossier_list, composition.dossier_core),),
        links={
            "nomination": "nomination",
            "collective_reports": "achievement_collective",
            "individual_reports": "achievement_individual",
        },
        checks=composition.check_dossier,
    ),
)
KINDS: dict[str, Kind] = {kind.name: kind for kind in _ALL}
