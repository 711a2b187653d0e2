"""What the checks share: the check signature, style comparisons and grouped findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from pipeline.core.errors import Finding
from pipeline.core.messages import text
from pipeline.nd30 import spec
from pipeline.nd30.check.conventions import _num, _quote, _size_span
from pipeline.nd30.check.locate import _is_caps, _Layout
from pipeline.nd30.check.model import _Document, _Line, _Para

_Check = Callable[[_Document, _Layout], Iterator[Finding]]


Problem = tuple[str, tuple[tuple[str, object], ...]]
"""What is wrong with one paragraph: a catalogue key and its values, hashable so that equal
problems group."""


def problem(key: str, /, **params: object) -> Problem:
    return key, tuple(params.items())


def _style_problems(line: _Line, style: spec.TextStyle) -> list[str]:
    """What in ``line`` departs from ``style``: size range, bold, italic, capitals."""
    problems = []
    wrong_sizes = sorted({props.size for _, props in line.segments if not style.allows_size(props.size)})
    if wrong_sizes:
        sizes = ", ".join(_num(size) for size in wrong_sizes)
        problems.append(text("part.nd30.size", sizes=sizes, allowed=_size_span(style)))
    problems += _toggle_problem(line, "bold", style.bold, "part.nd30.not_bold", "part.nd30.bold")
    problems += _toggle_problem(line, "italic", style.italic, "part.nd30.not_italic", "part.nd30.italic")
    if style.caps and not _is_caps(line):
        problems.append(text("part.nd30.not_caps"))
    return problems


def _toggle_problem(line: _Line, attribute: str, wanted: bool, missing: str, unwanted: str) -> list[str]:
    values = {getattr(props, attribute) for _, props in line.segments}
    if wanted and False in values:
        return [text(missing)]
    if not wanted and True in values:
        return [text(unwanted)]
    return []


def _style_finding(
    doc: _Document, key: str, line: _Line, style: spec.TextStyle, *, centred: bool = False
) -> Iterator[Finding]:
    """The finding ``key`` (its text names the component) when ``line`` departs from ``style``."""
    problems = _style_problems(line, style)
    if centred and not doc.centred(line):
        problems.append(text("part.nd30.not_centred"))
    if problems:
        yield doc.finding(key, line.path, text=_quote(line.text), problems="; ".join(problems))


def _grouped(doc: _Document, hits: Iterable[tuple[Problem, _Para, str]]) -> Iterator[Finding]:
    """One finding per distinct problem, quoting its first occurrence and counting paragraphs."""
    groups: dict[Problem, list] = {}
    for found, para, example in hits:
        if found in groups:
            groups[found][2] += 1
        else:
            groups[found] = [para, example, 1]
    for (key, params), (para, example, count) in groups.items():
        more = f" {text('part.nd30.more', count=count - 1)}" if count > 1 else ""
        yield doc.finding(key, para.path, example=_quote(example), more=more, **dict(params))
