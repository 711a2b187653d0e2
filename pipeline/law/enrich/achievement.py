"""Enrich a báo cáo thành tích, of a collective or of an individual.

Both print as a BÁO CÁO whose trích yếu names the award proposed ("Thành tích đề nghị tặng Cờ thi
đua của Chính phủ năm 2016"), and end, as the forms do, with signatures side by side instead of
one signer and a Nơi nhận: the head of the unit, the individual (for an individual's report), and
the certification of the level that submits the proposal ("Xác nhận của cấp trình khen thưởng"),
left blank for that level to sign when the data names no one. The body ends with the award
tables of mục III and no "./.", as the forms do (a Báo cáo of PL3 Mẫu 1.4 would close with it).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from schemas.achievement import AwardRecord, CollectiveAchievement, IndividualAchievement, Organisation
from schemas.common import DocumentInfo, Signer
from schemas.self_assessment import TargetResult

from pipeline.core import vnformat
from pipeline.law.achievements import chronological, staff_total
from pipeline.docx.package import CoreProperties
from pipeline.nd30 import spec
from pipeline.law.rulebook import RuleSet
from pipeline.law.scoring import achievement_share
from pipeline.law.enrich.common import (
    SignatureBlock,
    core_properties,
    countersignature_context,
    header_context,
    kept_cells,
    list_lines,
)
from pipeline.law.enrich.common import signature_lines

DOC_TYPE = spec.DOCUMENT_TYPES["BC"]
CERTIFICATION_TITLE = "Xác nhận của cấp trình khen thưởng"
UNIT_HEAD_TITLE = "Thủ trưởng đơn vị xác nhận, đề nghị"
REPORTER_TITLE = "Người báo cáo thành tích"
# Printed where a table of the award history would have no row.
NO_RECORD = "Không có."
# A share that cannot be computed (nothing was planned) shows as a dash in its cell.
NO_SHARE = "–"


def subject(report: CollectiveAchievement | IndividualAchievement) -> str:
    return f"Thành tích đề nghị tặng {report.proposed_award} năm {report.year}"


def document_info(report: CollectiveAchievement | IndividualAchievement) -> DocumentInfo:
    return DocumentInfo(number=report.document.number, date=report.document.date, subject=subject(report))


def decision_text(record: AwardRecord) -> str:
    """``Quyết định số 245/QĐ-UBND ngày 12/02/2014 của UBND tỉnh Thái Nguyên``."""
    decision = record.decision
    return f"Quyết định số {decision.number} ngày {vnformat.short_date(decision.date)} của {decision.issuer}"


def history_rows(records: list[AwardRecord]) -> list[dict[str, str]]:
    return [
        {"year": str(record.year), "title": record.title, "decision": decision_text(record)}
        for record in chronological(records)
    ]


def figure(value: Decimal) -> str:
    """``300000`` → ``300.000``, ``97.50`` → ``97,5``: no trailing zeros a clerk did not mean."""
    return vnformat.number(int(value) if value == value.to_integral_value() else value.normalize())


def share_text(row: TargetResult) -> str:
    share = achievement_share(row.planned, row.achieved)
    return NO_SHARE if share is None else vnformat.percent_value(share)


def result_rows(rows: list[TargetResult]) -> list[dict[str, str]]:
    return [
        {
            "no": str(i + 1),
            "name": row.name,
            "unit": row.unit or "",
            "planned": figure(row.planned),
            "achieved": figure(row.achieved),
            "share": share_text(row),
        }
        for i, row in enumerate(rows)
    ]


def staff_line(organisation: Organisation) -> str:
    """``Tổng số người làm việc: 246 người (Viên chức: 182 người; Lao động hợp đồng: 64 người).``;
    empty when no group is given."""
    if not organisation.staff:
        return ""
    groups = "; ".join(f"{group.group}: {vnformat.number(group.count)} người" for group in organisation.staff)
    total = vnformat.number(staff_total(organisation.staff))
    return f"Tổng số người làm việc: {total} người ({groups})."


def certification_block(certifier: Signer | None) -> SignatureBlock:
    if certifier is None:
        return SignatureBlock([CERTIFICATION_TITLE])
    return SignatureBlock([CERTIFICATION_TITLE, *signature_lines(certifier)], certifier.name)


def _history(report: CollectiveAchievement | IndividualAchievement) -> dict[str, Any]:
    return {
        "emulation_titles": kept_cells(history_rows(report.emulation_titles), "title", "decision"),
        "commendations": kept_cells(history_rows(report.commendations), "title", "decision"),
        "no_record": NO_RECORD,
    }


def enrich_collective(report: CollectiveAchievement, linked: Mapping[str, Any], rules: RuleSet) -> dict[str, Any]:
    body = {
        "nominee": report.nominee or " ".join(report.issuer.name),
        "characteristics": list(report.characteristics),
        "functions": list(report.functions),
        "organisation": list(report.organisation.paragraphs),
        "staff_line": staff_line(report.organisation),
        "results": list(report.results.paragraphs),
        "result_table": kept_cells(result_rows(report.results.table), "name"),
        "measures": list(report.measures),
        "policy_compliance": list(report.policy_compliance),
        "party_and_mass_organisations": list(report.party_and_mass_organisations),
        **_history(report),
    }
    blocks = [
        certification_block(report.certifier),
        SignatureBlock(signature_lines(report.signer), report.signer.name),
    ]
    frame_ctx = {
        **header_context(DOC_TYPE, report.issuer, document_info(report)),
        **countersignature_context(blocks),
    }
    return {"frame": frame_ctx, "report": body}


def profile_lines(report: IndividualAchievement) -> list[str]:
    """Mục I, Sơ lược lý lịch, one ``- label: value`` line per item of the form."""
    person = report.person
    items = [
        f"Họ và tên: {person.full_name}",
        f"Sinh ngày, tháng, năm: {vnformat.short_date(person.date_of_birth)}; giới tính: {person.gender}",
        f"Quê quán: {person.hometown}",
        f"Trú quán: {person.residence}",
        f"Đơn vị công tác: {person.workplace}",
        f"Chức vụ (Đảng, chính quyền, đoàn thể): {person.position}",
        f"Trình độ chuyên môn, nghiệp vụ: {person.qualification}",
    ]
    if person.academic_titles:
        items.append(f"Học hàm, học vị, danh hiệu, giải thưởng: {person.academic_titles}")
    return list_lines(items)


def enrich_individual(report: IndividualAchievement, linked: Mapping[str, Any], rules: RuleSet) -> dict[str, Any]:
    body = {
        "profile": profile_lines(report),
        "duties": list(report.duties),
        "achievements": list(report.achievements),
        "initiatives": list_lines(
            [f"{i.title} ({i.recognition})" if i.recognition else i.title for i in report.initiatives]
        ),
        **_history(report),
    }
    blocks = [
        SignatureBlock([UNIT_HEAD_TITLE, *signature_lines(report.signer)], report.signer.name),
        SignatureBlock([REPORTER_TITLE], report.person.full_name),
        certification_block(report.certifier),
    ]
    frame_ctx = {
        **header_context(DOC_TYPE, report.issuer, document_info(report)),
        **countersignature_context(blocks),
    }
    return {"frame": frame_ctx, "report": body}


def core(report: CollectiveAchievement | IndividualAchievement, linked: Mapping[str, Any]) -> CoreProperties:
    return core_properties(report.issuer, document_info(report))
