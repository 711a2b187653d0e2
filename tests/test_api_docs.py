"""Every example of ``docs/api.md`` runs, in order, in an empty folder, and prints what the page
says it prints: the API's documentation cannot drift from the API."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parent.parent / "docs" / "api.md"
_BLOCK = re.compile(r"^```python\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def examples() -> str:
    """The page's ```python blocks, one after the other (each starts with ``>>>``)."""
    return "\n".join(match["body"] for match in _BLOCK.finditer(PAGE.read_text(encoding="utf-8")))


def test_the_page_has_examples_in_every_section():
    text = PAGE.read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    assert len(sections) >= 9
    for section in sections:
        assert "```python\n>>>" in section, section.splitlines()[0]


@pytest.mark.slow  # the PDF example starts LibreOffice
def test_every_example_of_the_page_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    parser = doctest.DocTestParser()
    test = parser.get_doctest(examples(), {}, "docs/api.md", str(PAGE), 0)
    assert len(test.examples) > 20
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    failures: list[str] = []
    runner.run(test, out=failures.append)
    assert runner.failures == 0, "".join(failures)
