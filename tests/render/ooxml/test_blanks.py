"""The empty documents of a look (render/ooxml/blanks.py): made once a process, kept across runs in the user's store
under the look and the generator's fingerprint, and whatever way they come, the documents made from them are the
same bytes."""
from __future__ import annotations

from generator.build.memory import KeptBlanks
from generator.build.store import Store
from generator.render.ooxml import blanks
from generator.render.ooxml.blanks import Blanks, look_key


class Counting:
    def __init__(self, data: bytes):
        self.data, self.calls = data, 0

    def __call__(self) -> bytes:
        self.calls += 1
        return self.data


def test_a_look_is_made_once_a_process_and_once_across_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(blanks, "_memory", KeptBlanks(Store(tmp_path / "store")))
    make = Counting(b"PK empty house presentation")
    look = ('{"colours": "red"}', b"\x89PNG logo", "标志")
    assert Blanks().saved(look, make) == make.data and make.calls == 1
    assert Blanks().saved(look, make) == make.data and make.calls == 1  # another process: from the store
    other = Counting(b"PK another look")
    assert Blanks().saved(('{"colours": "blue"}', b"\x89PNG logo", "标志"), other) == other.data and other.calls == 1


def test_a_damaged_entry_is_made_again(tmp_path, monkeypatch):
    kept = KeptBlanks(Store(tmp_path / "store"))
    monkeypatch.setattr(blanks, "_memory", kept)
    make = Counting(b"PK official layout")
    Blanks().saved(("theme",), make)
    [entry] = (tmp_path / "store" / KeptBlanks.SECTION).iterdir()
    entry.write_bytes(entry.read_bytes()[:-5])  # cut short, as by a crash
    assert Blanks().saved(("theme",), make) == make.data and make.calls == 2


def test_the_key_tells_parts_apart_and_follows_the_generator(tmp_path, monkeypatch):
    assert look_key(("ab", "c")) != look_key(("a", "bc")) != look_key(("abc",))
    assert look_key((b"x", None)) != look_key(("x", None)) != look_key((b"x", ""))
    kept = KeptBlanks(Store(tmp_path / "store"))
    monkeypatch.setattr("generator.build.memory.generator_fingerprint", lambda: "code A")
    kept.put("look", b"made by A")
    monkeypatch.setattr("generator.build.memory.generator_fingerprint", lambda: "code B")
    assert kept.get("look") is None  # the code changed: made again


def test_the_seed_deck_and_briefing_are_the_same_bytes_from_a_kept_blank(tmp_path, monkeypatch):
    from generator.build.pipeline import render_document
    from generator.render.briefing import document as briefing
    from generator.render.context import RenderContext
    from generator.render.deck import house_template
    from generator.render.fit import Measurer
    from generator.writer import ZIP_EPOCH
    from tests.render.seed_deck import seed_deck_inputs

    view, theme, _ = seed_deck_inputs(None)
    inputs = RenderContext(theme, Measurer(), stamp=ZIP_EPOCH)
    made = {kind: render_document(kind, view, inputs) for kind in ("deck", "brief")}
    monkeypatch.setattr(blanks, "_memory", KeptBlanks(Store(tmp_path / "store")))
    for _ in range(2):  # made and put in the store, then read from it
        monkeypatch.setattr(house_template, "_BLANKS", Blanks())
        monkeypatch.setattr(briefing, "_BLANKS", Blanks())
        assert {kind: render_document(kind, view, inputs) for kind in made} == made
    assert len(list((tmp_path / "store" / KeptBlanks.SECTION).iterdir())) == 2
