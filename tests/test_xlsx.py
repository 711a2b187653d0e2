"""Tables from Excel: the same documents as from YAML, and every mistake named by its cell."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from pipeline.commands.pack import plan_pack
from pipeline.core.errors import InputError
from pipeline.orchestrator import TemplateSet, produce, validate_file

from tests.docx_facts import facts
from tests.pack_files import hoso
from tests.samples import SAMPLES

EXCEL = SAMPLES / "excel"
SCORE_HEADER = ["Nhóm tiêu chí", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Minh chứng"]
SCORES = [
    ["Thực hiện nhiệm vụ", "Hoàn thành chỉ tiêu", 60, 58, None],
    [None, "Cải cách hành chính", 40, 39.5, "Kết quả chấm điểm"],
]


def write_sheet(path: Path, title: str, rows: list[list[object]], merge: str | None = None) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    workbook.save(path)
    return path


def assessment(tmp_path: Path, rows: list[list[object]], header: list[str] = SCORE_HEADER) -> Path:
    """The Excel sample's self-assessment, with its score table from a workbook of ``rows``."""
    source = tmp_path / "tu-danh-gia.yaml"
    source.write_text((EXCEL / "tu-danh-gia-so-van-hoa.yaml").read_text(encoding="utf-8").replace(
        "scoring: bang-tinh-2016.xlsx", "scoring: diem.xlsx"), encoding="utf-8")
    write_sheet(tmp_path / "diem.xlsx", "Chấm điểm", [header, *rows])
    return source


def errors_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        validate_file(path)
    return [f.format() for f in caught.value.findings if f.is_error]


@pytest.mark.parametrize(
    ("excel", "yaml"),
    [
        ("tu-danh-gia-so-van-hoa.yaml", "bloc-2016/tu-danh-gia/01-so-van-hoa-the-thao-va-du-lich.yaml"),
        ("bien-ban-hop.yaml", "bloc-2016/bien-ban-hop.yaml"),
        ("to-trinh.yaml", "bloc-2016/to-trinh.yaml"),
    ],
)
def test_a_table_from_the_sample_workbook_gives_the_same_documents_as_typed_in_yaml(excel, yaml):
    templates = TemplateSet()
    from_excel, from_yaml = validate_file(EXCEL / excel), validate_file(SAMPLES / yaml)
    for document in from_excel.kind.documents:
        template = templates.get(document)
        assert facts(produce(document, from_excel, template)) == facts(produce(document, from_yaml, template))


def test_the_sample_workbook_gives_the_member_list_of_the_excel_bloc():
    plan = plan_pack(EXCEL / "khoi.yaml")
    units = [g for g in plan.groups if g.folder != plan.bloc_folder]
    assert [g.name for g in units][:2] == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo"]
    assert units[4].folder == "05-dai-ptth-thai-nguyen"
    assert [p.path.name for p in units[4].inputs] == [
        "dang-ky-dai-ptth.yaml",
        "05-dai-phat-thanh-truyen-hinh-thai-nguyen.yaml",
        "01-dai-phat-thanh-truyen-hinh.yaml",
        "04-hoang-thi-minh-nguyet.yaml",
    ]


def test_a_text_where_a_number_belongs_names_the_sheet_the_cell_and_the_type(tmp_path):
    source = assessment(tmp_path, [SCORES[0], [None, "Cải cách hành chính", 40, "chín", None]])
    expected = f"{tmp_path / 'diem.xlsx'}: Chấm điểm!D3: Cột «Điểm tự chấm» cần một số, nhưng ô chứa chữ «chín». [xlsx.type]"
    assert errors_of(source) == [expected]
    result = hoso("validate", str(source))
    assert result.returncode == 1
    assert f"lỗi: {expected}" in result.stderr.splitlines()


