"""Findings and the exceptions the CLI turns into exit codes."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in the content, printed as `file:line:col: path: message`."""

    file: str
    line: int
    col: int
    path: str
    message: str
    severity: str = "error"  # "error", "warning", or "withheld" (withheld on purpose: listed, never a problem)
    metrics: tuple[str, ...] = field(default=(), compare=False)
    gap: bool = field(default=False, compare=False)  # a missing or unverified figure, or an editorial remark: a draft
    shows: str = field(default="", compare=False)  # what the outputs show for it: "missing" (待补充), "unverified" (待核对)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        label = "" if self.severity == "error" else f"{self.severity}: "
        path = f" {self.path}:" if self.path else ""
        return f"{where}:{path} {label}{self.message}"


class GeneratorError(Exception):
    """Raised for anything the user can fix: bad content, bad options, missing files (exit 1)."""


class ContentError(GeneratorError):
    """Raised when content files have errors; carries every finding of the run, not only the first."""

    def __init__(self, findings: list[Finding]):
        self.findings = sorted(findings)
        super().__init__("\n".join(str(f) for f in self.findings))


class UsageError(GeneratorError):
    """Raised for wrong command-line use (exit 2)."""
