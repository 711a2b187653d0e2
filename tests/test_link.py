"""Linked inputs: a link to a missing file, a pattern matching nothing, a loop, errors inside a
linked file – each reported at the data path that names it, all at once."""

from __future__ import annotations

from typing import Literal

import pytest

from pipeline.law import kinds
from pipeline.core.errors import InputError
from pipeline.orchestrator import validate_file
from schemas.common import InputRef, Line, Model


class Part(Model):
    kind: Literal["part"] = "part"
    name: Line


class Whole(Model):
    kind: Literal["whole"] = "whole"
    main: InputRef
    parts: list[InputRef] = []
    again: InputRef | None = None


def _kind(name, model, links):
    return kinds.Kind(name=name, title=name, model=model, documents=(), links=links)


@pytest.fixture(autouse=True)
def test_kinds(monkeypatch):
    monkeypatch.setitem(kinds.KINDS, "part", _kind("part", Part, {}))
    monkeypatch.setitem(kinds.KINDS, "whole", _kind("whole", Whole, {"main": "part", "parts": "part", "again": "whole"}))


def _write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_links_resolve_relative_to_the_file_and_patterns_in_name_order(tmp_path):
    _write(tmp_path, "a/main.yaml", "kind: part\nname: Chính\n")
    _write(tmp_path, "a/p/02.yaml", "kind: part\nname: Hai\n")
    _write(tmp_path, "a/p/01.yaml", "kind: part\nname: Một\n")
    whole = _write(tmp_path, "a/whole.yaml", "kind: whole\nmain: main.yaml\nparts:\n  - p/*.yaml\n")
    validated = validate_file(whole)
    assert validated.linked["main"].model.name == "Chính"
    assert [v.model.name for v in validated.linked["parts"]] == ["Một", "Hai"]
    assert validated.linked["again"] is None


def test_every_broken_link_is_reported_at_its_path(tmp_path):
    _write(tmp_path, "bad.yaml", "kind: part\nname: 5\n")
    whole = _write(
        tmp_path, "whole.yaml",
        "kind: whole\nmain: khong-co.yaml\nparts:\n  - p/*.yaml\n  - bad.yaml\nagain: whole.yaml\n",
    )
    with pytest.raises(InputError) as caught:
        validate_file(whole)
    assert [(f.file, f.path, f.line, f.code, f.message) for f in caught.value.findings] == [
        (str(whole), "whole.main", 2, "input.link",
         f"Không tìm thấy tệp «khong-co.yaml» (đường dẫn tính từ thư mục «{tmp_path}»)."),
        (str(whole), "whole.parts[0]", 4, "input.link",
         f"Không có tệp nào khớp mẫu «p/*.yaml» trong thư mục «{tmp_path}»."),
        (str(whole), "whole.again", 6, "input.link", "Tệp «whole.yaml» liên kết vòng trở lại chính nó."),
        (str(tmp_path / "bad.yaml"), "part.name", 2, "schema.type",
         "Giá trị phải là chuỗi ký tự, nhưng nhận được «5»; nếu cần giữ nguyên số hoặc ngày tháng, "
         "hãy đặt trong dấu nháy."),
    ]
