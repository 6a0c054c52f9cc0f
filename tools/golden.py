"""Golden outputs: the SHA-256 of the seed's deck, briefing and download page, built with each shipped theme.

A refactoring must not change a byte of what users get. `python tools/golden.py` prints the current hashes;
`python tools/golden.py --write` records them in tests/golden/seed.json, which tests/test_golden.py compares
against. Rewrite it only when a change to the outputs is intended, and say so in the commit message.

Two hashes are kept per file: of its bytes, compared when the libraries that write them are the recorded versions,
and of its canonical form, compared always: every XML part of a zip in C14N (so that a new lxml's way of writing
the same tree changes nothing), the other parts and files as they are.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "seed.json"
THEMES = ("assets/theme.yaml", "assets/theme-红头.yaml")
# the libraries whose own output is part of the bytes; on other versions the hashes are not comparable
LIBRARIES = ("python-pptx", "python-docx", "matplotlib", "lxml", "Pillow", "jinja2")


def libraries() -> dict[str, str]:
    return {name: version(name) for name in LIBRARIES}


def canonical(data: bytes, name: str) -> bytes:
    """The file as a tree rather than as bytes: each zip part by name, XML parts in C14N."""
    import io
    import zipfile

    from lxml import etree

    if not name.endswith((".pptx", ".docx", ".xlsx")):
        return data
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for part in sorted(z.namelist()):
            body = z.read(part)
            if part.endswith((".xml", ".rels")):
                body = etree.tostring(etree.fromstring(body), method="c14n")
            out.append(part.encode() + b"\0" + hashlib.sha256(body).hexdigest().encode())
    return b"\n".join(out)


def current(both: bool = False) -> tuple[dict[str, str], dict[str, str]]:
    """(file name -> sha256 of its bytes, file name -> sha256 of its canonical form)."""
    raw, canon = {}, {}
    for name, data in built().items():
        raw[name] = hashlib.sha256(data).hexdigest()
        canon[name] = hashlib.sha256(canonical(data, name)).hexdigest()
    return raw, canon


def current_hashes() -> dict[str, str]:
    return current()[0]


def built() -> dict[str, bytes]:
    """Build the shipped content with each theme in a scratch copy; file name -> sha256."""
    from generator.cli import main

    out: dict[str, bytes] = {}
    for theme in THEMES:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            shutil.copytree(ROOT / "content", work / "content")
            shutil.copytree(ROOT / "assets", work / "assets")
            series = work / "content" / "series.yaml"
            series.write_text(series.read_text(encoding="utf-8").replace("theme: assets/theme.yaml", f"theme: {theme}"),
                              encoding="utf-8")
            code = main(["build", "--no-pdf", "--jobs", "1", "--no-cache", "--content", str(work / "content"),
                         "--out", str(work / "output")])
            if code:
                raise SystemExit(f"build with {theme} failed: exit {code}")
            for path in sorted((work / "output").rglob("*")):
                if path.is_file() and ".cache" not in path.parts:
                    name = f"{Path(theme).stem}/{path.relative_to(work / 'output').as_posix()}"
                    out[name] = path.read_bytes()
    return out


if __name__ == "__main__":
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        hashes, canonical_hashes = current()
    record = {"libraries": libraries(), "outputs": hashes, "canonical": canonical_hashes}
    if "--write" in sys.argv:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {GOLDEN.relative_to(ROOT)}")
    print(json.dumps(record, ensure_ascii=False, indent=1))
