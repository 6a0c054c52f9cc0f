"""The generator's fingerprint is kept in the user's cache folder, keyed by the size and time of every file it is
made from and of every folder on sys.path: later runs neither read the package nor import importlib.metadata."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from generator.build.fingerprint import memo_key
from tests.conftest import ROOT

PROBE = ("import sys; from generator.build.fingerprint import generator_fingerprint, library_version; "
         "print(generator_fingerprint(), library_version('python-pptx'), 'importlib.metadata' in sys.modules)")


def run_probe(cache) -> list[str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_the_fingerprint_is_computed_once_then_read_back(tmp_path):
    from importlib import metadata

    first, second = run_probe(tmp_path), run_probe(tmp_path)
    assert first[2] == "True" and second[2] == "False"  # the second run imported no importlib.metadata
    assert first[:2] == second[:2] and second[1] == metadata.version("python-pptx")
    [memo] = (tmp_path / "press-generator" / "store" / "fingerprint").glob("*")
    assert json.loads(memo.read_bytes()[:-32])["fingerprint"] == first[0]  # (the entry ends in its own SHA-256)


def test_a_damaged_memo_is_computed_again(tmp_path):
    good = run_probe(tmp_path)
    [memo] = (tmp_path / "press-generator" / "store" / "fingerprint").glob("*")
    for damage in ("", "{", '{"key": 1}', json.dumps({"key": "x", "fingerprint": "forged", "versions": {}})):
        memo.write_text(damage, encoding="utf-8")
        assert run_probe(tmp_path) == good


def test_the_key_follows_every_file_and_folder(tmp_path):
    code, lib = tmp_path / "a.py", tmp_path / "site-packages"
    code.write_text("x = 1\n", encoding="utf-8")
    lib.mkdir()
    key = memo_key([code], [str(lib)])
    assert memo_key([code], [str(lib)]) == key
    code.write_text("x = 22\n", encoding="utf-8")  # an edit
    assert memo_key([code], [str(lib)]) != key
    key = memo_key([code], [str(lib)])
    (lib / "library-2.0.dist-info").mkdir()  # an upgrade renames the library's dist-info folder
    os.utime(lib, ns=(1, 1))  # (whatever the clock's resolution, the folder's time is not what it was)
    assert memo_key([code], [str(lib)]) != key
