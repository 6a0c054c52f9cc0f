"""The seed's outputs are byte-for-byte what tests/golden/seed.json records (see tools/golden.py to update it)."""
from __future__ import annotations

import contextlib
import importlib.util
import io
import json

import pytest

from tests.conftest import ROOT


def _golden_tool():
    spec = importlib.util.spec_from_file_location("golden", ROOT / "tools" / "golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_outputs_are_byte_identical_to_the_recorded_ones():
    golden = _golden_tool()
    record = json.loads(golden.GOLDEN.read_text(encoding="utf-8"))
    if record["libraries"] != golden.libraries():
        pytest.skip(f"recorded with {record['libraries']}, running {golden.libraries()}: bytes not comparable")
    with contextlib.redirect_stdout(io.StringIO()):
        now = golden.current_hashes()
    changed = sorted(name for name in record["outputs"].keys() | now.keys() if record["outputs"].get(name) != now.get(name))
    assert not changed, f"outputs changed: {changed}; if intended, run `python tools/golden.py --write` and say why"
