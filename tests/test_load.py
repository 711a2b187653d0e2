"""Stage 1: reading data files – syntax, encoding, duplicate keys and text cleaning."""

from __future__ import annotations

import datetime
import unicodedata
from pathlib import Path

import pytest

from pipeline.core.errors import Finding, InputError, Severity
from pipeline.stages.load import format_path, load, visible


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def findings_of(path: Path, *, root: str = "") -> list[Finding]:
    with pytest.raises(InputError) as caught:
        load(path, root=root)
    return caught.value.findings


def test_yaml_mapping_with_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "plan.yaml",
        (
            "# Kế hoạch\n"
            "title: Kế hoạch thi đua\n"
            "issued: 2016-01-05\n"
            "targets:\n"
            "  - name: A\n"
            "    value: 10\n"
            "  - name: B\n"
        ),
    )
    loaded = load(path)
    assert loaded.data == {
        "title": "Kế hoạch thi đua",
        "issued": datetime.date(2016, 1, 5),
        "targets": [{"name": "A", "value": 10}, {"name": "B"}],
    }
    assert loaded.file == str(path)
    assert loaded.lines == {
        ("title",): 2,
        ("issued",): 3,
        ("targets",): 4,
        ("targets", 0): 5,
        ("targets", 0, "name"): 5,
        ("targets", 0, "value"): 6,
        ("targets", 1): 7,
        ("targets", 1, "name"): 7,
    }
    assert loaded.warnings == ()


