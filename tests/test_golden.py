"""Every document of every sample: golden read-back of texts and layout facts, zero NĐ 30
findings, valid against the ECMA-376 schemas, identical bytes twice.

Regenerate after an intended change with ``make golden`` and review the diff of tests/golden/.
"""

from __future__ import annotations

import json

import pytest

from pipeline.nd30.check import check_docx
from pipeline.orchestrator import TemplateSet, output_name, produce, validate_file

from tests.docx_facts import facts
from tests.ooxml import problems
from tests.samples import GOLDEN, SAMPLE_INPUTS, sample_id

TEMPLATES = TemplateSet()


def _documents():
    for sample in SAMPLE_INPUTS:
        validated = validate_file(sample)
        for document in validated.kind.documents:
            name = f"{sample_id(sample)}{'-' + document.key if document.key else ''}"
            yield pytest.param(sample, document.key, id=name)


DOCUMENTS = list(_documents())


def _produce(sample, key, templates=TEMPLATES):
    validated = validate_file(sample)
    document = next(d for d in validated.kind.documents if d.key == key)
    return document, produce(document, validated, templates.get(document))


@pytest.mark.parametrize(("sample", "key"), DOCUMENTS)
def test_document_matches_golden(sample, key, update_golden):
    document, data = _produce(sample, key)
    actual = facts(data)
    golden = GOLDEN / (sample_id(sample).replace("/", "--") + f"{'-' + key if key else ''}.json")
    if update_golden:
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run `make golden`"
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("sample", "key"), DOCUMENTS)
def test_document_passes_nd30_check_with_zero_findings(sample, key):
    document, data = _produce(sample, key)
    assert [f.format() for f in check_docx(data, name=output_name(sample, document))] == []


@pytest.mark.parametrize(("sample", "key"), DOCUMENTS)
def test_document_is_valid_against_the_ecma_376_schemas(sample, key):
    # Word is stricter than LibreOffice: it reports a part out of its schema as unreadable content.
    _, data = _produce(sample, key)
    assert problems(data) == []


@pytest.mark.parametrize(("sample", "key"), DOCUMENTS)
def test_same_input_gives_identical_bytes(sample, key):
    _, first = _produce(sample, key, TemplateSet())
    _, second = _produce(sample, key, TemplateSet())
    assert first == second


def test_every_golden_file_belongs_to_a_document():
    expected = {
        sample_id(p.values[0]).replace("/", "--") + (f"-{p.values[1]}" if p.values[1] else "") + ".json"
        for p in DOCUMENTS
    }
    assert {g.name for g in GOLDEN.glob("*.json")} == expected
