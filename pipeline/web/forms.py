"""A document's data as an HTML form, generated from its kind's Pydantic model, and the form back
to data.

Each control is named by the value's data path without the kind (``titles[0].candidates[1].votes``),
the path every finding carries, so a finding links to its control (:func:`field_id`). Labels and
help come from the fields' Vietnamese descriptions; nested models are fieldsets; lists have add,
remove and move buttons that work as plain submit buttons (no script needed). A value the form
cannot show as controls (a mapping, a value of another shape than the schema's) is edited as
YAML text, so nothing in the file is lost; keys the schema does not know are kept as they are.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import re
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from pipeline.stages.xlsx import TABLES
from schemas.common import CHOICE_LABELS

COUNT = "#n"
"""Suffix of the hidden control holding a list's length."""
SHAPE = "#u"
"""Suffix of the hidden control naming which form of a value the page showed (unions, workbooks)."""
_LONG_TEXT = 90


@dataclass
class Node:
    """One control (a leaf), a fieldset (``object``) or a list (``list``) of the form."""

    kind: str
    """text, textarea, integer, number, date, datetime, choice, yesno, yaml, excel, object, list."""
    path: str
    label: str
    help: str = ""
    key: str = ""
    required: bool = False
    value: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    shape: str = ""
    """Set when the value could take several forms: the one shown (posted back as ``path#u``)."""
    item: bool = False
    """A list item: gets remove and move buttons (no "up" for the first, no "down" for the last)."""
    first: bool = False
    last: bool = False

    @property
    def id(self) -> str:
        return field_id(self.path)


def field_id(path: str) -> str:
    """The HTML id of the control of ``path``: ``titles[0].votes`` → ``f-titles-0-votes``."""
    return "f-" + (re.sub(r"[^A-Za-z0-9_]+", "-", path).strip("-") or "root")


def relative_path(kind: str, path: str | None) -> str:
    """A finding's data path without its kind: ``vote.titles[0]`` → ``titles[0]``."""
    if not path:
        return ""
    if path == kind:
        return ""
    return path.removeprefix(kind + ".") if path.startswith(kind + ".") else path


def nearest_id(path: str, ids: set[str]) -> str | None:
    """The id of the control of ``path`` or of the nearest enclosing part of the form."""
    while True:
        candidate = field_id(path)
        if path and candidate in ids:
            return candidate
        if not path:
            return None
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""


def all_ids(nodes: list[Node]) -> set[str]:
    found: set[str] = set()
    for node in nodes:
        found.add(node.id)
        found |= all_ids(node.children)
    return found


# --- Types --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Shape:
    """An annotation reduced to what the form needs."""

    kind: str
    optional: bool = False
    model: type[BaseModel] | None = None
    item: Any = None
    options: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    """A choice's Vietnamese label of each value, from the schema (:data:`schemas.common.CHOICE_LABELS`)."""
    branches: tuple[Any, ...] = ()


def shape_of(annotation: Any, labels: Mapping[str, str] | None = None) -> Shape:
    """``labels``: a choice's labels given on the field itself (those inside the type win)."""
    optional = False
    labels = dict(labels or {})
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *metadata = get_args(annotation)
            labels.update(_labels(metadata))
            continue
        if origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(members) < len(get_args(annotation))
            if len(members) == 1:
                annotation = members[0]
                continue
            return Shape("union", optional, branches=tuple(members))
        break
    origin = get_origin(annotation)
    if origin is Literal:
        return Shape("choice", optional, options=tuple(str(a) for a in get_args(annotation)), labels=labels)
    if origin in (list, tuple) or annotation in (list, tuple):
        args = get_args(annotation)
        return Shape("list", optional, item=args[0] if args else Any)
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return Shape("object", optional, model=annotation)
        if issubclass(annotation, enum.Enum):
            return Shape("choice", optional, options=tuple(str(m.value) for m in annotation), labels=labels)
        if issubclass(annotation, bool):
            return Shape("yesno", optional)
        if issubclass(annotation, int):
            return Shape("integer", optional)
        if issubclass(annotation, (float, decimal.Decimal)):
            return Shape("number", optional)
        if issubclass(annotation, datetime.datetime):
            return Shape("datetime", optional)
        if issubclass(annotation, datetime.date):
            return Shape("date", optional)
        if issubclass(annotation, str):
            return Shape("text", optional)
    return Shape("yaml", optional)


