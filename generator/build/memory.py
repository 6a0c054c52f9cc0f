"""What the generator remembers across runs in the user's store: the words jieba found, compiled narratives, the
empty documents of a look, a measuring font's widths. The modules that do the work are handed their memory (render/fit.keep_words_in,
present/compiled.CompiledTexts.keep_in) and never learn where it lives."""
from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

from .fingerprint import generator_fingerprint, library_version
from .store import Store, user_store


class KeptWords:
    """The words jieba found for titles and labels (render/fit.py's WordMemory), one entry per rjieba version (its
    dictionary decides the words), as JSON lines appended: an append of a short line is whole even with two
    processes writing. Past MAX bytes it is read but no longer added to."""

    MAX = 4 * 1024 * 1024

    def __init__(self, store: Store, version: str):
        self.path = store.path("words", store.key("rjieba", version))

    def known(self) -> dict[str, list[str]]:
        """What was found before; a line that does not spell its own text is ignored (a damaged file)."""
        found: dict[str, list[str]] = {}
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return found
        for line in lines:
            try:
                text, words = json.loads(line)
            except (ValueError, TypeError):
                continue
            if isinstance(words, list) and all(isinstance(w, str) for w in words) and "".join(words) == text:
                found[text] = words
        return found

    def remember(self, text: str, words: list[str]) -> None:
        with contextlib.suppress(OSError):
            if self.path.is_file() and self.path.stat().st_size > self.MAX:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps([text, words], ensure_ascii=False) + "\n")


class KeptEntries:
    """Compiled templates (present/compiled.py's memory), one entry per text in one section of the store; past MOST
    entries, the least recently used go when new ones are added."""

    SECTION = "compiled"
    MOST = 5000

    def __init__(self, store: Store):
        self.store = store

    def get(self, key: str) -> bytes | None:
        return self.store.get(self.SECTION, key)

    def put(self, entries: dict[str, bytes]) -> None:
        for key, data in entries.items():
            self.store.put(self.SECTION, key, data)
        self.store.trim(self.SECTION, self.MOST)


class KeptBlanks:
    """The empty house presentation and official Word layout made for a look (render/ooxml/blanks.py), under the
    look's hash and the generator's fingerprint: code or a library that writes them changed, another entry."""

    SECTION = "blanks"
    MOST = 64  # looks: a machine's few themes, each over a few versions of the generator

    def __init__(self, store: Store):
        self.store = store

    def _key(self, look: str) -> str:
        return self.store.key("blank", look, generator_fingerprint())

    def get(self, look: str) -> bytes | None:
        return self.store.get(self.SECTION, self._key(look))

    def put(self, look: str, data: bytes) -> None:
        self.store.put(self.SECTION, self._key(look), data)
        self.store.trim(self.SECTION, self.MOST)


def remember_in_user_store() -> None:
    """Give the modules that remember work across runs their place in the user's store: the words jieba found
    (render/fit), the compiled templates (present/compiled: narratives, the page's, the long image's) and the empty
    documents made for a look (render/ooxml/blanks). Called once
    per command, before content is read."""
    from ..present import narrative, sandbox
    from ..render import fit, infographic
    from ..render.ooxml import blanks
    store = user_store()
    fit.keep_words_in(KeptWords(store, library_version("rjieba")))
    blanks.keep_blanks_in(KeptBlanks(store))
    kept = KeptEntries(store)
    for compiled in (narrative.COMPILED, sandbox.PAGE_COMPILED, infographic.COMPILED):
        compiled.keep_in(kept)
    old = store.root / "narratives"  # the earlier one-blob-per-kind memory (megabytes each): no longer read
    if old.is_dir():
        shutil.rmtree(old, ignore_errors=True)


def font_metrics(font_file: str | None) -> tuple[dict[int, int], int]:
    """The measuring font's widths, from the user's store when the font file is the one they were read from (by its
    path, size and time, as Python keys its bytecode): they outlive a deleted output folder and serve every project
    naming the same font. The shipped table of the widest faces is read directly: it is as quick."""
    from ..render.fit import advance_widths, metrics_from_runs, metrics_runs
    if font_file is None:
        return advance_widths(None)
    source = Path(font_file)
    stat = source.stat()
    store = user_store()
    key = store.key(str(source.resolve()), str(stat.st_size), str(stat.st_mtime_ns), generator_fingerprint())
    try:
        return metrics_from_runs(json.loads(store.get("metrics", key) or b""))
    except (ValueError, KeyError, TypeError):
        data = metrics_runs(font_file)
        store.put("metrics", key, json.dumps(data, separators=(",", ":")).encode("utf-8"))
        return metrics_from_runs(data)
