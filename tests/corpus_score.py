"""How far `hoso check` can be trusted on real agency documents: run it on every file of
``tests/corpus/``, match its findings to the labels in ``tests/corpus/manifest.yaml`` (each set
by looking at the rendered page: ``true`` a real NĐ 30 defect a clerk would fix, ``false`` a
false alarm) and print, per file and in total, the findings, true, false, unlabelled (findings
that appeared after labelling), missed (defects seen on the page that the check did not report),
precision = true / labelled findings and recall = true / (true + missed); apart for the files
tuned on and for the holdout (``holdout: true``: files added after the checker was tuned on the
others and labelled against it as it then was; a fix made later on the strength of one of them
makes the holdout a little less blind, and the manifest says so in that file's notes).

    python -m tests.corpus_score [--verbose]

Exits non-zero only when the check or the manifest cannot be read, never because of the numbers.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent / "corpus"
MANIFEST = CORPUS / "manifest.yaml"
KINDS_WITHOUT_FRAME = {"bieu-mau", "bieu-mau-thong-ke", "khong-nd30"}
_QUOTE = re.compile(r"“([^”]*)”")


def quote_of(message: str) -> str:
    """The part of a finding's message that names what it is about: the first “quoted” text, or
    else the first three words (“Lề trên 17,5”), so that a label survives a rewording of the rest."""
    found = _QUOTE.search(message)
    if found:
        return found.group(1)
    return " ".join(message.split()[:3])


def load_manifest(path: Path = MANIFEST) -> list[dict]:
    """The manifest's entries, one per corpus file (``ValueError`` when malformed)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = data.get("files") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: no “files:” list")
    for entry in entries:
        problems = entry_problems(entry)
        if problems:
            raise ValueError(f"{path}: {entry.get('file', '?')}: {'; '.join(problems)}")
    return entries


def entry_problems(entry: dict) -> list[str]:
    """What is wrong with one manifest entry (empty when it is well-formed)."""
    problems = []
    if not isinstance(entry.get("file"), str):
        problems.append("no file")
    source = entry.get("source")
    if not (isinstance(source, dict) and {"repository", "path", "commit"} <= source.keys()):
        problems.append("source needs repository, path, commit")
    if not isinstance(entry.get("kind"), str):
        problems.append("no kind")
    if not isinstance(entry.get("holdout", False), bool):
        problems.append("holdout must be true or false")
    for label in entry.get("labels") or []:
        if not isinstance(label.get("code"), str) or label.get("label") not in (True, False):
            problems.append(f"label without code or true/false: {label}")
    for missed in entry.get("missed") or []:
        if not (missed.get("code") or missed.get("description")):
            problems.append(f"missed entry without code or description: {missed}")
    return problems


def run_check(files: list[Path]) -> dict[str, dict]:
    """`hoso check --format json` on all files at once (one LibreOffice for the .doc files): file
    name → its result (kind, notice, findings)."""
    hoso = Path(sys.executable).with_name("hoso")
    command = [str(hoso)] if hoso.exists() else [sys.executable, "-m", "pipeline.cli.app"]
    done = subprocess.run([*command, "check", "--format", "json", *map(str, files)],
                          capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"hoso check exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    results = json.loads(done.stdout)
    return {Path(result["file"]).name: result for result in results}


@dataclass
class Score:
    """The counts for one file, or summed over the corpus."""

    findings: int = 0
    true: int = 0
    false: int = 0
    unlabelled: int = 0
    missed: int = 0
    false_codes: Counter = field(default_factory=Counter)
    new: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.findings += other.findings
        self.true += other.true
        self.false += other.false
        self.unlabelled += other.unlabelled
        self.missed += other.missed
        self.false_codes.update(other.false_codes)

    @property
    def precision(self) -> float | None:
        labelled = self.true + self.false
        return self.true / labelled if labelled else None

    @property
    def recall(self) -> float | None:
        seen = self.true + self.missed
        return self.true / seen if seen else None


def _matches(label: dict, finding: dict, *, by_path: bool) -> bool:
    if label["code"] != finding["code"]:
        return False
    if by_path and label.get("path") is not None and label["path"] != finding.get("path"):
        return False
    quote = label.get("quote")
    return quote is None or quote == quote_of(finding.get("message") or "")


def score_file(entry: dict, findings: list[dict]) -> Score:
    """Match each finding to one label, by code, data path and quoted text first, then by code
    and quoted text alone (the path moves when the reader changes); what is left is unlabelled."""
    labels = list(entry.get("labels") or [])
    used = [False] * len(labels)
    score = Score(findings=len(findings), missed=len(entry.get("missed") or []))
    for finding in findings:
        match = None
        for by_path in (True, False):
            match = next((i for i, label in enumerate(labels)
                          if not used[i] and _matches(label, finding, by_path=by_path)), None)
            if match is not None:
                break
        if match is None:
            score.unlabelled += 1
            score.new.append(f"{finding['code']} | {finding.get('path')} | {finding.get('message')}")
            continue
        used[match] = True
        if labels[match]["label"]:
            score.true += 1
        else:
            score.false += 1
            score.false_codes[finding["code"]] += 1
    return score


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def main(argv: list[str] | None = None) -> int:
    verbose = "--verbose" in (argv if argv is not None else sys.argv[1:])
    try:
        entries = load_manifest()
        results = run_check([CORPUS / entry["file"] for entry in entries])
    except (OSError, ValueError, RuntimeError, KeyError, json.JSONDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    total, tuned, holdout = Score(), Score(), Score()
    held = sum(bool(entry.get("holdout")) for entry in entries)
    print(f"{'file':44} {'kind':18} {'find':>4} {'true':>4} {'false':>5} {'new':>4} {'miss':>4} "
          f"{'precision':>9} {'recall':>7}")
    for entry in entries:
        result = results.get(Path(entry["file"]).name)
        if result is None:
            print(f"error: no result for {entry['file']}", file=sys.stderr)
            return 2
        score = score_file(entry, result.get("findings") or [])
        total.add(score)
        (holdout if entry.get("holdout") else tuned).add(score)
        print(f"{entry['file']:44} {str(result.get('kind')):18} {score.findings:4} {score.true:4} "
              f"{score.false:5} {score.unlabelled:4} {score.missed:4} {_percent(score.precision):>9} "
              f"{_percent(score.recall):>7}")
        if verbose:
            for line in score.new:
                print(f"    new: {line}")
    for name, score, count in (("tuned", tuned, len(entries) - held), ("holdout", holdout, held)):
        if count:
            print(f"{name + ' (' + str(count) + ' files)':63} {score.findings:4} {score.true:4} {score.false:5} "
                  f"{score.unlabelled:4} {score.missed:4} {_percent(score.precision):>9} {_percent(score.recall):>7}")
    print(f"{'total (' + str(len(entries)) + ' files)':63} {total.findings:4} {total.true:4} {total.false:5} "
          f"{total.unlabelled:4} {total.missed:4}")
    print(f"precision {_percent(total.precision)} (true / labelled findings), "
          f"recall {_percent(total.recall)} (true / (true + missed))")
    if total.false_codes:
        worst = ", ".join(f"{code} {count}" for code, count in total.false_codes.most_common(8))
        print(f"false alarms by code: {worst}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
