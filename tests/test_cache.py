"""The validation cache: an input validated once is reused while nothing it was validated from has
changed (its file, its linked inputs' files, the files its patterns match, its workbooks), and
never when something has, even when a file keeps its size and modification time."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
import yaml

from pipeline import api
from pipeline.core.errors import InputError
from pipeline.orchestrator import ValidationCache, fingerprint, validate_file
from pipeline.stages.draft import Mode
from pipeline.web import year
from pipeline.web.workspace import Workspace
from tests.pack_files import bloc_copy, edit
from tests.samples import SAMPLES


@pytest.fixture
def bloc(tmp_path: Path) -> Path:
    return bloc_copy(tmp_path)


def test_an_unchanged_input_is_validated_once(bloc: Path) -> None:
    cache = ValidationCache()
    first = validate_file(bloc / "to-trinh.yaml", cache=cache)
    assert (cache.hits, cache.misses, len(cache)) == (0, 2, 2)  # the tờ trình and the vote it links
    assert validate_file(bloc / "to-trinh.yaml", cache=cache) is first
    assert cache.hits == 1


def test_a_linked_input_validated_before_is_served(bloc: Path) -> None:
    cache = ValidationCache()
    vote = validate_file(bloc / "bien-ban-hop.yaml", "vote", cache=cache)
    nomination = validate_file(bloc / "to-trinh.yaml", cache=cache)
    assert nomination.linked["vote"] is vote
    assert (cache.hits, cache.misses) == (1, 2)


def test_a_changed_linked_file_gives_its_new_findings(bloc: Path) -> None:
    cache = ValidationCache()
    assert not [f for f in validate_file(bloc / "to-trinh.yaml", cache=cache).warnings if f.code == "load.cleaned_char"]
    edit(bloc / "bien-ban-hop.yaml", "place: Sở Văn hóa", "place: Sở\xa0Văn hóa")
    again = validate_file(bloc / "to-trinh.yaml", cache=cache)
    [cleaned] = [f for f in again.warnings if f.code == "load.cleaned_char"]
    assert (cleaned.file, cleaned.path) == (str(bloc / "bien-ban-hop.yaml"), "vote.place")
    assert cache.hits == 0


def test_a_change_keeping_size_and_time_is_seen_through_the_content(bloc: Path) -> None:
    vote = bloc / "bien-ban-hop.yaml"
    before = os.stat(vote)
    cache = ValidationCache()
    assert validate_file(bloc / "to-trinh.yaml", cache=cache).linked["vote"].model.start.hour == 8
    edit(vote, "start: 2016-12-20 08:00", "start: 2016-12-20 09:00")
    os.utime(vote, ns=(before.st_atime_ns, before.st_mtime_ns))  # as ``touch -d`` would
    after = os.stat(vote)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert validate_file(bloc / "to-trinh.yaml", cache=cache).linked["vote"].model.start.hour == 9
    assert cache.hits == 0


def _settle(path: Path) -> None:
    """Wait until the file's last change is older than its time stamps' granularity, as a linked
    file the clerk saved earlier is: from then on its status alone says whether it changed."""
    for _ in range(60):
        if fingerprint(path).digest is None:
            return
        time.sleep(0.05)
    raise AssertionError(f"{path} still too recent to trust its time stamps")


def test_a_file_is_hashed_only_while_its_time_stamps_cannot_vouch_for_it(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert fingerprint(path).digest is not None  # written a moment ago: a second write may keep its times
    _settle(path)
    assert fingerprint(path, hashed=True).digest is not None


def test_a_settled_linked_file_changed_behind_its_old_size_and_time_gives_its_new_findings(bloc: Path) -> None:
    vote = bloc / "bien-ban-hop.yaml"
    _settle(vote)
    cache = ValidationCache()
    first = validate_file(bloc / "to-trinh.yaml", cache=cache)
    assert validate_file(bloc / "to-trinh.yaml", cache=cache) is first
    before = os.stat(vote)
    edit(vote, "place: Sở Văn hóa", "place: Sở\x0bVăn hóa")  # Word's line break: one byte, as the space
    os.utime(vote, ns=(before.st_atime_ns, before.st_mtime_ns))  # as ``touch -d`` would
    after = os.stat(vote)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    again = validate_file(bloc / "to-trinh.yaml", cache=cache)
    [cleaned] = [f for f in again.warnings if f.code == "load.cleaned_char"]
    assert (cleaned.file, cleaned.path) == (str(vote), "vote.place")
    assert cache.hits == 1


def test_a_file_that_failed_is_not_kept(bloc: Path) -> None:
    cache = ValidationCache()
    edit(bloc / "bien-ban-hop.yaml", "year: 2016", "year: hai nghìn")
    with pytest.raises(InputError):
        validate_file(bloc / "to-trinh.yaml", cache=cache)
    assert len(cache) == 0
    edit(bloc / "bien-ban-hop.yaml", "year: hai nghìn", "year: 2016")
    validate_file(bloc / "to-trinh.yaml", cache=cache)
    assert (cache.hits, len(cache)) == (0, 2)


def test_a_file_a_pattern_now_matches_is_seen(bloc: Path) -> None:
    cache = ValidationCache()
    validate_file(bloc / "tong-ket.yaml", cache=cache)
    folder = bloc / "tu-danh-gia"
    shutil.copy(folder / "01-so-van-hoa-the-thao-va-du-lich.yaml", folder / "99-ban-sao.yaml")
    with pytest.raises(InputError) as caught:  # the same unit twice: the summary is validated again
        validate_file(bloc / "tong-ket.yaml", cache=cache)
    assert "link.unit_repeated" in [f.code for f in caught.value.findings]
    (folder / "99-ban-sao.yaml").unlink()
    validate_file(bloc / "tong-ket.yaml", cache=cache)
    assert cache.hits > 0  # the units' own files were unchanged throughout


def test_a_changed_workbook_is_seen(tmp_path: Path) -> None:
    folder = tmp_path / "excel"
    shutil.copytree(SAMPLES / "excel", folder)
    shutil.copy(SAMPLES / "hoso-root.txt", tmp_path)
    cache = ValidationCache()
    first = validate_file(folder / "bien-ban-hop.yaml", cache=cache)
    assert validate_file(folder / "bien-ban-hop.yaml", cache=cache) is first
    workbook = folder / "bang-tinh-2016.xlsx"
    workbook.write_bytes(workbook.read_bytes() + b"\0")  # still a readable zip: a trailing byte
    assert validate_file(folder / "bien-ban-hop.yaml", cache=cache) is not first


def test_what_the_result_depends_on_is_part_of_the_key(bloc: Path) -> None:
    cache = ValidationCache()
    final = validate_file(bloc / "bien-ban-hop.yaml", cache=cache)
    assert validate_file(bloc / "bien-ban-hop.yaml", "vote", cache=cache) is not final
    assert validate_file(bloc / "bien-ban-hop.yaml", mode=Mode.DRAFT, cache=cache) is not final
    with pytest.raises(InputError):  # its warnings become errors
        validate_file(bloc / "bien-ban-hop.yaml", strict=True, cache=cache)
    assert cache.hits == 0


def test_the_least_recently_used_entries_go(bloc: Path) -> None:
    cache = ValidationCache(capacity=2)
    names = sorted((bloc / "tu-danh-gia").glob("*.yaml"))[:3]
    for path in names:
        validate_file(path, cache=cache)
    assert len(cache) == 2
    validate_file(names[-1], cache=cache)
    validate_file(names[0], cache=cache)
    assert (cache.hits, cache.misses) == (1, 4)


def test_the_api_validates_and_renders_through_a_cache(bloc: Path) -> None:
    cache = api.ValidationCache()
    first = api.validate(bloc / "to-trinh.yaml", cache=cache)
    documents = api.render_documents(bloc / "to-trinh.yaml", cache=cache)
    assert cache.hits == 1 and [d.data for d in documents] == [d.data for d in api.render_documents(first)]
    # Data held in memory is validated each time; the vote it links is served.
    data = yaml.safe_load((bloc / "to-trinh.yaml").read_text(encoding="utf-8"))
    vote = api.validate(data, base=bloc, cache=cache).linked["vote"]
    hits = cache.hits
    assert api.validate(data, base=bloc, cache=cache).linked["vote"] is vote
    assert cache.hits == hits + 1


def test_the_workbench_validates_a_linked_input_once_until_it_changes(bloc: Path) -> None:
    workspace = Workspace("w", bloc)
    year.check(workspace, "bien-ban-hop.yaml")
    hits = year.VALIDATIONS.cache.hits
    assert year.check(workspace, "to-trinh.yaml").state == "warning"
    assert year.VALIDATIONS.cache.hits == hits + 1  # the vote the year's page validated already
    edit(bloc / "bien-ban-hop.yaml", "place: Sở Văn hóa", "place: Sở\xa0Văn hóa")
    # The preview validates through the same cache, as a draft: a key of its own, the vote read again.
    assert "load.cleaned_char" in {f.code for f in year.VALIDATIONS.validate(bloc / "to-trinh.yaml", draft=True).warnings}
    assert "load.cleaned_char" in {f.code for f in year.check(workspace, "to-trinh.yaml").findings}
