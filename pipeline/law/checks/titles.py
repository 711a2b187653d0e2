"""Titles named in an input against the catalogue of the rules in force: known, and for whom.

The catalogue depends on the date (each legal era has its own pack) and on local packs, which may
add a title of their own, so the name is checked here rather than by the schema.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.core.errors import Finding, Severity
from pipeline.core.messages import text
from pipeline.stages.load import Loc
from pipeline.law.rulebook import Recipient, RuleSet, Title
from pipeline.law.checks.report import error, quoted


def unknown_title(name: str, rules: RuleSet, root: str, loc: Loc) -> Finding:
    """``name`` is not in the catalogue: suggest the closest name, or list the catalogue."""
    close = rules.closest_title(name)
    if close is not None:
        return error("rule.title.unknown/close", root, loc, title=name, close=close)
    return error("rule.title.unknown", root, loc, title=name, known=quoted(rules.titles))


def recipient_findings(title: Title, recipient: str | None, root: str, loc: Loc) -> list[Finding]:
    """A title given to both collectives and individuals must say which; a given kind must be allowed."""
    if recipient is None:
        if len(title.recipients) > 1:
            return [error("rule.title.recipient_missing", root, loc, title=title.name)]
        return []
    if Recipient(recipient) not in title.recipients:
        return [error(
            "rule.title.recipient_not_allowed", root, loc,
            title=title.name, allowed=title.recipients[0].value, recipient=recipient,
        )]
    return []


def as_warning(found: Finding) -> Finding:
    """For reports that may propose a form outside the catalogue (a Huân chương): say so, do not block."""
    return replace(found, severity=Severity.WARNING, message=f"{found.message} {text('part.unchecked_form')}")
