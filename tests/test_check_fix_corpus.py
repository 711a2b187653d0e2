"""`hoso check --fix` on every real document of tests/corpus/: the original is not written to, the
corrected copy opens, says the same words in the same order (but for the documented rewrites: the
Tiêu ngữ's dashes and the date line's zeros), re-checks without the findings the fix corrects,
and adds nothing the ECMA-376 schemas refuse. A .doc goes through LibreOffice first, as
`hoso check --fix` takes it, so those files are slow."""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from lxml import etree

from pipeline.commands.fix import fix_file
from pipeline.core.messages import text
from pipeline.nd30 import spec
from pipeline.nd30.check import check_docx
from pipeline.nd30.check.conventions import _ZERO_PADDED_MONTHS, _ZERO_PADDED_WIDTH
from pipeline.nd30.check.fix import fix_docx
from pipeline.nd30.check.read import convertible_format
from pipeline.office.convert import DOCX_EXPORT, Converter
from tests import ooxml
from tests.corpus_score import CORPUS, load_manifest
from tests.nd30_fixtures import conforming_docx, paragraph, paragraphs, tab_header_docx, to_bytes

FILES = [CORPUS / entry["file"] for entry in load_manifest()]

# The codes of the rules `--fix` corrects: page, font, Unicode, date zeros, Tiêu ngữ dashes, the
# size, bold and italic of the frame's components and the page number's size and centring.
FIXED_CODES = {
    "ND30-PAGE-SIZE", "ND30-MARGIN", "ND30-FONT", "ND30-NFC", "ND30-DATE-ZERO", "ND30-MOTTO",
    "ND30-NATIONAL-TITLE-STYLE", "ND30-MOTTO-STYLE", "ND30-PARENT-STYLE", "ND30-ISSUER-STYLE",
    "ND30-NUMBER-STYLE", "ND30-DATE-STYLE", "ND30-TITLE-STYLE", "ND30-SUBJECT-STYLE", "ND30-BASIS-STYLE",
    "ND30-RECIPIENTS-LABEL-STYLE", "ND30-RECIPIENTS-ITEM-STYLE", "ND30-AUTHORITY-STYLE", "ND30-SIGNER-STYLE",
    "ND30-PAGE-NUMBER-STYLE", "ND30-PAGE-NUMBER-MISSING", "ND30-PAGE-NUMBER-POSITION", "ND30-PAGE-NUMBER-FIRST",
    "ND30-MOTTO-RULE",
}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_PART = re.compile(r"word/(?:document|footnotes|endnotes)\.xml")
_PAGE_PART = re.compile(r"word/(?:header|footer)\d*\.xml")
_SHOWN = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_QUOTED = re.compile(r"“([^”]*)”")


def _pattern(key: str) -> re.Pattern:
    """The catalogue's sentence ``key`` with its ``before`` and ``after`` captured."""
    sentence = re.escape(text(key, before="\x00", after="\x01"))
    return re.compile(sentence.replace("\x00", "(.*)").replace("\x01", "(.*)"))


_MOTTO, _DATE = _pattern("fix.nd30.motto"), _pattern("fix.nd30.date")


def _param(path: Path):
    slow = [pytest.mark.slow] if path.suffix != ".docx" else []
    return pytest.param(path, id=path.name, marks=slow)


@pytest.fixture(scope="module")
def converter():
    with Converter() as office:
        yield office


def _source_docx(path: Path, request: pytest.FixtureRequest, folder: Path) -> bytes:
    """The .docx the fix starts from: the file itself, or LibreOffice's .docx of a .doc."""
    if convertible_format(path) is None:
        return path.read_bytes()
    converted = folder / "source.docx"
    request.getfixturevalue("converter").convert(path, converted, export=DOCX_EXPORT)
    return converted.read_bytes()


