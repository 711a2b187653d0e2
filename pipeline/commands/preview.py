"""``hoso preview``: the draft of every document of some inputs as .docx, PDF and page images,
re-made on every save with ``--watch`` while the converter stays warm.

A draft prints what is still missing as ``……`` and carries the "DỰ THẢO" mark
(:mod:`pipeline.stages.draft`), so a clerk sees the pages before the data is complete.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.stages.draft import Mode
from pipeline.core.errors import Finding, HosoError
from pipeline.stages.load import JSON_SUFFIXES, YAML_SUFFIXES
from pipeline.orchestrator import TemplateSet, render_file
from pipeline.law.rulebook import RuleBook
from pipeline.office.convert import ConversionError, Converter, page_images

DEFAULT_DPI = 100
"""Page images at 100 dpi: an A4 page is 827 × 1169 pixels, readable on screen, fast to make."""
WATCH_INTERVAL = 0.2
"""Seconds between two looks at the files; half of it is the mean wait added to a preview."""


@dataclass(frozen=True)
class PreviewedDocument:
    docx: Path
    pdf: Path | None
    images: list[Path]


@dataclass(frozen=True)
class Preview:
    """What one round made, and every finding: warnings (blanks…), input errors, conversions
    that failed. ``failed`` when an input had errors or a document has no PDF."""

    documents: list[PreviewedDocument] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    failed: bool = False


def preview_inputs(
    paths: Sequence[Path],
    out_dir: Path,
    converter: Converter,
    templates: TemplateSet,
    *,
    dpi: int = DEFAULT_DPI,
    rules: RuleBook | None = None,
    allowed_roots: Sequence[Path] = (),
) -> Preview:
    """Draft-render each input (its kind from its ``kind:`` line) into ``out_dir``, convert every
    document to PDF and to page images. An input with errors is reported; the others go on.
    ``rules`` and ``allowed_roots`` as for :func:`pipeline.orchestrator.validate_file`."""
    documents: list[PreviewedDocument] = []
    findings: list[Finding] = []
    failed = False
    for path in paths:
        try:
            written = render_file(
                None, path, out_dir, templates, mode=Mode.DRAFT, rules=rules, allowed_roots=allowed_roots,
            )
        except HosoError as exc:
            findings += exc.findings
            failed = True
            continue
        findings += written.warnings
        for docx in written.paths:
            try:
                pdf = converter.convert(docx)
            except ConversionError as exc:
                findings += exc.findings
                documents.append(PreviewedDocument(docx, None, []))
                failed = True
                continue
            documents.append(PreviewedDocument(docx, pdf, page_images(pdf, dpi=dpi)))
    return Preview(documents, findings, failed)


def watch(
    paths: Sequence[Path],
    out_dir: Path,
    converter: Converter,
    templates_dir: Path | None,
    report: Callable[[Preview], None],
    *,
    dpi: int = DEFAULT_DPI,
    rules: RuleBook | None = None,
    interval: float = WATCH_INTERVAL,
    stop: threading.Event | None = None,
    allowed_roots: Sequence[Path] = (),
) -> None:
    """Preview now, then again whenever a data file or template changes, until ``stop`` is set.

    Watched: every .yaml, .yml and .json file in the folder of each input and below it (where
    linked inputs usually are), and the templates folder. The templates are prepared again only
    when one of them changed.
    """
    stop = stop or threading.Event()
    watched = [path.parent for path in paths] + ([templates_dir] if templates_dir else [])
    templates = TemplateSet(templates_dir)
    seen = _stamps(watched, out_dir)
    report(preview_inputs(paths, out_dir, converter, templates, dpi=dpi, rules=rules, allowed_roots=allowed_roots))
    while not stop.wait(interval):
        now = _stamps(watched, out_dir)
        if now == seen:
            continue
        if templates_dir and _changed_below(seen, now, templates_dir):
            templates = TemplateSet(templates_dir)
        seen = now
        report(preview_inputs(paths, out_dir, converter, templates, dpi=dpi, rules=rules, allowed_roots=allowed_roots))


_WATCHED_SUFFIXES = frozenset((*YAML_SUFFIXES, *JSON_SUFFIXES, ".docx"))


def _stamps(folders: Sequence[Path], skip: Path) -> dict[Path, tuple[int, int]]:
    """Modification time and size of every watched file (the output folder excluded)."""
    skip = skip.resolve()
    return {
        path: (stat.st_mtime_ns, stat.st_size)
        for folder in folders
        for path, stat in _files_below(folder.resolve(), skip)
        if path.suffix.lower() in _WATCHED_SUFFIXES
    }


def _files_below(folder: Path, skip: Path) -> Iterator[tuple[Path, os.stat_result]]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith((".", "~$")):  # hidden files, editors' and Word's lock files
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            if path != skip:
                yield from _files_below(path, skip)
        elif entry.is_file():
            try:
                yield path, entry.stat()
            except OSError:
                continue  # removed while we looked


def _changed_below(before: dict[Path, tuple[int, int]], after: dict[Path, tuple[int, int]], folder: Path) -> bool:
    folder = folder.resolve()
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    return any(folder in path.parents for path in changed)
