"""The frame's variants, rendered for real and read back: a Biên bản signed side by side with a
landscape appendix, a Quyết định with its enacting lines, and what the NĐ 30 check makes of them."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from pipeline.law.enrich.common import (
    SignatureBlock,
    appendix_context,
    attached_reference,
    core_properties,
    countersignature_context,
    enacting_context,
    header_context,
    signature_context,
)
from pipeline.core.errors import TemplateError
from pipeline.stages.finalize import finalize
from pipeline.nd30 import spec
from pipeline.nd30.check import check_docx
from pipeline.nd30.frame import Layout
from pipeline.stages.render import render
from pipeline.stages.template import make_environment, prepare_template
from schemas.common import DocumentInfo, Issuer, Recipients, Signer

from tests.docx_facts import facts
from tests.template_builder import write_template

BLOC = Issuer(
    parent_body="UBND tỉnh Thái Nguyên",
    name=["Khối thi đua các cơ quan", "Văn hóa - Xã hội"],
    abbreviation="KTĐVHXH",
    place="Thái Nguyên",
)
MINUTES = DocumentInfo(number=3, date=datetime.date(2016, 12, 20), subject="Họp bình xét, suy tôn thi đua năm 2016")
PROVINCE = Issuer(name="Ủy ban nhân dân tỉnh Thái Nguyên", abbreviation="UBND", place="Thái Nguyên")
DECISION = DocumentInfo(date=datetime.date(2017, 1, 16), subject="Về việc tặng Cờ thi đua và Bằng khen năm 2016")
BB, QD = spec.DOCUMENT_TYPES["BB"], spec.DOCUMENT_TYPES["QĐ"]


def _produce(tmp_path, layout, frame, *paragraphs, issuer=BLOC, document=MINUTES) -> bytes:
    path = write_template(tmp_path / "t.docx", *paragraphs)
    template = prepare_template(path, layout, make_environment())
    rows = [f"Đơn vị {n}" for n in range(1, 41)]
    return finalize(template, render(template, {"frame": frame, "x": {"rows": rows}}), core_properties(issuer, document))


def _minutes_frame(**extra):
    return {
        **header_context(BB, BLOC, MINUTES),
        **countersignature_context(
            [SignatureBlock(["Thư ký"], "Trần Thị Lan"), SignatureBlock(["Chủ tọa"], "Nguyễn Văn Minh")],
            Recipients(others=["Các đơn vị thành viên Khối"], archive="Hồ sơ"),
        ),
        **extra,
    }


@pytest.fixture
def minutes(tmp_path) -> bytes:
    appendix = appendix_context(["Kết quả bỏ phiếu"], attached_reference(BB, BLOC, MINUTES, "Khối thi đua"))
    return _produce(
        tmp_path, Layout(BB, "countersigned"), _minutes_frame(**appendix),
        "Cuộc họp kết thúc vào 11 giờ 00 cùng ngày./.", "{# phụ lục ngang #}",
        "{%p for r in x.rows %}", "{{ r }}", "{%p endfor %}",
    )


def test_minutes_have_no_date_line_and_two_signatures_side_by_side(minutes):
    blocks = facts(minutes)["blocks"]
    header = blocks[0]["table"][0]
    assert not any("ngày" in line for cell in header for line in cell)
    signature = next(b for b in blocks if isinstance(b, dict) and b["table"][0][0][0] == "THƯ KÝ")
    titles, names = signature["table"]
    # Titles in one row, names in the next: the two names stand level.
    assert (titles[0], titles[1]) == (["THƯ KÝ"], ["CHỦ TỌA"])
    assert (names[0][-1], names[1][-1]) == ("Trần Thị Lan", "Nguyễn Văn Minh")
    assert signature["rows_that_may_split"] == 0
    after = blocks[blocks.index(signature) + 1:]
    assert after[:3] == ["[HosoFrame] Nơi nhận:", "[HosoFrame] - Các đơn vị thành viên Khối;", "[HosoFrame] - Lưu: VT, Hồ sơ."]


def test_appendix_is_a_landscape_section_numbered_from_one(minutes):
    document = docx.Document(io.BytesIO(minutes))
    main, appendix = document.sections
    assert (main.orientation, appendix.orientation) == (WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE)
    assert appendix.page_width > appendix.page_height
    assert appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert main._sectPr.find(qn("w:pgNumType")) is None
    texts = [p.text for p in document.paragraphs if p.text]
    start = texts.index("Phụ lục")
    assert texts[start:start + 4] == [
        "Phụ lục",
        "KẾT QUẢ BỎ PHIẾU",
        "(Kèm theo Biên bản số 03/BB-KTĐVHXH\nngày 20 tháng 12 năm 2016 của Khối thi đua)",
        "Đơn vị 1",
    ]


def test_minutes_with_appendix_pass_the_check(minutes):
    assert [f.format() for f in check_docx(minutes)] == []


def test_check_finds_an_appendix_label_that_is_not_bold(minutes):
    document = docx.Document(io.BytesIO(minutes))
    label = next(p for p in document.paragraphs if p.text == "Phụ lục")
    for run in label.runs:
        run.bold = False
    buffer = io.BytesIO()
    document.save(buffer)
    assert [(f.code, f.message) for f in check_docx(buffer.getvalue())] == [
        ("ND30-APPENDIX-STYLE", "Chữ “Phụ lục”: chưa in đậm."),
    ]


def test_decision_names_the_authority_and_enacts(tmp_path):
    frame = {
        **header_context(
            QD, PROVINCE, DECISION, ["Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"],
            proposal="Trưởng ban Ban Thi đua - Khen thưởng tỉnh",
        ),
        **enacting_context(["Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên"]),
        **signature_context(
            Signer(authorities=[{"authority": "KT.", "of": "Chủ tịch"}], position="Phó Chủ tịch", name="Đoàn Văn Tuấn"),
            Recipients(others=["Như Điều 3"], archive="VP"),
        ),
    }
    data = _produce(tmp_path, Layout(QD), frame, "Điều 1. Tặng Cờ thi đua./.", issuer=PROVINCE, document=DECISION)
    texts = [b for b in facts(data)["blocks"] if isinstance(b, str)]
    start = texts.index("[HosoFrame] QUYẾT ĐỊNH")
    assert texts[start:start + 7] == [
        "[HosoFrame] QUYẾT ĐỊNH",
        "[HosoFrame] Về việc tặng Cờ thi đua và Bằng khen năm 2016",
        "[HosoFrame] CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Theo đề nghị của Trưởng ban Ban Thi đua - Khen thưởng tỉnh.",
        "[HosoFrame] QUYẾT ĐỊNH:",
        "Điều 1. Tặng Cờ thi đua./.",
    ]
    assert [f.format() for f in check_docx(data)] == []


def test_a_draft_is_attached_with_the_blank_of_its_number():
    assert attached_reference(QD, PROVINCE, DECISION, "Chủ tịch UBND tỉnh") == (
        "(Kèm theo Quyết định số       /QĐ-UBND ngày 16 tháng 01 năm 2017 của Chủ tịch UBND tỉnh)"
    )


def test_a_template_with_two_appendix_markers_is_refused(tmp_path):
    path = write_template(tmp_path / "t.docx", "a", "{# phụ lục #}", "b", "{# phụ lục ngang #}")
    with pytest.raises(TemplateError) as caught:
        prepare_template(path, Layout(BB, "countersigned"), make_environment())
    assert [(f.code, f.message) for f in caught.value.findings] == [
        ("template.appendix_markers", "Mẫu có nhiều hơn một dòng đánh dấu phụ lục «{# phụ lục #}»; chỉ được có một."),
    ]


def test_countersigned_tail_takes_two_or_three_signatures():
    with pytest.raises(ValueError):
        countersignature_context([SignatureBlock(["Thư ký"], "A")])
