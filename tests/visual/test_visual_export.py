"""`argmap export`: json (schema, round trip), argdown (the real Argdown CLI), aif (arguebuf reads it)."""

from __future__ import annotations

import json
import subprocess
import warnings
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from argmap.model.corpus import load_corpus
from argmap.model.maps import Corpus
from argmap.outputs.export import aif, json_export

from .conftest import MAPS, need_argdown, run


def _corpus(path: Path = MAPS) -> Corpus:
    corpus, _, _ = load_corpus([str(path)])
    return corpus


# -- json ---------------------------------------------------------------------------------------------


def test_json_export_is_versioned_and_valid_against_its_schema(tmp_path: Path) -> None:
    result = run("export", "--to", "json", str(MAPS))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["argmap-export"] == 1
    schema = json.loads(run("export", "--schema").output)
    assert schema == json_export.SCHEMA
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    corpus = _corpus()
    assert [m["id"] for m in data["maps"]] == [m.id for m in corpus.maps]
    author = data["maps"][0]["thesis"]
    assert author["by"] == "author" and author["by_agent"] == corpus.maps[0].agent_id("author")


def test_json_round_trip_gives_the_same_corpus(tmp_path: Path) -> None:
    out = tmp_path / "corpus.json"
    assert run("export", "--to", "json", str(MAPS), "-o", str(out)).exit_code == 0
    back = json_export.corpus_from_json(json.loads(out.read_text(encoding="utf-8")))
    corpus = _corpus()
    assert corpus.links and back.links  # the links travel too
    assert back == json_export.without_locations(corpus)
    # and once more: json -> model -> json is a fixed point
    assert json_export.to_json(back) == json.loads(out.read_text(encoding="utf-8"))


def test_json_export_carries_the_links_only_when_there_are_some(tmp_path: Path) -> None:
    data = json.loads(run("export", "--to", "json", str(MAPS)).output)
    corpus = _corpus()
    assert [(k["from"], k["to"], k["relation"], k["note"]) for k in data["links"]] == [
        (k.source.id, k.target.id, k.relation.id, k.note) for k in corpus.links]
    assert data["links"][0]["line"] > 0 and data["links"][0]["path"].endswith("links.yaml")
    corpus.links = []
    assert "links" not in json_export.to_json(corpus)
    assert json_export.corpus_from_json(json_export.to_json(corpus)).links == []


def test_json_reader_refuses_other_versions() -> None:
    with pytest.raises(json_export.ExportFormatError, match="version 1"):
        json_export.corpus_from_json({"argmap-export": 2, "maps": []})
    with pytest.raises(json_export.ExportFormatError, match="malformed"):
        json_export.corpus_from_json({"argmap-export": 1, "agents": [{}], "questions": [], "maps": []})


def test_export_needs_a_format() -> None:
    result = run("export", str(MAPS))
    assert result.exit_code == 2 and "--to json" in result.output


# -- argdown ------------------------------------------------------------------------------------------


def test_argdown_export_parses_in_the_argdown_cli(tmp_path: Path) -> None:
    binary = need_argdown()
    source = tmp_path / "maps.argdown"
    assert run("export", "--to", "argdown", str(MAPS), "-o", str(source)).exit_code == 0
    done = subprocess.run([binary, "json", str(source), str(tmp_path / "out")], capture_output=True, timeout=120, check=False)
    log = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert done.returncode == 0, log
    assert "error" not in log.lower(), log
    parsed = json.loads((tmp_path / "out" / "maps.json").read_text(encoding="utf-8"))
    corpus = _corpus()
    statements = len(corpus.questions) + sum(len(m.nodes) + len(m.evidence) for m in corpus.maps)
    assert len(parsed["statements"]) == statements
    assert len(parsed["arguments"]) == sum(len(m.positions) for m in corpus.maps)
    kinds = Counter(r["relationType"] for r in parsed["relations"])
    supports = sum(len(c.supports) for m in corpus.maps for c in m.nodes)
    attacks = sum(len(c.attacks) for m in corpus.maps for c in m.nodes)
    grounds = sum(len(e.grounds) for m in corpus.maps for e in m.evidence)
    agreeing = sum(1 for m in corpus.maps for p in m.positions if p.stance and p.stance > 0)
    disagreeing = sum(1 for m in corpus.maps for p in m.positions if p.stance and p.stance < 0)
    position_grounds = sum(len(p.grounds) for m in corpus.maps for p in m.positions)
    assert kinds["support"] == supports + grounds + agreeing + position_grounds
    assert kinds["attack"] == attacks + disagreeing
    # authors as data
    m = corpus.maps[0]
    thesis = parsed["statements"][f"{m.id}/thesis"]
    assert thesis["data"]["author_id"] == m.agent_id("author")
    assert thesis["data"]["author"] == corpus.agent_name(m.agent_id("author"))


