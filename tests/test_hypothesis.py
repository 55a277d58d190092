"""`argmap import hypothesis`: Hypothesis highlights become verified evidence of a map, inserted into the
map's own text (every other byte kept); whatever cannot be placed is listed with its reason."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.authoring.importers import hypothesis as hyp
from argmap.interfaces.cli import app

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "annotations"
MAP = "mueller-2024-terrace-tax.yaml"
SEARCH = DATA / "hypothesis" / "search.json"


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "maps", tmp_path / "maps")
    return tmp_path / "maps"


def _import(corpus: Path, source: Path = SEARCH, *extra: str) -> Any:
    return run("import", "hypothesis", str(source), "--map", str(corpus / MAP),
               "--sources", str(DATA / "sources"), *extra)


def _check(corpus: Path) -> Any:
    return run("check", str(corpus), "--sources", str(DATA / "sources"), "--isolated")


def test_highlights_become_verified_evidence_and_the_rest_is_listed(corpus: Path) -> None:
    before = (corpus / MAP).read_text(encoding="utf-8")
    result = _import(corpus)
    assert result.exit_code == 1  # some not placed: listed, the others added
    out = result.stdout
    assert "added 2 of 7 annotations" in out and "5 not placed" in out
    for annotation, reason in [("cccccccccccC", "tag 'no-such-claim' names no claim"),
                               ("dddddddddddD", "already in the map as evidence 'q-wrong'"),
                               ("eeeeeeeeeeeE", "on another page"),
                               ("ffffffffffF", "not in cafe-tax.txt"),
                               ("ggggggggggG", "page note")]:
        line = next(x for x in out.splitlines() if annotation in x)
        assert reason in line
    after = (corpus / MAP).read_text(encoding="utf-8")
    data = yaml.safe_load(after)
    new = data["evidence"][-2:]
    assert [e["speaker"] for e in new] == ["zoe-keller", "juerg-braendli"]
    assert [e["grounds"] for e in new] == [["fee-ruins-cafes"], ["fee-is-modest"]]
    # Hypothesis's text had other whitespace: the quote is the article's wording
    assert new[1]["quote"] == "the terraces will keep growing, the pavements will keep shrinking"
    assert "Kq3vZ1a2Ee-aaaaaaaaaaA" in new[0]["note"]
    # only lines added: the old text is the new one without them (comments and layout kept)
    ops = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False).get_opcodes()
    assert {tag for tag, *_ in ops} == {"equal", "insert"}
    assert "# a cut quote: two parts of one sentence" in after
    checked = _check(corpus)
    assert checked.exit_code == 0, checked.output
    assert "7 of 7 quotes verified" in checked.output


def test_dry_run_changes_nothing(corpus: Path) -> None:
    before = (corpus / MAP).read_bytes()
    result = _import(corpus, SEARCH, "--dry-run")
    assert result.exit_code == 1
    assert "would add 2 of 7" in result.stdout and "  - id: q-others-say-it-will" in result.stdout
    assert (corpus / MAP).read_bytes() == before


def test_importing_twice_adds_nothing_more(corpus: Path) -> None:
    _import(corpus)
    once = (corpus / MAP).read_bytes()
    result = _import(corpus)
    assert "added 0 of 7" in result.stdout and result.stdout.count("already in the map") == 3
    assert (corpus / MAP).read_bytes() == once


def test_a_map_with_crlf_line_ends_keeps_them(corpus: Path) -> None:
    path = corpus / MAP
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert _import(corpus).exit_code == 1
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"\n" not in after.replace(b"\r\n", b"")
    assert len(yaml.safe_load(after.decode("utf-8-sig"))["evidence"]) == 7


def test_a_list_of_annotations_is_read_too(corpus: Path, tmp_path: Path) -> None:
    rows = json.loads(SEARCH.read_text(encoding="utf-8"))["rows"][:2]
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps(rows), encoding="utf-8")
    result = _import(corpus, listed)
    assert result.exit_code == 0 and "added 2 of 2" in result.stdout


def _skeleton_map(corpus: Path, evidence: str) -> None:
    text = (corpus / MAP).read_text(encoding="utf-8")
    head, rest = text.split("evidence:\n", 1)
    tail = rest[rest.index("positions:"):]
    (corpus / MAP).write_text(head + evidence + tail, encoding="utf-8")


@pytest.mark.parametrize("evidence", [
    "evidence: []                      # replace [] by the list:\n  # - id: q-example\n\n",
    "evidence:\n\n",
    "",
])
def test_a_map_without_evidence_gets_its_list(corpus: Path, tmp_path: Path, evidence: str) -> None:
    _skeleton_map(corpus, evidence)
    rows = json.loads(SEARCH.read_text(encoding="utf-8"))["rows"][:2]
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps(rows), encoding="utf-8")
    result = _import(corpus, listed)
    assert result.exit_code == 0, result.output
    after = (corpus / MAP).read_text(encoding="utf-8")
    assert [e["id"] for e in yaml.safe_load(after)["evidence"]] == ["q-others-say-it-will", "q-the-terraces-will-keep"]
    if "#" in evidence:
        assert "# replace [] by the list:" in after and "  # - id: q-example" in after


def test_without_a_url_highlights_on_any_page_are_tried(corpus: Path) -> None:
    path = corpus / MAP
    path.write_text(path.read_text(encoding="utf-8").replace(
        "url: https://example.org/news/terrace-tax", "url: unknown"), encoding="utf-8")
    result = _import(corpus)
    assert "on another page" not in result.stdout
    assert "already in the map as evidence 'q-divided'" in result.stdout  # the other page's highlight


@pytest.mark.parametrize("content", ["{not json", '{"rows": 3}', '"text"', "[" * 100_000 + "]" * 100_000])
def test_a_file_that_is_not_hypothesis_json_is_a_usage_error(corpus: Path, tmp_path: Path, content: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    before = (corpus / MAP).read_bytes()
    result = _import(corpus, bad)
    assert result.exit_code == 2 and "argmap: error:" in result.stderr
    assert (corpus / MAP).read_bytes() == before


def test_odd_rows_are_reported_not_dropped(corpus: Path, tmp_path: Path) -> None:
    rows: list[Any] = [3, {"id": "reply1", "references": ["x"], "target": [{"source": "s"}]},
                       {"id": "ctl\x1b[31m", "tags": ["fee-ruins-cafes"], "uri": "https://example.org/news/terrace-tax",
                        "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "Some call the fee fair."}]}],
                        "text": "\u2028odd\x85note\x00"}]
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps({"rows": rows, "total": 3}), encoding="utf-8")
    result = _import(corpus, odd)
    assert "added 1 of 3" in result.stdout
    assert "#1" in result.stdout and "not an annotation object" in result.stdout
    assert "a reply" in result.stdout
    assert "\x1b" not in result.stdout
    added = yaml.safe_load((corpus / MAP).read_text(encoding="utf-8"))["evidence"][-1]
    assert added["quote"] == "Some call the fee fair." and "\x1b" in added["note"]  # data kept, escaped in YAML


def test_usage_errors(corpus: Path) -> None:
    assert run("import", "hypothesis", str(SEARCH), "--sources", str(DATA / "sources")).exit_code == 2
    result = run("import", "hypothesis", str(SEARCH), "--map", str(corpus / MAP), "--isolated")
    assert result.exit_code == 2 and "--sources" in result.stderr
    assert run("import", "aif", str(SEARCH), "--map", str(corpus / MAP)).exit_code == 2


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
@example("0")
@example("no")
@example("null")
@example("2021-05-01")
def test_a_written_scalar_reads_back_as_itself(value: str) -> None:
    assert yaml.safe_load(f"k: {hyp._scalar(value)}\n") == {"k": value}


def test_same_page() -> None:
    assert hyp.same_page("http://Example.org/a/#x", "https://example.org/a")
    assert not hyp.same_page("https://example.org/a", "https://example.org/b")
