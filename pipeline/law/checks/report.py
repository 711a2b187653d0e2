"""How a rule says what it found: a finding at a data path, with the legal reference of the rule.

Codes are ``rule.<area>.<what>`` for legal rules and ``link.<what>`` for mismatches between linked
files. A finding built on an unconfirmed pack value is never an error: it is a warning that says
the value is unconfirmed, for a clerk to check against the text before signing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import replace

from pipeline.core import vnformat
from pipeline.core.errors import Finding, Severity
from pipeline.core.messages import finding, text
from pipeline.stages.load import Loc, format_path
from pipeline.law.rulebook import RuleSet, Source


def error(key: str, root: str, loc: Loc, source: Source | None = None, /, **params: object) -> Finding:
    """The finding ``key`` (see :mod:`pipeline.core.messages`) at ``loc``, citing the rule's source."""
    return finding(key, path=format_path(root, loc), reference=_cite(source), **params)


def warning(key: str, root: str, loc: Loc, source: Source | None = None, /, **params: object) -> Finding:
    return finding(key, path=format_path(root, loc), severity=Severity.WARNING, reference=_cite(source), **params)


def _cite(source: Source | None) -> str | None:
    return source.reference.cite() if source else None


def breach(
    key: str, root: str, loc: Loc, source: Source, /, *, alternative: bool = False, **params: object
) -> Finding:
    """A rule not met: an error when the rule is confirmed and is the only ground (``alternative``:
    one of several grounds, which the message then says), else a warning that says why it does not
    block."""
    found = warning(key, root, loc, source, **params)
    parts = [found.message]
    if alternative:
        parts.append(text("part.alternative_ground"))
    if not source.confirmed:
        parts.append(text("part.unconfirmed_rule", note=source.unconfirmed_note))
    severity = Severity.ERROR if source.confirmed and not alternative else Severity.WARNING
    return replace(found, message=" ".join(parts), severity=severity)


def unconfirmed(what: str, source: Source, root: str, loc: Loc) -> Finding:
    """A document relies on a pack value no text confirms: say which (``what``, a catalogue
    ``part.*`` text), and why it is not confirmed."""
    return warning("rule.unconfirmed", root, loc, source, what=what, note=source.unconfirmed_note)


def unconfirmed_uses(uses: Iterable[tuple[str, Source]], root: str, loc: Loc) -> list[Finding]:
    """One warning per distinct unconfirmed value, in the order first used."""
    seen: dict[tuple[str, Source], None] = {}
    for what, source in uses:
        if not source.confirmed:
            seen.setdefault((what, source), None)
    return [unconfirmed(what, source, root, loc) for what, source in seen]


def quoted(names: Iterable[str]) -> str:
    return ", ".join(f"«{name}»" for name in names)


def pack_missing(rules: RuleSet, root: str, loc: Loc) -> list[Finding]:
    """An error when no national pack is in force on the document's date (the rules need one)."""
    if rules.national is not None:
        return []
    day = vnformat.short_date(rules.date) if rules.date else "của văn bản"
    known = "; ".join(f"«{p.name}» ({p.span()})" for p in rules.periods)
    return [error("rule.pack_missing", root, loc, day=day, known=known)]


def day(value: datetime.date) -> str:
    return vnformat.short_date(value)
