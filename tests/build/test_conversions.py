"""The conversions behind the PDF copies: each PDF is handed on as soon as LibreOffice has made it, a deck's
previews before any PDF ready at the same time."""
from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path

from generator.build import conversions
from generator.build.conversions import Due, converted, keep_converter
from generator.build.up_to_date import Manifest


class FakeConverter:
    """A converter whose conversions finish when the test says."""

    def __init__(self):
        self.said: list[str] = []
        self.asked: dict[str, list[Future]] = {}

    def submit(self, source: Path, pages):
        self.asked[source.name] = [Future() for _ in pages]
        return self.asked[source.name]

    def close(self) -> None:
        pass


def test_a_pdf_is_handed_on_as_soon_as_it_is_made_and_a_decks_previews_before_it(tmp_path, monkeypatch):
    deck, brief = tmp_path / "01-x-发布会.pptx", tmp_path / "01-x-发布材料.docx"
    done: list[str] = []

    def write_previews(pdf, due, out, manifest, from_part):
        done.append(f"previews {pdf.decode()} {from_part}")
        due.pages = []

    monkeypatch.setattr(conversions, "write_previews", write_previews)
    due = Due(tmp_path / "thumbs", ["a", "b", "c"], pages=[2])
    fake = FakeConverter()
    with keep_converter() as kept:
        kept.converter, kept.key = fake, b""
        made = converted([deck, brief], {deck: due}, None, None, tmp_path, Manifest(tmp_path / "m.json"), [])
        first = Future()  # the generator's first step submits both, then waits
        thread = threading.Thread(target=lambda: first.set_result(next(made)))
        thread.start()
        while len(fake.asked) < 2:
            thread.join(0.01)
        assert [len(fake.asked[deck.name]), len(fake.asked[brief.name])] == [2, 1]  # slide 2 alone, then the deck
        fake.asked[deck.name][0].set_result(b"slide 2")
        fake.asked[brief.name][0].set_result(b"brief")  # the briefing is done before the deck
        thread.join(5)
        assert first.result(0)[0] == brief and done == ["previews slide 2 True"]
        fake.asked[deck.name][1].set_result(b"deck")
        assert next(made) == (deck, b"deck")
        assert next(made, None) is None
    assert done == ["previews slide 2 True"]  # the part drew them: the whole deck draws none again
