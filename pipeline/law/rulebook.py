"""Rule packs: read the YAML files of ``rules/`` (and ``--rules`` files), check them, and give the
rules in force on a date.

A :class:`RuleBook` holds every pack: the national packs of ``rules/`` (one per legal era, their
date ranges never overlap), the local packs a user adds (a province's or a bloc's quy chế, applied
over the national pack in the order given), the base-salary table and the table of legal texts.
:meth:`RuleBook.on` gives the :class:`RuleSet` of one date: the titles with who decides them, the
vote thresholds, the bonus coefficients, rounding and base salary, the eligibility requirements,
quotas and deadlines. The orchestrator picks the date of each input and hands its RuleSet to the
rules stage and to enrich; nothing reads the packs behind its back.

Pack files go through the same load and validate stages as inputs, so a mistake in a pack is
reported with its file, line and data path. Checks that span files (overlapping ranges, a title
or a text named but not defined) are made here, all at once.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path
from types import MappingProxyType

from pydantic import BaseModel

from schemas import rule_pack as schema

from pipeline.core import vnformat
from pipeline.core import resources
from pipeline.core.errors import Finding, InputError, raise_if_errors
from pipeline.core.messages import finding
from pipeline.stages.load import Loaded, Loc, format_path, load
from pipeline.stages.validate import validate



class Recipient(str, Enum):
    """Who receives an award: a collective (tập thể) or an individual (cá nhân)."""

    COLLECTIVE = "tập thể"
    INDIVIDUAL = "cá nhân"


class Authority(str, Enum):
    """Who decides an award (thẩm quyền quyết định)."""

    PRIME_MINISTER = "Thủ tướng Chính phủ"
    PROVINCE_CHAIR = "Chủ tịch UBND tỉnh"
    UNIT_HEAD = "Thủ trưởng cơ quan, đơn vị"


@dataclass(frozen=True)
class Reference:
    """The text (and article) a value comes from."""

    text: str
    article: str | None = None
    note: str | None = None

    def cite(self) -> str:
        """``Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7``: what a finding names as its legal reference."""
        return f"{self.text}, {self.article}" if self.article else self.text


@dataclass(frozen=True)
class Source:
    reference: Reference
    confirmed: bool
    origin: str
    """The pack or table the value was read from, for messages."""

    @property
    def unconfirmed_note(self) -> str:
        """Why the value is not confirmed, as the pack records it."""
        return self.reference.note or self.reference.cite()


@dataclass(frozen=True)
class Threshold:
    """The least share of "đồng ý" votes, over the TOTAL number of members, that passes."""

    share: Decimal
    source: Source

    @property
    def confirmed(self) -> bool:
        return self.source.confirmed

    @property
    def percent(self) -> str:
        return vnformat.percent_value(self.share * 100)


@dataclass(frozen=True)
class Coefficient:
    """Bonus = coefficient × base salary in force on the day the decision is signed."""

    value: Decimal
    source: Source


@dataclass(frozen=True)
class Rounding:
    """The bonus is rounded up to a multiple of ``step`` đồng; ``None``: not rounded."""

    step: int | None
    source: Source

    def describe(self) -> str:
        return f"làm tròn lên bội số của {vnformat.money(self.step)}" if self.step else "không làm tròn"


@dataclass(frozen=True)
class Decider:
    authority: Authority
    source: Source


@dataclass(frozen=True)
class Requirement:
    """One eligibility condition of a title (its parameters are the pack's model)."""

    spec: schema.Requirement
    source: Source


@dataclass(frozen=True)
class Title:
    """A title or an award: who may receive it, who decides it, the council threshold (None where
    no law sets one), the bonus coefficient per recipient, the eligibility requirements."""

    name: str
    category: str  # "emulation" (danh hiệu thi đua) or "commendation" (hình thức khen thưởng)
    recipients: tuple[Recipient, ...]
    decided_by: Decider
    council_threshold: Threshold | None
    coefficients: Mapping[Recipient, Coefficient]
    requirements: tuple[Requirement, ...]


@dataclass(frozen=True)
class BaseSalary:
    """Mức lương cơ sở in force from ``start`` until the next one starts."""

    amount: int
    start: datetime.date
    source: Source


@dataclass(frozen=True)
class Dated:
    date: datetime.date
    source: Source


@dataclass(frozen=True)
class LegalText:
    """A law, decree or circular: when it existed and was in force, and how documents cite it."""

    key: str
    name: str
    patterns: tuple[re.Pattern[str], ...]
    issued: Dated
    in_force_from: Dated
    in_force_until: Dated | None

    def cited_in(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.patterns)


@dataclass(frozen=True)
class Quota:
    title: str
    share: Decimal
    among: str
    source: Source


@dataclass(frozen=True)
class Deadline:
    document: str
    month: int
    day: int
    year_offset: int
    titles: tuple[str, ...]
    source: Source

    def for_year(self, year: int) -> datetime.date:
        return datetime.date(year + self.year_offset, self.month, self.day)


@dataclass(frozen=True)
class General:
    """Rules for every title; ``None`` where the packs in force set none."""

    no_discipline: Source | None = None
    no_pending_case: Source | None = None
    one_form_per_achievement: Source | None = None
    written_opinions: Source | None = None


@dataclass(frozen=True)
class PackInfo:
    name: str
    scope: str
    level: str
    file: str
    start: datetime.date
    end: datetime.date | None

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def span(self) -> str:
        if self.end is None:
            return f"từ {vnformat.short_date(self.start)}"
        return f"{vnformat.short_date(self.start)} – {vnformat.short_date(self.end)}"


@dataclass(frozen=True)
class RuleSet:
    """Everything the packs say for one date: what the rules stage checks and enrich computes with."""

    date: datetime.date | None
    national: PackInfo | None
    local: tuple[PackInfo, ...]
    titles: Mapping[str, Title]
    practice_threshold: Threshold | None
    bloc_threshold: Threshold | None
    rounding: Rounding | None
    general: General
    quotas: tuple[Quota, ...]
    deadlines: tuple[Deadline, ...]
    district_level_abolished: Dated | None
    achievement_form: Source | None
    """Whether the headings hoso prints for a báo cáo thành tích match the form of the period."""
    decree: LegalText | None
    base_salary: BaseSalary | None
    texts: tuple[LegalText, ...]
    any_citation: re.Pattern[str]
    """Every pattern of ``texts`` in one: a text that matches none cites nothing (most do not)."""
    periods: tuple[PackInfo, ...]
    """Every national pack known, for messages when none is in force."""

    def title(self, name: str) -> Title | None:
        return self.titles.get(name)

    def closest_title(self, name: str) -> str | None:
        """The catalogue name a mistyped ``name`` most likely meant, if any is close."""
        close = difflib.get_close_matches(name, list(self.titles), n=1, cutoff=0.6)
        return close[0] if close else None

    def threshold_for(self, title: Title, body: str) -> Threshold:
        """The threshold a vote of ``body`` ("council" or "bloc") applies to ``title``.

        A council applies the share the decree sets, or the practice setting where it sets none. A
        bloc's suy tôn applies its own quy chế's share (a local pack) or the practice setting, but
        never a lower share than the council that votes on its proposal next.
        """
        assert self.practice_threshold is not None  # a national pack is in force (the rules stage checks)
        legal = title.council_threshold
        if body == "council":
            return legal or self.practice_threshold
        own = self.bloc_threshold or self.practice_threshold
        return legal if legal is not None and legal.share > own.share else own


# --- Loading -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _File:
    path: Path
    loaded: Loaded
    model: BaseModel

    @property
    def root(self) -> str:
        return str(self.loaded.data["kind"])

    def finding(self, key: str, /, *loc: str | int, **params: object) -> Finding:
        return finding(key, file=self.loaded.file, path=format_path(self.root, loc), line=self.loaded.lines.get(loc),
                       **params)


@dataclass(frozen=True)
class _Pack:
    file: _File
    info: PackInfo

    @property
    def model(self) -> schema.RulePack:
        assert isinstance(self.file.model, schema.RulePack)
        return self.file.model

    def source(self, value: schema.Sourced) -> Source:
        ref = self.model.references[value.source]
        return Source(Reference(ref.text, ref.article, ref.note), value.confirmed, self.info.name)


def _read(path: Path) -> _File:
    """One rule file, validated by the model its ``kind:`` names."""
    kind = load(path).data.get("kind")
    model = schema.RULE_FILES.get(kind) if isinstance(kind, str) else None
    if model is None or not isinstance(kind, str):
        raise InputError([finding("pack.kind", file=str(path), kinds=", ".join(schema.RULE_FILES))])
    loaded = load(path, root=kind)
    validated, _ = validate(loaded, model, root=kind)
    return _File(path, loaded, validated)


def _pack(file: _File) -> _Pack:
    model = file.model
    assert isinstance(model, schema.RulePack)
    info = PackInfo(model.name, model.scope, model.level, file.loaded.file, model.effective.start,
                    model.effective.end)
    return _Pack(file, info)


def _overlaps(a: PackInfo, b: PackInfo) -> bool:
    return (a.end is None or b.start <= a.end) and (b.end is None or a.start <= b.end)


def _overlap_findings(packs: Sequence[_Pack]) -> list[Finding]:
    """National packs never overlap; local packs of the same scope never overlap either."""
    findings = []
    for index, pack in enumerate(packs):
        for earlier in packs[:index]:
            same_group = pack.info.level == earlier.info.level == "national" or (
                pack.info.level == earlier.info.level == "local" and pack.info.scope == earlier.info.scope
            )
            if same_group and _overlaps(pack.info, earlier.info):
                other = {"other": earlier.info.name, "other_span": earlier.info.span(), "other_file": earlier.info.file}
                findings.append(
                    pack.file.finding("pack.overlap", "effective", span=pack.info.span(), **other)
                    if pack.info.level == "national"
                    else pack.file.finding(
                        "pack.overlap/local", "effective", span=pack.info.span(), scope=pack.info.scope, **other,
                    )
                )
    return findings


def _inherited_titles(pack: _Pack, national: Sequence[_Pack]) -> set[str]:
    """For a local pack, the titles every national pack it overlaps defines (a local pack applies on
    top of any of them, so a title it only amends must exist in each)."""
    if pack.info.level != "local":
        return set()
    overlapping = [set(other.model.titles) for other in national if _overlaps(pack.info, other.info)]
    return set.intersection(*overlapping) if overlapping else set()


def _title_mentions(model: schema.RulePack) -> list[tuple[Loc, str]]:
    """Every title a pack names outside its ``titles`` keys, with its data path."""
    mentions: list[tuple[Loc, str]] = []
    for name, title in model.titles.items():
        for index, req in enumerate(title.requirements):
            loc: Loc = ("titles", name, "requirements", index)
            for field in ("title", "prior"):
                value = getattr(req, field, None)
                if isinstance(value, str):
                    mentions.append(((*loc, field), value))
                elif isinstance(value, list):
                    mentions += [((*loc, field, i), item) for i, item in enumerate(value)]
    for index, quota in enumerate(model.quotas):
        mentions += [(("quotas", index, "title"), quota.title), (("quotas", index, "among"), quota.among)]
    for index, deadline in enumerate(model.deadlines):
        mentions += [(("deadlines", index, "titles", i), name) for i, name in enumerate(deadline.titles)]
    return mentions


def _reference_findings(packs: Sequence[_Pack], texts: Mapping[str, schema.LegalText]) -> list[Finding]:
    national = [p for p in packs if p.info.level == "national"]
    findings = []
    for pack in packs:
        model = pack.model
        if model.decree is not None and model.decree not in texts:
            findings.append(pack.file.finding("pack.unknown_text", "decree", text=model.decree, keys=", ".join(texts)))
        inherited = _inherited_titles(pack, national)
        known = set(model.titles) | inherited
        findings += [
            pack.file.finding(
                "pack.unknown_title" if pack.info.level == "national" else "pack.unknown_title/local", *loc, title=name,
            )
            for loc, name in _title_mentions(model)
            if name not in known
        ]
        if pack.info.level == "local":
            findings += [
                pack.file.finding("pack.title_incomplete", "titles", name, title=name)
                for name, title in model.titles.items()
                if name not in inherited and not title.complete
            ]
    return findings


def _the_one(files: list[_File], kind: str, directory: Path, unread: bool) -> tuple[BaseModel | None, list[Finding]]:
    """The one table of ``kind`` in ``directory``; when a file could not be read, its own errors say
    why the table is missing."""
    chosen = [f for f in files if f.root == kind]
    if len(chosen) == 1 or unread:
        return (chosen[0].model if len(chosen) == 1 else None), []
    return None, [finding("pack.table_count", file=str(directory), folder=directory, kind=kind, count=len(chosen))]


def load_book(extra: Sequence[Path] = (), directory: Path | None = None) -> RuleBook:
    """Every pack of ``directory`` (default: the packs shipped with hoso) and the ``extra`` files
    (``--rules``), checked together; every problem of every file is raised at once."""
    directory = directory or resources.rules()
    findings: list[Finding] = []
    builtin: list[_File] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            builtin.append(_read(path))
        except InputError as exc:
            findings += exc.findings
    added: list[_File] = []
    for path in extra:
        try:
            file = _read(path)
        except InputError as exc:
            findings += exc.findings
            continue
        if file.root != "rule_pack":
            findings.append(finding("pack.kind/extra", file=file.loaded.file))
        else:
            added.append(file)
    unread = bool(findings)
    salaries, missing = _the_one(builtin, "base_salaries", directory, unread)
    findings += missing
    texts, missing = _the_one(builtin, "legal_texts", directory, unread)
    findings += missing
    packs = [_pack(f) for f in builtin if f.root == "rule_pack"]
    findings += [
        p.file.finding("pack.builtin_local", "level", folder=directory)
        for p in packs if p.info.level != "national"
    ]
    packs += [_pack(f) for f in added]
    findings += _overlap_findings(packs)
    if isinstance(texts, schema.LegalTextTable):
        findings += _reference_findings(packs, texts.texts)
    raise_if_errors(findings)
    assert isinstance(salaries, schema.BaseSalaryTable) and isinstance(texts, schema.LegalTextTable)
    return RuleBook(
        national=tuple(sorted((p for p in packs if p.info.level == "national"), key=lambda p: p.info.start)),
        local=tuple(p for p in packs if p.info.level == "local"),
        salaries=_salaries(salaries),
        texts=_texts(texts),
    )


@functools.cache
def builtin_book() -> RuleBook:
    """The packs shipped in ``rules/``, read once per process: they are immutable data."""
    return load_book()


def _table_source(table: schema.BaseSalaryTable | schema.LegalTextTable, value: schema.Sourced,
                  origin: str) -> Source:
    ref = table.references[value.source]
    return Source(Reference(ref.text, ref.article, ref.note), value.confirmed, origin)


def _salaries(table: schema.BaseSalaryTable) -> tuple[BaseSalary, ...]:
    origin = "bảng mức lương cơ sở"
    return tuple(BaseSalary(e.amount, e.start, _table_source(table, e, origin)) for e in table.entries)


def _texts(table: schema.LegalTextTable) -> tuple[LegalText, ...]:
    origin = "bảng văn bản pháp luật"

    def dated(value: schema.SourcedDate | None) -> Dated | None:
        return None if value is None else Dated(value.date, _table_source(table, value, origin))

    return tuple(
        LegalText(
            key, text.name, tuple(re.compile(p, re.IGNORECASE) for p in text.patterns),
            dated(text.issued), dated(text.in_force_from), dated(text.in_force_until),  # type: ignore[arg-type]
        )
        for key, text in table.texts.items()
    )


# --- Choosing and merging -----------------------------------------------------------------------------
def _threshold(pack: _Pack, share: schema.Share | None) -> Threshold | None:
    return None if share is None else Threshold(share.percent / 100, pack.source(share))


def _title(pack: _Pack, name: str, rule: schema.TitleRule, base: Title | None) -> Title:
    """``rule`` of ``pack`` over ``base`` (the title as the packs applied so far define it), or a
    complete new title: what the rule gives replaces, requirements add up."""
    coefficients = {
        **(base.coefficients if base else {}),
        **{Recipient(r): Coefficient(c.value, pack.source(c)) for r, c in rule.bonus.items()},
    }
    if rule.decided_by is not None:
        decided_by = Decider(Authority(rule.decided_by.value), pack.source(rule.decided_by))
    else:
        assert base is not None  # a new title is complete (checked when the packs were loaded)
        decided_by = base.decided_by
    return Title(
        name=name,
        category=rule.category or (base.category if base else ""),
        recipients=tuple(Recipient(r) for r in rule.recipients) if rule.recipients else base.recipients if base else (),
        decided_by=decided_by,
        council_threshold=_threshold(pack, rule.council_vote) or (base.council_threshold if base else None),
        coefficients=MappingProxyType(coefficients),
        requirements=(base.requirements if base else ())
        + tuple(Requirement(req, pack.source(req)) for req in rule.requirements),
    )


def _general(pack: _Pack, base: General) -> General:
    given = pack.model.general
    return General(**{
        field.name: pack.source(getattr(given, field.name)) if getattr(given, field.name) else getattr(base, field.name)
        for field in dataclasses.fields(General)
    })


@dataclass(frozen=True)
class RuleBook:
    national: tuple[_Pack, ...]
    local: tuple[_Pack, ...]
    salaries: tuple[BaseSalary, ...]
    texts: tuple[LegalText, ...]

    @functools.cached_property
    def any_citation(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p.pattern})" for t in self.texts for p in t.patterns), re.IGNORECASE)

    def base_salary_on(self, day: datetime.date) -> BaseSalary | None:
        """The base salary in force on ``day``: the last entry started by then."""
        started = [entry for entry in self.salaries if entry.start <= day]
        return started[-1] if started else None

    def district_level_abolished(self) -> Dated | None:
        """The day the district level ends, as the packs record it. It is a fact about dates, not a rule
        of one era: a 2025 plan for 2026 must not address a district either, so every RuleSet has it."""
        declared = [
            Dated(p.model.district_level_abolished.date, p.source(p.model.district_level_abolished))
            for p in self.national + self.local
            if p.model.district_level_abolished is not None
        ]
        return min(declared, key=lambda d: d.date) if declared else None

    def on(self, day: datetime.date | None) -> RuleSet:
        """The rules in force on ``day``: its national pack, then each local pack in force over it."""
        national = next((p for p in self.national if day is not None and p.info.covers(day)), None)
        local = tuple(p for p in self.local if day is not None and p.info.covers(day))
        titles: dict[str, Title] = {}
        practice = bloc = None
        rounding = None
        general = General()
        quotas: list[Quota] = []
        deadlines: list[Deadline] = []
        decree = None
        achievement_form = None
        for pack in ((national,) if national else ()) + local:
            model = pack.model
            for name, rule in model.titles.items():
                titles[name] = _title(pack, name, rule, titles.get(name))
            practice = _threshold(pack, model.practice_vote) or practice
            bloc = _threshold(pack, model.bloc_vote) or bloc
            if model.rounding is not None:
                rounding = Rounding(model.rounding.up_to, pack.source(model.rounding))
            general = _general(pack, general)
            quotas += [Quota(q.title, q.percent / 100, q.among, pack.source(q)) for q in model.quotas]
            deadlines += [
                Deadline(d.document, d.month, d.day, d.year_offset, tuple(d.titles), pack.source(d))
                for d in model.deadlines
            ]
            if model.decree is not None:
                decree = next(t for t in self.texts if t.key == model.decree)
            if model.achievement_form is not None:
                achievement_form = pack.source(model.achievement_form)
        return RuleSet(
            date=day,
            national=national.info if national else None,
            local=tuple(p.info for p in local),
            titles=MappingProxyType(titles),
            practice_threshold=practice,
            bloc_threshold=bloc,
            rounding=rounding,
            general=general,
            quotas=tuple(quotas),
            deadlines=tuple(deadlines),
            district_level_abolished=self.district_level_abolished(),
            achievement_form=achievement_form,
            decree=decree,
            base_salary=self.base_salary_on(day) if day is not None else None,
            texts=self.texts,
            any_citation=self.any_citation,
            periods=tuple(p.info for p in self.national),
        )
