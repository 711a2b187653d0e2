"""Names of the files and folders hoso writes into an output folder: ASCII, ordered, and unable to
leave it.

Packs and dossiers are copied to USB sticks, mailed as .zip and opened on Windows, so a name
derived from user data (a unit's name, an input file's name) is folded to plain ASCII
(``Sở Văn hóa, Thể thao và Du lịch`` → ``so-van-hoa-the-thao-va-du-lich``). A name the user
types as is (a unit's ``folder``) is checked instead, and refused with a Vietnamese message when
it could escape the output folder (``..``, ``/``, a drive letter), would be refused by Windows
(``CON``, ``aux.docx``, a trailing dot) or carries control characters.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pipeline.core.datapath import visible
from pipeline.core.messages import text

SLUG_MAX = 50
"""Longest slug: a unit folder plus a document name stays well under Windows' 260-character
path limit even inside a deeply nested user folder."""

_COMPONENT_MAX = 80
_SAFE_COMPONENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# Windows reserves these device names with or without an extension, in any case.
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
"""The names :func:`pipeline.core.files.write_atomic` gives its temporary files (``mkstemp``)."""


def slug(text: str, *, fallback: str) -> str:
    """``text`` as lower-case ASCII words joined by ``-``, at most :data:`SLUG_MAX` characters,
    cut at a word boundary; ``fallback`` when nothing of it is left (a name of symbols only)."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > SLUG_MAX:
            break
        result = candidate
    return result or (words[0][:SLUG_MAX] if words else fallback)


def component_problem(name: str) -> str | None:
    """Why ``name`` cannot be one file or folder name inside the output folder, or None."""
    shown = visible(name)
    if not name:
        return text("part.name.empty")
    if any(not ch.isprintable() for ch in name):
        return text("part.name.control", name=shown)
    if "/" in name or "\\" in name or name in (".", "..") or re.match(r"^[A-Za-z]:", name):
        return text("part.name.path", name=shown)
    if name.split(".")[0].upper() in _RESERVED:
        return text("part.name.reserved", name=shown)
    if len(name) > _COMPONENT_MAX:
        return text("part.name.too_long", name=shown, limit=_COMPONENT_MAX)
    if not _SAFE_COMPONENT.fullmatch(name) or name.endswith("."):
        return text("part.name.characters", name=shown)
    return None


def numbered(index: int, width: int, name: str) -> str:
    """``07-name``: the order printed first, zero-padded so names sort as they are numbered."""
    return f"{index:0{width}d}-{name}"


def width_for(count: int) -> int:
    """Digits of the order number for ``count`` items: at least two, as in ``01-…``."""
    return max(2, len(str(count)))


def inside(root: Path, *parts: str) -> Path:
    """``root/part/…`` after checking every part; raises ``ValueError`` for a part that is not a
    plain name or a result that would lie outside ``root`` (a last line of defence: every name
    is built by :func:`slug` or checked by :func:`component_problem` before it gets here)."""
    for part in parts:
        problem = component_problem(part)
        if problem:
            raise ValueError(problem)
    target = root.joinpath(*parts)
    if not target.resolve().is_relative_to(root.resolve()):
        raise ValueError(text("part.name.outside", target=target, root=root))
    return target


def is_temporary(path: Path) -> bool:
    """Whether ``path`` is a temporary file an interrupted :func:`~pipeline.core.files.write_atomic` left."""
    return _TEMPORARY.match(path.name) is not None


def remove_temporaries(root: Path) -> list[Path]:
    """Delete what a killed run left behind under ``root``: only write_atomic's temporary files."""
    if not root.is_dir():
        return []
    stale = sorted(p for p in root.rglob(".*.tmp") if p.is_file() and is_temporary(p))
    for path in stale:
        path.unlink(missing_ok=True)
    return stale
