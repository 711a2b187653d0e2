"""Era wording: what a document may cite and name on its date (texts in force by date; the district level ended on 01/7/2025).

Every text field of every input is read, never rewritten:

* a law, decree or circular of the table of legal texts cited before it was issued (a 2016 plan
  citing the 2022 law), cited as a căn cứ before it took effect or after it ceased (a 2026 decision
  based on NĐ 98/2023), or mentioned in the body after it ceased;
* from the day the district level is abolished (a pack's ``district_level_abolished``), a
  district-level body or unit (huyện, quận, thị xã, thị trấn, cấp huyện).

A nested record that carries its own date or year (an award received in 2019 and its decision, a
year of a record) is read as of that date: the 2019 Giấy khen of a UBND huyện is history, not a
mistake. A finding resting on a confirmed date is an error where the text is a căn cứ or a body
the document addresses or is issued by, a warning elsewhere (a narrative may speak of the past).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, NamedTuple

from pydantic import BaseModel

from pipeline.core.errors import Finding
from pipeline.core import messages
from pipeline.stages.load import Loc
from pipeline.law.rulebook import Dated, LegalText, RuleSet
from pipeline.law.checks.report import day, error, warning

# Units of the district level as the two-tier reform removed them (from 01/7/2025: "do not print
# 'cấp huyện', 'thị trấn' … after 01/7/2025"); "thị xã hội" is not a unit.
DISTRICT_TERMS = re.compile(r"\b(cấp huyện|huyện|quận|thị xã(?! hội)|thị trấn)\b", re.IGNORECASE)

# Fields that name the bodies a document is issued by, addressed to or carried out by.
BODY_FIELDS = frozenset({
    "issuer", "recipients", "signer", "certifier", "authority", "executors", "proposed_by", "unit", "bloc",
})

_EXCERPT = 80


class Text(NamedTuple):
    # A tuple, not a dataclass: a 5 000-row list has tens of thousands of texts to read.
    loc: Loc
    value: str
    as_of: datetime.date


def _own_date(fields: dict[str, Any]) -> datetime.date | None:
    """The date a nested record (its ``fields``) speaks of: its own ``date``, else the end of its
    ``year``."""
    own = fields.get("date")
    if type(own) is datetime.date:
        return own
    year = fields.get("year")
    return datetime.date(year, 12, 31) if isinstance(year, int) else None


def texts(value: Any, loc: Loc, as_of: datetime.date) -> Iterator[Text]:
    """Every string under ``value`` with its data path and the date it speaks of."""
    if isinstance(value, str):
        yield Text(loc, value, as_of)
    elif isinstance(value, BaseModel):
        # Read from the instance's fields: asking a model for an attribute it lacks is slow.
        fields = value.__dict__
        here = (_own_date(fields) if loc else None) or as_of
        for name in type(value).model_fields:
            if name != "kind":
                yield from texts(fields[name], (*loc, name), here)
    elif isinstance(value, dict):
        for key, item in value.items():
            year_key = isinstance(key, int) and 1900 <= key <= 2200
            yield from texts(item, (*loc, key), datetime.date(key, 12, 31) if year_key else as_of)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from texts(item, (*loc, index), as_of)


def _excerpt(value: str) -> str:
    return value if len(value) <= _EXCERPT else value[: _EXCERPT - 1] + "…"


def _dated(key: str, root: str, loc: Loc, dated: Dated, /, *, block: bool, **params: object) -> Finding:
    """An error when the date is confirmed and the place matters (``block``); else a warning that
    says why it is only a warning."""
    if dated.source.confirmed and block:
        return error(key, root, loc, dated.source, **params)
    found = warning(key, root, loc, dated.source, **params)
    if dated.source.confirmed:
        return found
    note = messages.text("part.unconfirmed_date", note=dated.source.unconfirmed_note)
    return replace(found, message=f"{found.message} {note}")


def _citation(text: Text, legal: LegalText, root: str) -> list[Finding]:
    basis = bool(text.loc) and text.loc[0] == "legal_bases"
    if text.as_of < legal.issued.date:
        return [_dated(
            "rule.era.text_not_issued", root, text.loc, legal.issued, block=True,
            text=legal.name, issued=day(legal.issued.date), day=day(text.as_of),
        )]
    if basis and text.as_of < legal.in_force_from.date:
        return [_dated(
            "rule.era.text_not_in_force", root, text.loc, legal.in_force_from, block=False,
            text=legal.name, day=day(text.as_of), start=day(legal.in_force_from.date),
        )]
    until = legal.in_force_until
    if until is None or text.as_of <= until.date:
        return []
    ceased = day(until.date + datetime.timedelta(days=1))
    if basis:
        return [_dated(
            "rule.era.text_expired", root, text.loc, until, block=True,
            text=legal.name, ceased=ceased, day=day(text.as_of),
        )]
    return [_dated(
        "rule.era.text_expired_mentioned", root, text.loc, until, block=False, text=legal.name, ceased=ceased,
    )]


def _district(text: Text, abolished: Dated, root: str) -> list[Finding]:
    if text.as_of < abolished.date:
        return []
    terms = list(dict.fromkeys(match[0].lower() for match in DISTRICT_TERMS.finditer(text.value)))
    if not terms:
        return []
    body = bool(text.loc) and text.loc[0] in BODY_FIELDS
    named = ", ".join(f"«{term}»" for term in terms)
    return [_dated(
        "rule.era.district/body" if body else "rule.era.district", root, text.loc, abolished, block=body,
        terms=named, day=day(abolished.date), excerpt=_excerpt(text.value),
    )]


def _cited(value: str, rules: RuleSet) -> tuple[LegalText, ...]:
    """The legal texts ``value`` cites, in the order of the table."""
    if not rules.any_citation.search(value):
        return ()
    return tuple(legal for legal in rules.texts if legal.cited_in(value))


def check(model: BaseModel, root: str, rules: RuleSet) -> list[Finding]:
    """Era findings of every text field of one input, in the order of its fields."""
    if rules.date is None:
        return []
    findings = []
    # A list repeats its texts row after row (the same achievement, the same title): each distinct
    # text is searched once per input.
    cited: dict[str, tuple[LegalText, ...]] = {}
    for text in texts(model, (), rules.date):
        legals = cited.get(text.value)
        if legals is None:
            legals = cited[text.value] = _cited(text.value, rules)
        for legal in legals:
            findings += _citation(text, legal, root)
        if rules.district_level_abolished is not None:
            findings += _district(text, rules.district_level_abolished, root)
    return findings
