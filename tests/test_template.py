"""Template preparation and the render stage: escaping, strictness, sandbox, reuse."""

from __future__ import annotations

import pytest

from pipeline.core.errors import TemplateError
from pipeline.nd30.frame import Layout
from pipeline.nd30.spec import DOCUMENT_TYPES
from pipeline.stages.render import render
from pipeline.stages.template import make_environment, prepare_template

from tests.template_builder import write_template

KH = Layout(DOCUMENT_TYPES["KH"])
FRAME = {
    "parent_lines": ["UBND TỈNH THÁI NGUYÊN"],
    "issuer_lines": ["SỞ NỘI VỤ"],
    "issuer_rule_indent": 1000,
    "number_line": "Số: 01/KH-SNV",
    "national_title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "date_line": "Thái Nguyên, ngày 05 tháng 01 năm 2017",
    "date_line_half_points": 28,
    "type_name": "KẾ HOẠCH",
    "subject": "Thử",
    "subject_lines": ["Thử"],
    "subject_rule_indent": 3000,
    "legal_bases": [],
    "proposal": "",
    "addressees": [],
    "authority_lines": ["GIÁM ĐỐC"],
    "signer_name": "Nguyễn Văn A",
    "recipients": ["- Lưu: VT, VP."],
}


def _prepare(tmp_path, *paragraphs):
    return prepare_template(write_template(tmp_path / "t.docx", *paragraphs), KH, make_environment())


def test_values_with_xml_characters_render_intact(tmp_path):
    template = _prepare(tmp_path, "Đơn vị: {{ name }} (chi tiết kèm theo).")
    xml = render(template, {"frame": FRAME, "name": 'Phòng Tài chính & Kế hoạch <Ban "A"> 5 > 3'}).decode()
    assert "Phòng Tài chính &amp; Kế hoạch &lt;Ban &#34;A&#34;&gt; 5 &gt; 3 (chi tiết kèm theo)." in xml


def test_missing_value_names_template_and_variable(tmp_path):
    template = _prepare(tmp_path, "Chủ đề: {{ plan.theme }}")
    with pytest.raises(TemplateError) as caught:
        render(template, {"frame": FRAME, "plan": {}})
    [finding] = caught.value.findings
    assert finding.code == "template.undefined"
    assert finding.file == "t.docx"
    assert (
        finding.message
        == "Mẫu dùng biến «theme» nhưng dữ liệu không có giá trị này (ở đoạn «Chủ đề: {{ plan.theme }}»)."
    )


def test_sandbox_refuses_python_internals(tmp_path):
    template = _prepare(tmp_path, "{{ name.__class__.__mro__ }}")
    with pytest.raises(TemplateError) as caught:
        render(template, {"frame": FRAME, "name": "x"})
    assert caught.value.findings[0].code in {"template.render", "template.undefined"}


def test_syntax_error_is_a_template_error_with_its_paragraph(tmp_path):
    with pytest.raises(TemplateError) as caught:
        _prepare(tmp_path, "Mở đầu", "{% for x in %}")
    [finding] = caught.value.findings
    assert finding.code == "template.syntax"
    assert "«{% for x in %}»" in finding.message


def test_not_a_docx(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(TemplateError) as caught:
        prepare_template(path, KH, make_environment())
    assert caught.value.findings[0].code == "template.not_docx"


def test_prepared_template_renders_many_documents(tmp_path):
    template = _prepare(tmp_path, "{{ name }}")
    first = render(template, {"frame": FRAME, "name": "Một"})
    second = render(template, {"frame": FRAME, "name": "Hai"})
    assert b"M\xe1\xbb\x99t" in first and b"Hai" in second and b"Hai" not in first


def test_paragraph_loops_use_docxtpl_syntax(tmp_path):
    template = _prepare(tmp_path, "{%p for x in items %}", "{{ x }}", "{%p endfor %}")
    xml = render(template, {"frame": FRAME, "items": ["- a;", "- b."]}).decode()
    assert xml.count(">- a;<") == 1 and xml.count(">- b.<") == 1
    assert "{%" not in xml
