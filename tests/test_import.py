"""`argmap import argdown|aif`: third-party files and argmap's own exports come in as a corpus that
`argmap check` passes, with every statement, argument, support and attack kept or reported."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from argmap.authoring.importers.builder import slug
from argmap.model.corpus import load_corpus
from tests.clirun import Result, run_cli

ROOT = Path(__file__).resolve().parent.parent
ARGDOWN = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "argdown"  # as tests/visual finds it
MAPS = ROOT / "maps"
THIRD = ROOT / "tests" / "data" / "third_party"


def run(*args: str) -> Result:
    return run_cli(*args, cwd=os.getcwd(), debug=True)


def imported(kind: str, source: Path, out: Path) -> Any:
    result = run("import", kind, str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    checked = run("check", str(out))
    assert checked.exit_code == 0, checked.output
    assert " error" not in checked.output, checked.output
    return result


def maps_of(directory: Path) -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.yaml"))
            if p.name not in ("agents.yaml", "questions.yaml")]


def relations(data: dict[str, Any]) -> int:
    nodes = [data["thesis"], *data.get("claims", [])]
    return sum(len(c.get("supports", [])) + len(c.get("attacks", [])) for c in nodes)


def left_out(report: str) -> int:
    """The relations the report lists as left out (each names where it comes from)."""
    return sum(1 for line in report.splitlines() if line.startswith("- ") and " from " in line and "left out" in line)


@pytest.fixture
def argdown_cli(monkeypatch: pytest.MonkeyPatch) -> str:
    if not (ARGDOWN.is_file() and os.access(ARGDOWN, os.X_OK)) or not shutil.which("node"):
        pytest.skip("the Argdown CLI is not installed in .ci/node (bash .ci/install-extras installs it)")
    monkeypatch.setenv("ARGMAP_ARGDOWN", str(ARGDOWN))
    return str(ARGDOWN)


def _argdown_json(binary: str, source: Path) -> dict[str, Any]:
    done = subprocess.run([binary, "json", "--stdout", "--silent", str(source)], capture_output=True, timeout=300, check=True)
    text = done.stdout.decode("utf-8")
    return json.loads(text[text.find("{"):])  # type: ignore[no-any-return]


# -- AIF ----------------------------------------------------------------------------------------------


def _aif(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["AIF"] if "AIF" in data else data  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", ["aifdb-6064.json", "ova-xaif.json"])
def test_third_party_aif_keeps_every_proposition_inference_and_speaker(tmp_path: Path, name: str) -> None:
    source = THIRD / name
    result = imported("aif", source, tmp_path / "out")
    aif = _aif(source)
    kinds = {str(n["nodeID"]): n["type"] for n in aif["nodes"]}
    (m,) = maps_of(tmp_path / "out")
    texts = Counter([m["thesis"]["text"]] + [c["text"] for c in m.get("claims", [])])
    assert texts == Counter(" ".join(n["text"].split()) for n in aif["nodes"] if n["type"] == "I")
    premises = Counter(e["toID"] for e in aif["edges"] if kinds.get(str(e["fromID"])) == "I" and kinds.get(str(e["toID"])) in ("RA", "CA"))
    expected = sum(premises[str(n["nodeID"])] for n in aif["nodes"] if n["type"] in ("RA", "CA"))
    assert relations(m) + left_out(result.stdout) == expected
    agents = yaml.safe_load((tmp_path / "out" / "agents.yaml").read_text(encoding="utf-8"))["agents"]
    names = {a["name"] for a in agents}
    if name == "aifdb-6064.json":
        assert names == {"CL", "NL"}  # from "CL : ..." L nodes: this nodeset has no participants list
        assert {c["by"] for c in m["claims"]} == {"cl", "nl"}
    else:
        assert "Participant Rachel" in names and m["thesis"]["by"] == "participant-rachel"
    assert "TA node" in result.stdout  # the dialogue structure is reported as not carried over


def test_aif_round_trip_through_argmaps_own_export(tmp_path: Path) -> None:
    exported = tmp_path / "maps.aif.json"
    assert run("export", "--to", "aif", str(MAPS), "-o", str(exported)).exit_code == 0
    result = imported("aif", exported, tmp_path / "out")
    corpus, _, _ = load_corpus([str(MAPS)])
    (m,) = maps_of(tmp_path / "out")
    claims = [m["thesis"], *m["claims"]]
    expected = [c.text for mm in corpus.maps for c in mm.nodes] + [e.quote for mm in corpus.maps for e in mm.evidence] \
        + [q.proposition for q in corpus.questions.values()]
    assert Counter(" ".join(c["text"].split()) for c in claims) == Counter(" ".join(t.split()) for t in expected)
    # every speaker came back as an agent, with the registry's ids (the export carries them)
    agents = {a["id"] for a in yaml.safe_load((tmp_path / "out" / "agents.yaml").read_text(encoding="utf-8"))["agents"]}
    speakers = {mm.agent_id(c.by.id) for mm in corpus.maps for c in mm.nodes} - {a for a in agents if a.startswith("author@")}
    assert {s for s in speakers if not s.startswith("author@")} <= agents
    lukashenka = next(c for c in claims if c["text"] == next(
        c.text for mm in corpus.maps for c in mm.claims if c.by.id == "alyaksandr-lukashenka"))
    assert lukashenka["by"] == "alyaksandr-lukashenka"
    # stances come back from the Agreeing / Disagreeing illocutions, with their strength from the label
    questions = yaml.safe_load((tmp_path / "out" / "questions.yaml").read_text(encoding="utf-8"))["questions"]
    assert len(questions) == len(corpus.questions)
    assert m["positions"] and {p["stance"] for p in m["positions"]} >= {"strongly-agree", "disagree"}
    assert "second stance" in result.stdout  # one map holds one stance per agent and question: reported


def test_not_aif_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    result = run("import", "aif", str(bad), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "not AIF" in result.output
    assert not (tmp_path / "out").exists()


def test_import_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "out"
    imported("aif", THIRD / "ova-xaif.json", out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "agents.yaml").write_text("mine\n", encoding="utf-8")
    result = run("import", "aif", str(THIRD / "aifdb-6064.json"), "-o", str(out))
    assert result.exit_code == 2 and "refusing to overwrite" in result.output
    assert (out / "agents.yaml").read_text(encoding="utf-8") == "mine\n"
    assert {p.name for p in out.iterdir()} == set(before)


def test_slugs_are_valid_ids() -> None:
    assert slug("Fleisch-OK: Ärger über Öl!", "x") == "fleisch-ok-arger-uber-ol"
    assert slug("¿?", "fallback") == "fallback"


# -- Argdown ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["veggie_debate.argdown", "semmelweis_betz.argdown"])
def test_third_party_argdown_keeps_every_statement_argument_and_relation(tmp_path: Path, argdown_cli: str, name: str) -> None:
    source = THIRD / name
    result = imported("argdown", source, tmp_path / "out")
    parsed = _argdown_json(argdown_cli, source)
    (m,) = maps_of(tmp_path / "out")
    nodes = [m["thesis"], *m.get("claims", [])]
    assert len(nodes) == len(parsed["statements"]) + len(parsed["arguments"])
    pcs = sum(len(a.get("pcs", [])) for a in parsed["arguments"].values())
    assert relations(m) + left_out(result.stdout) == len(parsed["relations"]) + pcs
    assert "Argdown has no speakers" in result.stdout


def test_argdown_round_trip_through_argmaps_own_export(tmp_path: Path, argdown_cli: str) -> None:
    exported = tmp_path / "maps.argdown"
    assert run("export", "--to", "argdown", str(MAPS), "-o", str(exported)).exit_code == 0
    imported("argdown", exported, tmp_path / "out")
    before = json.loads(run("export", "--to", "json", str(MAPS)).stdout)
    after = json.loads(run("export", "--to", "json", str(tmp_path / "out")).stdout)

    def essence(data: dict[str, Any]) -> dict[str, Any]:
        def claim(c: dict[str, Any]) -> tuple[Any, ...]:
            return c["id"], c["text"], c["by_agent"], tuple(c.get("supports", [])), tuple(c.get("attacks", []))
        return {m["id"]: (
            {k: m["source"][k] for k in ("title", "authors", "outlet", "date", "url")}, claim(m["thesis"]),
            sorted(claim(c) for c in m["claims"]),
            sorted((e["id"], " ".join(e["quote"].split()), e["speaker_agent"], tuple(e["grounds"])) for e in m["evidence"]),
            sorted((p["agent_id"], p["question"], p["stance"], tuple(p["grounds"])) for p in m["positions"]),
        ) for m in data["maps"]} | {
            "agents": sorted((a["id"], a["name"]) for a in data["agents"]),
            "questions": [(q["id"], q["proposition"]) for q in data["questions"]]}

    assert essence(after) == essence(before)


def test_argdown_without_the_cli_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGMAP_ARGDOWN", str(tmp_path / "no-such-argdown"))
    result = run("import", "argdown", str(THIRD / "veggie_debate.argdown"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "@argdown/cli" in result.output
