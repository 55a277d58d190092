"""Links the corpus does not have yet, ranked: pairs of claims of different maps that seem to make one
point (`same`) or contradict each other (`opposes`).

The default method is lexical (rapidfuzz): the claims' texts, their quotes, and the questions they
bear on (the positions grounded in them). Candidate pairs share at least one content word that is not
common in the corpus, so the work grows with the pairs worth scoring, not with every pair. The optional
sentence-embedding method (`argmap/analysis/links/embed.py`) brings its own candidates and scores: `suggest` takes
any `Method`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import combinations
from typing import Protocol

from argmap.core.clusters import Clusters
from argmap.core.record import field, record
from argmap.core.words import STOPWORDS
from argmap.model.maps import Corpus, Map
from argmap.syntax.yamledit import mapping_item

NEGATIONS = frozenset({"no", "not", "never", "nothing", "none", "without", "neither", "nor", "cannot", "barely",
                       "hardly", "unlikely", "rather", "n't"})
_WORD = re.compile(r"[a-z][a-z'’-]+")
# A word in more than this share of the claims is the corpus's own stop word (the countries every claim of a
# corpus on two countries names), found by document frequency so that any corpus works: it neither makes a
# pair a candidate nor counts in a score. (0.3 measured best on maps/ with bench/links_suggest.py: precision
# at 1 0.27, recall 0.30 and 0.80, against 0.21, 0.25, 0.75 with the countries' names written in a list.)
COMMON_SHARE = 0.3
MIN_CLAIMS_FOR_FREQUENT = 8  # fewer claims than this say nothing of which words are common


@record
class Suggestion:
    source: str
    target: str
    relation: str  # same or opposes
    score: float
    source_text: str = ""
    target_text: str = ""


@record
class ClaimInfo:
    name: str  # MAP#CLAIM
    map_id: str
    text: str
    quotes: list[str] = field(default_factory=list)
    questions: dict[str, int] = field(default_factory=dict)  # question -> stance of positions grounded here
    words: frozenset[str] = frozenset()
    text_words: str = ""  # the content words of the text and of each quote, joined, for the scores
    quote_words: list[str] = field(default_factory=list)


def _stem(word: str) -> str:
    """A crude stem, so that `integrate`, `integration` and `integrating` meet."""
    word = word.replace("’", "'").strip("'-")
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s", "e"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def words(text: str, frequent: frozenset[str] = frozenset()) -> list[str]:
    """The stemmed content words of `text`: neither function words nor the corpus's `frequent` stems."""
    return [stem for stem in (_stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS)
            if stem not in frequent]


def frequent_words(texts: list[str], share: float = COMMON_SHARE) -> frozenset[str]:
    """The stems in more than `share` of `texts` (document frequency): a corpus's own stop words."""
    if len(texts) < MIN_CLAIMS_FOR_FREQUENT:
        return frozenset()
    counts: dict[str, int] = {}
    for text in texts:
        for stem in set(words(text)):
            counts[stem] = counts.get(stem, 0) + 1
    return frozenset(stem for stem, n in counts.items() if n > share * len(texts))


def claim_infos(corpus: Corpus) -> list[ClaimInfo]:
    out = []
    for m in corpus.maps:
        if not m.id:
            continue
        quotes = _quotes_by_claim(m)
        questions = _questions_by_claim(m)
        for node in m.nodes:
            if not node.id:
                continue
            out.append(ClaimInfo(f"{m.id}#{node.id}", m.id, node.text, quotes.get(node.id, []),
                                 questions.get(node.id, {})))
    frequent = frequent_words([" ".join([info.text, *info.quotes]) for info in out])
    for info in out:
        info.words = frozenset(words(" ".join([info.text, *info.quotes]), frequent))
        info.text_words = " ".join(words(info.text, frequent))
        info.quote_words = [" ".join(words(quote, frequent)) for quote in info.quotes[:6]]
    return out


def _quotes_by_claim(m: Map) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for evidence in m.evidence:
        for ref in evidence.grounds:
            out.setdefault(ref.id, []).append(evidence.quote)
    return out


def _questions_by_claim(m: Map) -> dict[str, dict[str, int]]:
    """The questions a claim bears on: positions grounded in it or in one of its quotes."""
    grounds_of_evidence = {e.id: [r.id for r in e.grounds] for e in m.evidence}
    out: dict[str, dict[str, int]] = {}
    for p in m.positions:
        if p.stance is None or not p.question.id:
            continue
        for ref in p.grounds:
            for claim in grounds_of_evidence.get(ref.id, [ref.id]):
                out.setdefault(claim, {}).setdefault(p.question.id, p.stance)
    return out


def candidates(infos: list[ClaimInfo]) -> Iterable[tuple[ClaimInfo, ClaimInfo]]:
    """Pairs of claims of different maps that share an uncommon content word (an inverted index)."""
    index: dict[str, list[int]] = {}
    for i, info in enumerate(infos):
        for w in info.words:
            index.setdefault(w, []).append(i)
    cap = max(2, int(COMMON_SHARE * len(infos)))
    seen: set[tuple[int, int]] = set()
    for holders in index.values():
        if len(holders) > cap:
            continue
        for i, j in combinations(holders, 2):
            if (i, j) not in seen and infos[i].map_id != infos[j].map_id:
                seen.add((i, j))
                yield infos[i], infos[j]


