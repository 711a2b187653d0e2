"""Draft and final modes.

A clerk wants to see the page before the data is complete. In **draft** mode a text the data
does not give yet (a field left out, left empty, or a list of lines with nothing in it) is printed
as the dotted blank clerks write by hand, ``……``, with a warning naming the field; the number
stays blank (``Số:      /KH-…``) as in any unsigned document; and every page carries a "DỰ THẢO"
mark (:func:`pipeline.nd30.frame.draft_mark_xml`). Only text is blanked: dates, numbers and
choices feed what hoso computes and checks (deadlines, scores, vote shares), so they are still
required. **Final** mode, the default, refuses anything missing.
"""

from __future__ import annotations

import copy
import dataclasses
from enum import Enum
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from pipeline.core.errors import Finding, Severity
from pipeline.core.messages import finding
from pipeline.stages.load import Loaded, Loc, format_path


class Mode(str, Enum):
    FINAL = "final"
    DRAFT = "draft"


BLANK = "……"
"""What a draft prints where a text is still missing."""

_EMPTY: tuple[object, ...] = (None, "", [])


def unnumbered(model: BaseModel) -> BaseModel:
    """A draft is numbered only once it is signed (NĐ 30/2020 Điều 15): its ``Số:`` line, and every
    "(Kèm theo … số …)" that repeats it, keep the blank the records office fills in."""
    document = getattr(model, "document", None)
    if document is None or getattr(document, "number", None) is None:
        return model
    return model.model_copy(update={"document": document.model_copy(update={"number": None})})


def fill_blanks(loaded: Loaded, model: type[BaseModel], root: str) -> tuple[Loaded, list[Finding]]:
    """``loaded`` with ``……`` in every text the data leaves out, and a warning for each.

    A blank the field's own rules refuse (a pattern such as an abbreviation's, the form of a
    person's name) is not put in, so that field is still reported as missing.
    """
    try:
        model.model_validate(loaded.data)
        return loaded, []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    blanks: dict[Loc, object] = {}
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] != "missing" and not any(error.get("input") == empty for empty in _EMPTY):
            continue
        blank = _blank_for(_annotation_at(model, loc))
        if blank is not None:
            blanks[loc] = blank
    if not blanks:
        return loaded, []
    try:
        model.model_validate(_with(loaded.data, blanks))
    except ValidationError as exc:
        refused = [tuple(e["loc"]) for e in exc.errors(include_url=False)]
        blanks = {loc: v for loc, v in blanks.items() if not any(r[: len(loc)] == loc for r in refused)}
    findings = [
        finding(
            "draft.blank", file=loaded.file, path=format_path(root, loc) or None, line=_line(loaded, loc),
            severity=Severity.WARNING, blank=BLANK,
        )
        for loc in blanks
    ]
    return dataclasses.replace(loaded, data=_with(loaded.data, blanks)), findings


def _with(data: dict[str, Any], blanks: dict[Loc, object]) -> dict[str, Any]:
    result = copy.deepcopy(data)
    for loc, blank in blanks.items():
        parent: Any = result
        for segment in loc[:-1]:
            parent = parent[segment]
        parent[loc[-1]] = copy.copy(blank)
    return result


def _blank_for(annotation: Any) -> object | None:
    """``……`` for a text, ``["……"]`` for a list of texts, None for anything else."""
    if annotation is str:
        return BLANK
    if get_origin(annotation) is list and _unwrap(get_args(annotation)[0]) is str:
        return [BLANK]
    return None


def _annotation_at(model: type[BaseModel], loc: Loc) -> Any:
    """The annotation of the field or item at ``loc``; None where a union makes it ambiguous."""
    current: Any = model
    for segment in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(segment, str):
            field = current.model_fields.get(segment)
            if field is None:
                return None
            current = field.annotation
        elif get_origin(current) is list and isinstance(segment, int):
            current = get_args(current)[0]
        else:
            return None
    return _unwrap(current)


def _unwrap(annotation: Any) -> Any:
    """Without ``Annotated`` and the ``None`` of ``X | None``."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) in (Union, UnionType):
            members = [arg for arg in get_args(annotation) if arg is not NoneType]
            if len(members) != 1:
                return None
            annotation = members[0]
        else:
            return annotation


def _line(loaded: Loaded, loc: Loc) -> int | None:
    """The line of ``loc`` or of its nearest parent (a missing field has none of its own)."""
    for end in range(len(loc), 0, -1):
        if loc[:end] in loaded.lines:
            return loaded.lines[loc[:end]]
    return None
