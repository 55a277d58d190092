"""`argmap export --to annotations`: every selector of every annotation resolves to its quote in the
article text (positions in code points, the quote's context unique), cut quotes get a target per part,
and a quote that cannot be located is reported with a non-zero status, never dropped."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.checks.quotes import Sources
from argmap.files import textmatch
from argmap.interfaces.cli import app
from argmap.model.corpus import load_corpus
from argmap.outputs.export import annotations as web

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "annotations"
ARTICLE = (DATA / "sources" / "cafe-tax.txt").read_text(encoding="utf-8")


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _export(maps: Path, sources: Path) -> tuple[Any, dict[str, Any]]:
    result = run("export", "--to", "annotations", str(maps), "--sources", str(sources))
    return result, json.loads(result.stdout)


def _items(document: dict[str, Any]) -> list[dict[str, Any]]:
    return list(document.get("first", {}).get("items", []))


def _targets(item: dict[str, Any]) -> list[dict[str, Any]]:
    target = item["target"]
    return target if isinstance(target, list) else [target]


def _selectors(target: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    by_type = {s["type"]: s for s in target["selector"]}
    return by_type["TextQuoteSelector"], by_type["TextPositionSelector"]


def assert_resolves(text: str, target: dict[str, Any]) -> tuple[int, int]:
    """Both selectors pick the same words: text[start:end] is `exact`, and prefix+exact+suffix stands in
    the text exactly once, at that place."""
    quote, position = _selectors(target)
    start, end = position["start"], position["end"]
    assert text[start:end] == quote["exact"]
    whole = quote.get("prefix", "") + quote["exact"] + quote.get("suffix", "")
    first = text.find(whole)
    assert first == start - len(quote.get("prefix", ""))
    assert text.find(whole, first + 1) == -1
    return start, end


def test_every_quote_becomes_an_annotation_whose_selectors_resolve() -> None:
    result, document = _export(DATA / "maps", DATA / "sources")
    assert result.exit_code == 0, result.output
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert document["type"] == "AnnotationCollection" and document["first"]["type"] == "AnnotationPage"
    items = _items(document)
    assert document["total"] == len(items) == 5
    assert len({item["id"] for item in items}) == 5 and all(i["id"].startswith("urn:uuid:") for i in items)
    corpus, _, _ = load_corpus([str(DATA / "maps")])
    article = textmatch.normalise(ARTICLE)
    evidence = corpus.maps[0].evidence
    for item, quoted in zip(items, evidence, strict=True):
        assert item["type"] == "Annotation" and item["created"].endswith("Z")
        targets = _targets(item)
        assert all(t["source"] == "https://example.org/news/terrace-tax" for t in targets)
        spans = [assert_resolves(ARTICLE, t) for t in targets]
        parts = textmatch.split_quote(quoted.quote) if len(spans) > 1 else [quoted.quote]
        for (start, end), part in zip(spans, parts, strict=True):  # each part is where the quote check finds it
            found = textmatch.find(part, article)
            assert found is not None and (found.start, found.end) == (start, end)
        tags = {b["value"] for b in item["body"] if b["purpose"] == "tagging"}
        assert {f"claim:{g.id}" for g in quoted.grounds} | {f"speaker:{quoted.speaker.id}"} == tags


def test_non_ascii_offsets_are_code_points() -> None:
    _, document = _export(DATA / "maps", DATA / "sources")
    russian = next(i for i in _items(document) if "понятный" in _selectors(_targets(i)[0])[0]["exact"])
    start, end = assert_resolves(ARTICLE, _targets(russian)[0])
    assert ARTICLE[start:end] == "«понятный, но неверный»"
    assert start == ARTICLE.index("«")  # code points: the é, ü, ö and ’ before it count one each


def test_a_cut_quote_is_one_annotation_with_a_target_per_part() -> None:
    _, document = _export(DATA / "maps", DATA / "sources")
    cut = next(i for i in _items(document) if isinstance(i["target"], list))
    targets = cut["target"]
    assert [_selectors(t)[0]["exact"] for t in targets] == [
        "We barely survive\nthe winter", "she added,\nwould cost her “more than a month of takings”"]
    spans = [assert_resolves(ARTICLE, t) for t in targets]
    assert spans[0][1] < spans[1][0]  # in order, the words left out not highlighted


def test_repeated_words_get_context_until_unique() -> None:
    text = ARTICLE
    start = text.index("The fee is modest")
    selector = web.quote_selector(text, start, start + len("The fee is modest"))
    whole = selector["prefix"] + selector["exact"] + selector["suffix"]
    assert text.count(whole) == 1
    second = text.index("The fee is modest", start + 1)
    other = web.quote_selector(text, second, second + len("The fee is modest"))
    assert text.count(other["prefix"] + other["exact"] + other["suffix"]) == 1


@given(st.text(alphabet="ab é\nж", min_size=1, max_size=300), st.data())
def test_quote_selector_always_resolves(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    target = {"selector": [web.quote_selector(text, start, end), web.position_selector(start, end)]}
    assert assert_resolves(text, target) == (start, end)


def test_a_quote_not_located_is_reported_and_the_rest_exported(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    shutil.copytree(DATA / "maps", maps)
    path = maps / "mueller-2024-terrace-tax.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "The fee is modest compared with", "The fee is tiny compared with"), encoding="utf-8")
    out = tmp_path / "annotations.jsonld"
    result = run("export", "--to", "annotations", str(maps), "--sources", str(DATA / "sources"), "-o", str(out))
    assert result.exit_code == 1
    assert "q-modest" in result.stderr and "not exported" in result.stderr
    assert "4 quotes exported as annotations, 1 not located" in result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["total"] == 4


def test_a_missing_article_reports_every_quote(tmp_path: Path) -> None:
    empty = tmp_path / "sources"
    empty.mkdir()
    result = run("export", "--to", "annotations", str(DATA / "maps"), "--sources", str(empty))
    assert result.exit_code == 1
    assert result.stderr.count("not exported") == 5
    assert json.loads(result.stdout)["total"] == 0


def test_sources_are_required() -> None:
    result = run("export", "--to", "annotations", str(DATA / "maps"), "--isolated")
    assert result.exit_code == 2 and "--sources" in result.stderr


def test_without_a_url_the_target_is_the_article_file(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    shutil.copytree(DATA / "maps", maps)
    path = maps / "mueller-2024-terrace-tax.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "url: https://example.org/news/terrace-tax", "url: unknown"), encoding="utf-8")
    _, document = _export(maps, DATA / "sources")
    sources = {t["source"] for i in _items(document) for t in _targets(i)}
    assert sources == {(DATA / "sources" / "cafe-tax.txt").resolve().as_uri()}


def test_stable_with_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = run("export", "--to", "annotations", str(DATA / "maps"), "--sources", str(DATA / "sources")).stdout
    second = run("export", "--to", "annotations", str(DATA / "maps"), "--sources", str(DATA / "sources")).stdout
    assert first == second and '"created": "2023-11-14T22:13:20Z"' in first


def test_the_real_corpus_resolves(seeds: Path) -> None:
    corpus, _, _ = load_corpus([str(ROOT / "maps")])
    result = web.build(corpus, Sources([str(seeds)]))
    texts = {m.source.text: (seeds / m.source.text).read_text(encoding="utf-8-sig") for m in corpus.maps}
    by_id = {web._urn("annotation", m.id, e.id): texts[m.source.text] for m in corpus.maps for e in m.evidence}
    for item in _items(result.document):
        for target in _targets(item):
            assert_resolves(by_id[item["id"]], target)
    quoted = sum(1 for m in corpus.maps for e in m.evidence if e.quote.strip())
    assert result.annotations + len(result.unplaced) == quoted


@given(st.lists(st.sampled_from(["fee", "café", "terrace", "ж", "tax", "is"]), min_size=6, max_size=40), st.data())
def test_find_parts_places_each_part_of_a_cut_quote(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words)
    i = data.draw(st.integers(0, len(words) - 5))
    j = data.draw(st.integers(i + 2, len(words) - 3))
    k = data.draw(st.integers(j + 1, len(words) - 2))
    first, second = " ".join(words[i:j]), " ".join(words[k:k + 2])
    parts = textmatch.find_parts(f"{first} … {second}", textmatch.normalise(text))
    assert parts is not None and len(parts) == 2
    assert [text[p.start:p.end] for p in parts] == [first, second]
    assert parts[0].end < parts[1].start
