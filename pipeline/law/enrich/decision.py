"""Enrich a Quyết định khen thưởng (PL3 Mẫu 1.2) and its attached list: the recipients come from
the linked tờ trình (and through it the vote), the bonuses from the rules in force on the decision's
date (:mod:`pipeline.law.bonus`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schemas.common import Recipients
from schemas.decision import Decision

from pipeline.core import vnformat
from pipeline.docx.package import CoreProperties
from pipeline.law.awards import Awarded, awarded
from pipeline.nd30 import spec
from pipeline.law.rulebook import Recipient, RuleSet
from pipeline.law.votes import tally
from pipeline.law.enrich.common import (
    appendix_context,
    attached_reference,
    core_properties,
    enacting_context,
    header_context,
    kept_cells,
    list_lines,
    signature_context,
)

QD = spec.DOCUMENT_TYPES["QĐ"]


def _by_title(granted: list[Awarded]) -> dict[str, list[Awarded]]:
    groups: dict[str, list[Awarded]] = {}
    for item in granted:
        groups.setdefault(item.nominee.title.name, []).append(item)
    return groups


def award_phrase(title: str, items: list[Awarded]) -> str:
    """``Cờ thi đua của UBND tỉnh cho 01 tập thể``; the list has as many rows for the title."""
    return f"{title} cho {vnformat.count_text(len(items))} {items[0].nominee.title.recipient.value}"


def bonus_item(title: str, items: list[Awarded]) -> str:
    first = items[0]
    return (
        f"Mỗi {first.nominee.title.recipient.value} được tặng {title} được thưởng {vnformat.money(first.bonus.amount)} "
        f"({vnformat.number(first.bonus.coefficient.value, 1)} lần mức lương cơ sở "
        f"{vnformat.money(first.bonus.base_salary.amount)})"
    )


def _bonus_values(
    granted: list[Awarded], groups: dict[str, list[Awarded]], funding: str, rules: RuleSet
) -> dict[str, Any]:
    """The bonus wording of Điều 1 and 2 and the list's amounts. Without a checked coefficient the
    decision refers to the decree in force instead of printing an unverified amount."""
    if any(item.bonus is None for item in granted):
        decree = f" tại {rules.decree.name}" if rules.decree else ""
        return {
            "bonus_intro": f"kèm theo tiền thưởng theo quy định{decree}.",
            "bonuses": [],
            "funding_sentence": f"Tiền thưởng chi từ {funding}.",
            "rows": _rows(granted, lambda item: "Theo quy định"),
            "rows_total": "",
        }
    total = sum(item.bonus.amount for item in granted)
    return {
        "bonus_intro": "kèm theo tiền thưởng:",
        "bonuses": list_lines([bonus_item(title, items) for title, items in groups.items()]),
        "funding_sentence": (
            f"Tổng số tiền thưởng là {vnformat.money(total)} (bằng chữ: {vnformat.amount_in_words(total)}), "
            f"chi từ {funding}."
        ),
        "rows": _rows(granted, lambda item: vnformat.number(item.bonus.amount)),
        "rows_total": vnformat.number(total),
    }


def awardee_kinds(granted: list[Awarded]) -> str:
    """Who Điều 3 names besides the executors: only the kinds the decision awards ("các tập thể",
    "các cá nhân", or both, collectives first as in PL3 Mẫu 1.2's wording)."""
    kinds = {item.nominee.title.recipient for item in granted}
    return "các " + ", ".join(kind.value for kind in Recipient if kind in kinds)


def recipients_beyond_executors(others: list[str], executors: list[str]) -> list[str]:
    """Nơi nhận after "- Như Điều 3;": a body whose head Điều 3 already names ("Giám đốc Sở Tài
    chính" covers "Sở Tài chính") is not listed twice."""
    return [
        other for other in others
        if not any(executor == other or executor.endswith(f" {other}") for executor in executors)
    ]


def _rows(granted: list[Awarded], amount) -> list[dict[str, str]]:
    rows = [
        {"no": str(i + 1), "name": item.nominee.candidate.name, "title": item.nominee.title.name, "amount": amount(item)}
        for i, item in enumerate(granted)
    ]
    return kept_cells(rows, "name", "title")



def decision_bases(decision: Decision, rules: RuleSet) -> list[str]:
    """The căn cứ as given, then the decree whose rules and coefficients the articles apply when
    they do not cite it yet: a decision rests on the texts it applies (PL3 Mẫu 1.2, the căn cứ
    lines). Its issue date is printed only where a source confirms it."""
    bases = list(decision.legal_bases)
    decree = rules.decree
    if decree is None or any(decree.cited_in(basis) for basis in bases):
        return bases
    issued = f" {vnformat.date_phrase(decree.issued.date)}" if decree.issued.source.confirmed else ""
    return [*bases, f"{decree.name}{issued} của Chính phủ"]


def enrich_decision(decision: Decision, linked: Mapping[str, Any], rules: RuleSet) -> dict[str, Any]:
    vote_input = linked["nomination"].linked["vote"]
    vote = vote_input.model
    granted = awarded(tally(vote, vote_input.rules), rules)
    groups = _by_title(granted)
    body = {
        "awards": vnformat.joined([award_phrase(title, items) for title, items in groups.items()]),
        "year": str(vote.year),
        "bloc_name": " ".join(vote.issuer.name),
        "executors": ", ".join(decision.executors),
        "awardees": awardee_kinds(granted),
        **_bonus_values(granted, groups, decision.funding, rules),
    }
    # Quyết định: Nơi nhận starts with those who carry it out (PL3 Mẫu 1.2: "- Như Điều 3;").
    others = recipients_beyond_executors(list(decision.recipients.others), list(decision.executors))
    recipients = Recipients(others=["Như Điều 3", *others], archive=decision.recipients.archive)
    doc = decision.document
    frame = {
        **header_context(QD, decision.issuer, doc, decision_bases(decision, rules), proposal=decision.proposed_by),
        **enacting_context([decision.authority]),
        **signature_context(decision.signer, recipients),
        **appendix_context(
            [f"Danh sách khen thưởng năm {vote.year}"],
            attached_reference(QD, decision.issuer, doc, of=decision.authority),
        ),
    }
    return {"frame": frame, "decision": body}


def decision_core(decision: Decision, linked: Mapping[str, Any]) -> CoreProperties:
    return core_properties(decision.issuer, decision.document)
