"""What a hồ sơ đề nghị khen thưởng must hold for its title, in what order, under which names.

Luật Thi đua, khen thưởng 2022, Điều 84 khoản 1 lists the dossier of an emulation title in this
order: (a) the tờ trình, (b) the achievement reports, (c) the minutes of the vote, (d) for the
Chiến sĩ thi đua titles, the recognition of an initiative. The decree and the procedures of the
Ministry of Home Affairs add, per title, the vote result and the certification of the
achievement report by the level that submits it (Nghị định 98/2023/NĐ-CP, Điều 33; Quyết định 311/QĐ-BNV năm 2025). :data:`COMPOSITIONS` is that
table, each row with its source; the dossier is checked against it (a missing piece is an error
naming it) and laid out in that order: the tờ trình with its list of nominees (its appendix), the
reports in the nominees' order in the vote, the minutes and the vote count, the proofs.

This is legal data kept beside the rule packs: a composition the sources do not confirm for the
dossier's date (a 2016 dossier: the rules of the time are not in the sources; a row taken from
NĐ 98/2023 used after NĐ 152/2025 replaced it) gives a warning saying so.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from schemas.achievement import CollectiveAchievement, IndividualAchievement
from schemas.dossier import Dossier

from pipeline.docx.package import CoreProperties
from pipeline.core.errors import Finding, Severity
from pipeline.core.messages import finding
from pipeline.law.enrich.listing import Listed, ListGroup, enrich_listing, listing_core
from pipeline.stages.load import format_path
from pipeline.law.rulebook import Recipient, RuleSet
from pipeline.core.names import numbered, slug, width_for
from pipeline.law.votes import TitleResult, tally

ROOT = "dossier"
LAW = "luat-tdkt-2022"
"""The key in rules/van-ban.yaml of Luật Thi đua, khen thưởng 2022, whose Điều 84 lists the dossier:
the compositions are confirmed from the day it came into force."""
DECREE_98 = "nd-98-2023"
"""NĐ 98/2023/NĐ-CP, whose Điều 33–34 add to the list; NĐ 152/2025/NĐ-CP replaced it, and whether it
keeps those lists is unconfirmed (Nghị định 98/2023/NĐ-CP, Điều 33; Quyết định 311/QĐ-BNV năm 2025): rows from NĐ 98 are confirmed until it ended."""

_LAW = "Luật Thi đua, khen thưởng 2022, Điều 84 khoản 1"
_ND98 = "Nghị định 98/2023/NĐ-CP, Điều 34"


@dataclass(frozen=True)
class Composition:
    """The pieces a title's dossier needs beyond the tờ trình, the reports and the minutes."""

    vote_result: bool
    """The minutes must carry the result of a secret ballot (the vote-count minutes)."""
    certified_reports: bool
    """Each achievement report carries the certification of the level that submits it."""
    initiative: bool
    """Each nominee's initiative (sáng kiến, đề tài) is proven by a recognition given as a file."""
    source: str
    bounded_by: str | None
    """The key of the text whose end of force ends what the sources confirm (None: the law's)."""


_BASIC = Composition(False, False, False, _LAW, None)
_WITH_VOTE = Composition(True, False, False, f"{_LAW}; {_ND98}", DECREE_98)
_FIGHTER = Composition(True, False, True, f"{_LAW}; {_ND98}", DECREE_98)
_TO_THE_PRIME_MINISTER = Composition(
    True, True, False,
    "Nghị định 98/2023/NĐ-CP, Điều 33; Quyết định 311/QĐ-BNV năm 2025",
    None,
)
COMPOSITIONS: Mapping[str, Composition] = {
    "Cờ thi đua của Chính phủ": _TO_THE_PRIME_MINISTER,
    "Chiến sĩ thi đua toàn quốc": Composition(
        True, True, True, _TO_THE_PRIME_MINISTER.source, None
    ),
    "Cờ thi đua của UBND tỉnh": _WITH_VOTE,
    "Chiến sĩ thi đua cấp tỉnh": _FIGHTER,
    "Chiến sĩ thi đua cơ sở": Composition(
        True, False, True, f"{_LAW}; Quyết định 638/QĐ-BNV năm 2025", None
    ),
    "Tập thể lao động xuất sắc": _BASIC,
    "Tập thể lao động tiên tiến": _BASIC,
    "Lao động tiên tiến": _BASIC,
}
"""Per title (Nghị định 98/2023/NĐ-CP, Điều 33; Quyết định 311/QĐ-BNV năm 2025). The Bằng khen are forms of commendation, whose dossier B7 does not
list: they have no row, and a dossier for one is refused rather than checked against a guess."""


