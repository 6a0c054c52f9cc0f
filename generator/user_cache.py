"""The user's cache folder, $XDG_CACHE_HOME/press-generator (~/.cache/press-generator): what outlives one build
folder and is shared by every project on the machine (font copies for the PDFs, the words jieba found, compiled
narratives, the generator's fingerprint, a measuring font's widths). Everything in it can be deleted at any time; it
is made again."""
from __future__ import annotations

import os
from pathlib import Path


def user_cache(*parts: str) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base, "press-generator", *parts)
