"""Stage: render – a prepared template and a pre-formatted context give the document body XML."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError

from pipeline.core.errors import Finding, TemplateError
from pipeline.stages.template import PreparedTemplate, paragraph_text

_UNDEFINED_RE = re.compile(r"'(?P<owner>[^']*)' (?:object )?has no attribute '(?P<attr>[^']+)'|'(?P<name>[^']+)' is undefined")


def render(template: PreparedTemplate, context: Mapping[str, Any]) -> bytes:
    """Render the document body. A template asking for a value the data lacks is a TemplateError."""
    try:
        xml = template.compiled.render(context)
    except jinja2.UndefinedError as exc:
        raise TemplateError([_undefined_finding(exc, template)]) from None
    except (jinja2.TemplateError, SecurityError, TypeError) as exc:
        where = _where(template, exc.__traceback__)
        raise TemplateError([Finding("template.render", f"Lỗi khi điền mẫu: {exc}{where}", file=template.name)]) from None
    return xml.encode("utf-8")


def _undefined_finding(exc: jinja2.UndefinedError, template: PreparedTemplate) -> Finding:
    match = _UNDEFINED_RE.search(str(exc))
    variable = (match.group("attr") or match.group("name")) if match else str(exc)
    return Finding(
        "template.undefined",
        f"Mẫu dùng biến «{variable}» nhưng dữ liệu không có giá trị này{_where(template, exc.__traceback__)}.",
        file=template.name,
    )


def _where(template: PreparedTemplate, tb: TracebackType | None) -> str:
    lineno = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    text = paragraph_text(template.source, lineno)
    return f" (ở đoạn «{text}»)" if text else ""
