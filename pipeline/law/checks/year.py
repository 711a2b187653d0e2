"""Checks across the documents of a bloc's year: what no single input, nor the inputs it links,
can show, because the two documents that disagree are typed in different files.

* one person, one role: a unit proposes for one title the holder of one position under two names
  (an error), or one name under two positions (a warning);
* a proposal the registration does not support: a person proposed for an emulation title they
  did not register for, a unit voted on for an award it asked for nowhere (warnings);
* dates in order: a document is never dated before a document it encloses (a tờ trình before
  the achievement reports of its nominees, a dossier or a bloc summary before what it bundles);
* a dossier never holds an achievement report confirmed by a signature but left unnumbered;
* a vote-count committee member who is, or represents, a candidate (a warning: a practice of
  counting, no rule of thi đua, khen thưởng says it).

The caller (:mod:`pipeline.commands.year`) validates every input, then hands each valid one here
as a :class:`YearInput`: its file, model, lines and the files its links name. Every finding
names both documents: its own location is the first, the other is in the message.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.core import vnformat
from pipeline.core.datapath import Loc, format_path
from pipeline.core.errors import Finding, Severity
from pipeline.core.messages import finding, text
from pipeline.law.rulebook import RuleSet



@dataclass(frozen=True)
class YearInput:
    """One valid input of the year, as the year's checks read it."""

    file: str
    kind: str
    model: Any
    rules: RuleSet
    lines: Mapping[Loc, int] = field(default_factory=dict)
    """The line of each data path of the file (as the load stage read it)."""
    links: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Link field → the files it names (the ``file`` of other inputs)."""

    def at(self, *loc: str | int) -> Where:
        return Where(self.file, format_path(self.kind, loc), _line(self.lines, loc))


@dataclass(frozen=True)
class Where:
    file: str
    path: str
    line: int | None

    def show(self) -> str:
        return f"{self.file}:{self.line}: {self.path}" if self.line is not None else f"{self.file}: {self.path}"


def _line(lines: Mapping[Loc, int], loc: Loc) -> int | None:
    """The line of ``loc``, or of the nearest enclosing path the file has a line for."""
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return None


def _report(
    key: str, here: Where, other: Where, severity: Severity = Severity.ERROR, /, reference: str | None = None,
    **params: object,
) -> Finding:
    return finding(
        key, file=here.file, path=here.path, line=here.line, severity=severity, reference=reference,
        other=other.show(), **params,
    )


def check_year(inputs: Sequence[YearInput]) -> list[Finding]:
    """Every cross-document finding of the year, in a stable order."""
    proposals = [p for item in inputs for p in _proposals(item)]
    renamed = _renamed(proposals)
    findings = renamed + _moved(proposals)
    findings += _unregistered(inputs, proposals, {(f.file, f.path) for f in renamed})
    findings += _unrequested(inputs)
    findings += _dates(inputs)
    findings += _unnumbered(inputs)
    findings += _counters(inputs)
    return list(dict.fromkeys(findings))


# --- People and their roles --------------------------------------------------------------------------
@dataclass(frozen=True)
class _Proposal:
    unit: str
    name: str
    position: str | None
    title: str
    where: Where
    source: YearInput


def _unit(model: Any) -> str:
    return " ".join(model.issuer.name)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _roles_of(position: str | None) -> frozenset[str]:
    """The roles a position lists (``Trưởng phòng Thời sự; Bí thư Chi bộ Thời sự``: two)."""
    return frozenset(_key(part) for part in re.split(r"[;\n]", position or "") if part.strip())


def _proposals(item: YearInput) -> Iterator[_Proposal]:
    model, unit = item.model, _unit(item.model)
    if item.kind == "registration":
        for i, entry in enumerate(model.individual_titles):
            for j, name in enumerate(entry.names or ()):
                yield _Proposal(unit, name, None, entry.title, item.at("individual_titles", i, "names", j), item)
    elif item.kind == "self_assessment":
        for i, entry in enumerate(model.individual_titles):
            yield _Proposal(unit, entry.name, entry.position, entry.title, item.at("individual_titles", i, "name"), item)
    elif item.kind == "nominee_list":
        for i, entry in enumerate(model.individuals):
            for title in entry.proposed:
                yield _Proposal(unit, entry.name, entry.position, title, item.at("individuals", i, "name"), item)
    elif item.kind == "achievement_individual":
        person = model.person
        yield _Proposal(unit, person.full_name, person.position, model.proposed_award, item.at("person", "full_name"), item)


def _renamed(proposals: list[_Proposal]) -> list[Finding]:
    """One position, one title, two names in two files, each file naming one of them only: the
    same person typed twice, or a person replaced in one file and not in the others. The name most
    files give is taken as the right one; each other is an error at its own place."""
    findings = []
    groups: dict[tuple[str, str, str], list[_Proposal]] = {}
    for p in proposals:
        for role in _roles_of(p.position):
            groups.setdefault((_key(p.unit), _key(p.title), role), []).append(p)
    for (unit, title, _), group in groups.items():
        names = list(dict.fromkeys(_key(p.name) for p in group))
        if len(names) < 2:
            continue
        files_of = _files_naming(proposals, unit, title)
        settled = max(names, key=lambda name: len(files_of[name]))
        anchor = next(p for p in group if _key(p.name) == settled)
        for p in group:
            # Files that disagree: this one does not name the settled person, nor the anchor's this one.
            if _key(p.name) != settled and p.source.file not in files_of[settled] \
                    and anchor.source.file not in files_of[_key(p.name)]:
                findings.append(_report(
                    "link.person_renamed", p.where, anchor.where,
                    name=p.name, other_name=anchor.name, position=p.position, title=p.title,
                ))
    return findings


def _files_naming(proposals: list[_Proposal], unit: str, title: str) -> dict[str, set[str]]:
    """Each name proposed for ``title`` by ``unit``, with the files that propose it."""
    found: dict[str, set[str]] = {}
    for p in proposals:
        if _key(p.unit) == unit and _key(p.title) == title:
            found.setdefault(_key(p.name), set()).add(p.source.file)
    return found


def _moved(proposals: list[_Proposal]) -> list[Finding]:
    """One name in one unit with positions that share no role, in two files: a warning (a
    namesake, or a position that changed during the year, is possible)."""
    findings = []
    first: dict[tuple[str, str], _Proposal] = {}
    for p in proposals:
        if not p.position:
            continue
        seen = first.setdefault((_key(p.unit), _key(p.name)), p)
        if seen.source.file != p.source.file and not _share_a_role(seen.position, p.position):
            findings.append(_report(
                "link.person_moved", p.where, seen.where, Severity.WARNING,
                name=p.name, position=p.position, other_position=seen.position,
            ))
    return findings


def _share_a_role(first: str | None, second: str | None) -> bool:
    """One position names a role of the other (``Trưởng phòng Thời sự`` is in ``Trưởng phòng Thời
    sự, Bí thư Chi bộ``): the same person described more or less fully."""
    return any(a in b or b in a for a in _roles_of(first) for b in _roles_of(second))


# --- What was registered and asked for ---------------------------------------------------------------
def _unregistered(
    inputs: Sequence[YearInput], proposals: list[_Proposal], renamed: set[tuple[str | None, str | None]],
) -> list[Finding]:
    """A person proposed for an emulation title their unit's registration does not name them for
    (a registration giving only a number of people for a title is not compared). A proposal
    already reported as a renamed person is not reported again."""
    registrations = {_key(_unit(i.model)): i for i in inputs if i.kind == "registration"}
    findings = []
    for p in proposals:
        registration = registrations.get(_key(p.unit))
        if registration is None or p.source is registration or (p.where.file, p.where.path) in renamed:
            continue
        title = p.source.rules.title(p.title)
        if title is None or title.category != "emulation":
            continue
        entries = [(i, e) for i, e in enumerate(registration.model.individual_titles) if _key(e.title) == _key(p.title)]
        if not entries:
            findings.append(_report(
                "link.unregistered_title", p.where, registration.at("individual_titles"), Severity.WARNING,
                name=p.name, title=p.title,
            ))
            continue
        index, entry = entries[0]
        if entry.names and _key(p.name) not in {_key(n) for n in entry.names}:
            findings.append(_report(
                "link.unregistered_title/name", p.where, registration.at("individual_titles", index, "names"),
                Severity.WARNING, name=p.name, title=p.title,
            ))
    return findings


def _asked(inputs: Sequence[YearInput]) -> dict[str, tuple[set[str], YearInput]]:
    """The collective titles and awards each unit asked for (registration, self-assessment,
    achievement report), with the first of its documents that asks."""
    asked: dict[str, tuple[set[str], YearInput]] = {}
    for item in inputs:
        if item.kind in ("registration", "self_assessment"):
            titles = {_key(t) for t in item.model.collective_titles}
            unit = _unit(item.model)
        elif item.kind == "achievement_collective":
            titles = {_key(item.model.proposed_award)}
            unit = item.model.nominee or _unit(item.model)
        else:
            continue
        entry = asked.setdefault(_key(unit), (set(), item))
        entry[0].update(titles)
    return asked


def _unrequested(inputs: Sequence[YearInput]) -> list[Finding]:
    """A unit voted on for a title or award none of its documents asks for."""
    asked = _asked(inputs)
    findings = []
    for vote in (i for i in inputs if i.kind == "vote"):
        for t, voted in enumerate(vote.model.titles):
            for c, candidate in enumerate(voted.candidates):
                titles, document = asked.get(_key(candidate.name), (None, None))
                if titles is None or document is None or _key(voted.name) in titles:
                    continue
                where = "collective_titles" if document.kind != "achievement_collective" else "proposed_award"
                findings.append(_report(
                    "link.unrequested_award", vote.at("titles", t, "candidates", c, "name"), document.at(where),
                    Severity.WARNING, unit=candidate.name, title=voted.name,
                ))
    return findings


# --- Dates -------------------------------------------------------------------------------------------
def _date(item: YearInput) -> datetime.date | None:
    if item.kind == "vote":
        return item.model.start.date()
    day = getattr(getattr(item.model, "document", None), "date", None)
    return day if isinstance(day, datetime.date) else None


def _date_where(item: YearInput) -> Where:
    return item.at("start") if item.kind == "vote" else item.at("document", "date")


def _dates(inputs: Sequence[YearInput]) -> list[Finding]:
    by_file = {i.file: i for i in inputs}
    findings = []
    for outer, inner in _enclosures(inputs, by_file):
        outer_day, inner_day = _date(outer), _date(inner)
        if outer_day is None or inner_day is None or inner_day <= outer_day:
            continue
        findings.append(_report(
            "link.dated_before_enclosed", _date_where(outer), _date_where(inner),
            day=vnformat.short_date(outer_day), other_day=vnformat.short_date(inner_day),
        ))
    return findings


_REPORTS = ("achievement_collective", "achievement_individual")


def _enclosures(inputs: Sequence[YearInput], by_file: Mapping[str, YearInput]) -> Iterator[tuple[YearInput, YearInput]]:
    """(document, document it encloses) pairs: a dossier and every file it links; a bloc summary and
    the self-assessments it links; a tờ trình and the achievement reports of its nominees (the
    reports sent with it, PL «Kèm theo»), those it shares a dossier with and those of the bloc
    whose nominee it proposes for the same year. The tờ trình's own vote and the decision's tờ trình
    are checked with those inputs already."""
    for item in inputs:
        if item.kind in ("dossier", "bloc_summary"):
            for field_name, files in item.links.items():
                if item.kind == "bloc_summary" and field_name == "vote":
                    continue
                yield from ((item, by_file[f]) for f in files if f in by_file)
        if item.kind == "nomination":
            nominees = {_key(name) for name in item.model.achievements}
            year = _vote_year(item, by_file)
            for report in (i for i in inputs if i.kind in _REPORTS):
                if _key(_nominee(report)) in nominees and (year is None or report.model.year == year):
                    yield item, report
        if item.kind == "dossier":
            nominations = [by_file[f] for f in item.links.get("nomination", ()) if f in by_file]
            reports = [by_file[f] for name, files in item.links.items() if name != "nomination" for f in files if f in by_file]
            yield from ((n, r) for n in nominations for r in reports)


def _vote_year(nomination: YearInput, by_file: Mapping[str, YearInput]) -> int | None:
    votes = [by_file[f] for f in nomination.links.get("vote", ()) if f in by_file]
    return votes[0].model.year if votes else None


def _nominee(report: YearInput) -> str:
    model = report.model
    if report.kind == "achievement_individual":
        return str(model.person.full_name)
    return str(model.nominee or _unit(model))


# --- Dossiers: nothing confirmed unnumbered ----------------------------------------------------------
def _unnumbered(inputs: Sequence[YearInput]) -> list[Finding]:
    """A report a higher level confirms (``certifier``) is a numbered, issued document: a dossier
    holding one without a number holds a draft with a signature on it."""
    by_file = {i.file: i for i in inputs}
    findings = []
    for dossier in (i for i in inputs if i.kind == "dossier"):
        for field_name, files in dossier.links.items():
            for report in (by_file[f] for f in files if f in by_file):
                if report.kind in _REPORTS and report.model.certifier is not None and report.model.document.number is None:
                    findings.append(_report(
                        "link.unnumbered_certified", dossier.at(field_name), report.at("certifier"),
                        nominee=_nominee(report), certifier=report.model.certifier.name,
                    ))
    return findings


# --- The vote-count committee ------------------------------------------------------------------------
def _counters(inputs: Sequence[YearInput]) -> list[Finding]:
    findings = []
    for vote in (i for i in inputs if i.kind == "vote"):
        counting = vote.model.counting
        people = [(("counting", "head"), counting.head), *((("counting", "members", k), m) for k, m in enumerate(counting.members))]
        for loc, person in people:
            for t, voted in enumerate(vote.model.titles):
                for c, candidate in enumerate(voted.candidates):
                    if _stands_for(person, candidate.name):
                        findings.append(_report(
                            "link.counter_is_candidate", vote.at(*loc, "name"), vote.at("titles", t, "candidates", c, "name"),
                            Severity.WARNING, text("part.counting_practice"), name=person.name, candidate=candidate.name,
                            title=voted.name,
                        ))
    return findings


def _stands_for(person: Any, candidate: str) -> bool:
    """The person is the candidate, or holds a position in the candidate unit (``Giám đốc Sở Y
    tế`` for ``Sở Y tế``)."""
    name, position = _key(person.name), _key(person.position)
    wanted = _key(candidate)
    return name == wanted or position == wanted or position.endswith(" " + wanted)

