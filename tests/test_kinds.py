"""The registry of kinds holds together: names, schemas, templates, samples."""

from __future__ import annotations

import pytest

from pipeline.law.kinds import KINDS
from pipeline.core import resources
from pipeline.orchestrator import validate_file

from tests.samples import SAMPLE_INPUTS


@pytest.mark.parametrize("name", list(KINDS))
def test_a_kind_is_named_by_its_schema_and_exports_json_schema(name):
    kind = KINDS[name]
    assert kind.model.model_fields["kind"].default == name
    schema = kind.model.model_json_schema()
    assert schema["properties"]["kind"]["default"] == name


@pytest.mark.parametrize("name", list(KINDS))
def test_every_document_has_its_template_and_a_distinct_file_name(name):
    documents = KINDS[name].documents
    assert all((resources.templates() / d.template).is_file() for d in documents)
    assert len({d.key for d in documents}) == len(documents)


@pytest.mark.parametrize("name", list(KINDS))
def test_links_point_to_known_kinds_and_fields(name):
    kind = KINDS[name]
    for field_name, target in kind.links.items():
        assert field_name in kind.model.model_fields
        assert target in KINDS


def test_every_kind_has_a_sample():
    assert {validate_file(path).kind.name for path in SAMPLE_INPUTS} == set(KINDS)
