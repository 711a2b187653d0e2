"""How a rule says what it found: a finding at a data path, with the legal reference of the rule.

Codes are ``rule.<area>.<what>`` for legal rules and ``link.<what>`` for mismatches between linked
files. A finding built on an unconfirmed pack value is never an error: it is a warning that says
the value is unconfirmed, for a clerk to check against the text before signing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from pipeline.core import vnformat
from pipeline.core.errors import Finding, Severity
from pipeline.stages.load import Loc, format_path
from pipeline.law.rulebook import RuleSet, Source


def error(code: str, message: str, root: str, loc: Loc, source: Source | None = None) -> Finding:
    return Finding(code, message, path=format_path(root, loc), reference=source.reference.cite() if source else None)


def warning(code: str, message: str, root: str, loc: Loc, source: Source | None = None) -> Finding:
    return Finding(code, message, path=format_path(root, loc), severity=Severity.WARNING,
                   reference=source.reference.cite() if source else None)


def breach(code: str, message: str, root: str, loc: Loc, source: Source, *, alternative: bool = False) -> Finding:
    """A rule not met: an error when the rule is confirmed and is the only ground, else a warning
    that says why it does not block."""
    if source.confirmed and not alternative:
        return error(code, message, root, loc, source)
    if not source.confirmed:
        message = f"{message} (Quy định này chưa được xác nhận: {source.unconfirmed_note}.)"
    return warning(code, message, root, loc, source)


def unconfirmed(what: str, source: Source, root: str, loc: Loc) -> Finding:
    """A document relies on a pack value no text confirms: say which, and why it is not confirmed."""
    return warning("rule.unconfirmed", f"{what} chưa được xác nhận: {source.unconfirmed_note}.", root, loc, source)


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
    return [error(
        "rule.pack_missing",
        f"Không có bộ quy tắc quốc gia nào áp dụng cho ngày {day}. Các bộ quy tắc có: {known}. Thêm bộ quy tắc "
        "của thời kỳ này bằng --rules TỆP.",
        root, loc,
    )]


def day(value: datetime.date) -> str:
    return vnformat.short_date(value)
