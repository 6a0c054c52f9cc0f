"""Publishing: PDF copies, slide previews, the download page, serve and watch."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class PublishResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
