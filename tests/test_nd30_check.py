"""The NĐ 30 check: a conforming Kế hoạch passes clean, and each clerk's mistake is named by its code."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Mm, Pt, RGBColor

from pipeline.core.errors import Severity
from pipeline.nd30 import spec
from pipeline.nd30.check import RULES, check_docx

from tests.nd30_fixtures import (
    add_data_table,
    body_paragraphs,
    bold_through_styles,
    conforming_docx,
    draw_rule_instead_of_border,
    move_page_number_to_footer,
    next_paragraph,
    paragraph,
    paragraphs,
    plain_paragraphs_docx,
    remove_border_after,
    set_page_number_size,
    set_theme_font,
    use_complex_page_field,
)


def codes(findings) -> set[str]:
    return {finding.code for finding in findings}


def test_conforming_document_has_no_findings():
    assert check_docx(conforming_docx(), name="ke-hoach.docx") == []


def test_a_path_is_read_and_named(tmp_path):
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(conforming_docx(date="Thái Nguyên, ngày 5 tháng 01 năm 2017"))
    [finding] = check_docx(path)
    assert finding.file == str(path)


def test_biên_bản_needs_no_date_line():
    assert check_docx(conforming_docx(title="BIÊN BẢN", date=None)) == []


def test_a_plan_without_date_line_is_reported():
    assert codes(check_docx(conforming_docx(date=None))) == {"ND30-DATE-MISSING"}


def test_draft_with_blank_number_and_date_passes():
    draft = conforming_docx(number="Số:      /KH-UBND", date="Thái Nguyên, ngày … tháng … năm 20…")
    assert check_docx(draft) == []


def test_parent_body_above_a_bold_issuer_passes():
    assert check_docx(conforming_docx(parent=["UBND TỈNH THÁI NGUYÊN"], issuer=["SỞ NỘI VỤ"])) == []


def test_a_document_without_tables_is_read_from_its_paragraphs():
    assert check_docx(plain_paragraphs_docx()) == []


def test_a_document_without_tables_reports_its_mistakes():
    def mistakes(document: Document) -> None:
        paragraph(document, "CỘNG HÒA").runs[0].font.size = Pt(14)
        remove_border_after(document, "SỞ NỘI VỤ")
        paragraph(document, "GIÁM ĐỐC").runs[0].bold = False
        paragraph(document, "Trần Văn B").runs[0].font.size = Pt(12)

    findings = check_docx(plain_paragraphs_docx(mistakes))
    assert [(f.code, f.path) for f in findings] == [
        ("ND30-NATIONAL-TITLE-STYLE", "đoạn 1, dòng 1"),
        ("ND30-ISSUER-RULE", "đoạn 4"),
        ("ND30-AUTHORITY-STYLE", "đoạn 13"),
        ("ND30-SIGNER-STYLE", "đoạn 14"),
    ]


def test_page_number_as_complex_field_passes():
    assert check_docx(conforming_docx(use_complex_page_field)) == []


def test_drawn_lines_count_as_rules():
    def drawn(document: Document) -> None:
        draw_rule_instead_of_border(document, "Độc lập")
        draw_rule_instead_of_border(document, "TỈNH THÁI NGUYÊN", length_pt=50)

    assert check_docx(conforming_docx(drawn)) == []


def test_a_drawn_line_under_the_issuer_is_measured():
    def too_long(document: Document) -> None:
        draw_rule_instead_of_border(document, "TỈNH THÁI NGUYÊN", length_pt=190)

    [finding] = check_docx(conforming_docx(too_long))
    assert finding.code == "ND30-ISSUER-RULE-LENGTH" and finding.message.startswith(
        "Đường kẻ dưới tên cơ quan ban hành dài 67 mm"
    )


def test_bold_inherited_through_a_style_chain_passes():
    assert check_docx(conforming_docx(lambda d: bold_through_styles(d, "TỈNH THÁI NGUYÊN"))) == []


def test_theme_font_that_resolves_to_times_new_roman_passes():
    def theme_is_times(document: Document) -> None:
        set_theme_font(body_paragraphs(document)[0])
        theme = next(p for p in document.part.package.parts if "theme" in str(p.partname))
        theme._blob = theme.blob.replace(b'typeface="Cambria"', b'typeface="Times New Roman"')

    assert check_docx(conforming_docx(theme_is_times)) == []


def _runs(paragraphs_of: Callable[[Document], list], **formatting) -> Callable[[Document], None]:
    """A mutation setting run attributes (bold, italic) or the font size on some paragraphs."""

    def mutate(document: Document) -> None:
        for found in paragraphs_of(document):
            for run in found.runs:
                for name, value in formatting.items():
                    if name == "size":
                        run.font.size = Pt(value)
                    else:
                        setattr(run, name, value)

    return mutate


def _layout(paragraphs_of: Callable[[Document], list], **formatting) -> Callable[[Document], None]:
    """A mutation setting paragraph_format attributes on some paragraphs."""

    def mutate(document: Document) -> None:
        for found in paragraphs_of(document):
            for name, value in formatting.items():
                setattr(found.paragraph_format, name, value)

    return mutate


def _section(**values) -> Callable[[Document], None]:
    def mutate(document: Document) -> None:
        for name, value in values.items():
            setattr(document.sections[0], name, value)

    return mutate


def _first(start: str) -> Callable[[Document], list]:
    return lambda document: [paragraph(document, start)]


def _calibri_run(document: Document) -> None:
    body_paragraphs(document)[1].runs[0].font.name = "Calibri"


def _calibri_normal(document: Document) -> None:
    document.styles["Normal"].font.name = "Calibri"


def _blue(document: Document) -> None:
    body_paragraphs(document)[0].runs[0].font.color.rgb = RGBColor(0x00, 0x00, 0xFF)


def _both(*mutations: Callable[[Document], None]) -> Callable[[Document], None]:
    def mutate(document: Document) -> None:
        for mutation in mutations:
            mutation(document)

    return mutate


def _after(start: str) -> Callable[[Document], list]:
    return lambda document: [next_paragraph(document, start)]


def _page_number_11_pt_left(document: Document) -> None:
    header = document.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.LEFT
    set_page_number_size(document, 11)


_BASIS_WITH_DASH = [
    f"- {line}"
    for line in (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư.",
    )
]

VARIANTS = {
    # name: (texts, mutation, the exact set of codes expected)
    "wrong margins": ({}, _section(left_margin=Mm(25), top_margin=Inches(1)), {"ND30-MARGIN"}),
    "Letter paper": ({}, _section(page_width=Inches(8.5), page_height=Inches(11)), {"ND30-PAGE-SIZE"}),
    "Calibri in a run": ({}, _calibri_run, {"ND30-FONT"}),
    "Calibri via the Normal style": ({}, _calibri_normal, {"ND30-FONT"}),
    "theme font": ({}, lambda d: set_theme_font(body_paragraphs(d)[2]), {"ND30-FONT"}),
    "blue text": ({}, _blue, {"ND30-COLOR"}),
    "day and month without zero": (
        {"date": "Thái Nguyên, ngày 5 tháng 1 năm 2017"},
        None,
        {"ND30-DATE-ZERO"},
    ),
    "month 3 with zero": ({"date": "Thái Nguyên, ngày 15 tháng 03 năm 2017"}, None, {"ND30-DATE-ZERO"}),
    "date not a date": ({"date": "Thái Nguyên, ngày 30 tháng 02 năm 2017"}, None, {"ND30-DATE-FORMAT"}),
    "bold date line": ({}, _runs(_first("Thái Nguyên, ngày"), bold=True), {"ND30-DATE-STYLE"}),
    "number without zero": ({"number": "Số: 5/KH-UBND"}, None, {"ND30-NUMBER-ZERO"}),
    "number with spaces": ({"number": "Số: 12 / KH - UBND"}, None, {"ND30-NUMBER-FORMAT"}),
    "number in 14 pt": ({}, _runs(_first("Số:"), size=14), {"ND30-NUMBER-STYLE"}),
    "national title HOÀ": (
        {"national_title": "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
        None,
        {"ND30-NATIONAL-TITLE-SPELLING"},
    ),
    "national title missing": ({"national_title": None}, None, {"ND30-NATIONAL-TITLE"}),
    "national title not bold": ({}, _runs(_first("CỘNG HÒA"), bold=False), {"ND30-NATIONAL-TITLE-STYLE"}),
    "motto with en dash": ({"motto": "Độc lập – Tự do – Hạnh phúc"}, None, {"ND30-MOTTO"}),
    "motto rule missing": ({}, lambda d: remove_border_after(d, "Độc lập"), {"ND30-MOTTO-RULE"}),
    "issuer not bold": (
        {},
        _runs(lambda d: [paragraph(d, t) for t in ("ỦY BAN", "TỈNH")], bold=False),
        {"ND30-ISSUER-STYLE"},
    ),
    "issuer rule missing": ({}, lambda d: remove_border_after(d, "TỈNH THÁI NGUYÊN"), {"ND30-ISSUER-RULE"}),
    "issuer rule full width": (
        {},
        _layout(_after("TỈNH THÁI NGUYÊN"), left_indent=Mm(0), right_indent=Mm(0)),
        {"ND30-ISSUER-RULE-LENGTH"},
    ),
    "parent body in 14 pt": (
        {"parent": ["UBND TỈNH THÁI NGUYÊN"], "issuer": ["SỞ NỘI VỤ"]},
        _runs(_first("UBND TỈNH"), size=14),
        {"ND30-PARENT-STYLE"},
    ),
    "title not centred": (
        {},
        _layout(_first("KẾ HOẠCH"), alignment=WD_ALIGN_PARAGRAPH.LEFT),
        {"ND30-TITLE-STYLE"},
    ),
    "subject not bold": ({}, _runs(_first("Triển khai"), bold=False), {"ND30-SUBJECT-STYLE"}),
    "subject rule missing": ({}, lambda d: remove_border_after(d, "Triển khai"), {"ND30-SUBJECT-RULE"}),
    "page number on page 1": (
        {},
        _section(different_first_page_header_footer=False),
        {"ND30-PAGE-NUMBER-FIRST"},
    ),
    "complex page field on page 1": (
        {},
        _both(use_complex_page_field, _section(different_first_page_header_footer=False)),
        {"ND30-PAGE-NUMBER-FIRST"},
    ),
    "page number in footer": (
        {},
        move_page_number_to_footer,
        {"ND30-PAGE-NUMBER-POSITION"},  # one page: no number is missing (tests/test_check_false_alarms.py)
    ),
    "page number in 11 pt, left": ({}, _page_number_11_pt_left, {"ND30-PAGE-NUMBER-STYLE"}),
    "Nơi nhận missing": ({"recipients": None}, None, {"ND30-RECIPIENTS-MISSING"}),
    "Nơi nhận in 11 pt": ({}, _runs(_first("Nơi nhận"), size=11), {"ND30-RECIPIENTS-LABEL-STYLE"}),
    "recipients in 12 pt": ({}, _runs(_first("- Sở Nội vụ"), size=12), {"ND30-RECIPIENTS-ITEM-STYLE"}),
    "recipient without dash": (
        {"recipients": ["Sở Nội vụ;", "- Lưu: VT, VP."]},
        None,
        {"ND30-RECIPIENTS-ITEM-DASH"},
    ),
    "recipients without Lưu": (
        {"recipients": ["- Sở Nội vụ;", "- Văn phòng UBND tỉnh."]},
        None,
        {"ND30-RECIPIENTS-ARCHIVE"},
    ),
    "last recipient ends with ;": (
        {"recipients": ["- Sở Nội vụ;", "- Lưu: VT, VP;"]},
        None,
        {"ND30-RECIPIENTS-PUNCT"},
    ),
    "K/T CHỦ TỊCH": ({"authority": ["K/T CHỦ TỊCH", "PHÓ CHỦ TỊCH"]}, None, {"ND30-AUTHORITY-FORMAT"}),
    "TM without dot": ({"authority": ["TM ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]}, None, {"ND30-AUTHORITY-FORMAT"}),
    "position not bold": ({}, _runs(_first("CHỦ TỊCH"), bold=False), {"ND30-AUTHORITY-STYLE"}),
    "signer in 12 pt": ({}, _runs(_first("Nguyễn Văn A"), size=12), {"ND30-SIGNER-STYLE"}),
    "body not justified": (
        {},
        _layout(body_paragraphs, alignment=WD_ALIGN_PARAGRAPH.LEFT),
        {"ND30-BODY-ALIGN"},
    ),
    "body in 12 pt": ({}, _runs(body_paragraphs, size=12), {"ND30-BODY-SIZE"}),
    "body without first-line indent": (
        {},
        _layout(body_paragraphs, first_line_indent=Mm(0)),
        {"ND30-BODY-INDENT"},
    ),
    "body without paragraph spacing": (
        {},
        _layout(body_paragraphs, space_before=Pt(0)),
        {"ND30-BODY-SPACING"},
    ),
    "line spacing 2.0": ({}, _layout(body_paragraphs, line_spacing=2.0), {"ND30-LINE-SPACING"}),
    "exact line spacing 30 pt": ({}, _layout(body_paragraphs, line_spacing=Pt(30)), {"ND30-LINE-SPACING"}),
    "căn cứ upright and dashed": (
        {"basis": _BASIS_WITH_DASH},
        _runs(lambda d: [p for p in paragraphs(d) if p.text.startswith("- Căn cứ")], italic=False),
        {"ND30-BASIS-STYLE", "ND30-BASIS-DASH"},
    ),
    "căn cứ ending with .": (
        {"basis": ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022.", _BASIS_WITH_DASH[1][2:]]},
        None,
        {"ND30-BASIS-PUNCT"},
    ),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_broken_variant_is_named_by_its_code(variant):
    texts, mutation, expected = VARIANTS[variant]
    findings = check_docx(conforming_docx(mutation, **texts), name="ke-hoach.docx")
    assert codes(findings) == expected, [f.format() for f in findings]
    assert codes(findings) <= set(RULES)


def test_old_tone_placement_is_only_a_warning():
    findings = check_docx(conforming_docx(national_title="CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert not any(f.is_error for f in findings)


def test_one_bad_style_gives_one_finding_per_part():
    findings = check_docx(conforming_docx(_calibri_normal))
    assert [f.path for f in findings] == ["bảng 1, ô (1,1), đoạn 1", "đầu trang (header), đoạn 1"]
    assert (
        findings[0].message
        == "Phông chữ “Calibri” thay vì Times New Roman: “ỦY BAN NHÂN DÂN” và 18 đoạn khác."
    )


def test_messages_are_vietnamese_and_quote_the_text():
    [date] = check_docx(conforming_docx(date="Thái Nguyên, ngày 5 tháng 1 năm 2017"), name="ke-hoach.docx")
    assert date.message == (
        "Ngày tháng “Thái Nguyên, ngày 5 tháng 1 năm 2017”: ngày 5 phải viết “05”; tháng 1 phải viết “01”."
    )
    assert (date.file, date.path, date.reference) == (
        "ke-hoach.docx",
        "bảng 1, ô (1,2), đoạn 4",
        spec.DATE_LINE_SOURCE,
    )

    [size] = check_docx(conforming_docx(_runs(body_paragraphs, size=12)))
    assert size.message == (
        "Nội dung cỡ chữ 12 pt, quy định 13–14 pt: “Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai…” "
        "và 2 đoạn khác."
    )
    assert size.path == "đoạn 6"


def test_margin_message_gives_measured_and_allowed_values():
    [margin] = check_docx(conforming_docx(_section(left_margin=Mm(25))))
    assert margin.message == "Lề trái 25 mm, quy định 30–35 mm."
    assert (margin.path, margin.reference) == ("thiết lập trang", spec.MARGIN_LEFT.source)


def test_landscape_a4_is_allowed():
    landscape = _section(
        page_width=Mm(297),
        page_height=Mm(210),
        top_margin=Mm(30),
        right_margin=Mm(20),
        bottom_margin=Mm(15),
        left_margin=Mm(20),
    )
    assert check_docx(conforming_docx(landscape)) == []


def _zip_without_word_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ghi-chu.txt", "không phải văn bản Word")
    return buffer.getvalue()


@pytest.mark.parametrize("source", [b"this is not a docx", _zip_without_word_parts()], ids=["text", "zip"])
def test_unreadable_input_gives_one_finding(source):
    [finding] = check_docx(source, name="ghi-chu.docx")
    assert (finding.code, finding.file, finding.severity) == (
        "ND30-UNREADABLE",
        "ghi-chu.docx",
        Severity.ERROR,
    )
    assert finding.message.startswith("Không đọc được tệp như một văn bản Word (.docx)")


def test_a_missing_file_is_unreadable(tmp_path):
    missing = tmp_path / "khong-co.docx"
    assert [(f.code, f.file) for f in check_docx(missing)] == [("ND30-UNREADABLE", str(missing))]


def test_rules_are_documented():
    assert all(re.fullmatch(r"ND30-[A-Z0-9-]+", code) for code in RULES)
    assert all(description and description.endswith(".") for description in RULES.values())


def test_a_500_row_table_in_the_body_changes_nothing():
    # Speed is not asserted: the project keeps no timed tests (DEVELOPERS.md).
    assert check_docx(conforming_docx(lambda d: add_data_table(d, 500))) == []


def test_an_achievement_report_form_needs_no_recipients():
    data = conforming_docx(title="BÁO CÁO", subject="Thành tích đề nghị tặng Cờ thi đua của Chính phủ năm 2016",
                           recipients=None)
    assert check_docx(data) == []


def test_another_report_without_recipients_is_still_reported():
    data = conforming_docx(title="BÁO CÁO", subject="Tổng kết công tác thi đua năm 2016", recipients=None)
    assert {f.code for f in check_docx(data)} == {"ND30-RECIPIENTS-MISSING"}


def test_side_by_side_signatures_are_checked_like_a_signer():
    data = conforming_docx(authority=["THƯ KÝ"], signer="Trần Thị Lan")
    assert check_docx(data) == []
    plain = conforming_docx(mutate=_runs(_first("Trần Thị Lan"), bold=False), authority=["THƯ KÝ"], signer="Trần Thị Lan")
    assert {f.code for f in check_docx(plain)} == {"ND30-SIGNER-STYLE"}


def test_a_header_line_wider_than_its_column_is_reported():
    # A date line must hold on one line; a long issuer name may wrap (tests/test_check_false_alarms.py).
    findings = check_docx(conforming_docx(date="Thành phố Hồ Chí Minh, ngày 05 tháng 01 năm 2017"))
    wraps = [f for f in findings if f.code == "ND30-HEADER-WRAP"]
    assert [f.message for f in wraps] == [
        "Dòng “Thành phố Hồ Chí Minh, ngày 05 tháng 01 năm 2017” dài 106,3 mm, cột chỉ có 99,2 mm: dòng bị tự "
        "xuống dòng; ngắt dòng chủ động hoặc nới rộng cột."
    ]