class Method(Protocol):
    """A way to find candidate pairs of claims and score each from 0 to 1."""

    def pairs(self, infos: list[ClaimInfo]) -> Iterable[tuple[ClaimInfo, ClaimInfo]]: ...

    def score(self, a: ClaimInfo, b: ClaimInfo) -> float: ...


class Lexical:
    """The default: candidates that share an uncommon word, scored by `lexical_score`."""

    def pairs(self, infos: list[ClaimInfo]) -> Iterable[tuple[ClaimInfo, ClaimInfo]]:
        return candidates(infos)

    def score(self, a: ClaimInfo, b: ClaimInfo) -> float:
        return lexical_score(a, b)


def lexical_score(a: ClaimInfo, b: ClaimInfo) -> float:
    """0..1: the texts' word overlap, the best pair of their quotes, and the questions both bear on."""
    from rapidfuzz import fuzz

    text = fuzz.token_set_ratio(a.text_words, b.text_words) / 100
    quote = max((fuzz.token_set_ratio(qa, qb) / 100 for qa in a.quote_words for qb in b.quote_words), default=0.0)
    shared = len(a.words & b.words) / max(1, min(len(a.words), len(b.words)))
    return 0.35 * text + 0.25 * quote + 0.2 * shared + 0.2 * question_overlap(a, b)


def question_overlap(a: ClaimInfo, b: ClaimInfo) -> float:
    """0..1: the share of the questions either claim bears on that both bear on (Jaccard)."""
    both = a.questions.keys() & b.questions.keys()
    return len(both) / max(1, len(a.questions.keys() | b.questions.keys()))


def relation(a: ClaimInfo, b: ClaimInfo) -> str:
    """`opposes` where the two are grounds of opposite stances on a question, else by negation words."""
    signs = [(a.questions[q] > 0) - (a.questions[q] < 0) for q in a.questions.keys() & b.questions.keys()]
    other = [(b.questions[q] > 0) - (b.questions[q] < 0) for q in a.questions.keys() & b.questions.keys()]
    opposite = sum(1 for x, y in zip(signs, other, strict=True) if x * y < 0)
    agreeing = sum(1 for x, y in zip(signs, other, strict=True) if x * y > 0)
    if opposite or agreeing:
        return "opposes" if opposite > agreeing else "same"
    neg_a = bool(NEGATIONS & set(a.text.lower().split()))
    neg_b = bool(NEGATIONS & set(b.text.lower().split()))
    return "opposes" if neg_a != neg_b and len(a.words & b.words) >= 3 else "same"


def suggest(corpus: Corpus, limit: int = 20, threshold: float = 0.0, method: Method | None = None) -> list[Suggestion]:
    """The best `limit` new links (0: all) scoring at least `threshold`, best first. Pairs already
    linked, directly or through `same` clusters, and claims of one map are left out."""
    infos = claim_infos(corpus)
    method = method or Lexical()
    linked = Clusters((link.source.id, link.target.id) for link in corpus.links if link.relation.id == "same")
    direct = {frozenset((link.source.id, link.target.id)) for link in corpus.links}
    out = []
    for a, b in method.pairs(infos):
        if frozenset((a.name, b.name)) in direct or linked.find(a.name) == linked.find(b.name):
            continue
        value = method.score(a, b)
        if value >= threshold:
            out.append(Suggestion(a.name, b.name, relation(a, b), min(1.0, max(0.0, value)), a.text, b.text))
    out.sort(key=lambda s: (-s.score, s.source, s.target))
    return out[:limit] if limit else out


def link_entry(s: Suggestion, dash: str = "  ", inner: str = "    ") -> str:
    """One suggestion as a links.yaml entry (at the list's indentation), marked `# suggested` for review."""
    return mapping_item(dash, inner, [f"from: {s.source}  # suggested (score {s.score:.2f}): review, then remove this mark",
                                      f"to: {s.target}", f"relation: {s.relation}"])


def link_yaml(items: list[Suggestion]) -> str:
    """The suggestions as links.yaml entries, each marked `# suggested` for review."""
    return "".join(link_entry(s) for s in items)


@record
class Measure:
    precision_at_1: float  # of the claims in a gold pair, the share whose best suggestion is a gold pair
    recall: float  # the share of gold pairs among the first `limit` suggestions
    recall_all: float  # the share of gold pairs among every candidate scored (what blocking lets through)
    relation_accuracy: float  # of the gold pairs suggested, the share with the gold relation
    claims: int
    pairs: int


def measure(ranked: list[Suggestion], gold: dict[frozenset[str], str], limit: int) -> Measure:
    """How well a ranking finds hand-annotated links (`gold`: pair -> relation)."""
    best: dict[str, frozenset[str]] = {}
    for s in ranked:
        pair = frozenset((s.source, s.target))
        for end in pair:
            best.setdefault(end, pair)
    ends = {end for pair in gold for end in pair}
    hits = sum(1 for end in ends if best.get(end) in gold)
    top = {frozenset((s.source, s.target)): s.relation for s in ranked[:limit]}
    every = {frozenset((s.source, s.target)): s.relation for s in ranked}
    found = [pair for pair in gold if pair in every]
    right = sum(1 for pair in found if every[pair] == gold[pair])
    return Measure(hits / max(1, len(ends)), sum(1 for p in gold if p in top) / max(1, len(gold)),
                   len(found) / max(1, len(gold)), right / max(1, len(found)), len(ends), len(gold))