def _labels(metadata: Any) -> dict[str, str]:
    """The choice labels among a field's metadata (a ``Field(json_schema_extra=…)``)."""
    found: dict[str, str] = {}
    for item in metadata:
        extra = item.json_schema_extra if isinstance(item, FieldInfo) else item
        if isinstance(extra, Mapping) and isinstance(extra.get(CHOICE_LABELS), Mapping):
            found.update(extra[CHOICE_LABELS])
    return found


def _fits(shape: Shape, value: Any) -> bool:
    """Whether ``value`` has the form ``shape`` shows (None fits every form)."""
    if value is None:
        return True
    return {
        "object": lambda: isinstance(value, Mapping),
        # A list of lines may be given as one string (``name: Sở Y tế``): shown as a list of one.
        "list": lambda: isinstance(value, list) or (isinstance(value, str) and shape_of(shape.item).kind == "text"),
        "integer": lambda: isinstance(value, int) and not isinstance(value, bool),
        "number": lambda: isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool),
        "yesno": lambda: isinstance(value, bool),
        "date": lambda: isinstance(value, (datetime.date, str)) and not isinstance(value, datetime.datetime),
        "datetime": lambda: isinstance(value, (datetime.datetime, str)),
        "text": lambda: isinstance(value, (str, int, float)),
        "choice": lambda: isinstance(value, str),
    }.get(shape.kind, lambda: True)()


# --- Labels -------------------------------------------------------------------------------------------
_LABEL_END = re.compile(r"\.\s|, ví dụ|: |;\s| \(| – ")


def label_and_help(description: str | None, fallback: str) -> tuple[str, str]:
    """The first clause of a description as the label, the whole description as help."""
    if not description:
        return fallback, ""
    text = " ".join(description.split())
    match = _LABEL_END.search(text)
    label = (text[: match.start()] if match else text).rstrip(".")
    if len(label) > 70:
        label = label[:60].rsplit(" ", 1)[0] + "…"
    label = label[:1].upper() + label[1:]
    return label, ("" if text.rstrip(".") == label else text)