def _error(key: str, /, *loc: str | int, reference: str | None = None, **params: object) -> Finding:
    return finding(key, path=format_path(ROOT, loc), reference=reference, **params)


def _quoted(names: list[str]) -> str:
    return ", ".join(f"«{name}»" for name in names)


def nominee_name(report: CollectiveAchievement | IndividualAchievement) -> str:
    """Who a report is about, as the vote names them."""
    if isinstance(report, IndividualAchievement):
        return report.person.full_name
    return report.nominee or " ".join(report.issuer.name)


def _vote(linked: Mapping[str, Any]) -> Any:
    return linked["nomination"].linked["vote"]


def _award_result(dossier: Dossier, linked: Mapping[str, Any]) -> TitleResult | None:
    vote = _vote(linked)
    result = tally(vote.model, vote.rules)
    return next((t for t in result.titles if t.name == dossier.award), None)


def _reports(linked: Mapping[str, Any]) -> list[tuple[str, int, Any]]:
    return [
        (field, index, validated)
        for field in ("collective_reports", "individual_reports")
        for index, validated in enumerate(linked[field])
    ]


# --- The completeness check --------------------------------------------------------------------------
def check_dossier(dossier: Dossier, linked: Mapping[str, Any], rules: RuleSet) -> list[Finding]:
    """Every piece the title's dossier needs, each missing one an error naming it."""
    award = dossier.award
    composition = COMPOSITIONS.get(award)
    if composition is None:
        known = ", ".join(f"«{name}»" for name in COMPOSITIONS)
        return [_error("dossier.composition_unknown", "award", award=award, known=known)]
    findings = _era(dossier, composition, rules)
    title = _award_result(dossier, linked)
    if title is None or not title.passed:
        return findings + [_error("dossier.no_nominee", "nomination", award=award)]
    names = [candidate.name for candidate in title.passed]
    reports = _reports(linked)
    covered = {nominee_name(v.model) for _, _, v in reports}
    field = "collective_reports" if title.recipient is Recipient.COLLECTIVE else "individual_reports"
    for name in names:
        if name not in covered:
            findings.append(_error(
                "dossier.report_missing", field, reference=composition.source, award=award, name=name,
            ))
    for report_field, index, validated in reports:
        report = validated.model
        name = nominee_name(report)
        if name not in names:
            findings.append(_error(
                "dossier.report_unexpected", report_field, index, name=name, award=award, names=_quoted(names),
            ))
        elif report.proposed_award != award:
            findings.append(_error(
                "dossier.report_award", report_field, index, name=name, proposed=report.proposed_award, award=award,
            ))
        elif composition.certified_reports and report.certifier is None:
            findings.append(_error(
                "dossier.report_uncertified", report_field, index, reference=composition.source, name=name, award=award,
            ))
    findings += _proof_findings(dossier, names, composition)
    return findings


def _proof_findings(dossier: Dossier, names: list[str], composition: Composition) -> list[Finding]:
    findings = []
    for index, proof in enumerate(dossier.proofs):
        if proof.nominee is not None and proof.nominee not in names:
            findings.append(_error(
                "dossier.proof_nominee", "proofs", index, "nominee",
                title=proof.title, nominee=proof.nominee, names=_quoted(names),
            ))
    if composition.initiative:
        proven = {p.nominee for p in dossier.proofs if p.initiative}
        for name in names:
            if name not in proven:
                findings.append(_error(
                    "dossier.initiative_missing", "proofs",
                    reference=composition.source, award=dossier.award, name=name,
                ))
    return findings


def _era(dossier: Dossier, composition: Composition, rules: RuleSet) -> list[Finding]:
    """A warning when the composition's sources are not known to apply on the dossier's date; the
    dates come from the legal texts of the rule packs."""
    day = dossier.document.date
    texts = {text.key: text for text in rules.texts}
    start = texts[LAW].in_force_from.date
    end = texts[composition.bounded_by].in_force_until if composition.bounded_by else None
    if day >= start and (end is None or day <= end.date):
        return []
    return [finding(
        "dossier.composition_unconfirmed", path=f"{ROOT}.document.date", severity=Severity.WARNING,
        award=dossier.award, source=composition.source, day=day.strftime("%d/%m/%Y"),
    )]


