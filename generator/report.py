"""What a build tells the editor: each output as it is written, and a summary (files, sizes, time, 待补充 values,
items withheld on purpose)."""
from __future__ import annotations

import contextlib
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from .messages import _


class Plain:
    """The console when the output is not a terminal (a log, a pipe, CI): lines as they are, no spinner. rich is
    loaded only for a terminal (its import is 30 ms, a tenth of a rebuild after an edit)."""

    is_terminal = False

    def print(self, text: str) -> None:
        print(text, flush=True)

    def status(self, what: str, spinner: str = ""):
        return contextlib.nullcontext()


def console():
    if not sys.stdout.isatty():
        return Plain()
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


class Report:
    """Told each step of the pipeline; prints what the editor needs to know."""

    def __init__(self):
        self.console = console()
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
        size = f"{path.stat().st_size // 1024} KB" if path.is_file() else _("folder")
        self.console.print(_("wrote {file} ({size})", file=path.as_posix(), size=size))
        self.files.append(path)

    def _listed(self, result) -> None:
        for path in result.written:
            self._wrote(path)
        for path in result.skipped:
            self.console.print(_("up to date: {file}", file=path.as_posix()))
        self.skipped += len(result.skipped)
        self.outputs += [*result.written, *result.skipped]

    def documents(self, result) -> None:
        self._listed(result)
        if result.charts_drawn or result.charts_cached:
            self.console.print(_("charts: {drawn} drawn, {cached} from the cache", drawn=result.charts_drawn,
                                 cached=result.charts_cached))

    def published(self, result) -> None:
        self._listed(result)
        for line in result.faces:
            self.console.print(line)
        self.notices += result.notices
        for notice in result.notices:
            self.console.print(_("warning: {notice}", notice=notice))

    def unchanged(self, record: dict) -> None:
        """A build that found nothing changed since the last one with the same options (see up_to_date)."""
        for shown, _hash, _size in record["outputs"]:
            self.console.print(_("up to date: {file}", file=shown))
        self._shown_lines(record.get("shown") or {})
        self.console.print(_("done in {seconds:.2f} s: nothing changed since the last build, {n} up to date",
                             seconds=time.perf_counter() - self.started, n=len(record["outputs"])))

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
            self.console.print(_("warning: {n} value(s) shown as 待补充; run `python -m generator check` to list them",
                                 n=shown["missing"]))
        if shown.get("unverified"):
            self.console.print(_("warning: {n} figure(s) highlighted as 待核对 (not yet confirmed); run `python -m "
                                 "generator check` to list them", n=shown["unverified"]))
        if shown.get("withheld"):
            self.console.print(_("{n} item(s) withheld on purpose (publish: false / withhold), shown nowhere; run "
                                 "`python -m generator check` to list them with their reasons", n=shown["withheld"]))

    def summary(self, out: Path) -> None:
        files = [p for p in self.files if p.is_file()]
        if len(files) > 1 and self.console.is_terminal:
            from rich.table import Table

            table = Table(title=_("outputs"), show_lines=False)
            table.add_column(_("file"))
            table.add_column(_("size"), justify="right")
            for path in files:
                table.add_row(path.relative_to(out).as_posix() if path.is_relative_to(out) else path.as_posix(),
                              f"{path.stat().st_size // 1024} KB")
            self.console.print(table)
        self._shown_lines(self.shown())
        total = sum(p.stat().st_size for p in files)
        self.console.print(_("done in {seconds:.2f} s: {n} file(s) written ({kb} KB), {skipped} up to date",
                             seconds=time.perf_counter() - self.started, n=len(files), kb=total // 1024,
                             skipped=self.skipped))
