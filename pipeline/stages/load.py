"""Stage 1: read a YAML or JSON data file into clean Python data, remembering where each value was.

Everything a clerk can get wrong in the file itself (syntax, encoding, duplicate keys, characters
that would corrupt a .docx) is reported here, all at once, as :class:`~pipeline.core.errors.Finding`
objects; the schema stage (:mod:`pipeline.stages.validate`) then only sees plain, cleaned data.

Line numbers are known for YAML only: the standard ``json`` module gives no positions, so JSON
findings carry a data path but no line.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Mapping
from typing import Any, NamedTuple

import yaml

from yaml.composer import ComposerError
from yaml.constructor import ConstructorError, SafeConstructor

from pipeline.core.datapath import Loc, format_path, visible
from pipeline.core.errors import Finding, InputError, Severity, raise_if_errors
from pipeline.core.limits import MAX_DEPTH, ROWS, file_problem, read_bounded
from pipeline.core.messages import finding

__all__ = ["Loaded", "Loc", "format_path", "load", "load_data", "visible"]

"""A data path in the shape of pydantic's ``loc``: mapping keys as ``str``, list indices as ``int``."""

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)

# Characters Word leaves in pasted text, with what replaces them and how the warning names them.
# Vertical tab is Word's manual line break (Shift+Enter); form feed its page break.
_SPACED = {
    "\x0b": "ký tự ngắt dòng của Word (\\x0b)",
    "\x0c": "ký tự ngắt trang (\\x0c)",
    "\t": "ký tự tab (\\t)",
    "\xa0": "dấu cách không ngắt (\\xa0)",
}
_REMOVED = {
    "\u200b": "dấu cách độ rộng bằng không (\\u200b)",
    "\u200c": "ký tự không nối độ rộng bằng không (\\u200c)",
    "\u200d": "ký tự nối độ rộng bằng không (\\u200d)",
    "\ufeff": "dấu BOM (\\ufeff)",
}
_CLEANABLE_RUN = re.compile("[ " + "".join(_SPACED) + "".join(_REMOVED) + "]+")
# Not allowed in XML 1.0 (so fatal inside a .docx), or C1 controls that only appear in mis-decoded
# text. Tab, newline and carriage return are handled above or by newline normalisation.
# Bidirectional controls make text print in another order than it holds: «100.000» shows as
# «000.001» in a document about money. Vietnamese never needs them.
BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
# Line breaks other than newline: YAML reads them as a new line (so silently as a space), JSON keeps
# them in the text. Refused in both, so a value means the same whatever format it was typed in.
_LINE_BREAKS = "\x85\u2028\u2029"
_FORBIDDEN = re.compile(f"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff{BIDI}{_LINE_BREAKS}]")
_YAML_LINE_BREAK = re.compile(f"[{_LINE_BREAKS}]")
_BIDI = re.compile(f"[{BIDI}]")
_DATA_FILE = "tệp dữ liệu .yaml, .yml hoặc .json"


# PyYAML's problem texts (prefixes) that clerks commonly hit, in Vietnamese.
_YAML_PROBLEMS = (
    ("mapping values are not allowed here",
     "không được viết «: » ở đây; nếu giá trị có chứa dấu hai chấm, hãy đặt cả giá trị trong dấu nháy kép"),
    ("found character '\\t'", "có ký tự tab; YAML chỉ cho phép thụt lề bằng dấu cách"),
    ("found a tab character", "có ký tự tab; YAML chỉ cho phép thụt lề bằng dấu cách"),
    ("found character",
     "có ký tự không được đứng đầu giá trị (như @ hoặc `); hãy đặt cả giá trị trong dấu nháy kép"),
    ("could not find expected ':'", "thiếu dấu hai chấm «:» sau tên trường"),
    ("did not find expected key", "thụt lề không đúng hoặc thiếu dấu hai chấm «:»"),
    ("did not find expected '-' indicator",
     "các mục của danh sách phải bắt đầu bằng «- » và thẳng hàng với nhau"),
    ("expected <block end>", "thụt lề không khớp với các dòng phía trên"),
    ("found unexpected end of stream", "thiếu dấu nháy đóng chuỗi"),
    ("found unknown escape character",
     "dấu «\\» trong chuỗi nháy kép không hợp lệ; hãy dùng dấu nháy đơn hoặc viết «\\\\»"),
    ("expected escape sequence",
     "dấu «\\» trong chuỗi nháy kép không hợp lệ; hãy dùng dấu nháy đơn hoặc viết «\\\\»"),
    ("expected ',' or ']'", "thiếu dấu phẩy «,» hoặc dấu đóng ngoặc «]»"),
    ("expected ',' or '}'", "thiếu dấu phẩy «,» hoặc dấu đóng ngoặc «}»"),
    ("but found another document", "tệp chỉ được chứa một khối dữ liệu; hãy bỏ dòng «---» thứ hai"),
    ("could not determine a constructor for the tag", "không hỗ trợ thẻ YAML (bắt đầu bằng «!»)"),
    ("found unhashable key", "tên trường phải là chữ, không được là danh sách hay bảng"),
    ("found an alias",
     "không hỗ trợ tham chiếu YAML (*tên); hãy viết đầy đủ giá trị ở từng chỗ"),
)

