"""Findings and the exceptions the CLI turns into exit codes."""
from __future__ import annotations

from dataclasses import dataclass, field

from .messages import N_, _

SEVERITY = {"error": N_("error"), "warning": N_("warning"), "withheld": N_("withheld")}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in the content, printed as 错误：file 第line行第col列 path：message (error: file:line:col: path:
    message in English); path is the readable one (第2部分「…」› 主题「…」› 指标 gdp › 数值, see content/source.py)."""

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
        label = _(SEVERITY.get(self.severity, SEVERITY["error"]))
        where = _("{file}:{line}:{col}", file=self.file, line=self.line, col=self.col) if self.line else self.file
        if self.path:
            return _("{label}: {where}: {path}: {message}", label=label, where=where, path=self.path,
                     message=self.message)
        return _("{label}: {where}: {message}", label=label, where=where, message=self.message)


class GeneratorError(Exception):
    """Raised for anything the user can fix: bad content, bad options, missing files (exit 1)."""


class ContentError(GeneratorError):
    """Raised when content files have errors; carries every finding of the run, not only the first."""

    def __init__(self, findings: list[Finding]):
        self.findings = sorted(findings)
        super().__init__("\n".join(str(f) for f in self.findings))


class UsageError(GeneratorError):
    """Raised for wrong command-line use (exit 2)."""