# -- aif ----------------------------------------------------------------------------------------------


def _expected_relations(corpus: Corpus) -> Counter[tuple[str, str, str]]:
    """(kind, source text, target text) for every relation the AIF export should hold."""
    out: Counter[tuple[str, str, str]] = Counter()
    for m in corpus.maps:
        texts = {c.id: c.text for c in m.nodes}
        quotes = {e.id: e.quote for e in m.evidence}
        for c in m.nodes:
            out.update(("RA", c.text, texts[r.id]) for r in c.supports)
            out.update(("CA", c.text, texts[r.id]) for r in c.attacks)
        for e in m.evidence:
            out.update(("RA", e.quote, texts[r.id]) for r in e.grounds)
        for p in m.positions:
            if p.stance:
                proposition = corpus.questions[p.question.id].proposition
                out.update(("RA" if p.stance > 0 else "CA", texts.get(r.id) or quotes[r.id], proposition) for r in p.grounds)
    return out


def test_aif_has_every_kind_of_node_and_keeps_the_speakers() -> None:
    corpus = _corpus()
    data = json.loads(run("export", "--to", "aif", str(MAPS)).output)
    nodes = {n["nodeID"]: n for n in data["nodes"]}
    kinds = Counter(n["type"] for n in data["nodes"])
    assert {"I", "RA", "CA", "L", "YA"} <= set(kinds)
    claims = sum(len(m.nodes) + len(m.evidence) for m in corpus.maps)
    assert kinds["I"] == claims + len(corpus.questions)
    # every thesis, claim and quote is said by someone: L -> YA -> I, and the L node's locution names a participant
    people = {p["participantID"]: p for p in data["participants"]}
    said = {loc["nodeID"]: people[loc["personID"]] for loc in data["locutions"]}
    edges_from: dict[str, list[str]] = {}
    for edge in data["edges"]:
        edges_from.setdefault(edge["fromID"], []).append(edge["toID"])
    speakers: dict[str, set[str]] = {}
    for node_id, node in nodes.items():
        if node["type"] == "L":
            assert node_id in said
            for anchor in edges_from[node_id]:
                assert nodes[anchor]["type"] == "YA"
                for target in edges_from[anchor]:
                    speakers.setdefault(nodes[target]["text"], set()).add(said[node_id]["agentID"])
    m = next(m for m in corpus.maps if m.id == "melyantsou-2021-merger-fears")
    lukashenka = next(c for c in m.claims if c.by.id == "alyaksandr-lukashenka")
    assert speakers[lukashenka.text] == {"alyaksandr-lukashenka"}
    assert speakers[m.thesis.text] == {"dzianis-melyantsou"}
    # relations, by the texts at their ends
    found: Counter[tuple[str, str, str]] = Counter()
    for node_id, node in nodes.items():
        if node["type"] in ("RA", "CA"):
            sources = [e["fromID"] for e in data["edges"] if e["toID"] == node_id]
            (target,) = edges_from[node_id]
            found.update((node["type"], nodes[s]["text"], nodes[target]["text"]) for s in sources)
    assert found == _expected_relations(corpus)


def test_arguebuf_reads_the_aif_with_the_same_claims_and_relations(tmp_path: Path) -> None:
    arguebuf = pytest.importorskip("arguebuf", reason="arguebuf is not installed (bash .ci/install-extras installs it)")
    out = tmp_path / "maps.json"
    assert run("export", "--to", "aif", str(MAPS), "-o", str(out)).exit_code == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # arguebuf drops L and YA nodes, and warns about their edges
        graph = arguebuf.load.file(out)
    corpus = _corpus()
    atoms = Counter(node.plain_text for node in graph.atom_nodes.values())
    expected_atoms = Counter([q.proposition for q in corpus.questions.values()]
                             + [c.text for m in corpus.maps for c in m.nodes] + [e.quote for m in corpus.maps for e in m.evidence])
    assert atoms == expected_atoms
    found: Counter[tuple[str, str, str]] = Counter()
    for scheme in graph.scheme_nodes.values():
        kind = "RA" if isinstance(scheme.scheme, arguebuf.Support) else "CA" if isinstance(scheme.scheme, arguebuf.Attack) else "?"
        (target,) = graph.outgoing_nodes(scheme)
        found.update((kind, source.plain_text, target.plain_text) for source in graph.incoming_nodes(scheme))
    assert found == _expected_relations(corpus)


def test_aif_of_an_empty_corpus_is_valid() -> None:
    data = aif.render(Corpus())
    assert data == {"nodes": [], "edges": [], "locutions": [], "participants": []}
