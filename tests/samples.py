"""Where the samples and golden files are; every sample input is rendered and checked by the suite."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLE_INPUTS = sorted(SAMPLES.rglob("*.yaml"))


def sample_id(path: Path) -> str:
    return path.relative_to(SAMPLES).with_suffix("").as_posix()