# --- The layout --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """One file of the dossier: a document to render or a proof to copy."""

    name: str
    listed: Listed
    document: Any = None
    """The :class:`~pipeline.law.kinds.Document` to render, with ``validated``; None for a proof."""
    validated: Any = None
    proof: int | None = None
    """Index of the proof in ``proofs`` for a copied file."""
    source: str = ""
    """The input it comes from, relative to the dossier file's folder."""


_WITH_LIST = " (kèm theo Danh sách đề nghị khen thưởng)"
"""The list of nominees is the tờ trình's appendix: the Phiếu gửi says so after its trích yếu."""


def listed(name: str, document: Any, validated: Any, note: str | None = None) -> Listed:
    """A rendered document as a Phiếu gửi lists it: cited by số, ký hiệu and date when it bears a number."""
    core = document.core(validated.model, validated.linked)
    number, issuer_abbr = document.numbered(validated.model) if document.numbered else (None, "")
    return Listed(name, document.title, core.creator, core.created, core.title + (note or ""),
                  number, document.layout.doc_type.abbreviation, issuer_abbr)


_EXTENSION = re.compile(r"^\.[a-z0-9]{1,5}$")


COUNTING_MINUTES = "kiem-phieu"
"""The key of the vote's second document, the Biên bản kiểm phiếu (:mod:`pipeline.law.kinds`)."""


def entries(dossier: Dossier, linked: Mapping[str, Any]) -> list[Entry]:
    """The dossier's files in legal order, each with its name (``03-bien-ban-hop.docx``)."""
    title = _award_result(dossier, linked)
    order = [c.name for c in title.passed] if title is not None else []
    nomination = linked["nomination"]
    vote = _vote(linked)
    vote_source = posixpath.normpath(posixpath.join(posixpath.dirname(dossier.nomination), nomination.model.vote))
    planned: list[tuple[str, Any, Any, str | None, int | None, str]] = []
    for document in nomination.kind.documents:
        planned.append((_stem(document), document, nomination, _WITH_LIST, None, dossier.nomination))
    sources = {("collective_reports", i): s for i, s in enumerate(dossier.collective_reports)}
    sources |= {("individual_reports", i): s for i, s in enumerate(dossier.individual_reports)}
    reports = sorted(_reports(linked), key=lambda r: order.index(nominee_name(r[2].model))
                     if nominee_name(r[2].model) in order else len(order))
    for field, index, validated in reports:
        stem = f"bao-cao-thanh-tich-{slug(nominee_name(validated.model), fallback='don-vi')}"
        for document in validated.kind.documents:
            planned.append((stem, document, validated, None, None, sources.get((field, index), "")))
    # The minutes always; the vote-count minutes where the title needs the ballot's result (B7).
    composition = COMPOSITIONS[dossier.award]
    for document in vote.kind.documents:
        if document.key == COUNTING_MINUTES and not composition.vote_result:
            continue
        planned.append((_stem(document), document, vote, None, None, vote_source))
    for index, proof in enumerate(dossier.proofs):
        extension = posixpath.splitext(proof.file)[1].lower()
        stem = f"minh-chung-{slug(posixpath.splitext(posixpath.basename(proof.file))[0], fallback='tai-lieu')}"
        planned.append((stem + (extension if _EXTENSION.match(extension) else ""), None, None, proof.title,
                        index, proof.file))
    width = width_for(len(planned))
    result = []
    # ``text`` is a proof's title, or what follows a document's trích yếu in the list.
    for number, (stem, document, validated, text, proof, source) in enumerate(planned, start=1):
        if document is None:
            name = numbered(number, width, stem)
            result.append(Entry(name, Listed(name, text or ""), proof=proof, source=source))
        else:
            name = numbered(number, width, stem) + ".docx"
            result.append(Entry(name, listed(name, document, validated, text), document, validated, source=source))
    return result


def _stem(document: Any) -> str:
    return str(document.template).removesuffix(".docx")


def enrich_dossier_list(dossier: Dossier, linked: Mapping[str, Any], rules: RuleSet) -> dict[str, Any]:
    """The Phiếu gửi of the dossier: every file in legal order."""
    title = _award_result(dossier, linked)
    names = ", ".join(c.name for c in title.passed) if title is not None else ""
    intro = (
        f"{' '.join(dossier.issuer.name)} gửi hồ sơ đề nghị tặng {dossier.award} cho {names}, gồm các văn bản, "
        "tài liệu sau:"
    )
    items = tuple(entry.listed for entry in entries(dossier, linked))
    return enrich_listing(dossier, intro, [ListGroup(None, items)])


def dossier_core(dossier: Dossier, linked: Mapping[str, Any]) -> CoreProperties:
    return listing_core(dossier)