def _model_help(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").strip().split("\n\n")[0].split())


# --- Data → form --------------------------------------------------------------------------------------
def build_form(kind: str, model: type[BaseModel], data: Mapping[str, Any]) -> list[Node]:
    """The controls of every field of ``model`` (``kind`` itself is fixed), filled from ``data``;
    keys of ``data`` the model does not know are not shown and are kept on save."""
    return [
        _field(kind, name, info, data.get(name), name)
        for name, info in model.model_fields.items()
        if name != "kind"
    ]


def _field(kind: str, name: str, info: FieldInfo, value: Any, path: str) -> Node:
    shape = shape_of(info.annotation)
    fallback = _model_help(shape.model) if shape.model and not info.description else ""
    label, help_text = label_and_help(info.description or fallback, name)
    node = _node(kind, info.annotation, value, path, label, help_text, _table_field(kind, name, value),
                 _labels([info.json_schema_extra]))
    node.key = name
    node.required = info.is_required()
    return node


def _table_field(kind: str, name: str, value: Any) -> bool:
    return (kind, name) in TABLES and isinstance(value, str) and value.split("#")[0].lower().endswith(".xlsx")


def _node(kind: str, annotation: Any, value: Any, path: str, label: str, help_text: str, table: bool = False,
          labels: Mapping[str, str] | None = None) -> Node:
    if table:
        return Node("excel", path, label, help_text, value=str(value), shape="excel")
    shape = shape_of(annotation, labels)
    chosen = ""
    if shape.kind == "union":
        index, shape = _branch(shape, value)
        chosen = str(index)
    if shape.kind == "yaml" or not _fits(shape, value):
        return Node("yaml", path, label, help_text, value=_as_yaml(value), shape="yaml")
    if shape.kind == "object":
        assert shape.model is not None
        children = [
            _field(kind, name, info, (value or {}).get(name), f"{path}.{name}" if path else name)
            for name, info in shape.model.model_fields.items()
        ]
        help_text = help_text or _model_help(shape.model)
        return Node("object", path, label, help_text, children=children, shape=chosen)
    if shape.kind == "list":
        items = value if isinstance(value, list) else ([] if value is None else [value])
        children = [_item(kind, shape.item, item, f"{path}[{i}]", i) for i, item in enumerate(items)]
        if children:
            children[0].first = children[-1].last = True
        return Node("list", path, label, help_text, children=children, shape=chosen)
    node = Node(shape.kind, path, label, help_text, value=_shown(shape.kind, value), shape=chosen)
    if shape.kind == "text" and len(node.value) > _LONG_TEXT:
        node.kind = "textarea"
    if shape.kind == "choice":
        node.options = [("", "— chọn —")] + [(option, shape.labels.get(option, option)) for option in shape.options]
    if shape.kind == "yesno":
        node.options = [("", "— chọn —"), ("true", "Có"), ("false", "Không")]
    return node


def _branch(shape: Shape, value: Any) -> tuple[int, Shape]:
    """The branch of a union that ``value`` has (the first one for no value)."""
    shapes = [shape_of(b) for b in shape.branches]
    for index, candidate in enumerate(shapes):
        if value is not None and _fits(candidate, value):
            return index, Shape(**{**candidate.__dict__, "optional": shape.optional})
    return 0, shapes[0]


def _item(kind: str, annotation: Any, value: Any, path: str, index: int) -> Node:
    label = f"Mục {index + 1}"
    if isinstance(value, Mapping) and isinstance(value.get("name"), str):
        label = f"{label}: {value['name']}"
    node = _node(kind, annotation, value, path, label, "")
    node.item = True
    return node


def _shown(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "yesno":
        return "true" if value else "false"
    if kind == "datetime":
        moment = _moment(value)
        return moment.strftime("%Y-%m-%dT%H:%M") if moment else str(value)
    if kind == "date" and isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    return str(value)


def _moment(value: Any) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _as_yaml(value: Any) -> str:
    return dump_yaml(value).rstrip("\n") if value is not None else ""


def dump_yaml(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)


# --- Form → data --------------------------------------------------------------------------------------
Form = Mapping[str, str]


def read_form(kind: str, model: type[BaseModel], form: Form, original: Mapping[str, Any]) -> dict[str, Any]:
    """The data the form holds, in the original file's key order (new keys in the schema's order
    after them); keys the model does not know are kept from ``original``."""
    fields = {"kind": kind} | {
        name: _read(info.annotation, form, name, original.get(name), _table_field(kind, name, original.get(name)))
        for name, info in model.model_fields.items() if name != "kind"
    }
    return _merged(original, fields)


def _merged(original: Mapping[str, Any], fields: Mapping[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in original.items():
        if key not in fields:
            result[key] = value  # unknown to the schema: kept (and reported by validation)
        elif fields[key] is not None:
            result[key] = fields[key]
    for key, value in fields.items():
        if key not in result and value is not None and key not in original:
            result[key] = value
    return result


def _read(annotation: Any, form: Form, path: str, original: Any, table: bool = False) -> Any:
    posted = form.get(path + SHAPE, "")
    if table or posted == "excel":
        return _text(form.get(path))
    if posted == "yaml":
        return _parse_yaml(form.get(path, ""))
    shape = shape_of(annotation)
    if shape.kind == "union":
        shapes = [shape_of(b) for b in shape.branches]
        shape = shapes[int(posted)] if posted.isdigit() and int(posted) < len(shapes) else shapes[0]
    if shape.kind == "object":
        assert shape.model is not None
        base = original if isinstance(original, Mapping) else {}
        fields = {
            name: _read(info.annotation, form, f"{path}.{name}", base.get(name))
            for name, info in shape.model.model_fields.items()
        }
        merged = _merged(base, fields)
        return merged or None
    if shape.kind == "list":
        count = form.get(path + COUNT, "")
        if not count.isdigit():
            return original
        before = original if isinstance(original, list) else []
        items = [
            _read(shape.item, form, f"{path}[{i}]", before[i] if i < len(before) else None)
            for i in range(min(int(count), 10_000))
        ]
        items = [item if item is not None else _empty(shape.item) for item in items]
        if isinstance(original, str) and len(items) == 1:
            return items[0]  # written as it was typed: one line stays one string
        return items if items or original is not None else None
    return _leaf(shape.kind, form.get(path))


def _empty(annotation: Any) -> Any:
    """A new list item: an empty mapping for a model, an empty text otherwise."""
    kind = shape_of(annotation).kind
    return {} if kind == "object" else ""


def _text(raw: str | None) -> str | None:
    if raw is None:
        return None
    text = raw.replace("\r\n", "\n").strip()
    return text or None


def _leaf(kind: str, raw: str | None) -> Any:
    text = _text(raw)
    if text is None:
        return None
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            number = decimal.Decimal(text.replace(",", "."))
            return int(number) if number == number.to_integral_value() else float(number)
        if kind == "yesno":
            return text == "true"
        if kind == "date":
            return datetime.date.fromisoformat(text)
        if kind == "datetime":
            # Written as the clerks' files write it ("2016-12-20 08:00"), the form the schema documents.
            return datetime.datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M")
    except (ValueError, decimal.InvalidOperation):
        return text  # kept as typed: the schema names what is wrong with it
    return text


def _parse_yaml(text: str) -> Any:
    if not text.strip():
        return None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


# --- List buttons -------------------------------------------------------------------------------------
_ITEM = re.compile(r"^(?P<list>.*)\[(?P<index>\d+)\]$")


def apply_action(kind: str, model: type[BaseModel], data: dict[str, Any], action: str) -> dict[str, Any]:
    """``add:<list path>``, ``remove:<item path>``, ``up:<item path>``, ``down:<item path>``
    applied to ``data`` (in place); an action naming no list of the data is ignored."""
    verb, _, path = action.partition(":")
    if verb == "add":
        target, annotation = _locate(model, data, path)
        if isinstance(target, list):
            target.append(_empty(annotation))
        elif target is None and annotation is not None:
            _assign(data, path, [_empty(annotation)])
        return data
    match = _ITEM.match(path)
    if not match:
        return data
    items, _ = _locate(model, data, match["list"])
    index = int(match["index"])
    if not isinstance(items, list) or index >= len(items):
        return data
    if verb == "remove":
        del items[index]
    elif verb == "up" and index > 0:
        items[index - 1], items[index] = items[index], items[index - 1]
    elif verb == "down" and index + 1 < len(items):
        items[index + 1], items[index] = items[index], items[index + 1]
    return data


_SEGMENT = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def _segments(path: str) -> list[str | int]:
    return [int(index) if index else key for key, index in _SEGMENT.findall(path)]


def _locate(model: type[BaseModel], data: Any, path: str) -> tuple[Any, Any]:
    """The value at ``path`` and, for a list, its items' annotation."""
    annotation: Any = model
    value = data
    for segment in _segments(path):
        shape = shape_of(annotation)
        if shape.kind == "union":
            shape = next((s for s in map(shape_of, shape.branches) if s.kind in ("object", "list")), shape)
        if isinstance(segment, int):
            annotation = shape.item
            value = value[segment] if isinstance(value, list) and segment < len(value) else None
        else:
            info = shape.model.model_fields.get(segment) if shape.model else None
            annotation = info.annotation if info else None
            value = value.get(segment) if isinstance(value, Mapping) else None
    shape = shape_of(annotation)
    if shape.kind == "union":
        shape = next((s for s in map(shape_of, shape.branches) if s.kind == "list"), shape)
    return value, (shape.item if shape.kind == "list" else None)


def _assign(data: dict[str, Any], path: str, value: Any) -> None:
    segments = _segments(path)
    target: Any = data
    for segment in segments[:-1]:
        if isinstance(segment, int):
            target = target[segment]
        else:
            target = target.setdefault(segment, {})
    if isinstance(target, dict) and isinstance(segments[-1], str):
        target[segments[-1]] = value