# The standard json module's messages (prefixes), in Vietnamese.
_JSON_PROBLEMS = (
    ("Expecting value", "thiếu giá trị (hoặc thừa dấu phẩy)"),
    ("Expecting property name enclosed in double quotes",
     "tên trường phải đặt trong dấu nháy kép (hoặc thừa dấu phẩy trước «}»)"),
    ("Expecting ',' delimiter", "thiếu dấu phẩy «,»"),
    ("Expecting ':' delimiter", "thiếu dấu hai chấm «:»"),
    ("Unterminated string", "chuỗi chưa có dấu nháy kép đóng"),
    ("Extra data", "có dữ liệu thừa sau phần đã kết thúc"),
    ("Invalid \\escape", "dấu «\\» trong chuỗi không hợp lệ; hãy viết «\\\\»"),
    ("Invalid \\uXXXX escape", "dấu «\\u» phải có đúng 4 chữ số hệ 16 theo sau"),
)


@dataclass(frozen=True)
class Loaded:
    """A data file read into plain Python data, with the line of every value for messages."""

    data: dict[str, Any]
    """Every string, keys included, NFC-normalised and cleaned; mapping keys as written."""
    file: str
    """The path as given, for messages."""
    lines: dict[Loc, int]
    """1-based line of each mapping entry (its key's line) and list item; empty for JSON."""
    warnings: tuple[Finding, ...]
    """Characters cleaned from the text (``load.cleaned_char``)."""


def load(path: Path, *, root: str = "") -> Loaded:
    """Read ``path`` (.yaml, .yml or .json); raise :class:`InputError` with every problem found.

    ``root`` prefixes the data paths in findings (``plan`` gives ``plan.targets[2].value``).
    """
    file = str(path)
    text = _read_text(path, file)
    collector = _Collector(file=file, root=root)
    if path.suffix.lower() in YAML_SUFFIXES:
        _refuse_yaml_line_breaks(text, file)
        data = _parse_yaml(text, collector)
    else:
        data = _parse_json(text, collector)
    collector.bounds(data)
    raise_if_errors(collector.findings)
    return Loaded(data=data, file=file, lines=collector.lines, warnings=tuple(collector.findings))


# --- Reading the file ------------------------------------------------------------------------------


def _read_text(path: Path, file: str) -> str:
    """The file's text; every problem that stops parsing before it starts is raised here."""
    findings: list[Finding] = []
    if path.is_dir():
        raise InputError([finding("load.is_directory", file=file)])
    if path.suffix.lower() not in YAML_SUFFIXES + JSON_SUFFIXES:
        findings.append(
            finding("load.unsupported_format", file=file, suffix=path.suffix) if path.suffix
            else finding("load.unsupported_format/no_suffix", file=file)
        )
    problem = file_problem(path, _DATA_FILE)
    if problem is not None:
        findings.append(problem)
    elif not path.is_file():
        findings.append(finding("load.not_found", file=file))
    raise_if_errors(findings)
    try:
        raw = read_bounded(path, _DATA_FILE)
    except OSError as exc:
        raise InputError([finding("load.unreadable", file=file, reason=exc.strerror)]) from exc
    return _decode(raw, file)


