"""Stage 2: check loaded data against a pydantic model and explain every problem in Vietnamese.

All schema errors are reported at once, each with the file, the line (from
:attr:`Loaded.lines <pipeline.stages.load.Loaded.lines>`), the data path and a stable ``schema.*`` code.
Custom errors raised by our schemas as ``schema_error("schema.plan.deadline_before_issue", …)`` (see
:mod:`pipeline.core.messages`) keep their Vietnamese message and become ``schema.plan.deadline_before_issue``.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence, Set
from datetime import date, datetime
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from pydantic_core.core_schema import ErrorType

from pipeline.core.errors import Finding, InputError
from pipeline.core.messages import MESSAGES, code_of, text
from pipeline.stages.load import Loaded, Loc, format_path, visible

ModelT = TypeVar("ModelT", bound=BaseModel)

_SHOWN_LENGTH = 60
_BUILTIN_TYPES = frozenset(get_args(ErrorType))

# pydantic error type -> catalogue key (pipeline/core/messages.py). The templates are filled from the
# error's ctx plus ``input`` (the value, shortened), ``length`` (of a string input) and ``detail``
# (pydantic's own message without its English prefix).
_KEYS: dict[str, str] = {
    "missing": "schema.missing",
    "union_tag_not_found": "schema.missing/tag",
    "string_type": "schema.type/string",
    "int_type": "schema.type/integer",
    "int_parsing": "schema.type/integer",
    "int_from_float": "schema.type/whole",
    "float_type": "schema.type/number",
    "float_parsing": "schema.type/number",
    "decimal_type": "schema.type/number",
    "decimal_parsing": "schema.type/number",
    "bool_type": "schema.type/bool",
    "bool_parsing": "schema.type/bool",
    "date_type": "schema.type/date",
    "date_parsing": "schema.type/date",
    "date_from_datetime_parsing": "schema.type/date",
    "date_from_datetime_inexact": "schema.type/date_only",
    "datetime_type": "schema.type/datetime",
    "datetime_parsing": "schema.type/datetime",
    "datetime_from_date_parsing": "schema.type/datetime",
    "datetime_object_invalid": "schema.type/datetime",
    "list_type": "schema.type/list",
    "dict_type": "schema.type/mapping",
    "model_type": "schema.type/mapping",
    "model_attributes_type": "schema.type/mapping",
    "string_too_short": "schema.too_short/string",
    "string_too_long": "schema.too_long/string",
    "too_short": "schema.too_short",
    "too_long": "schema.too_long",
    "greater_than": "schema.range/gt",
    "greater_than_equal": "schema.range",
    "less_than": "schema.range/lt",
    "less_than_equal": "schema.range/le",
    "multiple_of": "schema.range/multiple_of",
    "literal_error": "schema.choice",
    "enum": "schema.choice",
    "union_tag_invalid": "schema.choice/tag",
    "string_pattern_mismatch": "schema.pattern",
    "value_error": "schema.value",
    "assertion_error": "schema.value",
}

_PYDANTIC_PREFIXES = ("Value error, ", "Assertion failed, ")


def validate(loaded: Loaded, model: type[ModelT], *, root: str) -> tuple[ModelT, list[Finding]]:
    """``loaded.data`` as a ``model`` instance, with the load warnings sorted for display.

    Raises :class:`InputError` with every schema error and the load warnings, sorted by line.
    """
    try:
        instance = model.model_validate(loaded.data)
    except ValidationError as exc:
        errors = [_finding(error, loaded, model, root) for error in exc.errors(include_url=False)]
        raise InputError(_in_reading_order([*errors, *loaded.warnings])) from None
    return instance, _in_reading_order(list(loaded.warnings))


def _in_reading_order(findings: list[Finding]) -> list[Finding]:
    """Findings top-down through the file (those without a line first), exact repeats dropped.

    Smart unions repeat an error once per member that failed the same way.
    """
    return sorted(dict.fromkeys(findings), key=lambda f: (f.line or 0, f.path or ""))


def _finding(error: ErrorDetails, loaded: Loaded, model: type[BaseModel], root: str) -> Finding:
    loc = tuple(error["loc"])
    if error["type"] == "extra_forbidden" and loc:
        parent, models = _locate(model, loc[:-1])
        data_loc: Loc = (*parent, loc[-1])
        code, message = "schema.unknown_field", _unknown_field(str(loc[-1]), models)
    else:
        data_loc, _ = _locate(model, loc)
        code, message = _describe(error)
    return Finding(
        code, message, file=loaded.file, path=format_path(root, data_loc) or None,
        line=_line(loaded.lines, data_loc),
    )


def _line(lines: dict[Loc, int], loc: Loc) -> int | None:
    """The line of ``loc``, or of its nearest parent that has one (a missing field has none)."""
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


# --- Messages --------------------------------------------------------------------------------------


def _describe(error: ErrorDetails) -> tuple[str, str]:
    """The code and Vietnamese message of one pydantic error."""
    kind = error["type"]
    if kind == "too_long" and isinstance(error.get("input"), str):
        # A text's limit that pydantic checks after a validator (an optional or re-annotated Line)
        # comes as a count of items: it is a count of characters.
        kind = "string_too_long"
    if kind not in _BUILTIN_TYPES:
        # Our own PydanticCustomError: the type is already a stable code, the message Vietnamese.
        return f"schema.{kind}", error["msg"]
    key = _KEYS.get(kind) or ("schema.type/other" if kind.endswith(("_type", "_parsing")) else "schema.value/other")
    # Not messages.text(): pydantic's ctx holds more than a template uses, and may lack a value.
    return code_of(key), MESSAGES[key].format_map(_Values(_values(error)))


class _Values(dict[str, object]):
    """Template values; a key pydantic did not provide shows as "?" instead of raising."""

    def __missing__(self, key: str) -> str:
        return "?"


def _values(error: ErrorDetails) -> dict[str, object]:
    value = error.get("input")
    detail = error["msg"]
    for prefix in _PYDANTIC_PREFIXES:
        detail = detail.removeprefix(prefix)
    values: dict[str, object] = {**error.get("ctx", {}), "input": _show(value), "detail": detail}
    if isinstance(value, str):
        values["length"] = len(value)
    if isinstance(values.get("expected"), str):
        values["expected"] = _vietnamese_or(str(values["expected"]))
    return values


def _vietnamese_or(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as "'a', 'b' hoặc 'c'"."""
    head, separator, tail = expected.rpartition(" or ")
    return f"{head} hoặc {tail}" if separator else expected


