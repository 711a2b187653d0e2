"""``hoso bench``'s reading of a peer benchmark run and its report of the full path (what it
measures is never asserted: speed is measured, not tested)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.commands.bench import BenchReport, FullPath, PackRun, peer_results, report_lines, write_decision
from pipeline.commands.bench_check import CorpusSpeed, DocumentTime, StartUp, documents_in, percentile
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


def test_the_two_process_speed_up_is_read_from_wall_and_from_cpu_times() -> None:
    machine = {"cpu": "CPU", "nproc": 2, "memory_gib": 8.0, "python": "3.11", "system": "Linux"}
    one = PackRun(1000, 1, 2006, 20.0, 90.0, 85.0, 0, main_cpu_seconds=1.0, worker_cpu_seconds=17.0,
                  load_average=(0.5, 1.1))
    two = PackRun(1000, 2, 2006, 16.0, 90.0, 85.0, 0, main_cpu_seconds=1.0, worker_cpu_seconds=18.0,
                  load_average=(3.0, 3.4))
    report = BenchReport(machine, [], [], [one, two], parallel_repeat=3)
    assert report.speedup() == 1.25  # a busy machine: its other programs slowed the 2-process runs
    assert report.cpu_speedup() == 18.0 / 10.0
    lines = report_lines(report)
    assert any("theo thời gian thực: 1,25 lần (mục tiêu ≥ 1,70: CHƯA ĐẠT); tải của máy 0,50 → 1,10" in line for line in lines)
    assert any("theo thời gian CPU: 1,80 lần (mục tiêu ≥ 1,70: đạt)" in line for line in lines)


def test_the_check_figures_are_read_as_median_percentile_and_slowest(tmp_path: Path) -> None:
    assert percentile([0.4, 0.1, 0.3, 0.2], 50) == 0.2
    assert percentile([float(n) for n in range(1, 21)], 95) == 19.0
    assert percentile([0.7], 95) == 0.7
    documents = [DocumentTime(Path(f"{n}.docx"), n / 100, 0) for n in range(1, 6)]
    documents.append(DocumentTime(Path("luat.doc"), 0.35, 2, "doc", 0.09))
    documents.append(DocumentTime(Path("thong-tu.doc"), 0.02, 1, "doc", 0.05))
    speed = CorpusSpeed(documents, [StartUp(("check", "--help"), 0.21, 0.19), StartUp(("check", "1.docx"), 0.62, 0.3)],
                        "CPU", (1.5, 2.0), office_start_s=1.2, office_cpu_s=3.4, not_converted=(Path("hong.doc"),))
    lines = speed.lines(slowest=2)
    assert lines[0].startswith("Máy: CPU, ") and lines[0].endswith(" CPU; tải trung bình 1 phút 1,50 → 2,00")
    assert lines[1] == ("Đọc và kiểm tra thể thức (7 văn bản, không dàn trang), CPU mỗi văn bản: trung vị 0,030 s, "
                        "p95 0,350 s, chậm nhất 0,350 s (mục tiêu ≤ 0,30 s: CHƯA ĐẠT)")
    assert lines[2] == "  Chậm nhất: luat.doc 0,350 s; 5.docx 0,050 s"
    assert lines[3] == ("  LibreOffice chuyển 2 tệp sang .docx (không tính vào trên, thời gian thực): tệp đầu 1,20 s gồm "
                        "khởi động, các tệp sau trung vị 0,050 s, chậm nhất 0,050 s; CPU của LibreOffice cả loạt 3,40 s")
    assert lines[4] == "  Không chuyển được sang .docx nên không đo: hong.doc"
    assert lines[5] == "«hoso check --help» trong tiến trình mới: 0,21 s, CPU 0,19 s (mục tiêu ≤ 0,50 s: đạt)"
    assert lines[6] == "«hoso check 1.docx» trong tiến trình mới: 0,62 s, CPU 0,30 s (mục tiêu ≤ 0,50 s: CHƯA ĐẠT)"
    nothing = CorpusSpeed([], [], "CPU", (0.5, 0.5), not_converted=(Path("hong.doc"),)).lines()
    assert nothing[1:] == ["Đọc và kiểm tra thể thức: không có văn bản nào đo được",
                           "  Không chuyển được sang .docx nên không đo: hong.doc"]


def test_the_check_benchmark_takes_the_documents_of_a_folder_and_its_subfolders_in_path_order(tmp_path: Path) -> None:
    folder = tmp_path / "goi"
    (folder / "01-don-vi").mkdir(parents=True)
    for name in ("b.doc", "a.docx", "c.rtf", "manifest.yaml", "01-don-vi/d.odt", "01-don-vi/ghi-chu.txt"):
        (folder / name).write_bytes(b"")
    extra = tmp_path / "e.docx"
    expected = [folder / n for n in ("01-don-vi/d.odt", "a.docx", "b.doc", "c.rtf")]
    assert documents_in([folder, extra]) == [*expected, extra]
