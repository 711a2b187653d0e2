"""Stage 2: check loaded data against a pydantic model and explain every problem in Vietnamese.

All schema errors are reported at once, each with the file, the line (from
:attr:`Loaded.lines <pipeline.stages.load.Loaded.lines>`), the data path and a stable ``schema.*`` code.
Custom errors raised by our schemas as ``PydanticCustomError("plan.deadline_order", "…")`` keep
their Vietnamese message and become ``schema.plan.deadline_order``.
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
from pipeline.stages.load import Loaded, Loc, format_path, visible

ModelT = TypeVar("ModelT", bound=BaseModel)

_SHOWN_LENGTH = 60
_BUILTIN_TYPES = frozenset(get_args(ErrorType))

_NUMBER = "Giá trị phải là số, nhưng nhận được {input}."
_INTEGER = "Giá trị phải là số nguyên, nhưng nhận được {input}."
_BOOL = "Giá trị phải là có hoặc không (true hoặc false), nhưng nhận được {input}."
_DATE = ("Giá trị phải là một ngày có thật, viết theo dạng năm-tháng-ngày (ví dụ 2020-03-05), "
         "nhưng nhận được {input}.")
_DATETIME = ("Giá trị phải là một thời điểm có thật, viết theo dạng năm-tháng-ngày giờ:phút "
             "(ví dụ 2020-03-05 14:30), nhưng nhận được {input}.")
_MAPPING = "Giá trị phải là một bảng «tên trường: giá trị», nhưng nhận được {input}."
_CHOICE = "Chỉ được chọn một trong: {expected}, nhưng nhận được {input}."

# pydantic error type -> (code suffix, message template). Templates are filled from the error's
# ctx plus ``input`` (the value, shortened), ``length`` (of a string input) and ``detail``
# (pydantic's own message without its English prefix).
_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("missing", "Thiếu trường bắt buộc."),
    "union_tag_not_found": ("missing", "Thiếu trường {discriminator} để xác định loại dữ liệu."),
    "string_type": ("type", "Giá trị phải là chuỗi ký tự, nhưng nhận được {input}; "
                            "nếu cần giữ nguyên số hoặc ngày tháng, hãy đặt trong dấu nháy."),
    "int_type": ("type", _INTEGER),
    "int_parsing": ("type", _INTEGER),
    "int_from_float": ("type", "Giá trị phải là số nguyên (không có phần thập phân), "
                               "nhưng nhận được {input}."),
    "float_type": ("type", _NUMBER),
    "float_parsing": ("type", _NUMBER),
    "decimal_type": ("type", _NUMBER),
    "decimal_parsing": ("type", _NUMBER),
    "bool_type": ("type", _BOOL),
    "bool_parsing": ("type", _BOOL),
    "date_type": ("type", _DATE),
    "date_parsing": ("type", _DATE),
    "date_from_datetime_parsing": ("type", _DATE),
    "date_from_datetime_inexact": ("type", "Giá trị phải là ngày, không kèm giờ, nhưng nhận được {input}."),
    "datetime_type": ("type", _DATETIME),
    "datetime_parsing": ("type", _DATETIME),
    "datetime_from_date_parsing": ("type", _DATETIME),
    "datetime_object_invalid": ("type", _DATETIME),
    "list_type": ("type", "Giá trị phải là một danh sách (mỗi mục một dòng bắt đầu bằng «- »), "
                          "nhưng nhận được {input}."),
    "dict_type": ("type", _MAPPING),
    "model_type": ("type", _MAPPING),
    "model_attributes_type": ("type", _MAPPING),
    "string_too_short": ("too_short", "Giá trị quá ngắn: cần ít nhất {min_length} ký tự."),
    "string_too_long": ("too_long", "Giá trị quá dài: tối đa {max_length} ký tự, hiện có {length} ký tự."),
    "too_short": ("too_short", "Cần ít nhất {min_length} mục, hiện có {actual_length}."),
    "too_long": ("too_long", "Chỉ được tối đa {max_length} mục, hiện có {actual_length}."),
    "greater_than": ("range", "Giá trị phải lớn hơn {gt}, nhưng nhận được {input}."),
    "greater_than_equal": ("range", "Giá trị phải lớn hơn hoặc bằng {ge}, nhưng nhận được {input}."),
    "less_than": ("range", "Giá trị phải nhỏ hơn {lt}, nhưng nhận được {input}."),
    "less_than_equal": ("range", "Giá trị phải nhỏ hơn hoặc bằng {le}, nhưng nhận được {input}."),
    "multiple_of": ("range", "Giá trị phải là bội số của {multiple_of}, nhưng nhận được {input}."),
    "literal_error": ("choice", _CHOICE),
    "enum": ("choice", _CHOICE),
    "union_tag_invalid": ("choice", "Loại «{tag}» (trường {discriminator}) không hợp lệ; "
                                    "chỉ được chọn một trong: {expected_tags}."),
    "string_pattern_mismatch": ("pattern", "Giá trị {input} không đúng định dạng yêu cầu (mẫu: {pattern})."),
    "value_error": ("value", "{detail}"),
    "assertion_error": ("value", "{detail}"),
}
_FALLBACK = "Giá trị không hợp lệ (nhận được {input}; chi tiết: {detail})."
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
    if kind not in _BUILTIN_TYPES:
        # Our own PydanticCustomError: the type is already a stable code, the message Vietnamese.
        return f"schema.{kind}", error["msg"]
    suffix, template = _MESSAGES.get(kind, (_fallback_code(kind), _FALLBACK))
    return f"schema.{suffix}", template.format_map(_Values(_values(error)))


def _fallback_code(kind: str) -> str:
    return "type" if kind.endswith(("_type", "_parsing")) else "value"


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
    unknown = f"Trường «{visible(key)}» không có trong mẫu dữ liệu"
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if close:
        return f"{unknown}; có phải ý bạn là «{close[0]}»?"
    if names:
        return f"{unknown}. Các trường hợp lệ: {', '.join(names)}."
    return f"{unknown}."


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
