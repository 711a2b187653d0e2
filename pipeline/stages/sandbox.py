"""The sandbox templates render in: no escape, and bounded work.

Jinja's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` already keeps a template from
reading files, running code or changing the data. It does not bound the work: ``{{ 'a'|center(10**9) }}``,
``{{ 'x' * 10**9 }}`` or a string doubled in a loop take gigabytes, nested loops take hours. A
clerk may use templates from anywhere (``--templates``), and the workbench takes them from other
people, so :class:`BoundedEnvironment` adds the bounds of :class:`TemplateLimits`:

* **sizes** — every way a template makes a long string or list in one step is checked *before*
  it is made: ``*`` and ``**``, printf-style ``%`` and ``format``, the widths of ``center``,
  ``indent``, ``wordwrap`` …, ``join`` and ``replace``, the same methods of ``str``, and ``range``;
  what ``~``, a call or a filter returns and every ``{{ … }}`` printed is checked after, which keeps
  any value within a small multiple of the limit;
* **output** — the document is rendered piece by piece (:meth:`jinja2.Template.generate`) and
  stopped past the limit;
* **time** — :func:`pipeline.core.deadline.time_limit` stops a render that runs too long (a loop
  needs no output to run for hours).

A template over a bound raises :class:`LimitExceeded`, which the render stage reports as a
template error naming the template and the paragraph.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import Template
from jinja2.compiler import CodeGenerator, Frame
from jinja2.debug import rewrite_traceback_stack
from jinja2.nodes import Concat
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import _PassArg

from pipeline.core.deadline import Overtime, time_limit
from pipeline.core.vnformat import number


@dataclass(frozen=True)
class TemplateLimits:
    """What one document's render may take. The defaults leave room for the largest real document
    (a 10 000-row table renders to about 10 million characters) and stop a runaway template
    within seconds and a few hundred megabytes."""

    output: int = 40_000_000
    """Characters of the rendered document body (its XML)."""
    text: int = 20_000_000
    """Characters of one value a template makes (a string, or the items of a list)."""
    count: int = 100_000
    """A width, a repeat count or a number of items a template asks for (``range``, ``center``…);
    Jinja's own sandbox caps ``range`` there too."""
    seconds: float = 30.0
    """Time to render one document; real documents take milliseconds."""
    power_bits: int = 100_000
    """Size of a number ``**`` may make (a 30 000-digit number)."""


