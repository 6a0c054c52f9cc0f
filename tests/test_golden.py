"""The seed's outputs are byte-for-byte what tests/golden/seed.json records (see tools/golden.py to update it)."""
from __future__ import annotations

import contextlib
import importlib.util
import io
import json

from tests.conftest import ROOT


def _golden_tool():
    spec = importlib.util.spec_from_file_location("golden", ROOT / "tools" / "golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_outputs_are_identical_to_the_recorded_ones():
    """Never skipped: the canonical form (XML parts in C14N) is compared with any library versions, and the bytes
    too when the libraries that write them are the recorded versions."""
    golden = _golden_tool()
    record = json.loads(golden.GOLDEN.read_text(encoding="utf-8"))
    with contextlib.redirect_stdout(io.StringIO()):
        raw, canonical = golden.current()
    compared = [("canonical", record["canonical"], canonical)]
    if record["libraries"] == golden.libraries():
        compared.append(("bytes", record["outputs"], raw))
    for what, recorded, now in compared:
        changed = sorted(name for name in recorded.keys() | now.keys() if recorded.get(name) != now.get(name))
        assert not changed, f"outputs changed ({what}): {changed}; if intended, run `python tools/golden.py --write` and say why"


def test_the_canonical_form_ignores_how_xml_is_written_but_not_what_it_says():
    import zipfile

    golden = _golden_tool()

    def docx(xml: bytes) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("word/document.xml", xml)
        return buf.getvalue()

    a = golden.canonical(docx(b'<w:d xmlns:w="urn:w" a="1" b="2"/>'), "x.docx")
    assert a == golden.canonical(docx(b"<?xml version='1.0'?>\n<w:d xmlns:w='urn:w' b='2' a='1'></w:d>"), "x.docx")
    assert a != golden.canonical(docx(b'<w:d xmlns:w="urn:w" a="1" b="3"/>'), "x.docx")
