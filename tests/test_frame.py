"""The NĐ 30 frame: page setup, styles and the measured rules, from spec.py's values."""

from __future__ import annotations

from lxml import etree

from pipeline.nd30 import frame
from pipeline.nd30 import spec
from pipeline.nd30.metrics import text_width_pt

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml(text: str) -> etree._Element:
    return etree.fromstring(text.encode())


def test_section_is_a4_with_decree_margins_and_page_numbers_from_page_two():
    ns = f'xmlns:w="{frame.W_NS}" xmlns:r="{frame.R_NS}"'
    sect = _xml(frame.section_xml().replace("<w:sectPr>", f"<w:sectPr {ns}>", 1))
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    assert (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) == (11906, 16838)
    mm = {
        side: spec.twips_to_mm(int(margins.get(f"{W}{side}"))) for side in ("top", "bottom", "left", "right")
    }
    assert spec.MARGIN_TOP.allows(mm["top"]) and spec.MARGIN_BOTTOM.allows(mm["bottom"])
    assert spec.MARGIN_LEFT.allows(mm["left"]) and spec.MARGIN_RIGHT.allows(mm["right"])
    assert sect.find(f"{W}titlePg") is not None


def test_styles_put_times_new_roman_on_all_four_font_slots():
    fonts = _xml(frame.styles_xml().split("\n", 1)[1]).find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert {fonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}


def test_page_number_header_is_centred_page_field():
    header = frame.page_header_xml()
    assert 'w:instr=" PAGE "' in header and '<w:jc w:val="center"/>' in header
    assert "PAGE" not in frame.first_page_header_xml()


def test_national_title_fits_the_right_column_on_one_line():
    width_tw = text_width_pt(spec.NATIONAL_TITLE, spec.NATIONAL_TITLE_STYLE.chosen, bold=True) * 20
    cell_tw = spec.mm_to_twips(spec.HEADER_RIGHT_WIDTH.chosen) - 2 * spec.mm_to_twips(1.9)
    assert width_tw < cell_tw


def test_issuer_rule_is_between_a_third_and_a_half_of_the_name():
    name = "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    text_tw = text_width_pt(name, spec.ISSUER_STYLE.chosen, bold=True) * 20
    cell_tw = spec.mm_to_twips(spec.HEADER_LEFT_WIDTH.chosen) - 2 * spec.mm_to_twips(1.9)
    rule_tw = cell_tw - 2 * frame.issuer_rule_indent([name])
    assert spec.RULE_RATIO_ISSUER.low <= rule_tw / min(text_tw, cell_tw) <= spec.RULE_RATIO_ISSUER.high


def test_width_ignores_tone_marks_but_not_horns():
    assert text_width_pt("Hồ", 14) == text_width_pt("Hô", 14)
    assert text_width_pt("Ơ", 14, bold=True) >= text_width_pt("O", 14, bold=True)


def test_header_names_are_broken_where_clerks_break_them():
    assert frame.fit_header_lines(["Khối thi đua các cơ quan", "Văn hóa - Xã hội"], spec.ISSUER_STYLE) == [
        "KHỐI THI ĐUA", "CÁC CƠ QUAN", "VĂN HÓA - XÃ HỘI",
    ]
    assert frame.fit_header_lines(["Đài Phát thanh - Truyền hình Thái Nguyên"], spec.ISSUER_STYLE) == [
        "ĐÀI PHÁT THANH -", "TRUYỀN HÌNH", "THÁI NGUYÊN",
    ]
    assert frame.fit_header_lines(["UBND tỉnh Thái Nguyên"], spec.PARENT_BODY_STYLE) == ["UBND TỈNH THÁI NGUYÊN"]


def test_every_fitted_header_line_fits_its_column():
    cell_tw = spec.mm_to_twips(spec.HEADER_LEFT_WIDTH.chosen) - 2 * spec.mm_to_twips(1.9)
    names = ["Ban Quản lý Khu di tích lịch sử ATK Định Hóa", "Sở Lao động - Thương binh và Xã hội"]
    for line in frame.fit_header_lines(names, spec.ISSUER_STYLE):
        assert text_width_pt(line, spec.ISSUER_STYLE.chosen, bold=True) * 20 <= cell_tw
