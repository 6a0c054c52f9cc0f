"""The registry of output kinds: a new kind is one renderer and one entry, and the build makes it like the others."""
from __future__ import annotations

import json

import pytest

from generator.build import kinds
from generator.build.kinds import Inputs, OutputKind, register


@pytest.fixture(autouse=True)
def _in_english(monkeypatch, english):
    """These tests read the English catalogue (an English LANG); the Chinese default: tests/test_messages.py."""
    monkeypatch.setenv("LANGUAGE", "en")  # English messages; the UTF-8 locale stays


def _figures_json(view, inputs: Inputs) -> bytes:
    """A toy kind: the key figures of a conference as JSON, from the view alone."""
    figures = [{"label": m.label, "text": m.text, "period": m.period} for m in view.key_figures]
    return json.dumps({"title": view.title, "figures": figures}, ensure_ascii=False, sort_keys=True).encode("utf-8")


@pytest.fixture
def toy_kind():
    register(OutputKind("figures", _figures_json, file="数据.json"))
    yield "figures"
    del kinds.KINDS["figures"]


def test_a_registered_kind_is_built_written_and_kept_up_to_date(shipped_project, toy_kind):
    from generator.build.pipeline import build
    from generator.content.loader import load_project

    project = load_project(shipped_project / "content", shipped_project)
    out = shipped_project / "output"
    first = build(project, project.conferences, out, ("deck", toy_kind), jobs=1)
    [made] = [p for p in first.written if p.suffix == ".json"]
    assert made.name == "01-转型发展-数据.json" and made.parent.name == "01-转型发展"
    data = json.loads(made.read_text(encoding="utf-8"))
    assert data["title"] and {"label", "text", "period"} <= set(data["figures"][0])
    assert "2458.8亿元" in {f["text"] for f in data["figures"]}  # a figure as the deck shows it
    again = build(project, project.conferences, out, ("deck", toy_kind), jobs=1)
    assert not again.written and made in again.skipped  # recorded in the manifest like every output


def test_a_kind_needing_an_unknown_input_or_without_a_file_name_is_refused():
    with pytest.raises(ValueError, match="unknown inputs"):
        register(OutputKind("odd", _figures_json, needs=("slidez",), file="x.json"))
    with pytest.raises(ValueError, match="no file name"):
        register(OutputKind("nameless", _figures_json))
    assert "odd" not in kinds.KINDS and "nameless" not in kinds.KINDS


def test_the_shipped_kinds_are_the_documents_and_their_copies():
    assert [k.name for k in kinds.documents(("brief", "deck", "deck_pdf"))] == ["deck", "brief"]
    assert kinds.output_kind("deck").file_name.endswith(".pptx")
    from generator.errors import UsageError

    with pytest.raises(UsageError, match="known kinds: deck, brief"):
        kinds.output_kind("nope")
