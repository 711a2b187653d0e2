"""The Python API (:mod:`pipeline.api`): data given in memory, typed results, one error family."""

from __future__ import annotations

import copy
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import yaml

import pipeline
from pipeline import api
from pipeline.law.kind_names import KIND_NAMES

from tests.samples import SAMPLES

PLAN = SAMPLES / "plan" / "ke-hoach-2016.yaml"
BLOC = SAMPLES / "bloc-2016"


def _data(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan() -> dict:
    return _data(PLAN)


def test_a_mapping_validates_like_its_file(plan):
    from_file = api.validate(PLAN)
    from_data = api.validate(plan)
    assert from_data.kind.name == "plan"
    assert from_data.model == from_file.model
    assert from_data.warnings == from_file.warnings == []


def test_every_error_of_a_mapping_at_once_located_by_data_path(plan):
    form = copy.deepcopy(plan)
    form["targets"][2]["value"] = "hai mươi"
    form["slogn"] = form.pop("slogan")
    with pytest.raises(api.InputError) as caught:
        api.validate(form)
    found = {(f.file, f.path, f.line, f.code) for f in caught.value.findings}
    assert found == {
        ("<dữ liệu>", "plan.targets[2].value", None, "schema.type"),
        ("<dữ liệu>", "plan.slogan", None, "schema.missing"),
        ("<dữ liệu>", "plan.slogn", None, "schema.unknown_field"),
    }
    with pytest.raises(api.InputError) as named:
        api.validate(form, name="don-vi-a")
    assert {f.file for f in named.value.findings} == {"don-vi-a"}


def test_a_mapping_is_cleaned_like_a_file(plan):
    form = copy.deepcopy(plan)
    decomposed = unicodedata.normalize("NFD", "Thi đua yêu nước")
    form["slogan"] = f"{decomposed}\u00a0năm 2016"
    validated = api.validate(form)
    assert validated.model.slogan == unicodedata.normalize("NFC", "Thi đua yêu nước năm 2016")
    [cleaned] = validated.warnings
    assert (cleaned.code, cleaned.path, cleaned.file) == ("load.cleaned_char", "plan.slogan", "<dữ liệu>")


def test_a_mapping_without_kind_needs_one(plan):
    form = {k: v for k, v in plan.items() if k != "kind"}
    with pytest.raises(api.InputError) as caught:
        api.validate(form)
    assert [f.code for f in caught.value.findings] == ["input.kind_missing"]
    assert api.validate(form, kind="plan").kind.name == "plan"


def test_links_of_a_mapping_start_at_base(monkeypatch, tmp_path):
    nomination = _data(BLOC / "to-trinh.yaml")
    validated = api.validate(nomination, base=BLOC)
    assert validated.linked["vote"].kind.name == "vote"
    monkeypatch.chdir(tmp_path)
    with pytest.raises(api.InputError) as caught:
        api.validate(nomination)
    assert any(f.path == "nomination.vote" and f.file == "<dữ liệu>" for f in caught.value.findings)


def test_rendering_in_memory_gives_the_bytes_written(tmp_path, plan):
    documents = api.render_documents(BLOC / "bien-ban-hop.yaml")
    written = api.render(BLOC / "bien-ban-hop.yaml", tmp_path / "out")
    assert [d.name for d in documents] == [p.name for p in written.paths] == [
        "bien-ban-hop.docx", "bien-ban-hop-kiem-phieu.docx",
    ]
    assert [d.data for d in documents] == [p.read_bytes() for p in written.paths]
    from_data = api.render_documents(plan, name="ke-hoach-2016.yaml")
    assert [(d.name, d.data) for d in from_data] == [
        (p.name, p.read_bytes()) for p in api.render(PLAN, tmp_path / "plan").paths
    ]


def test_rendering_a_validated_input_does_not_validate_again(plan):
    validated = api.validate(plan, draft=True)
    [document] = api.render_documents(validated)
    assert (document.name, document.title) == ("plan.docx", "Kế hoạch")
    assert api.check(document.data, name=document.name) == []


def test_errors_are_one_family_carrying_findings(tmp_path):
    for error in (api.InputError, api.TemplateError, api.ToolError, api.ConversionError):
        assert issubclass(error, api.HosoError)
    with pytest.raises(api.HosoError) as caught:
        api.schema("khong-co")
    assert [f.code for f in caught.value.findings] == ["input.unknown_kind"]
    with pytest.raises(api.InputError) as caught:
        api.render(tmp_path / "khong-co.yaml", tmp_path / "out")
    assert [f.code for f in caught.value.findings] == ["load.not_found"]
    assert not (tmp_path / "out").exists()


def test_pack_reports_progress(tmp_path):
    steps: list[api.PackProgress] = []
    report = api.pack(BLOC, tmp_path / "goi", jobs=2, on_progress=steps.append)
    total = len(report.plan.groups)
    assert report.exit_code == 0
    assert steps[0] == api.PackProgress(0, total)
    assert [s.done for s in steps] == list(range(total + 1))
    assert {s.group for s in steps[1:]} == {g.name for g in report.plan.groups}
    assert all(s.ok and s.total == total for s in steps)


def test_kinds_schema_rules_and_the_lazy_package():
    kinds = api.kinds()
    assert tuple(kinds) == KIND_NAMES
    assert kinds["vote"].documents == ("Biên bản họp bình xét, suy tôn", "Biên bản kiểm phiếu")
    assert kinds["bloc"].documents == ()
    assert "properties" in kinds["plan"].schema()
    assert api.nd30_rules() and all(code.startswith("ND30-") for code in api.nd30_rules())
    assert api.rule_book().on(date(2016, 6, 1)).national is not None
    assert pipeline.validate is api.validate
    assert set(api.__all__) <= set(dir(api))
