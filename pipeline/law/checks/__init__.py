"""The rules stage, between validate and enrich: what the law and the linked inputs say about valid
data.

The orchestrator picks the date of each input (:func:`document_date`, or the kind's own), takes
the rules in force that day from the packs (:meth:`pipeline.law.rulebook.RuleBook.on`) and calls
:func:`run`. Every rule returns findings with a stable code (``rule.*`` for legal rules,
``link.*`` for mismatches between linked files), the data path, a Vietnamese message and, in
``Finding.reference``, the text and article the rule comes from. Errors stop the documents;
warnings are printed (``--strict`` makes them errors).

* :mod:`.header` – every input with an issuer: a word of its name wider than the header column;
* :mod:`.era` – every input: a text cited before it existed or after it ceased to apply, a
  district-level body named after the two-tier reform (the district level ended on 01/7/2025);
* :mod:`.vote` – the titles voted on, thresholds, ties, absent members (B5);
* :mod:`.dossier` – the tờ trình and the decision against their links, deadlines, bonuses (B9);
* :mod:`.eligibility` with :mod:`.nominees` – a nominee's record against the title proposed (B3);
* :mod:`.bloc_summary` – a bloc's summary against its units and its vote;
* :mod:`.year` – across every document of a bloc's year (not run per input: ``hoso validate
  BLOC_DIR``, ``hoso pack`` and ``hoso dossier`` run it over all of them).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from pipeline.core.errors import Finding
from pipeline.law.rulebook import RuleSet
from pipeline.law.checks import era, header

if TYPE_CHECKING:
    from pipeline.law.kinds import Kind


def document_date(model: BaseModel) -> datetime.date | None:
    """The date of an input that carries it as ``document.date`` (most kinds)."""
    document = getattr(model, "document", None)
    day = getattr(document, "date", None)
    return day if isinstance(day, datetime.date) else None


def run(kind: Kind, model: BaseModel, linked: Mapping[str, Any], rules: RuleSet, *, links_valid: bool) -> list[Finding]:
    """Every rule of ``kind`` on one valid input. Rules that compare with linked inputs run only when
    every linked input is valid: comparing with a broken one would repeat its errors in other words."""
    findings = era.check(model, kind.name, rules) + header.check(model, kind.name, dated=any(d.layout.doc_type.dated for d in kind.documents))
    if kind.checks is not None and links_valid:
        findings += kind.checks(model, linked, rules)
    return findings
