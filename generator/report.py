"""What a build tells the editor: each output as it is written, and a summary (files, sizes, time, 待补充 values,
items withheld on purpose)."""
from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.table import Table


class Report:
    """Told each step of the pipeline; prints what the editor needs to know."""

    def __init__(self):
        self.console = Console(highlight=False, soft_wrap=True)
        self.started = time.perf_counter()
        self.findings: list = []
        self.files: list[Path] = []
        self.skipped = 0
        self.notices: list[str] = []
        self.outputs: list[Path] = []  # written or up to date: what the next build checks before it does anything

    def start(self, findings) -> None:
        self.findings = findings

    @contextmanager
    def step(self, what: str):
        with self.console.status(f"{what} …", spinner="dots"):
            yield

    def _wrote(self, path: Path) -> None:
        size = f"{path.stat().st_size // 1024} KB" if path.is_file() else "folder"
        self.console.print(f"wrote {path.as_posix()} ({size})")
        self.files.append(path)

    def _listed(self, result) -> None:
        for path in result.written:
            self._wrote(path)
        for path in result.skipped:
            self.console.print(f"up to date: {path.as_posix()}")
        self.skipped += len(result.skipped)
        self.outputs += [*result.written, *result.skipped]

    def documents(self, result) -> None:
        self._listed(result)
        if result.charts_drawn or result.charts_cached:
            self.console.print(f"charts: {result.charts_drawn} drawn, {result.charts_cached} from the cache")

    def published(self, result) -> None:
        self._listed(result)
        for line in result.faces:
            self.console.print(line)
        self.notices += result.notices
        for notice in result.notices:
            self.console.print(f"notice: {notice}")

    def unchanged(self, record: dict) -> None:
        """A build that found nothing changed since the last one with the same options (see up_to_date)."""
        for shown, _, _ in record["outputs"]:
            self.console.print(f"up to date: {shown}")
        self._shown_lines(record.get("shown") or {})
        self.console.print(f"done in {time.perf_counter() - self.started:.2f} s: nothing changed since the last build, "
                           f"{len(record['outputs'])} up to date")

    def shown(self) -> dict[str, int]:
        """How many gaps the outputs of this build show, by what they show: missing values, unconfirmed figures,
        items withheld on purpose (the findings of the conferences built, not of the whole series)."""
        counts = {"missing": 0, "unverified": 0, "withheld": 0}
        for f in self.findings:
            if f.shows in counts:
                counts[f.shows] += 1
            elif f.severity == "withheld":
                counts["withheld"] += 1
        return counts

    def _shown_lines(self, shown: dict[str, int]) -> None:
        if shown.get("missing"):
            self.console.print(f"{shown['missing']} value(s) shown as 待补充; run `python -m generator check` to list them")
        if shown.get("unverified"):
            self.console.print(f"{shown['unverified']} figure(s) highlighted as 待核对 (not yet confirmed); run "
                               f"`python -m generator check` to list them")
        if shown.get("withheld"):
            self.console.print(f"{shown['withheld']} item(s) withheld on purpose (publish: false / withhold), shown "
                               f"nowhere; run `python -m generator check` to list them with their reasons")

    def summary(self, out: Path) -> None:
        files = [p for p in self.files if p.is_file()]
        if len(files) > 1 and self.console.is_terminal:
            table = Table(title="输出 outputs", show_lines=False)
            table.add_column("file")
            table.add_column("size", justify="right")
            for path in files:
                table.add_row(path.relative_to(out).as_posix() if path.is_relative_to(out) else path.as_posix(),
                              f"{path.stat().st_size // 1024} KB")
            self.console.print(table)
        self._shown_lines(self.shown())
        total = sum(p.stat().st_size for p in files)
        self.console.print(f"done in {time.perf_counter() - self.started:.2f} s: {len(files)} file(s) written "
                           f"({total // 1024} KB), {self.skipped} up to date")
