"""Stage: render – a prepared template and a pre-formatted context give the document body XML."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import TracebackType
from typing import Any

import jinja2

from pipeline.core.errors import Finding, TemplateError
from pipeline.core.messages import finding
from pipeline.stages.sandbox import LimitExceeded, render_bounded
from pipeline.stages.template import PreparedTemplate, paragraph_text

_UNDEFINED_RE = re.compile(r"'(?P<owner>[^']*)' (?:object )?has no attribute '(?P<attr>[^']+)'|'(?P<name>[^']+)' is undefined")


def render(template: PreparedTemplate, context: Mapping[str, Any]) -> bytes:
    """Render the document body. A template asking for a value the data lacks is a TemplateError."""
    try:
        xml = render_bounded(template.compiled, context)
    except jinja2.UndefinedError as exc:
        raise TemplateError([_undefined_finding(exc, template)]) from None
    except LimitExceeded as exc:
        raise TemplateError([_at(exc.key, f"{exc.key}/at", template, exc.__traceback__, **exc.params)]) from None
    except RecursionError as exc:
        raise TemplateError([_at("template.recursion", "template.recursion/at", template, exc.__traceback__)]) from None
    except Exception as exc:  # noqa: BLE001 – whatever a template's expression raises is the template's error
        raise TemplateError([
            _at("template.render", "template.render/at", template, exc.__traceback__, problem=exc)
        ]) from None
    return xml.encode("utf-8")


def _undefined_finding(exc: jinja2.UndefinedError, template: PreparedTemplate) -> Finding:
    match = _UNDEFINED_RE.search(str(exc))
    variable = (match.group("attr") or match.group("name")) if match else str(exc)
    return _at("template.undefined", "template.undefined/at", template, exc.__traceback__, variable=variable)


def _at(key: str, key_at: str, template: PreparedTemplate, tb: TracebackType | None, **params: object) -> Finding:
    """The finding ``key``, or ``key_at`` naming the template paragraph where filling failed."""
    paragraph = _where(template, tb)
    if paragraph:
        return finding(key_at, file=template.name, paragraph=paragraph, **params)
    return finding(key, file=template.name, **params)


def _where(template: PreparedTemplate, tb: TracebackType | None) -> str:
    lineno = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return paragraph_text(template.source, lineno)