def _paragraph_texts(data: bytes, parts: re.Pattern = _TEXT_PART) -> list[str]:
    """Every paragraph of the body, tables, text boxes and notes (``parts``), in order, NFC; the
    empty ones left out (the line under the Tiêu ngữ is drawn on an empty paragraph)."""
    texts = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in sorted(n for n in package.namelist() if parts.fullmatch(n)):
            for para in etree.fromstring(package.read(name)).iter(f"{_W}p"):
                shown = "".join(
                    (node.text or "") if _SHOWN[node.tag] is None else _SHOWN[node.tag]
                    for node in para.iter(*_SHOWN)
                    if node.tag != f"{_W}br" or node.get(f"{_W}type", "textWrapping") == "textWrapping"
                )
                if shown.strip():
                    texts.append(unicodedata.normalize("NFC", shown))
    return texts


def _page_texts(data: bytes) -> set[str]:
    """The words of the headers and footers, their digits (a page number) left out: the fix moves
    the page number and gives page 1 its own copy, and keeps every word typed there."""
    texts = (re.sub(r"\d", "", text).strip() for text in _paragraph_texts(data, _PAGE_PART))
    return {text for text in texts if text}


def _rewrites(changes: list[str]) -> list[tuple[str, str]]:
    """The (before, after) texts the fix says it rewrote, each checked to be only the documented
    change: the Tiêu ngữ's dashes and spaces, the zeros of the day and month."""
    rewrites = []
    for change in changes:
        if motto := _MOTTO.fullmatch(change):
            before, after = motto.groups()
            assert after == spec.MOTTO and _letters(before) == _letters(spec.MOTTO), change
            rewrites.append((before, after))
        elif date := _DATE.fullmatch(change):
            before, after = date.groups()
            assert after == _zero_padded(before), change
            rewrites.append((before, after))
    return rewrites


def _letters(line: str) -> str:
    return "".join(char for char in line if char.isalpha())


def _zero_padded(line: str) -> str:
    day = re.sub(r"(ngày\s+)(\d{1,2})\b", lambda m: m[1] + str(int(m[2])).zfill(_ZERO_PADDED_WIDTH), line)
    return re.sub(
        r"(tháng\s+)(\d{1,2})\b",
        lambda m: m[1] + (str(int(m[2])).zfill(_ZERO_PADDED_WIDTH) if int(m[2]) in _ZERO_PADDED_MONTHS else str(int(m[2]))),
        day,
    )


def _same_but_rewrites(fixed: list[str], original: list[str], rewrites: list[tuple[str, str]]) -> None:
    """``fixed`` is ``original`` with each rewrite applied once, to the first paragraph holding it;
    a rewritten paragraph is compared with its spaces collapsed, as the rewrite quotes it."""
    expected, rewritten = list(original), set()
    for before, after in rewrites:
        before = " ".join(before.split())
        number = next(n for n, para in enumerate(expected) if n not in rewritten and before in " ".join(para.split()))
        expected[number] = " ".join(expected[number].split()).replace(before, after, 1)
        rewritten.add(number)
    assert [" ".join(para.split()) if n in rewritten else para for n, para in enumerate(fixed)] == expected


def _declined(finding) -> bool:
    """A finding the fix leaves on purpose (fix.py says why): a symbol drawn in its own font, a
    Tiêu ngữ that is not there or has a misspelt word, a line of dashes typed under it, a name of an agency or authority not in capitals or a signer's
    "name" not starting with a capital (not surely that component: restyling it could change
    something else)."""
    quoted = _QUOTED.findall(finding.message)
    if finding.code == "ND30-FONT":
        return all("\ue000" <= char <= "\uf8ff" for char in quoted[1])
    if finding.code == "ND30-MOTTO":
        missing = finding.message == text("ND30-MOTTO/missing", expected=spec.MOTTO)
        return missing or _letters(quoted[0]) != _letters(spec.MOTTO)
    if finding.code in ("ND30-PARENT-STYLE", "ND30-ISSUER-STYLE", "ND30-AUTHORITY-STYLE"):
        return text("part.nd30.not_caps") in finding.message
    if finding.code == "ND30-MOTTO-RULE":  # a line of "-----" typed under it: those are characters
        return finding.message == text("ND30-MOTTO-RULE/typed", rule=f"“{quoted[0]}”")
    if finding.code == "ND30-SIGNER-STYLE":
        return not quoted[0][:1].isupper()
    return False


