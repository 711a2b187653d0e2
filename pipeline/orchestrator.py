"""The pipeline, start to end: load → validate (with linked inputs) → rules → enrich → render →
finalize → write.

Each stage is a function of its inputs only. The one thing kept between documents is the set of
prepared templates, and it is an explicit object the caller creates once per batch.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from pydantic import BaseModel

from pipeline.stages.draft import Mode, fill_blanks, unnumbered
from pipeline.core import resources
from pipeline.core.errors import Finding, InputError, Severity
from pipeline.stages.finalize import finalize
from pipeline.law.kinds import KINDS, Document, Kind, Linked
from pipeline.stages.link import link_paths
from pipeline.stages.load import Loaded, format_path, load
from pipeline.law.rulebook import RuleBook, RuleSet, builtin_book
from pipeline.stages.render import render
from pipeline.law.checks import run as run_rules
from pipeline.stages.template import PreparedTemplate, make_environment, prepare_template
from pipeline.stages.validate import validate
from pipeline.core.files import write_atomic
from pipeline.stages.xlsx import expand_tables



@dataclass
class TemplateSet:
    """Templates prepared once per batch; a user folder overrides the built-in templates by name."""

    directory: Path | None = None
    env: jinja2.Environment = field(default_factory=make_environment, repr=False)
    _prepared: dict[str, PreparedTemplate] = field(default_factory=dict, repr=False)

    def get(self, document: Document) -> PreparedTemplate:
        if document.template not in self._prepared:
            path = self.path_for(document)
            self._prepared[document.template] = prepare_template(path, document.layout, self.env)
        return self._prepared[document.template]

    def path_for(self, document: Document) -> Path:
        if self.directory is not None and (self.directory / document.template).is_file():
            return self.directory / document.template
        return resources.templates() / document.template


@dataclass(frozen=True)
class Validated:
    kind: Kind
    model: BaseModel
    linked: Linked
    warnings: list[Finding]
    """Warnings of this input and of every input it links to."""
    mode: Mode = Mode.FINAL
    """A draft may leave texts blank (``……``, :mod:`pipeline.stages.draft`); its documents are marked."""
    rules: RuleSet = field(default_factory=lambda: builtin_book().on(None))
    """The rules in force on the input's date (its kind's ``date``), as the rules stage applied them;
    enrich computes with the same (thresholds, authorities, bonuses)."""


@dataclass(frozen=True)
class Written:
    paths: list[Path]
    warnings: list[Finding]


def get_kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        known = ", ".join(KINDS)
        raise InputError([Finding("input.unknown_kind", f"Không có loại văn bản «{name}». Các loại: {known}.")]) from None


def detect_kind(loaded: Loaded) -> Kind:
    """The kind an input declares with its top-level ``kind:`` key."""
    name = loaded.data.get("kind")
    if not isinstance(name, str):
        raise InputError([Finding(
            "input.kind_missing",
            f"Không biết tệp này là loại dữ liệu nào: thêm dòng «kind: …» ở đầu tệp ({', '.join(KINDS)}).",
            file=loaded.file,
        )])
    return get_kind(name)


@dataclass(frozen=True)
class _Run:
    """What holds for every file of one validation: the mode, the rule packs, strictness."""

    mode: Mode
    book: RuleBook
    strict: bool


def validate_file(
    path: Path,
    kind_name: str | None = None,
    *,
    mode: Mode = Mode.FINAL,
    rules: RuleBook | None = None,
    strict: bool = False,
) -> Validated:
    """Load and validate one input and the inputs it links to, then apply the rules in force on its
    date (``rules``: the packs with any local ones, :func:`pipeline.law.rulebook.load_book`; default the
    packs of ``rules/``). The kind comes from the caller or from the file itself. Every problem of
    every file is raised at once; ``strict`` makes every warning an error. In draft mode a text
    still missing, here or in a linked input, becomes a blank and a warning."""
    return _validate(path, kind_name, (), _Run(mode, rules or builtin_book(), strict))


def _strict(finding: Finding) -> Finding:
    return dataclasses.replace(finding, severity=Severity.ERROR)


def _validate(path: Path, kind_name: str | None, chain: tuple[Path, ...], run: _Run) -> Validated:
    if kind_name:
        kind = get_kind(kind_name)
        loaded = load(path, root=kind.name)
    else:
        kind = detect_kind(load(path))
        loaded = load(path, root=kind.name)  # again, so cleaned-text warnings carry the kind's path
    # Tables the input gives as Excel workbooks become data here; findings about them name cells.
    loaded, cells = expand_tables(loaded, kind.name, path.parent)
    blanks: list[Finding] = []
    if run.mode is Mode.DRAFT:
        loaded, blanks = fill_blanks(loaded, kind.model, kind.name)
    try:
        model, warnings = validate(loaded, kind.model, root=kind.name)
    except InputError as exc:
        raise InputError(cells.relocate(exc.findings)) from None
    warnings = sorted(cells.relocate(warnings + blanks), key=lambda f: (f.line or 0, f.path or ""))
    if run.mode is Mode.DRAFT:
        model = unnumbered(model)
    linked, findings = _validate_links(kind, model, loaded, path, chain + (path.resolve(),), run)
    warnings += findings
    rules = run.book.on(kind.date(model))
    found = run_rules(kind, model, linked, rules, links_valid=not any(f.is_error for f in findings))
    if found:
        lines = {format_path(kind.name, loc): line for loc, line in loaded.lines.items()}
        warnings += cells.relocate(_located(f, loaded.file, lines) for f in found)
    if run.strict:
        warnings = [_strict(f) for f in warnings]
    if any(f.is_error for f in warnings):
        # Every finding at once, warnings with the errors: a clerk fixes the file in one pass.
        raise InputError(warnings)
    return Validated(kind, model, linked, warnings, run.mode, rules)


_LAST_SEGMENT = re.compile(r"(\.[^.\[]+|\[[^\]]*\])$")


def _located(finding: Finding, file: str, lines: dict[str, int]) -> Finding:
    """A rule's finding names a data path of this input: add its file and the line of that path, or
    of the nearest enclosing one (a name typed as one string is read as a list of one line)."""
    if finding.file:
        return finding
    path = finding.path or ""
    while path and path not in lines:
        trimmed = _LAST_SEGMENT.sub("", path)
        path = trimmed if trimmed != path else ""
    return dataclasses.replace(finding, file=file, line=lines.get(path))


def _validate_links(
    kind: Kind, model: BaseModel, loaded: Loaded, path: Path, chain: tuple[Path, ...], run: _Run
) -> tuple[dict[str, object], list[Finding]]:
    """Validate every linked input; collect the findings of all of them before failing."""
    targets, findings = link_paths(kind.links, kind.name, model, loaded, path.parent, chain)
    linked: dict[str, object] = {}
    for field_name, (paths, many) in targets.items():
        models = []
        for target in paths:
            try:
                result = _validate(target, kind.links[field_name], chain, run)
            except InputError as exc:
                findings += exc.findings
                continue
            findings += result.warnings
            models.append(result)
        linked[field_name] = models if many else (models[0] if models else None)
    return linked, findings


def produce(document: Document, validated: Validated, template: PreparedTemplate) -> bytes:
    """The .docx bytes of one document of a validated input."""
    context = document.enrich(validated.model, validated.linked, validated.rules)
    core = document.core(validated.model, validated.linked)
    return finalize(template, render(template, context), core, draft=validated.mode is Mode.DRAFT)


def output_name(path: Path, document: Document) -> str:
    """``<input name>.docx`` for the main document, ``<input name>-<key>.docx`` for the others."""
    return f"{path.stem}-{document.key}.docx" if document.key else f"{path.stem}.docx"


def render_file(
    kind_name: str | None,
    path: Path,
    out_dir: Path,
    templates: TemplateSet | None = None,
    *,
    mode: Mode = Mode.FINAL,
    rules: RuleBook | None = None,
    strict: bool = False,
) -> Written:
    """Render every document of one input into ``out_dir``; nothing is written unless every
    document rendered. The kind comes from the caller or from the file's ``kind:``; ``rules`` and
    ``strict`` as for :func:`validate_file`."""
    validated = validate_file(path, kind_name, mode=mode, rules=rules, strict=strict)
    templates = templates or TemplateSet()
    rendered = [
        (out_dir / output_name(path, document), produce(document, validated, templates.get(document)))
        for document in validated.kind.documents
    ]
    return Written([write_atomic(target, data) for target, data in rendered], validated.warnings)