def test_every_cell_of_the_wrong_type_is_reported_at_once(tmp_path):
    source = assessment(tmp_path, [
        ["Thực hiện nhiệm vụ", None, "sáu mươi", 58, None],
        [None, "Cải cách hành chính", 40, True, None],
    ])
    assert errors_of(source) == [
        f"{tmp_path / 'diem.xlsx'}: Chấm điểm!B2: Ô để trống; cột «Tiêu chí» cần chữ. [xlsx.missing]",
        f"{tmp_path / 'diem.xlsx'}: Chấm điểm!C2: Cột «Điểm tối đa» cần một số, nhưng ô chứa chữ «sáu mươi». [xlsx.type]",
        f"{tmp_path / 'diem.xlsx'}: Chấm điểm!D3: Cột «Điểm tự chấm» cần một số, nhưng ô chứa giá trị đúng/sai «TRUE». "
        "[xlsx.type]",
    ]


def test_a_vietnamese_decimal_comma_typed_as_text_is_a_number(tmp_path):
    source = assessment(tmp_path, [SCORES[0], [None, "Cải cách hành chính", 40, "39,5", None]])
    scoring = validate_file(source).model.scoring
    assert str(scoring[0].criteria[1].self_score) == "39.5"


def test_a_wrong_or_missing_header_is_named_with_its_cell(tmp_path):
    header = ["Nhóm tiêu chí", "Tiêu chí", "Điểm tối đa", "Điểm đạt", "Minh chứng"]
    source = assessment(tmp_path, SCORES, header)
    workbook = tmp_path / "diem.xlsx"
    assert errors_of(source) == [
        f"{workbook}: Chấm điểm!D1: Cột «Điểm đạt» không có trong bảng «Chấm điểm». Các cột: «Nhóm tiêu chí», «Tiêu "
        "chí», «Điểm tối đa», «Điểm tự chấm», «Minh chứng». [xlsx.header]",
        f"{workbook}: Chấm điểm!A1: Thiếu cột «Điểm tự chấm» ở dòng tiêu đề (dòng 1) của trang «Chấm điểm». "
        "[xlsx.header]",
    ]


def test_a_schema_error_about_a_row_points_at_the_row_in_the_sheet(tmp_path):
    source = assessment(tmp_path, [SCORES[0], [None, "Cải cách hành chính", 40, 45, None]])
    [error] = errors_of(source)
    assert error.startswith(
        f"{tmp_path / 'diem.xlsx'}: Chấm điểm!B3: self_assessment.scoring[0].criteria[1]: Điểm tự chấm (45) lớn hơn "
        "điểm tối đa (40)"
    )


def test_merged_group_cells_hold_for_every_row_below(tmp_path):
    rows = [
        ["Danh hiệu", "Đối tượng", "Số suất", "Ứng viên", "Số phiếu đồng ý"],
        ["Bằng khen của Chủ tịch UBND tỉnh", "tập thể", 2, "Sở Y tế", 9],
        [None, None, None, "Báo Thái Nguyên", 8],
        [None, None, None, "Ban Dân tộc tỉnh", 3],
    ]
    shutil.copy(EXCEL / "bien-ban-hop.yaml", tmp_path / "bien-ban-hop.yaml")
    write_sheet(tmp_path / "bang-tinh-2016.xlsx", "Kết quả bỏ phiếu", rows, merge="A2:A4")
    [title] = validate_file(tmp_path / "bien-ban-hop.yaml").model.titles
    assert (title.name, title.seats, [c.name for c in title.candidates]) == (
        "Bằng khen của Chủ tịch UBND tỉnh", 2, ["Sở Y tế", "Báo Thái Nguyên", "Ban Dân tộc tỉnh"]
    )


def test_an_integer_column_refuses_a_fraction(tmp_path):
    rows = [
        ["Danh hiệu", "Số suất", "Ứng viên", "Số phiếu đồng ý"],
        ["Cờ thi đua của UBND tỉnh", 1, "Sở Y tế", 8.5],
    ]
    shutil.copy(EXCEL / "bien-ban-hop.yaml", tmp_path / "bien-ban-hop.yaml")
    write_sheet(tmp_path / "bang-tinh-2016.xlsx", "Kết quả bỏ phiếu", rows)
    assert errors_of(tmp_path / "bien-ban-hop.yaml") == [
        f"{tmp_path / 'bang-tinh-2016.xlsx'}: Kết quả bỏ phiếu!D2: Cột «Số phiếu đồng ý» cần một số nguyên, nhưng ô "
        "chứa số «8.5». [xlsx.type]"
    ]


