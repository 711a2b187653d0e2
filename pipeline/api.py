"""The Python API of hoso (placeholder until the API module is written)."""

from __future__ import annotations

from pipeline.core.errors import Finding, HosoError, InputError, Severity, TemplateError
from pipeline.nd30.check import check_docx
from pipeline.orchestrator import TemplateSet, Validated, Written, produce, render_file, validate_file

__all__ = [
    "Finding",
    "HosoError",
    "InputError",
    "Severity",
    "TemplateError",
    "TemplateSet",
    "Validated",
    "Written",
    "check_docx",
    "produce",
    "render_file",
    "validate_file",
]
