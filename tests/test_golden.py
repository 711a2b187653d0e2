"""Every sample: golden read-back of texts and layout facts, zero NĐ 30 findings, identical bytes twice.

Regenerate after an intended change with ``make golden`` and review the diff of tests/golden/.
"""

from __future__ import annotations

import json

import pytest

from pipeline.nd30.check import check_docx
from pipeline.orchestrator import TemplateSet, produce, validate_file

from .samples import GOLDEN, SAMPLE_INPUTS
from .docx_facts import facts

TEMPLATES = TemplateSet()


@pytest.mark.parametrize("sample", SAMPLE_INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sample_matches_golden(sample, update_golden):
    validated = validate_file(sample)
    data = produce(validated.kind, validated.model, TEMPLATES.get(validated.kind))
    actual = facts(data)
    golden = GOLDEN / f"{sample.parent.name}--{sample.stem}.json"
    if update_golden:
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run `make golden`"
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize("sample", SAMPLE_INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sample_passes_nd30_check_with_zero_findings(sample):
    validated = validate_file(sample)
    data = produce(validated.kind, validated.model, TEMPLATES.get(validated.kind))
    assert [f.format() for f in check_docx(data, name=sample.name)] == []


@pytest.mark.parametrize("sample", SAMPLE_INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_same_input_gives_identical_bytes(sample):
    validated = validate_file(sample)
    first = produce(validated.kind, validated.model, TemplateSet().get(validated.kind))
    again = validate_file(sample)
    second = produce(again.kind, again.model, TemplateSet().get(again.kind))
    assert first == second