def test_a_missing_workbook_is_named_at_the_line_that_names_it(tmp_path):
    source = tmp_path / "tu-danh-gia.yaml"
    shutil.copy(EXCEL / "tu-danh-gia-so-van-hoa.yaml", source)
    assert errors_of(source) == [
        f"{source}:49: self_assessment.scoring: Không tìm thấy tệp Excel «bang-tinh-2016.xlsx» (đường dẫn tính từ thư "
        f"mục «{tmp_path}»). [xlsx.not_found]"
    ]


def test_a_missing_sheet_lists_the_sheets_there_are(tmp_path):
    source = assessment(tmp_path, SCORES)
    source.write_text(source.read_text(encoding="utf-8").replace("scoring: diem.xlsx", "scoring: diem.xlsx#Bảng 2"),
                      encoding="utf-8")
    assert errors_of(source) == [
        f"{tmp_path / 'diem.xlsx'}: Sổ tính không có trang «Bảng 2». Các trang: «Chấm điểm». [xlsx.sheet_missing]"
    ]


def test_a_file_that_is_no_workbook_is_refused(tmp_path):
    source = assessment(tmp_path, SCORES)
    (tmp_path / "diem.xlsx").write_text("không phải Excel", encoding="utf-8")
    assert errors_of(source) == [
        f"{tmp_path / 'diem.xlsx'}: Tệp không phải sổ tính Excel (.xlsx) hợp lệ; hãy mở bằng Excel và lưu lại dạng "
        "«Excel Workbook (.xlsx)». [xlsx.unreadable]"
    ]


def _excel_bloc(tmp_path: Path, members: list[list[object]]) -> Path:
    shutil.copytree(SAMPLES / "bloc-2016", tmp_path / "bloc-2016")
    bloc = tmp_path / "bloc-2016" / "khoi-excel.yaml"
    text = (SAMPLES / "bloc-2016" / "khoi.yaml").read_text(encoding="utf-8")
    bloc.write_text(text[: text.index("documents:")] + "members: thanh-vien.xlsx\n", encoding="utf-8")
    write_sheet(tmp_path / "bloc-2016" / "thanh-vien.xlsx", "Thành viên", [["Tên đơn vị", "Thư mục", "Tệp dữ liệu"], *members])
    return bloc


def test_an_unsafe_folder_in_the_member_sheet_is_refused_at_its_cell(tmp_path):
    bloc = _excel_bloc(tmp_path, [
        ["Sở Y tế", None, "tu-danh-gia/03-so-y-te.yaml"],
        ["Báo Thái Nguyên", "../../ra-ngoai", "tu-danh-gia/06-bao-thai-nguyen.yaml"],
    ])
    with pytest.raises(InputError) as caught:
        plan_pack(bloc)
    assert [f.format() for f in caught.value.findings] == [
        f"{bloc.parent / 'thanh-vien.xlsx'}: Thành viên!B3: bloc.members[1].folder: Tên «../../ra-ngoai» là một đường "
        "dẫn, không phải một tên thư mục; chỉ được ghi một tên, không có «/», «\\» hay «..». [schema.bloc.unsafe_folder]"
    ]


def test_a_missing_unit_file_in_the_member_sheet_points_at_its_cell(tmp_path):
    bloc = _excel_bloc(tmp_path, [
        ["Sở Y tế", None, "tu-danh-gia/03-so-y-te.yaml"],
        ["Báo Thái Nguyên", None, "tu-danh-gia/06-bao-thai-nguyen.yaml; thanh-tich/06-bao.yaml"],
    ])
    plan = plan_pack(bloc)
    [problem] = plan.groups[1].problems
    assert problem.format() == (
        f"{bloc.parent / 'thanh-vien.xlsx'}: Thành viên!C3: bloc.members[1].files[1]: Không tìm thấy tệp "
        f"«thanh-tich/06-bao.yaml» (đường dẫn tính từ thư mục «{bloc.parent}»). [pack.missing_file]"
    )
    assert [p.path.name for p in plan.groups[0].inputs] == ["03-so-y-te.yaml"]
