"""A template from elsewhere cannot make hoso work for minutes or fill the memory: every payload
that once took over 60 s of CPU or gigabytes is a template error naming the template.

The limits are small here (a parameter of the environment), so each payload stops within a
fraction of the default bounds; the memory a payload takes is measured with tracemalloc."""

from __future__ import annotations

import tracemalloc

import pytest

from pipeline.core.errors import TemplateError
from pipeline.stages.render import render
from pipeline.stages.sandbox import TemplateLimits
from pipeline.stages.template import make_environment, prepare_template

from tests.test_cli import PLAN, hoso
from tests.template_builder import write_template
from tests.test_template import FRAME, KH

LIMITS = TemplateLimits(output=200_000, text=50_000, count=1_000, seconds=0.5)
MEMORY_CEILING = 5_000_000
"""Bytes a refused payload may allocate with :data:`LIMITS` (its values stay under 50 000
characters, a few hundred kilobytes)."""

# Each payload sits in its own paragraph, after a line of ordinary text.
PAYLOADS = {
    "center": ("{{ 'a'|center(10**9) }}", "template.too_many"),
    "range": ("{% for x in range(10**9) %}{{ x }}{% endfor %}", "template.too_many"),
    "repeat": ("{{ 'x' * 10**9 }}", "template.too_long"),
    "repeat a list": ("{{ ([1] * 10**9)|length }}", "template.too_long"),
    "huge join": ("{{ range(1000)|join('x' * 1000) }}", "template.too_long"),
    "join of a repeated list": ("{{ (['x' * 1000] * 1000)|join }}", "template.too_long"),
    "power": ("{{ 10 ** (10 ** 9) }}", "template.too_many"),
    "printf width": ("{{ '%999999999s' % 'a' }}", "template.too_many"),
    "printf star": ("{{ '%*s' % (999999999, 'a') }}", "template.too_many"),
    "format filter": ("{{ '%0999999999d'|format(1) }}", "template.too_many"),
    "str.format width": ("{{ '{:>999999999}'.format(1) }}", "template.too_many"),
    "str.format nested width": ("{{ '{:>{}}'.format(1, 999999999) }}", "template.too_many"),
    "str method": ("{{ 'a'.ljust(999999999) }}", "template.too_many"),
    "replace": ("{{ ('x' * 1000)|replace('', 'y' * 1000) }}", "template.too_long"),
    "indent": ("{{ ('x\\n' * 1000)|indent(1000) }}", "template.too_long"),
    "doubling in a namespace": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "template.too_long",
    ),
    "doubling with +": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "template.too_long",
    ),
    "doubling in macro arguments": (
        "{% macro f(s, n) %}{% if n %}{{ f(s ~ s, n - 1) }}{% endif %}{% endmacro %}{{ f('x', 64) }}",
        "template.too_long",
    ),
    "doubling in block sets": (
        "{% set a %}x{% endset %}" + "{% set a %}{{ a }}{{ a }}{% endset %}" * 40 + "{{ a }}",
        "template.too_long",
    ),
    "output": ("{% for a in range(1000) %}{{ 'x' * 1000 }}{% endfor %}", "template.too_large"),
    "nested loops": ("{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}{% endfor %}{% endfor %}{% endfor %}", "template.too_slow"),
    "exponential recursion": (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
        "template.too_slow",
    ),
    "endless recursion": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "template.recursion"),
}


def _prepare(tmp_path, payload: str, limits: TemplateLimits = LIMITS):
    path = write_template(tmp_path / "mau-la.docx", "Đoạn thường.", payload)
    return prepare_template(path, KH, make_environment(limits))


def _refused(template) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        render(template, {"frame": FRAME})
    return caught.value


def _render(tmp_path, payload: str, limits: TemplateLimits = LIMITS) -> TemplateError:
    return _refused(_prepare(tmp_path, payload, limits))


@pytest.mark.parametrize("name", PAYLOADS)
def test_a_payload_is_a_template_error_naming_the_template_and_paragraph(tmp_path, name):
    payload, code = PAYLOADS[name]
    template = _prepare(tmp_path, payload)
    warm = tmp_path / "warm"
    warm.mkdir()
    render(_prepare(warm, "Đoạn thường."), {"frame": FRAME})  # what a first render imports
    tracemalloc.start()
    try:
        error = _refused(template)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    [found] = error.findings
    assert (found.code, found.file, error.exit_code) == (code, "mau-la.docx", 2)
    assert "(ở đoạn «" in found.message and "Traceback" not in found.message
    assert peak < MEMORY_CEILING


def test_the_message_gives_the_limit_in_vietnamese_figures(tmp_path):
    [found] = _render(tmp_path, "{{ 'a'|center(10**9) }}").findings
    assert found.message.startswith("Mẫu yêu cầu độ rộng là 1.000.000.000, vượt giới hạn 1.000 (ở đoạn «")


def test_a_slow_template_is_stopped_at_its_time_limit(tmp_path):
    [found] = _render(tmp_path, PAYLOADS["nested loops"][0], TemplateLimits(seconds=0.2)).findings
    assert found.message.startswith("Điền mẫu mất hơn 0.2 giây nên đã dừng")


def test_ordinary_formatting_stays_allowed(tmp_path):
    path = write_template(
        tmp_path / "t.docx",
        "{{ '%05d'|format(42) }} {{ '{:,}'.format(1500000000) }} {{ 'Số 1500000000: %s' % 'x' }} "
        "{{ 'a'|center(9) }}|{{ range(3)|join(', ') }}|{{ 2 ** 64 }}|{{ 'ab' * 3 }}",
    )
    xml = render(prepare_template(path, KH, make_environment(LIMITS)), {"frame": FRAME}).decode()
    assert "00042 1,500,000,000 Số 1500000000: x     a    |0, 1, 2|18446744073709551616|ababab" in xml


def test_the_time_limit_leaves_the_thread_usable(tmp_path):
    """A render stopped by its time limit leaves nothing pending: the next render in the same
    thread, and the one after its own limit would have passed, run normally."""
    _render(tmp_path, PAYLOADS["nested loops"][0], TemplateLimits(seconds=0.1))
    path = write_template(tmp_path / "t.docx", "{% for i in range(1000) %}{{ i }}{% endfor %}")
    template = prepare_template(path, KH, make_environment(TemplateLimits(seconds=0.1)))
    for _ in range(3):
        assert b"999" in render(template, {"frame": FRAME})


def test_hoso_render_with_a_hostile_template_exits_2_naming_it(tmp_path):
    templates = tmp_path / "mau"
    templates.mkdir()
    write_template(templates / "ke-hoach.docx", "Chủ đề: {{ 'a'|center(10**9) }}")
    result = hoso("render", "plan", str(PLAN), "-o", str(tmp_path / "out"), "--templates", str(templates))
    assert result.returncode == 2
    assert "ke-hoach.docx" in result.stdout + result.stderr
    assert "vượt giới hạn 100.000" in result.stdout + result.stderr
    assert not (tmp_path / "out" / "ke-hoach-2016.docx").exists()
