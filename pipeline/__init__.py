"""hoso: validated data → Vietnamese administrative documents (.docx) that follow NĐ 30/2020/NĐ-CP.

The Python API; the ``hoso`` command (:mod:`pipeline.cli`) is a thin layer over it.
"""

from .errors import Finding, HosoError, InputError, Severity, TemplateError
from .nd30.check import check_docx
from .orchestrator import TemplateSet, Validated, Written, produce, render_file, validate_file

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