def _schema_problems(data: bytes) -> set[str]:
    """The package's schema violations without line numbers (a part saved again is laid out anew)."""
    return {re.sub(r":\d+:", ":", problem, count=1) for problem in ooxml.problems(data)}


@pytest.mark.parametrize("path", [_param(path) for path in FILES])
def test_fix_round_trips_without_touching_content(path: Path, request: pytest.FixtureRequest, tmp_path: Path):
    original = hashlib.sha256(path.read_bytes()).hexdigest()
    target = tmp_path / "da-sua.docx"
    fixed = fix_file(path, target)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == original
    if fixed.data is None:  # a web page saved as .doc: named, to be saved as .docx first
        assert [f.code for f in fixed.findings] == ["ND30-UNREADABLE"] and not target.exists()
        assert convertible_format(path) == "html"
        return
    source = _source_docx(path, request, tmp_path)
    assert target.read_bytes() == fixed.data
    docx.Document(io.BytesIO(fixed.data))  # opens
    _same_but_rewrites(_paragraph_texts(fixed.data), _paragraph_texts(source), _rewrites(fixed.changes))
    assert _page_texts(source) <= _page_texts(fixed.data)
    left = [f for f in check_docx(fixed.data) if f.code in FIXED_CODES and not _declined(f)]
    assert [f.format() for f in left] == []
    assert fix_docx(fixed.data).changes == []  # nothing left to fix: fixing again changes nothing
    assert _schema_problems(fixed.data) <= _schema_problems(source)


# --- A component sharing its paragraph with others is fixed alone (what the corpus's .doc files do) ---


def test_the_date_typed_after_the_number_and_a_tab_is_fixed_apart_from_it():
    document = docx.Document(io.BytesIO(tab_header_docx()))
    line = paragraph(document, "Số: 12/KH-UBND")
    for run in line.runs[1:]:
        line._p.remove(run._r)
    line.runs[0].text = "Số: 12/KH-UBND\tThái Nguyên, ngày 5 tháng 1 năm 2017"
    line.runs[0].italic, line.runs[0].font.size = False, Pt(13)
    source = to_bytes(document)
    assert {"ND30-DATE-ZERO", "ND30-DATE-STYLE"} <= {f.code for f in check_docx(source)}
    fixed = fix_docx(source)
    assert [f.format() for f in check_docx(fixed.data) if f.code in FIXED_CODES] == []
    runs = paragraph(docx.Document(io.BytesIO(fixed.data)), "Số: 12/KH-UBND").runs
    assert [(run.text, run.italic, run.font.size.pt) for run in runs] == [
        ("Số: 12/KH-UBND", False, 13), ("\t", False, 13), ("Thái Nguyên, ngày 05 tháng 01 năm 2017", True, 13),
    ]


def test_recipients_typed_as_one_paragraph_with_line_breaks_are_each_resized():
    def broken(document) -> None:
        first = paragraph(document, "- Sở Nội vụ;")
        second = paragraph(document, "- Lưu: VT, VP.")
        first.runs[0].text = "- Sở Nội vụ;\n- Lưu: VT, VP."
        first.runs[0].font.size = Pt(8)
        second._p.getparent().remove(second._p)

    source = conforming_docx(broken)
    assert "ND30-RECIPIENTS-ITEM-STYLE" in {f.code for f in check_docx(source)}
    fixed = fix_docx(source)
    assert [f.format() for f in check_docx(fixed.data) if f.code in FIXED_CODES] == []
    runs = paragraph(docx.Document(io.BytesIO(fixed.data)), "- Sở Nội vụ;").runs
    assert [(run.text, run.font.size.pt) for run in runs] == [("- Sở Nội vụ;\n", 11), ("- Lưu: VT, VP.", 11)]
    assert "Nơi nhận:" in [p.text for p in paragraphs(docx.Document(io.BytesIO(fixed.data)))]