def _show(value: Any) -> str:
    """The input as a clerk recognises it, never longer than about 60 characters."""
    if value is None:
        return "giá trị trống"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "một bảng «tên trường: giá trị»"
    if isinstance(value, (list, tuple, Set)):
        return "một danh sách"
    text = value.isoformat() if isinstance(value, (date, datetime)) else str(value)
    if len(text) > _SHOWN_LENGTH:
        text = text[: _SHOWN_LENGTH - 1] + "…"
    return f"«{visible(text)}»"


def _unknown_field(key: str, models: tuple[type[BaseModel], ...]) -> str:
    names = list(dict.fromkeys(name for model in models for name in _field_keys(model)))
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if close:
        return text("schema.unknown_field/close", key=visible(key), close=close[0])
    if names:
        return text("schema.unknown_field/valid", key=visible(key), names=", ".join(names))
    return text("schema.unknown_field", key=visible(key))


# --- Finding the model at a loc --------------------------------------------------------------------


def _locate(model: type[BaseModel], loc: Loc) -> tuple[Loc, tuple[type[BaseModel], ...]]:
    """``loc`` as a data path (without the union segments pydantic inserts) and the models there.

    The walk follows the annotations: after a union of two or more members pydantic adds a
    segment naming the member (class name or discriminator tag), which is not part of the data.
    Where the annotations cannot be followed, the rest of ``loc`` is kept as it is.
    """
    candidates: list[Any] = [model]
    path: list[str | int] = []
    index = 0
    while index < len(loc):
        current = [_unwrap(candidate) for candidate in candidates]
        segment = loc[index]
        index += 1
        if any(_is_union(candidate) for candidate in current):
            candidates = [member for candidate in current for member in _members(candidate, segment)]
            continue
        children = [child for candidate in current for child in _children(candidate, segment)]
        if not children:
            return (*path, *loc[index - 1 :]), ()
        path.append(segment)
        candidates = children
    final = [member for candidate in candidates for member in _members(_unwrap(candidate), None)]
    return tuple(path), tuple(member for member in final if _is_model(member))


def _unwrap(annotation: Any) -> Any:
    """Strip ``Annotated`` and the ``None`` of ``X | None``: pydantic adds no loc segment for them."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif _is_union(annotation) and len(_non_none(annotation)) == 1:
            annotation = _non_none(annotation)[0]
        else:
            return annotation


def _is_union(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, UnionType) and len(_non_none(annotation)) > 1


def _non_none(annotation: Any) -> list[Any]:
    return [arg for arg in get_args(annotation) if arg is not NoneType]


def _members(annotation: Any, tag: str | int | None) -> list[Any]:
    """The union members ``tag`` names (all of them when it names none); a non-union as is."""
    if not _is_union(annotation):
        return [annotation]
    members = [_unwrap(member) for member in _non_none(annotation)]
    named = [member for member in members if tag is not None and _has_tag(member, tag)]
    return named or members


def _has_tag(member: Any, tag: str | int) -> bool:
    """Whether ``tag`` is the class name (smart union) or a Literal value of ``member`` (tagged)."""
    if not _is_model(member):
        return False
    return tag == member.__name__ or any(
        get_origin(_unwrap(info.annotation)) is Literal and tag in get_args(_unwrap(info.annotation))
        for info in member.model_fields.values()
    )


def _children(annotation: Any, segment: str | int) -> list[Any]:
    """What ``segment`` leads to inside ``annotation``: a field, an item, a mapping value."""
    if _is_model(annotation):
        return [
            info.annotation for name, info in annotation.model_fields.items()
            if segment == name or segment in (info.alias, info.validation_alias)
        ]
    origin = get_origin(annotation)
    args = get_args(annotation)
    if not isinstance(origin, type) or not args:
        return []
    if isinstance(segment, int) and issubclass(origin, tuple):
        if len(args) == 2 and args[1] is Ellipsis:
            return [args[0]]
        return [args[segment]] if segment < len(args) else []
    if isinstance(segment, int) and issubclass(origin, (Sequence, Set)):
        return [args[0]]
    if isinstance(segment, str) and issubclass(origin, Mapping):
        return [args[-1]]
    return []


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _field_keys(model: type[BaseModel]) -> list[str]:
    """The keys a model accepts: field names and their aliases, in declaration order."""
    keys: list[str] = []
    for name, info in model.model_fields.items():
        keys.append(name)
        keys.extend(alias for alias in (info.alias, info.validation_alias) if isinstance(alias, str))
    return keys