def test_yaml_syntax_error_has_line_column_and_vietnamese_gist(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", "so: 12/KH-UBND\ntitle: Kế hoạch: thi đua\n")
    assert findings_of(path) == [
        Finding(
            "load.yaml_syntax",
            "Lỗi cú pháp YAML ở dòng 2, cột 16: không được viết «: » ở đây; nếu giá trị có chứa dấu hai "
            "chấm, hãy đặt cả giá trị trong dấu nháy kép.",
            file=str(path),
            line=2,
        )
    ]


def test_python_tags_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", "a: !!python/name:os.system x\n")
    [finding] = findings_of(path)
    assert finding.code == "load.yaml_syntax"
    assert finding.message == ("Lỗi cú pháp YAML ở dòng 1, cột 4: không hỗ trợ thẻ YAML (bắt đầu bằng «!»).")


def test_yaml_syntax_error_without_translation_keeps_pyyaml_text(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", "a: 'x\n---\n")
    [finding] = findings_of(path)
    assert finding.message == "Lỗi cú pháp YAML ở dòng 2, cột 1: found unexpected document separator."


def test_tab_indentation_is_explained(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", "a: 1\n\tb: 2\n")
    [finding] = findings_of(path)
    assert finding.message == (
        "Lỗi cú pháp YAML ở dòng 2, cột 1: có ký tự tab; YAML chỉ cho phép thụt lề bằng dấu cách."
    )


def test_duplicate_keys_report_path_and_both_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path, "plan.yaml", ("title: A\n" "targets:\n" "  - name: X\n" "    name: Y\n" "title: B\n")
    )
    assert findings_of(path, root="plan") == [
        Finding(
            "load.duplicate_key",
            "Trường «name» xuất hiện hai lần trong cùng một khối (dòng 3 và dòng 4); hãy giữ lại một.",
            file=str(path),
            path="plan.targets[0].name",
            line=4,
        ),
        Finding(
            "load.duplicate_key",
            "Trường «title» xuất hiện hai lần trong cùng một khối (dòng 1 và dòng 5); hãy giữ lại một.",
            file=str(path),
            path="plan.title",
            line=5,
        ),
    ]


def test_keys_differing_only_in_unicode_form_are_duplicates(tmp_path: Path) -> None:
    nfc, nfd = "tên", unicodedata.normalize("NFD", "tên")
    assert nfc != nfd
    path = write(tmp_path, "plan.yaml", f"{nfc}: A\n{nfd}: B\n")
    [finding] = findings_of(path)
    assert (finding.code, finding.path, finding.line) == ("load.duplicate_key", "tên", 2)


def test_nfd_text_is_loaded_as_nfc(tmp_path: Path) -> None:
    title = unicodedata.normalize("NFD", "Kế hoạch tổ chức phong trào thi đua")
    key = unicodedata.normalize("NFD", "cơ_quan")
    assert not unicodedata.is_normalized("NFC", title)
    path = write(tmp_path, "plan.yaml", f"title: {title}\n{key}: [{title}]\n")
    loaded = load(path)
    assert loaded.data == {
        "title": "Kế hoạch tổ chức phong trào thi đua",
        "cơ_quan": ["Kế hoạch tổ chức phong trào thi đua"],
    }
    assert all(unicodedata.is_normalized("NFC", text) for text in [*loaded.data, loaded.data["title"]])
    assert ("cơ_quan", 0) in loaded.lines
    assert loaded.warnings == ()


def test_word_line_break_is_replaced_with_a_warning(tmp_path: Path) -> None:
    # A literal \x0b, as pasted from Word: PyYAML alone would refuse the whole file.
    path = write(tmp_path, "plan.yaml", "a: 1\ntitle: Kế hoạch\x0b thi đua\n")
    loaded = load(path, root="plan")
    assert loaded.data == {"a": 1, "title": "Kế hoạch thi đua"}
    assert loaded.warnings == (
        Finding(
            "load.cleaned_char",
            "Đã thay ký tự ngắt dòng của Word (\\x0b) bằng dấu cách.",
            file=str(path),
            path="plan.title",
            line=2,
            severity=Severity.WARNING,
        ),
    )


def test_cleaning_of_spaces_newlines_and_zero_width(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "plan.yaml",
        (
            'escaped: "Số\\v12"\n'
            'nbsp: "Điều \\xa0 1"\n'
            'zw: "Hà\\u200bNội"\n'
            'typed: "a  b"\n'
            'lines: "  dòng 1\\r\\ndòng 2\\rdòng 3\\n  "\n'
            "key\u00a0: x\n"
        ),
    )
    loaded = load(path)
    assert loaded.data == {
        "escaped": "Số 12",
        "nbsp": "Điều 1",
        "zw": "HàNội",
        "typed": "a  b",
        "lines": "dòng 1\ndòng 2\ndòng 3",
        "key": "x",
    }
    assert [(w.path, w.message) for w in loaded.warnings] == [
        ("escaped", "Đã thay ký tự ngắt dòng của Word (\\x0b) bằng dấu cách."),
        ("nbsp", "Đã thay dấu cách không ngắt (\\xa0) bằng dấu cách."),
        ("zw", "Đã xóa dấu cách độ rộng bằng không (\\u200b)."),
        ("key", "Đã thay dấu cách không ngắt (\\xa0) bằng dấu cách."),
    ]


def test_control_character_is_rejected_with_every_other_error(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", "title: Kế\x0bhoạch\nnote: chuông\x07\nnote: x\n")
    assert findings_of(path) == [
        Finding(
            "load.cleaned_char",
            "Đã thay ký tự ngắt dòng của Word (\\x0b) bằng dấu cách.",
            file=str(path),
            path="title",
            line=1,
            severity=Severity.WARNING,
        ),
        Finding(
            "load.forbidden_char",
            "Ký tự điều khiển U+0007 không được phép trong văn bản vì sẽ làm hỏng tệp .docx; "
            "hãy xóa ký tự này.",
            file=str(path),
            path="note",
            line=2,
        ),
        Finding(
            "load.duplicate_key",
            "Trường «note» xuất hiện hai lần trong cùng một khối (dòng 2 và dòng 3); hãy giữ lại một.",
            file=str(path),
            path="note",
            line=3,
        ),
    ]


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x7f", "\x9c"])
def test_c0_and_c1_controls_are_forbidden(tmp_path: Path, char: str) -> None:
    path = write(tmp_path, "plan.yaml", f"items:\n  - a{char}b\n")
    [finding] = findings_of(path)
    assert (finding.code, finding.path, finding.line) == ("load.forbidden_char", "items[0]", 2)
    assert f"U+{ord(char):04X}" in finding.message


def test_invalid_date_is_kept_as_written(tmp_path: Path) -> None:
    # Left to the schema, which says the field wants a real date.
    path = write(tmp_path, "plan.yaml", "issued: 2016-02-30\nno: 1\n2016: x\n")
    assert load(path).data == {"issued": "2016-02-30", "no": 1, "2016": "x"}


def test_yaml_aliases_are_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", "a: &x [1]\nb: *x\n")
    [finding] = findings_of(path)
    assert finding.message == (
        "Lỗi cú pháp YAML ở dòng 2, cột 4: không hỗ trợ tham chiếu YAML (*tên); "
        "hãy viết đầy đủ giá trị ở từng chỗ."
    )


@pytest.mark.parametrize("content", ["", "  \n", "# chỉ có chú thích\n", "---\n", "~\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    path = write(tmp_path, "plan.yaml", content)
    assert findings_of(path) == [
        Finding("load.empty", f"Tệp «{path}» không có dữ liệu.", file=str(path)),
    ]


@pytest.mark.parametrize(
    ("content", "kind"), [("- a\n- b\n", "một danh sách"), ("chỉ một dòng\n", "một giá trị đơn")]
)
def test_top_level_must_be_a_mapping(tmp_path: Path, content: str, kind: str) -> None:
    path = write(tmp_path, "plan.yaml", content)
    assert findings_of(path, root="plan") == [
        Finding(
            "load.not_mapping",
            f"Dữ liệu ở cấp ngoài cùng phải là một bảng «tên trường: giá trị», nhưng tệp chứa {kind}.",
            file=str(path),
            path="plan",
            line=1,
        )
    ]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "khong-co.yaml"
    assert findings_of(path) == [
        Finding("load.not_found", f"Không tìm thấy tệp dữ liệu «{path}».", file=str(path)),
    ]


def test_a_folder_is_named_as_a_folder(tmp_path: Path) -> None:
    assert findings_of(tmp_path) == [
        Finding(
            "load.is_directory",
            f"«{tmp_path}» là một thư mục; hãy chỉ ra tệp dữ liệu .yaml, .yml hoặc .json.",
            file=str(tmp_path),
        ),
    ]


def test_unsupported_extension_and_missing_file_reported_together(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    assert [f.code for f in findings_of(path)] == ["load.unsupported_format", "load.not_found"]
    assert findings_of(path)[0].message == (
        "Không hỗ trợ định dạng tệp («.docx»); hãy dùng tệp .yaml, .yml hoặc .json."
    )


def test_legacy_vietnamese_encoding_is_rejected(tmp_path: Path) -> None:
    # "Kế hoạch" typed with a TCVN3 (ABC) font.
    path = write(tmp_path, "plan.yml", b"a: 1\ntitle: K\xd5 ho\xb9ch\n")
    assert findings_of(path) == [
        Finding(
            "load.encoding",
            "Tệp không được mã hóa UTF-8 (byte 0xD5 ở dòng 2 không hợp lệ); hãy lưu lại tệp với mã hóa "
            "UTF-8 (Unicode), không dùng TCVN3 (ABC) hay VNI.",
            file=str(path),
            line=2,
        )
    ]


def test_utf16_without_bom_is_an_encoding_error(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", "a: 1\n".encode("utf-16-le"))
    [finding] = findings_of(path)
    assert (finding.code, finding.line) == ("load.encoding", 1)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.json", b'\xef\xbb\xbf{"a": "b"}')
    assert load(path).data == {"a": "b"}


def test_json_input_is_cleaned_without_lines(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Thành phố")
    path = write(
        tmp_path,
        "plan.json",
        ('{"title": "' + decomposed + '", "targets": [{"value": 1.5}, {"note": "a\\u000bb"}]}'),
    )
    loaded = load(path, root="plan")
    assert loaded.data == {"title": "Thành phố", "targets": [{"value": 1.5}, {"note": "a b"}]}
    assert unicodedata.is_normalized("NFC", loaded.data["title"])
    assert loaded.lines == {}
    assert loaded.warnings == (
        Finding(
            "load.cleaned_char",
            "Đã thay ký tự ngắt dòng của Word (\\x0b) bằng dấu cách.",
            file=str(path),
            path="plan.targets[1].note",
            severity=Severity.WARNING,
        ),
    )


def test_json_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.json", '{\n  "a": 1,\n  "b" 2\n}\n')
    assert findings_of(path) == [
        Finding(
            "load.json_syntax",
            "Lỗi cú pháp JSON ở dòng 3, cột 7: thiếu dấu hai chấm «:».",
            file=str(path),
            line=3,
        )
    ]


def test_json_duplicate_key_and_control_character(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.json", '{"a": 1, "b": {"c": "x\\u0007"}, "a": 2}')
    assert findings_of(path) == [
        Finding(
            "load.forbidden_char",
            "Ký tự điều khiển U+0007 không được phép trong văn bản vì sẽ làm hỏng tệp .docx; "
            "hãy xóa ký tự này.",
            file=str(path),
            path="b.c",
        ),
        Finding(
            "load.duplicate_key",
            "Trường «a» xuất hiện hai lần trong cùng một khối; hãy giữ lại một.",
            file=str(path),
            path="a",
        ),
    ]


def test_json_top_level_list(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.json", "[1, 2]")
    [finding] = findings_of(path)
    assert (finding.code, finding.line) == ("load.not_mapping", None)


def test_deep_nesting_is_reported_not_crashed(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert [f.code for f in findings_of(path)] == ["load.too_deep"]


@pytest.mark.parametrize(
    ("root", "loc", "expected"),
    [
        ("plan", ("targets", 2, "value"), "plan.targets[2].value"),
        ("", ("targets", 2, "value"), "targets[2].value"),
        ("", (0, "a"), "[0].a"),
        ("plan", (), "plan"),
        ("", ("người ký", "a.b"), '["người ký"]["a.b"]'),
        ("x", ("a\x07",), 'x["a\\x07"]'),
    ],
)
def test_format_path(root: str, loc: tuple[str | int, ...], expected: str) -> None:
    assert format_path(root, loc) == expected


def test_visible_spells_out_invisible_characters() -> None:
    assert visible("Hà\xa0Nội\n\u200b") == "Hà\\xa0Nội\\n\\u200b"


def test_json_raw_word_characters_are_cleaned_not_syntax_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.json", '{"title": "Kế hoạch\x0bthi\tđua"}')
    loaded = load(path)
    assert loaded.data == {"title": "Kế hoạch thi đua"}
    assert [w.message for w in loaded.warnings] == [
        "Đã thay ký tự ngắt dòng của Word (\\x0b) bằng dấu cách.",
        "Đã thay ký tự tab (\\t) bằng dấu cách.",
    ]


def test_a_character_written_as_an_escape_is_cleaned_like_a_typed_one(tmp_path: Path) -> None:
    # The text holds no tab, only «\t» in a double-quoted value: the value still gets one.
    path = write(tmp_path, "plan.yaml", 'title: "Kế\\thoạch"\nnote: x\n')
    loaded = load(path, root="plan")
    assert loaded.data == {"title": "Kế hoạch", "note": "x"}
    assert [(f.code, f.path, f.line) for f in loaded.warnings] == [("load.cleaned_char", "plan.title", 1)]


@pytest.mark.parametrize("text", [
    "a: 1\nb: 012\nc: 1_000\nd: 0\ne: -3\nf: 1:20\ng: [x, 'y', \"z\"]\nh:\n  - k: Kế  hoạch \n    v: 2016-01-05\n",
    "a: x\na: y\n",
    "a:\n  b: c\n  b: d\n",
    "ds:\n  - tên: A\xa0B\n  - tên: \"C\\u200bD\"\n",
    "a: \"\\x01\"\nb: ok\n",
])
def test_the_c_reader_gives_what_the_python_reader_gives(tmp_path: Path, text: str, monkeypatch) -> None:
    import pipeline.stages.load as stage

    def outcome() -> object:
        path = write(tmp_path, "plan.yaml", text)
        try:
            loaded = load(path, root="plan")
        except InputError as exc:
            return exc.findings
        return loaded.data, loaded.lines, loaded.warnings

    fast = outcome()
    monkeypatch.setattr(stage, "_CLoader", None)
    assert outcome() == fast


def test_scalars_get_the_types_yaml_gives_them(tmp_path: Path) -> None:
    import yaml

    text = ("a: 1\nb: 1.5\nc: true\nd: null\ne: 2016-01-05\nf: ~\ng: '1'\nh: \"no\"\ni: no\nj: -2\nk: .5\n"
            "l: 0x1F\nm:\nn: Nguyễn\no: off\np: +3\nq: 1e3\nr: .inf\n")
    assert load(write(tmp_path, "plan.yaml", text)).data == yaml.safe_load(text)
