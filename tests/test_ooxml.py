"""Output Word opens without complaint: every document hoso produces, and every template it ships,
validates against the ECMA-376 transitional schemas (tests/ooxml.py). The golden documents are
validated in test_golden.py; here the pack with its Phiếu gửi, the dossier and the drafts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from pipeline.commands.dossier import build_dossier
from pipeline.commands.pack import plan_pack, run_pack
from pipeline.core.resources import templates
from pipeline.nd30.frame import settings_xml
from pipeline.orchestrator import render_file
from pipeline.stages.draft import Mode

from tests.ooxml import problems
from tests.samples import SAMPLE_INPUTS, SAMPLES, sample_id
from tests.template_builder import template_bytes

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def _with_part(docx: bytes, name: str, data: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, data.encode() if info.filename == name else source.read(info))
    return out.getvalue()


def _document(body: str, *namespaces: str) -> str:
    declared = " ".join((W, *namespaces))
    return f'<?xml version="1.0"?><w:document {declared}><w:body>{body}</w:body></w:document>'


def test_a_frame_document_is_valid_and_settings_out_of_the_schema_order_are_not():
    document = template_bytes("Một đoạn.")
    assert problems(document) == []
    swapped = settings_xml().replace("<w:compat>", "<w:themeFontLang w:val=\"vi-VN\"/><w:compat>", 1)
    swapped = swapped.replace("</w:compat><w:themeFontLang w:val=\"vi-VN\"/>", "</w:compat>", 1)
    found = problems(_with_part(document, "word/settings.xml", swapped))
    assert len(found) == 1 and found[0].startswith("word/settings.xml:1: Element '{") and "compat" in found[0]


def test_markup_compatibility_is_processed_before_validating():
    w14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
    wps = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    paragraph = (
        '<w:p w14:paraId="1A2B3C4D"><w:r><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><wps:wsp/></mc:Choice>'
        '<mc:Fallback><w:t>chữ</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>'
    )
    strict = _document(paragraph, MC, w14, wps)
    ignorable = strict.replace("<w:document ", '<w:document mc:Ignorable="w14" ', 1)
    assert problems(_with_part(template_bytes("x"), "word/document.xml", ignorable)) == []
    # Without mc:Ignorable, w14's attribute is an error; a Fallback that is not valid is one too.
    assert "paraId" in " ".join(problems(_with_part(template_bytes("x"), "word/document.xml", strict)))
    bad_fallback = ignorable.replace("<w:t>chữ</w:t>", "<w:p/>")
    assert problems(_with_part(template_bytes("x"), "word/document.xml", bad_fallback))


@pytest.mark.parametrize("template", sorted(templates().glob("*.docx")), ids=lambda p: p.stem)
def test_every_shipped_template_is_valid(template: Path):
    assert problems(template) == []


def test_every_document_of_a_pack_and_its_phieu_gui_are_valid(tmp_path: Path):
    report = run_pack(plan_pack(SAMPLES / "bloc-2016" / "khoi.yaml"), tmp_path, jobs=1)
    written = sorted(tmp_path.rglob("*.docx"))
    assert report.index is not None and tmp_path / "00-phieu-gui.docx" in written
    assert {p.relative_to(tmp_path).as_posix(): problems(p) for p in written} == {
        p.relative_to(tmp_path).as_posix(): [] for p in written
    }


def test_every_document_of_a_dossier_is_valid(tmp_path: Path):
    result = build_dossier(SAMPLES / "bloc-2016" / "ho-so-co-thi-dua-chinh-phu.yaml", tmp_path)
    documents = [p for p in result.files if p.suffix == ".docx"]
    assert tmp_path / "00-phieu-gui.docx" in documents
    assert {p.name: problems(p) for p in documents} == {p.name: [] for p in documents}


@pytest.mark.parametrize("source", SAMPLE_INPUTS, ids=sample_id)
def test_every_sample_as_a_draft_is_valid(source: Path, tmp_path: Path):
    paths = render_file(None, source, tmp_path, mode=Mode.DRAFT).paths
    assert {p.name: problems(p) for p in paths} == {p.name: [] for p in paths}
