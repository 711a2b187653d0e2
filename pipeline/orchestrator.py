"""The pipeline, start to end: load → validate → enrich → render → finalize → write.

Each stage is a function of its inputs only. The one thing kept between documents is the set of
prepared templates, and it is an explicit object the caller creates once per batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from pydantic import BaseModel

from .errors import Finding, InputError
from .finalize import finalize
from .kinds import KINDS, Kind
from .load import Loaded, load
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

    def get(self, kind: Kind) -> PreparedTemplate:
        if kind.name not in self._prepared:
            self._prepared[kind.name] = prepare_template(self.path_for(kind), kind.doc_type, self.env)
        return self._prepared[kind.name]

    def path_for(self, kind: Kind) -> Path:
        if self.directory is not None and (self.directory / kind.template).is_file():
            return self.directory / kind.template
        return DEFAULT_TEMPLATES / kind.template


@dataclass(frozen=True)
class Validated:
    kind: Kind
    model: BaseModel
    warnings: list[Finding]


@dataclass(frozen=True)
class Written:
    path: Path
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
    """Load and validate one input; the kind comes from the caller or from the file itself."""
    if kind_name:
        kind = get_kind(kind_name)
        loaded = load(path, root=kind.name)
    else:
        kind = detect_kind(load(path))
        loaded = load(path, root=kind.name)  # again, so cleaned-text warnings carry the kind's path
    model, warnings = validate(loaded, kind.model, root=kind.name)
    return Validated(kind, model, warnings)


def produce(kind: Kind, model: BaseModel, template: PreparedTemplate) -> bytes:
    """The .docx bytes of one validated input."""
    context = kind.enrich(model)
    return finalize(template, render(template, context), kind.core(model))


def render_file(kind_name: str, path: Path, out_dir: Path, templates: TemplateSet | None = None) -> Written:
    """Render one input file into ``out_dir/<input name>.docx``; nothing is written unless every
    stage succeeded."""
    validated = validate_file(path, kind_name)
    template = (templates or TemplateSet()).get(validated.kind)
    data = produce(validated.kind, validated.model, template)
    target = out_dir / f"{path.stem}.docx"
    return Written(write_atomic(target, data), validated.warnings)