class LimitExceeded(Exception):
    """A template went over a bound: ``key`` is the message catalogue key, ``params`` its values."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key = key
        self.params = {name: number(v) if isinstance(v, int) else v for name, v in params.items()}


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with the result of ``~`` checked: a string doubled in a loop
    (``{% set ns.s = ns.s ~ ns.s %}``) stops at the limit instead of filling the memory."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.checked(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox with the bounds of ``limits`` (see the module's documentation)."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, limits: TemplateLimits = TemplateLimits(), **options: Any):
        super().__init__(**options)
        self.limits = limits
        self.finalize = self.checked
        self.globals["range"] = self._range
        del self.globals["lipsum"]  # n paragraphs of filler text: nothing a document needs
        for name, guard in _FILTER_GUARDS.items():
            self.filters[name] = _guarded(self.filters[name], guard, self)
        for name in list(self.filters):
            self.filters[name] = _checked_filter(self.filters[name], self)

    # --- checks ---------------------------------------------------------------------------------
    def checked(self, value: Any) -> Any:
        """``value``, if it is within the size limit."""
        if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)) and len(value) > self.limits.text:
            raise LimitExceeded("template.too_long", limit=self.limits.text)
        return value

    def within(self, what: str, value: int, limit: int | None = None) -> None:
        limit = self.limits.count if limit is None else limit
        if value > limit:
            raise LimitExceeded("template.too_many", what=what, value=value, limit=limit)

    def expected(self, size: int) -> None:
        """Refuse to make a value of ``size`` characters or items."""
        if size > self.limits.text:
            raise LimitExceeded("template.too_long", limit=self.limits.text)

    def printf_format(self, fmt: str, values: Iterable[Any]) -> None:
        """A ``%`` format may pad to any width it names, or takes from the values (``%*s``)."""
        for width, precision in _PRINTF_SPEC.findall(fmt):
            self._widths((width, precision), values)

    def brace_format(self, fmt: str, values: Iterable[Any]) -> None:
        """A ``str.format`` field may pad to any width it names, or takes from the values (``{:{}}``)."""
        try:
            specs = [spec for _, _, spec, _ in string.Formatter().parse(fmt) if spec]
        except ValueError:
            return  # malformed: str.format itself says so
        for spec in specs:
            self._widths(("*" if "{" in spec else "", *re.findall(r"\d+", spec)), values)

    def _widths(self, widths: Iterable[str], values: Iterable[Any]) -> None:
        for width in widths:
            if width.isdigit():
                self.within("độ rộng", int(width))
            elif width == "*":
                for value in values:
                    if isinstance(value, int):
                        self.within("độ rộng", value)

    # --- hooks of the sandbox --------------------------------------------------------------------
    def _range(self, *args: int) -> range:
        numbers = range(*args)
        self.within("số phần tử của range", len(numbers))
        return numbers

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(self, left, right)
            _check_repeat(self, right, left)
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
            self.within("độ lớn của lũy thừa (bit)", left.bit_length() * right, self.limits.power_bits)
        elif operator == "%" and isinstance(left, str):
            self.printf_format(left, right if isinstance(right, tuple) else (right,))
        elif operator == "+" and _sized(left) and _sized(right):
            self.expected(len(left) + len(right))
        return self.checked(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 – Jinja's names
        method = getattr(__obj, "__wrapped__", __obj)  # str.format comes wrapped by the sandbox
        owner = getattr(method, "__self__", None)
        if isinstance(owner, (str, bytes)):
            _check_text_method(__self, owner, method.__name__, args, kwargs)
        return __self.checked(super().call(__context, __obj, *args, **kwargs))


_PRINTF_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")


def _sized(value: Any) -> bool:
    return isinstance(value, (str, bytes, list, tuple))


def _check_repeat(env: BoundedEnvironment, sequence: Any, times: Any) -> None:
    if _sized(sequence) and isinstance(times, int):
        env.expected(len(sequence) * times)


def _check_text_method(env: BoundedEnvironment, text: str | bytes, name: str, args: tuple, kwargs: dict) -> None:
    if name in ("center", "ljust", "rjust", "zfill"):
        env.within("độ rộng", args[0] if args else kwargs.get("width", 0))
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        env.expected(len(text) * max(size, 1))
    elif name == "join" and args:
        env.expected(_joined_size(list(args[0]), text))
    elif name == "replace" and len(args) >= 2:
        env.expected(_replaced_size(text, args[0], args[1]))
    elif name in ("format", "format_map") and isinstance(text, str):
        mapped = args[0].values() if name == "format_map" and args and isinstance(args[0], Mapping) else ()
        values = [*args, *kwargs.values(), *mapped]
        env.brace_format(text, values)


def _joined_size(items: list, separator: Any) -> int:
    return sum(len(x) if isinstance(x, (str, bytes)) else len(str(x)) for x in items) + len(separator) * len(items)


def _replaced_size(text: Any, old: Any, new: Any) -> int:
    occurrences = len(text) + 1 if not old else len(text) // len(old)
    return len(text) + occurrences * len(new)


# --- Filters ------------------------------------------------------------------------------------------
Guard = Callable[[BoundedEnvironment, Any, tuple, dict], tuple | None]
"""Checks a filter's value and arguments before it runs; may return new ``(value, args)``
(a generator is read once into a list, so it can be measured and then joined)."""


def _width_guard(parameter: str, position: int) -> Guard:
    def guard(env: BoundedEnvironment, value: Any, args: tuple, kwargs: dict) -> None:
        width = args[position] if len(args) > position else kwargs.get(parameter)
        if isinstance(width, int):
            env.within("độ rộng" if parameter == "width" else "số phần tử", width)
    return guard


def _indent_guard(env: BoundedEnvironment, value: Any, args: tuple, kwargs: dict) -> None:
    width = args[0] if args else kwargs.get("width", 4)
    if isinstance(width, int):
        env.within("độ rộng", width)
    step = len(width) if isinstance(width, str) else width
    env.expected(len(str(value)) + (str(value).count("\n") + 1) * step)


def _wordwrap_guard(env: BoundedEnvironment, value: Any, args: tuple, kwargs: dict) -> None:
    wrapstring = args[2] if len(args) > 2 else kwargs.get("wrapstring") or "\n"
    env.expected(len(str(value)) * (1 + len(wrapstring)))


def _join_guard(env: BoundedEnvironment, value: Any, args: tuple, kwargs: dict) -> tuple:
    items = list(value)
    env.within("số phần tử", len(items), env.limits.text)
    separator = args[0] if args else kwargs.get("d", "")
    if (args[1] if len(args) > 1 else kwargs.get("attribute")) is None:
        env.expected(_joined_size(items, separator))
    return items, args


def _replace_guard(env: BoundedEnvironment, value: Any, args: tuple, kwargs: dict) -> None:
    old = args[0] if args else kwargs.get("old", "")
    new = args[1] if len(args) > 1 else kwargs.get("new", "")
    env.expected(_replaced_size(str(value), str(old), str(new)))


def _format_guard(env: BoundedEnvironment, value: Any, args: tuple, kwargs: dict) -> None:
    env.printf_format(str(value), [*args, *kwargs.values()])


_FILTER_GUARDS: dict[str, Guard] = {
    "center": _width_guard("width", 0),
    "indent": _indent_guard,
    "wordwrap": _wordwrap_guard,
    "truncate": _width_guard("length", 0),
    "batch": _width_guard("linecount", 0),
    "slice": _width_guard("slices", 0),
    "join": _join_guard,
    "replace": _replace_guard,
    "format": _format_guard,
}


def _pass_arg_count(function: Callable[..., Any]) -> int:
    """1 when Jinja passes a context or environment before the value, else 0."""
    return 0 if _PassArg.from_obj(function) is None else 1


def _guarded(function: Callable[..., Any], guard: Guard, env: BoundedEnvironment) -> Callable[..., Any]:
    skip = _pass_arg_count(function)

    @functools.wraps(function)
    def filter_(*args: Any, **kwargs: Any) -> Any:
        head, value, rest = args[:skip], args[skip], args[skip + 1:]
        replaced = guard(env, value, rest, kwargs)
        if replaced is not None:
            value, rest = replaced
        return function(*head, value, *rest, **kwargs)

    return filter_


def _checked_filter(function: Callable[..., Any], env: BoundedEnvironment) -> Callable[..., Any]:
    @functools.wraps(function)
    def filter_(*args: Any, **kwargs: Any) -> Any:
        return env.checked(function(*args, **kwargs))

    return filter_


# --- Rendering ---------------------------------------------------------------------------------------
def render_bounded(template: Template, context: Mapping[str, Any]) -> str:
    """Render ``template`` within the limits of its environment (defaults for another one)."""
    limits = getattr(template.environment, "limits", TemplateLimits())
    pieces: list[str] = []
    size = 0
    stream = template.generate(context)
    try:
        with time_limit(limits.seconds):
            for piece in stream:
                size += len(piece)
                if size > limits.output:
                    # Raised where the template is, so that Jinja names its line (and so paragraph).
                    stream.throw(LimitExceeded("template.too_large", limit=limits.output))
                pieces.append(piece)
    except Overtime:
        # Overtime is no Exception, so Jinja left its traceback alone: map it to template lines
        # here, to name the paragraph the template was stuck in.
        where = rewrite_traceback_stack()
        raise LimitExceeded("template.too_slow", seconds=limits.seconds).with_traceback(where.__traceback__) from None
    return "".join(pieces)
