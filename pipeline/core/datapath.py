"""Data paths: where a value sits in an input, as clerks read it (``plan.targets[2].value``).

Every finding about data names its place with these; the readers (YAML, JSON, Excel) record a
:data:`Loc` for each value and its line.
"""

from __future__ import annotations

import re

Loc = tuple[str | int, ...]
"""A value's place: the keys and list indexes from the top of the input."""

_PLAIN_KEY = re.compile(r"[^\s.\[\]\"]+")


def format_path(root: str, loc: Loc) -> str:
    """``root`` and ``loc`` as the path clerks read: ``plan.targets[2].value``.

    Keys that are not a plain word (dots, spaces, brackets, invisible characters) are quoted as
    ``["tên có dấu cách"]`` so the path stays unambiguous.
    """
    text = root
    for segment in loc:
        if isinstance(segment, int):
            text += f"[{segment}]"
        elif _PLAIN_KEY.fullmatch(segment) and segment.isprintable():
            text += f".{segment}" if text else segment
        else:
            text += f'["{visible(segment)}"]'
    return text


def visible(text: str) -> str:
    """``text`` with invisible and control characters spelt out (``\\x0b``), for messages."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
