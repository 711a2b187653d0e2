"""What ``hoso pack`` shows while it runs and when it ends: a progress bar over the units, then a
summary table (unit, documents, status, first error). The command itself is in :mod:`pipeline.cli.app`."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.api import Finding, PackProgress, PackReport, pack


def pack_with_progress(bloc: Path, out_dir: Path, *, console: Console, **options: Any) -> PackReport:
    """:func:`pipeline.api.pack` with a progress bar over the units on ``console`` while it runs."""
    progress = Progress(
        TextColumn("Đang tạo gói hồ sơ"), BarColumn(), MofNCompleteColumn(), TextColumn("đơn vị"),
        TimeElapsedColumn(), TextColumn("{task.fields[last]}"), console=console, transient=True,
    )
    task = progress.add_task("pack", total=None, last="")

    def shown(step: PackProgress) -> None:
        if step.group is None:
            progress.update(task, total=step.total)
            # Only a terminal gets the live bar; a log or a pipe gets the summary table alone. The
            # bar's thread starts now, once every worker process is running.
            if console.is_terminal:
                progress.start()
        else:
            progress.update(task, completed=step.done, last=escape(step.group))

    try:
        return pack(bloc, out_dir, on_progress=shown, **options)
    finally:
        if progress.live.is_started:
            progress.stop()


def summary_table(report: PackReport) -> Table:
    table = Table(title="Kết quả tạo gói hồ sơ", title_justify="left")
    table.add_column("Đơn vị")
    table.add_column("Văn bản", justify="right")
    table.add_column("Trạng thái")
    table.add_column("Lỗi đầu tiên", overflow="fold")
    for group in report.plan.groups:
        result = report.results.get(group.order)
        if result is None:
            table.add_row(escape(group.name), "0", "[yellow]chưa tạo[/yellow]", "")
        elif result.ok:
            table.add_row(escape(group.name), str(len(result.written)), "[green]xong[/green]", "")
        else:
            first = _near(result.errors[0], report.plan.bloc_file.parent).format()
            table.add_row(escape(group.name), "0", f"[red]lỗi ({len(result.errors)})[/red]", escape(first))
    return table


def _near(finding: Finding, base: Path) -> Finding:
    """The finding with its file named from the bloc's folder, to keep the table narrow (the full
    path is printed with every error above the table)."""
    if finding.file and Path(finding.file).is_relative_to(base):
        return dataclasses.replace(finding, file=Path(finding.file).relative_to(base).as_posix())
    return finding
