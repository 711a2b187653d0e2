"""The NĐ 30 frame: page setup, styles and the measured rules, from spec.py's values."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.core.errors import InputError
from pipeline.core.vnformat import upper_vi
from pipeline.nd30 import frame
from pipeline.nd30 import spec
from pipeline.nd30.metrics import text_width_pt
from pipeline.orchestrator import render_file
from tests.samples import SAMPLES

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


def _long_name(words: int) -> str:
    phrase = "Ban Chỉ đạo thi đua khen thưởng các cơ quan và đơn vị trực thuộc Ủy ban nhân dân tỉnh Thái Nguyên"
    return " ".join((phrase.split() * (words // 10 + 1))[:words])


def test_long_names_are_fitted_in_work_linear_in_their_words(monkeypatch):
    """Every split of a name was once tried (29 words took minutes). Now each start of a line is
    measured with at most the words that fit on a line, plus one: the measure count proves it."""
    measured = []
    monkeypatch.setattr(frame, "text_width_pt", lambda *a, **k: measured.append(a[0]) or text_width_pt(*a, **k))
    cell_tw = spec.mm_to_twips(spec.HEADER_LEFT_WIDTH.chosen) - 2 * spec.mm_to_twips(1.9)
    for count in (10, 20, 29, 32, 45, 60):
        measured.clear()
        name = _long_name(count)
        lines = frame.fit_header_lines([name], spec.ISSUER_STYLE)
        assert " ".join(lines) == upper_vi(name)
        assert all(text_width_pt(line, spec.ISSUER_STYLE.chosen, bold=True) * 20 <= cell_tw for line in lines)
        words_per_line = max(len(line.split()) for line in lines)
        assert len(measured) <= 1 + count * (words_per_line + 1)


def test_a_word_wider_than_the_column_keeps_a_line_of_its_own():
    word = "HTTPS://THIDUAKHENTHUONG.THAINGUYEN.GOV.VN/KHOI-VAN-HOA"
    assert frame.fit_header_lines([f"Cổng thông tin {word} tỉnh Thái Nguyên"], spec.ISSUER_STYLE) == [
        "CỔNG THÔNG TIN", word, "TỈNH THÁI NGUYÊN",
    ]
    assert frame.fit_header_lines([word], spec.ISSUER_STYLE) == [word]


def test_a_name_with_a_word_wider_than_the_header_is_refused_where_it_is_written(tmp_path):
    """No break between words can fit it, and Word would cut the word anywhere: the clerk is told
    which word, at the name's line, before anything is rendered."""
    word = "HTTPS://THIDUAKHENTHUONG.THAINGUYEN.GOV.VN/KHOI-VAN-HOA"
    source = tmp_path / "ke-hoach.yaml"
    text = (SAMPLES / "plan" / "ke-hoach-2016.yaml").read_text(encoding="utf-8")
    source.write_text(text.replace("    - Văn hóa - Xã hội", f"    - {word}"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        render_file(None, source, tmp_path / "out")
    [found] = caught.value.findings
    assert (found.code, found.path, found.line) == ("rule.header.word_too_wide", "plan.issuer.name", 8)
    assert found.message == (
        "Từ «HTTPS://THIDUAKHENTHUONG.THAINGUYEN.GOV…» rộng 160,7 mm, hơn cả cột tên cơ quan ở phần đầu văn bản "
        "(66,2 mm), nên không ngắt dòng được mà sẽ bị cắt ngang; hãy viết lại, tách thành các từ có dấu cách."
    )
    assert not (tmp_path / "out").exists()


def test_fitting_itself_never_fails_on_a_word_wider_than_the_column():
    """Data that reaches the frame by other means (the API, a draft) still renders; the check
    then reports the overflow."""
    word = "KHỐITHIĐUACÁCCƠQUANVĂNHÓAXÃHỘITỈNHTHÁINGUYÊN"
    lines = frame.fit_header_lines([word], spec.ISSUER_STYLE)
    assert lines == [word]
    assert frame.too_wide_words(word, spec.ISSUER_STYLE)[0][0] == word