def _refuse_yaml_line_breaks(text: str, file: str) -> None:
    """Before parsing: the YAML parser would turn these into line breaks, out of sight."""
    findings = [
        finding("load.line_break_char", file=file, line=text.count("\n", 0, match.start()) + 1, codepoint=ord(match[0]))
        for match in _YAML_LINE_BREAK.finditer(text)
    ]
    raise_if_errors(findings[:20])


def _decode(raw: bytes, file: str) -> str:
    """UTF-8 text (a leading BOM, as Notepad writes, is dropped); other encodings are errors."""
    try:
        # utf-8-sig: Windows editors prepend a BOM that json rejects and YAML would keep.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError([finding("load.encoding", file=file, line=line, byte=raw[exc.start])]) from exc
    if "\x00" in text:
        # NUL would silently end the YAML stream; it almost always means UTF-16 saved without BOM.
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError([finding("load.encoding/nul", file=file, line=line)])
    if not text.strip():
        raise InputError([finding("load.empty", file=file)])
    return text


# --- Collecting findings and lines -----------------------------------------------------------------


class _Cleaned(NamedTuple):
    text: str
    replaced: tuple[str, ...]
    forbidden: tuple[str, ...]


def _clean(raw: str) -> _Cleaned:
    """Normalise one string; report which Word characters were cleaned and which are forbidden."""
    if _UNUSUAL.search(raw) is None:
        # Nearly every string of a file: nothing to clean or report, only the ends and NFC
        # (ASCII is NFC already). One regular expression instead of the full pass below.
        text = raw.strip()
        return _Cleaned(text if text.isascii() else unicodedata.normalize("NFC", text), (), ())
    replaced = tuple(dict.fromkeys(ch for ch in raw if ch in _SPACED or ch in _REMOVED))
    forbidden = tuple(dict.fromkeys(_FORBIDDEN.findall(raw)))
    text = _CLEANABLE_RUN.sub(_collapse, raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    # NFC last: a zero-width character between a letter and its tone mark blocks composition.
    return _Cleaned(unicodedata.normalize("NFC", text), replaced, forbidden)


_UNUSUAL = re.compile(f"[\r{''.join(_SPACED)}{''.join(_REMOVED)}]|{_FORBIDDEN.pattern}")
"""Any character :func:`_clean` changes or reports (besides the ends and NFC)."""


def _collapse(match: re.Match[str]) -> str:
    """One space for a run holding a Word space character; nothing for zero-width-only runs.

    Runs of ordinary spaces the clerk typed are left alone: only the replacement is collapsed.
    """
    run = match.group()
    if set(run) == {" "}:
        return run
    return "" if all(ch in _REMOVED for ch in run) else " "


@dataclass
class _Collector:
    """What one walk over the parsed file accumulates: the line of each path, and findings."""

    file: str
    root: str
    lines: dict[Loc, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def error(self, key: str, loc: Loc | None = None, line: int | None = None, /, **params: object) -> None:
        path = None if loc is None else format_path(self.root, loc) or None
        self.findings.append(finding(key, file=self.file, path=path, line=line, **params))

    def value(self, raw: str, loc: Loc, line: int | None) -> str:
        """A string value, cleaned; its findings are reported at ``loc``."""
        return self.report(_clean(raw), loc, line)

    def key(self, raw: str, parent: Loc, line: int | None) -> str:
        """A mapping key, cleaned; its findings are reported at the path it names once cleaned."""
        cleaned = _clean(raw)
        return self.report(cleaned, (*parent, cleaned.text), line)

    def report(self, cleaned: _Cleaned, loc: Loc, line: int | None) -> str:
        """A warning per cleaned character and an error per forbidden one; the cleaned text."""
        if not cleaned.replaced and not cleaned.forbidden:
            return cleaned.text
        path = format_path(self.root, loc) or None
        for ch in cleaned.replaced:
            key, character = ("load.cleaned_char", _SPACED[ch]) if ch in _SPACED else (
                "load.cleaned_char/removed", _REMOVED[ch])
            self.findings.append(finding(
                key, file=self.file, path=path, line=line, severity=Severity.WARNING, character=character,
            ))
        for ch in cleaned.forbidden:
            key = "load.forbidden_char/control" if unicodedata.category(ch) == "Cc" else "load.forbidden_char"
            if ch in _LINE_BREAKS:
                key = "load.line_break_char"
            elif _BIDI.match(ch):
                key = "load.bidi_char"
            self.error(key, loc, line, codepoint=ord(ch))
        return cleaned.text

    def duplicate(self, key: str, loc: Loc, first: int | None, again: int | None) -> None:
        if first is not None and again is not None:
            self.error("load.duplicate_key/lines", loc, again, key=visible(key), first=first)
        else:
            self.error("load.duplicate_key", loc, again, key=visible(key))

    def check_root(self, data: Any, line: int | None) -> dict[str, Any]:
        """The top-level mapping; an empty document or another kind of value is an error."""
        if isinstance(data, dict):
            return data
        if data is None:
            self.error("load.empty")
        else:
            kind = "một danh sách" if isinstance(data, list) else "một giá trị đơn"
            self.error("load.not_mapping", (), line, kind=kind)
        return {}

    def bounds(self, data: Any) -> None:
        """Errors for every list or mapping longer than the limit, and for nesting too deep: what
        the schema stage would otherwise spend minutes on."""
        limit = ROWS.value()
        if not isinstance(data, (dict, list)):
            return
        pending: list[tuple[Loc, dict[str, Any] | list[Any]]] = [((), data)]
        while pending:
            loc, value = pending.pop()
            if len(loc) >= MAX_DEPTH:
                self.error("limit.depth", loc, self.lines.get(loc), limit=MAX_DEPTH)
                return
            if len(value) > limit:
                self.error("limit.items", loc, self.lines.get(loc), count=len(value), limit=limit,
                           variable=ROWS.variable)
                continue
            items = value.items() if isinstance(value, dict) else enumerate(value)
            # Only lists and mappings are looked at, so only they get a path.
            pending.extend(((*loc, key), item) for key, item in items if isinstance(item, (dict, list)))

    def too_deep(self) -> None:
        self.error("load.too_deep")


# --- YAML ------------------------------------------------------------------------------------------


_STR_TAG = "tag:yaml.org,2002:str"


class _Resolving:
    """The tag of each scalar as PyYAML's resolver gives it, in fewer steps (the composer asks for
    every scalar of the file: a quarter of libyaml's composing time): a quoted scalar is a text, a
    plain one is tried against the implicit types its first character may start (a number, a date,
    a boolean, null…). The safe loaders have no other resolvers (path or catch-all) to try."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]]

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)  # type: ignore[misc]
        if implicit[0]:
            for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                if pattern.match(value):
                    return tag
        return _STR_TAG


class _Loader(_Resolving, yaml.SafeLoader):
    """Safe loading with two changes that let hoso report problems with a data path."""

    def check_printable(self, data: str) -> None:
        # PyYAML rejects control characters (Word's \x0b among them) before parsing, with an offset
        # only; we let them through and clean or report each one at its data path instead.
        # NUL, which would end the stream early, is rejected before parsing (see _decode).
        return None

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        # Aliases share one node between paths: lines become ambiguous, and a few nested aliases
        # expand into millions of values. Data files do not need them.
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise ComposerError(None, None, "found an alias", event.start_mark)
        return super().compose_node(parent, index)


# libyaml, PyYAML's C parser, reads a file 10 to 20 times faster than the pure-Python _Loader. It is
# used for every file it reads exactly as _Loader would; _Loader remains for the rest (and for
# everything when PyYAML was built without libyaml, which then only costs time).
_CLoader: type[SafeConstructor] | None = (
    type("_CLoader", (_Resolving, yaml.CSafeLoader), {}) if yaml.__with_libyaml__ else None
)

# What libyaml would not read as hoso reports it, so _Loader reads it:
# - characters libyaml refuses before parsing (the set of PyYAML's check_printable, which _Loader
#   lets through to clean or report them at their data path);
# - a BOM past the start (libyaml skips it);
# - a tab (libyaml takes one inside a plain value, where PyYAML stops with the syntax error hoso
#   reports);
# - a possible alias (libyaml resolves it silently, so it could not be refused where it stands). An
#   alias token only follows a space, a line start or a flow indicator: a note mark such as "(*)"
#   in a text does not count.
# Two expressions: one alternation of both costs five times more than the two on a 500-row file.
_PYTHON_ONLY = re.compile(r"[^\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_ALIAS = re.compile(r"(?<![^\s\[{,:?])\*")


def _libyaml_reads(text: str) -> bool:
    """Whether libyaml reads ``text`` exactly as _Loader would (else _Loader reads it)."""
    if _CLoader is None or _PYTHON_ONLY.search(text) or ("*" in text and _ALIAS.search(text)):
        return False
    # Inside [ ] or { }, PyYAML ends a plain value at "?" and reports what follows; libyaml reads on.
    return "?" not in text or ("[" not in text and "{" not in text)


def _parse_yaml(text: str, collector: _Collector) -> dict[str, Any]:
    if _libyaml_reads(text):
        trial = dataclasses.replace(collector, lines={}, findings=[])
        try:
            data = _compose(_CLoader(text), trial, text)  # type: ignore[misc]
        except (yaml.YAMLError, RecursionError):
            # A file libyaml refuses: _Loader reads it again, so that the message, its line and
            # column are the ones hoso has always given (libyaml words some problems differently).
            pass
        else:
            collector.lines.update(trial.lines)
            collector.findings.extend(trial.findings)
            return data
    try:
        return _compose(_Loader(text), collector, text)
    except yaml.MarkedYAMLError as exc:
        raise InputError([_yaml_syntax(exc, collector.file)]) from exc
    except RecursionError:
        collector.too_deep()
        return {}


def _compose(loader: Any, collector: _Collector, text: str) -> dict[str, Any]:
    # Composing creates a node per value and the walk a Python value per node, all kept: the cyclic
    # garbage collector would run again and again over a heap that only grows (a 5 000-row file
    # cost 2.3 times more than ten 500-row ones). None of it forms a cycle, so it is paused here.
    collecting = gc.isenabled()
    gc.disable()
    try:
        node = loader.get_single_node()
        if node is None:
            return collector.check_root(None, None)
        line = node.start_mark.line + 1
        walk = _Walk(loader, collector, plain=_UNUSUAL.search(text) is None and "\\" not in text)
        return collector.check_root(walk.node(node, (), line), line)
    finally:
        loader.dispose()
        if collecting:
            gc.enable()


_INT_TAG = "tag:yaml.org,2002:int"


@dataclass
class _Walk:
    """Python data from the composed nodes, recording the line of every entry on the way."""

    loader: SafeConstructor
    collector: _Collector
    plain: bool
    """The file's text holds no character :func:`_clean` changes or reports and no escape (``\\``)
    that could write one: every string then only needs its ends trimmed and NFC, without a search
    per string (a third of the walk)."""

    def node(self, node: yaml.Node, loc: Loc, line: int) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node, loc)
        tag, raw = node.tag, node.value
        if tag == _STR_TAG:
            # Most scalars are texts: taken as they are, without the constructor's bookkeeping.
            return self.text(raw, loc, line)
        if tag == _INT_TAG and raw.isascii() and raw.isdigit() and (raw == "0" or raw[0] != "0"):
            return int(raw)  # a plain decimal; YAML 1.1's other forms (012 octal, 1_000, 1:20) below
        try:
            value = self.loader.construct_object(node)
        except ValueError:
            # A scalar that looks typed but is not (2016-02-30 is no date): keep what the clerk wrote
            # so the schema reports it against the field's type.
            value = raw
        return self.text(value, loc, line) if isinstance(value, str) else value

    def text(self, raw: str, loc: Loc, line: int) -> str:
        if self.plain:
            text = raw.strip()
            return text if text.isascii() else unicodedata.normalize("NFC", text)
        return self.collector.value(raw, loc, line)

    def sequence(self, node: yaml.SequenceNode, loc: Loc) -> list[Any]:
        lines = self.collector.lines
        items = []
        for index, item in enumerate(node.value):
            item_loc = (*loc, index)
            lines[item_loc] = item_line = item.start_mark.line + 1
            items.append(self.node(item, item_loc, item_line))
        return items

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        collector, lines = self.collector, self.collector.lines
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ConstructorError(None, None, "found unhashable key", key_node.start_mark)
            # The key's line, not the value's: block values start on the next line, and the key is
            # what the clerk looks for (an unknown field, a mapping missing a field).
            line = key_node.start_mark.line + 1
            # Keys are kept as written (``no:`` stays "no", ``2016:`` stays "2016"): YAML 1.1 would
            # turn them into booleans and numbers, which no schema field name can match.
            key = self.text(key_node.value, loc, line) if self.plain else collector.key(key_node.value, loc, line)
            key_loc = (*loc, key)
            if key in result:
                collector.duplicate(key, key_loc, lines[key_loc], line)
            else:
                lines[key_loc] = line
            result[key] = self.node(value_node, key_loc, line)
        return result


def _yaml_syntax(exc: yaml.MarkedYAMLError, file: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or ""
    gist = next((text for prefix, text in _YAML_PROBLEMS if problem.startswith(prefix)), problem)
    if mark is None:
        return finding("load.yaml_syntax", file=file, problem=gist)
    return finding("load.yaml_syntax/at", file=file, line=mark.line + 1, column=mark.column + 1, problem=gist)


# --- JSON ------------------------------------------------------------------------------------------


class _JsonObject(list[tuple[str, Any]]):
    """A JSON object's key/value pairs in file order, duplicates kept so they can be reported."""


def _parse_json(text: str, collector: _Collector) -> dict[str, Any]:
    try:
        # strict=False admits raw control characters inside strings, so that they are cleaned or
        # reported with their data path like YAML's instead of failing as a syntax error.
        parsed = json.loads(text, strict=False, object_pairs_hook=_JsonObject)
        return collector.check_root(_from_json(parsed, (), collector), None)
    except json.JSONDecodeError as exc:
        gist = next((vi for prefix, vi in _JSON_PROBLEMS if exc.msg.startswith(prefix)), exc.msg)
        raise InputError([
            finding("load.json_syntax", file=collector.file, line=exc.lineno, column=exc.colno, problem=gist)
        ]) from exc
    except RecursionError:
        collector.too_deep()
        return {}


def _from_json(value: Any, loc: Loc, collector: _Collector) -> Any:
    if isinstance(value, _JsonObject):
        result: dict[str, Any] = {}
        for raw_key, item in value:
            key = collector.key(raw_key, loc, None)
            if key in result:
                collector.duplicate(key, (*loc, key), None, None)
            result[key] = _from_json(item, (*loc, key), collector)
        return result
    if isinstance(value, list):
        return [_from_json(item, (*loc, index), collector) for index, item in enumerate(value)]
    return collector.value(value, loc, None) if isinstance(value, str) else value


# --- Data already in memory ------------------------------------------------------------------------


def load_data(data: Mapping[str, Any], *, file: str, root: str = "") -> Loaded:
    """Data a program already holds (a web form, a database row) cleaned as a file's would be:
    every string NFC-normalised, Word's characters cleaned, forbidden ones reported; ``file`` labels
    the findings, which carry data paths but no line."""
    collector = _Collector(file=file, root=root)
    try:
        cleaned = collector.check_root(_from_python(data, (), collector), None)
    except RecursionError:
        collector.too_deep()
        cleaned = {}
    collector.bounds(cleaned)
    raise_if_errors(collector.findings)
    return Loaded(data=cleaned, file=file, lines={}, warnings=tuple(collector.findings))


def _from_python(value: Any, loc: Loc, collector: _Collector) -> Any:
    if isinstance(value, Mapping):
        result: dict[str, Any] = {}
        for raw_key, item in value.items():
            # Keys as text, as a data file gives them (``2016:`` stays "2016").
            key = collector.key(str(raw_key), loc, None)
            if key in result:
                collector.duplicate(key, (*loc, key), None, None)
            result[key] = _from_python(item, (*loc, key), collector)
        return result
    if isinstance(value, (list, tuple)):
        return [_from_python(item, (*loc, index), collector) for index, item in enumerate(value)]
    return collector.value(value, loc, None) if isinstance(value, str) else value
