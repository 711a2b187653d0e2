"""Titles named in an input against the catalogue of the rules in force: known, and for whom.

The catalogue depends on the date (each legal era has its own pack) and on local packs, which may
add a title of their own, so the name is checked here rather than by the schema.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.core.errors import Finding, Severity
from pipeline.stages.load import Loc
from pipeline.law.rulebook import Recipient, RuleSet, Title
from pipeline.law.checks.report import error, quoted


def unknown_title(name: str, rules: RuleSet, root: str, loc: Loc) -> Finding:
    """``name`` is not in the catalogue: suggest the closest name, or list the catalogue."""
    close = rules.closest_title(name)
    if close is not None:
        message = (
            f"Danh hiệu, hình thức khen thưởng «{name}» không có trong danh mục của hoso; có phải ý bạn là «{close}»?"
        )
    else:
        message = (
            f"Danh hiệu, hình thức khen thưởng «{name}» không có trong danh mục của hoso. Danh mục gồm: "
            f"{quoted(rules.titles)}."
        )
    return error("rule.title.unknown", message, root, loc)


def recipient_findings(title: Title, recipient: str | None, root: str, loc: Loc) -> list[Finding]:
    """A title given to both collectives and individuals must say which; a given kind must be allowed."""
    if recipient is None:
        if len(title.recipients) > 1:
            return [error(
                "rule.title.recipient_missing",
                f"«{title.name}» dành cho cả tập thể và cá nhân: ghi recipient là «tập thể» hoặc «cá nhân».",
                root, loc,
            )]
        return []
    if Recipient(recipient) not in title.recipients:
        return [error(
            "rule.title.recipient_not_allowed",
            f"«{title.name}» chỉ dành cho {title.recipients[0].value}, không dành cho {recipient}.",
            root, loc,
        )]
    return []


def as_warning(finding: Finding) -> Finding:
    """For reports that may propose a form outside the catalogue (a Huân chương): say so, do not block."""
    return replace(finding, severity=Severity.WARNING,
                   message=f"{finding.message} hoso không kiểm tra được điều kiện của hình thức này.")
