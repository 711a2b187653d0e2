"""The year's checks with worker processes find what they find in one process: the same findings,
files and lines, whichever worker validated which input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline.commands.pack import PackOptions, find_bloc_file, plan_pack
from pipeline.commands.year import YearChecked, check_bloc
from pipeline.law.rulebook import builtin_book
from tests.pack_files import bloc_copy, edit

_IN_WORKERS = """
import json, sys
from pathlib import Path
from pipeline.commands.pack import PackOptions, find_bloc_file, plan_pack
from pipeline.commands.year import _forking, check_bloc
from pipeline.law.rulebook import builtin_book
assert _forking()  # a fresh interpreter runs one thread: the workers start
checked = check_bloc(plan_pack(find_bloc_file(Path(sys.argv[1]))), builtin_book(), PackOptions(), jobs=2)
print(json.dumps([[str(p) for p in checked.files], [[f.code, f.format()] for f in checked.own],
                  [[f.code, f.format()] for f in checked.year]]))
"""


def _shown(checked: YearChecked) -> list[list[str]]:
    return [[str(p) for p in checked.files], [[f.code, f.format()] for f in checked.own],
            [[f.code, f.format()] for f in checked.year]]


def test_workers_find_what_one_process_finds(tmp_path: Path) -> None:
    bloc = bloc_copy(tmp_path)
    edit(bloc / "tu-danh-gia/05-dai-phat-thanh-truyen-hinh-thai-nguyen.yaml",
         "  - name: Hoàng Thị Minh Nguyệt\n", "  - name: Lương Thị Hồng\n")
    edit(bloc / "thanh-tich/03-ban-quan-ly-atk-dinh-hoa.yaml", "  date: 2016-12-21\n", "  date: 2016-12-27\n")
    edit(bloc / "bien-ban-hop.yaml", "place: Sở Văn hóa", "place: Sở\xa0Văn hóa")
    here = _shown(check_bloc(plan_pack(find_bloc_file(bloc)), builtin_book(), PackOptions(), jobs=1))
    assert [code for code, _ in here[2]] == ["link.person_renamed", "link.dated_before_enclosed"]
    assert "load.cleaned_char" in [code for code, _ in here[1]]
    workers = subprocess.run([sys.executable, "-c", _IN_WORKERS, str(bloc)], capture_output=True, text=True, check=True)
    assert json.loads(workers.stdout) == here


def test_every_field_the_year_checks_read_is_sent_back_by_the_workers() -> None:
    # The workers send each input's model with the fields of _YEAR_FIELDS only: a check reading
    # another one would find it missing. Every ``<x>.model.<field>``, ``model.<field>`` and
    # ``getattr(<x>.model, "<field>", …)`` of the checks must be one of them.
    import ast

    import pipeline.law.checks.year as checks
    from pipeline.commands.year import _YEAR_FIELDS

    def is_model(node: ast.AST) -> bool:
        return (isinstance(node, ast.Name) and node.id == "model") or (
            isinstance(node, ast.Attribute) and node.attr == "model")

    read = set()
    for node in ast.walk(ast.parse(Path(checks.__file__).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and is_model(node.value):
            read.add(node.attr)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "getattr" and is_model(node.args[0]):
            read.add(node.args[1].value)
    assert {"issuer", "individual_titles", "document", "titles"} <= read
    assert read <= _YEAR_FIELDS
