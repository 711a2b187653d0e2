"""``hoso bench``'s reading of a peer benchmark run and its report of the full path (what it
measures is never asserted: speed is measured, not tested)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.commands.bench import BenchReport, FullPath, peer_results, report_lines, write_decision
from pipeline.orchestrator import validate_file


def test_peer_results_are_read_from_the_raw_folder_of_a_run(tmp_path: Path) -> None:
    raw = tmp_path / "results" / "raw"
    raw.mkdir(parents=True)
    (raw / "docxtemplater_20.json").write_text(json.dumps({"cpu_ms_per_doc": 17.0, "median_ms": 9.1}))
    (raw / "hoso_full_500.json").write_text(json.dumps({"cpu_ms_per_doc": 80.5}))
    (raw / "carbone_escape.json").write_text(json.dumps({"once_ms": 40.0}))
    (raw / "carbone_500.json").write_text("")  # a run that failed
    assert peer_results(tmp_path) == {("docxtemplater", 20): 17.0, ("hoso_full", 500): 80.5}


def test_the_report_judges_the_full_path_against_the_peers_of_the_same_run() -> None:
    machine = {"cpu": "CPU", "nproc": 2, "memory_gib": 8.0, "python": "3.11", "system": "Linux"}
    full = [FullPath(20, 10.0, 12.0, 8.0, 0.2, 2.0), FullPath(500, 60.0, 70.0, 50.0, 0.4, 5.0),
            FullPath(5000, 630.0, 700.0, 500.0, 2.0, 50.0)]
    peers = {("docxtemplater", 20): 16.0, ("carbone", 500): 50.0, ("hoso_full", 500): 45.0}
    report = BenchReport(machine, [], [], [], full=full, peers=peers)
    assert report.rows_scaling() == 10.5
    assert report.vs_peers() == [(20, "docxtemplater", 16.0, 0.625, None), (500, "carbone", 50.0, 1.2, 0.9)]
    lines = report_lines(report)
    assert "  CPU 5 000 dòng / 500 dòng: 10,50 (mục tiêu ≤ 11,00: đạt)" in lines
    assert any(line.endswith("= 1,20; đo cùng một lần chạy của bộ đo đó: 0,90 (mục tiêu ≤ 1,00: đạt)") for line in lines)


def test_the_benchmark_decision_is_valid(tmp_path: Path) -> None:
    validated = validate_file(write_decision(tmp_path, 3))
    assert validated.kind.name == "decision"
