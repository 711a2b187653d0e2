"""The pipeline, start to end: load → validate (with linked inputs) → enrich → render → finalize
→ write.

Each stage is a function of its inputs only. The one thing kept between documents is the set of
prepared templates, and it is an explicit object the caller creates once per batch.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from pydantic import BaseModel

from .errors import Finding, InputError
from .finalize import finalize
from .kinds import KINDS, Document, Kind, Linked
from .link import link_paths
from .load import Loaded, format_path, load
from .render import render
from .template import PreparedTemplate, make_environment, prepare_template
from .validate import validate
from .write import write_atomic

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates_docx"


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
        return DEFAULT_TEMPLATES / document.template


@dataclass(frozen=True)
class Validated:
    kind: Kind
    model: BaseModel
    linked: Linked
    warnings: list[Finding]
    """Warnings of this input and of every input it links to."""


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


def validate_file(path: Path, kind_name: str | None = None) -> Validated:
    """Load and validate one input and the inputs it links to; the kind comes from the caller or
    from the file itself. Every problem of every file is raised at once."""
    return _validate(path, kind_name, ())


def _validate(path: Path, kind_name: str | None, chain: tuple[Path, ...]) -> Validated:
    if kind_name:
        kind = get_kind(kind_name)
        loaded = load(path, root=kind.name)
    else:
        kind = detect_kind(load(path))
        loaded = load(path, root=kind.name)  # again, so cleaned-text warnings carry the kind's path
    model, warnings = validate(loaded, kind.model, root=kind.name)
    linked, findings = _validate_links(kind, model, loaded, path, chain + (path.resolve(),))
    warnings += findings
    # Comparing with a linked file that failed would only repeat its errors in other words.
    if kind.crosscheck is not None and not any(f.is_error for f in findings):
        warnings += [_located(f, loaded, kind.name) for f in kind.crosscheck(model, linked)]
    errors = [f for f in warnings if f.is_error]
    if errors:
        raise InputError(errors)
    return Validated(kind, model, linked, warnings)


def _located(finding: Finding, loaded: Loaded, root: str) -> Finding:
    """A cross-check finding names a data path of this input: add its file and line."""
    if finding.file:
        return finding
    lines = {format_path(root, loc): line for loc, line in loaded.lines.items()}
    return dataclasses.replace(finding, file=loaded.file, line=lines.get(finding.path or ""))


def _validate_links(
    kind: Kind, model: BaseModel, loaded: Loaded, path: Path, chain: tuple[Path, ...]
) -> tuple[dict[str, object], list[Finding]]:
    """Validate every linked input; collect the findings of all of them before failing."""
    targets, findings = link_paths(kind, model, loaded, path.parent, chain)
    linked: dict[str, object] = {}
    for field_name, (paths, many) in targets.items():
        models = []
        for target in paths:
            try:
                result = _validate(target, kind.links[field_name], chain)
            except InputError as exc:
                findings += exc.findings
                continue
            findings += result.warnings
            models.append(result)
        linked[field_name] = models if many else (models[0] if models else None)
    return linked, findings


def produce(document: Document, validated: Validated, template: PreparedTemplate) -> bytes:
    """The .docx bytes of one document of a validated input."""
    context = document.enrich(validated.model, validated.linked)
    return finalize(template, render(template, context), document.core(validated.model, validated.linked))


def output_name(path: Path, document: Document) -> str:
    """``<input name>.docx`` for the main document, ``<input name>-<key>.docx`` for the others."""
    return f"{path.stem}-{document.key}.docx" if document.key else f"{path.stem}.docx"


def render_file(kind_name: str, path: Path, out_dir: Path, templates: TemplateSet | None = None) -> Written:
    """Render every document of one input into ``out_dir``; nothing is written unless every
    document rendered."""
    validated = validate_file(path, kind_name)
    templates = templates or TemplateSet()
    rendered = [
        (out_dir / output_name(path, document), produce(document, validated, templates.get(document)))
        for document in validated.kind.documents
    ]
    return Written([write_atomic(target, data) for target, data in rendered], validated.warnings)
