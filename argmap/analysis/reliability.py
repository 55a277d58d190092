"""Agreement between coders: two or more people map the same articles independently; how far do they agree?

What is computed (docs/reliability.md has the long form):

- Maps are matched by their article: `source.text`, else the map's `id`. An article's unnamed author is
  one agent across coders, `author@ARTICLE` (not `author@MAP-ID`: two coders' map ids differ).
- **Registries.** A coder's corpus without questions.yaml or agents.yaml (a second coder's directory of
  maps) takes the first corpus's (a warning says so). Agents are matched to the first corpus's ids: an id
  that is an alias or name of an agent there, or whose own registry entry names an agent there, is that agent.
- **Stances.** A unit is (article, agent, question); each coder's value is the stance they recorded, or
  missing where they recorded none (missing is not neutral). Krippendorff's alpha, ordinal, over the
  values -2..2, from the `krippendorff` package; also per question and per pair of coders. Alpha is
  undefined (None, with the reason) without a unit that two coders code, or when those values never vary.
- **Coverage.** The (agent, question) pairs of an article that one coder recorded and another, who mapped
  the article too, did not; per pair of coders the rate = units both recorded / units either recorded
  (over the articles both mapped), and overall the lowest rate of any pair.
- **Basis.** Of the units two coders both recorded, how each says the stance is known (stated, reported,
  act, inferred; a position without one is missing): nominal alpha, apart from the stance alpha.
- **Evidence** (needs the article texts). Each coder's quotes are located in the article (the quote
  check's matcher); every character of the article is a unit, coded 1 where the coder quoted it, 0 where
  not: nominal alpha over the characters, and per pair the overlap (characters both quoted / characters
  either quoted).
- **Structure** (needs the article texts), after CASS (Duthie et al. 2016): the thesis and claims of two
  coders are aligned by the quotes that ground them (a claim's span is the characters of the quotes that
  ground it; pairs that share most characters are matched first, one to one; the two theses always match);
  then node F1 = 2 × matched / (nodes of A + nodes of B), relation F1 = 2 × relations both drew (same ends,
  same kind) / (relations of A + relations of B), relation alpha (nominal: none, supports, attacks) over the
  ordered pairs of matched nodes, and the structure score = the mean of the two F1s.

The package is imported inside `alpha`, so that importing this module costs nothing more than argmap.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from itertools import combinations, pairwise
from typing import TYPE_CHECKING, Any

from argmap.analysis.positions import Ground, Quote, map_entries
from argmap.core.folds import hyphenated
from argmap.core.record import field, record
from argmap.core.stance import BASES
from argmap.model.maps import AUTHOR, Agent, Corpus, Map

if TYPE_CHECKING:
    from argmap.checks.quotes import Sources

SCALE = (-2, -1, 0, 1, 2)
LEVELS = ("nominal", "ordinal", "interval")
NO_PAIRABLE = "no unit coded by two coders"
NO_VARIATION = "no variation: every value the same, so alpha is 0/0"


class MissingExtra(Exception):
    """The `krippendorff` package is not installed."""


# -- Krippendorff's alpha ------------------------------------------------------------------------------


@record(frozen=True)
class Alpha:
    value: float | None  # None when undefined, with `reason`
    units: int  # units with values from at least two coders (pairable)
    values: int  # the values in those units
    reason: str = ""


def alpha(data: Sequence[Sequence[float | None]], level: str = "ordinal",
          domain: Sequence[int] = SCALE) -> Alpha:
    """Krippendorff's alpha of a coders × units table (None: missing), by the `krippendorff` package.
    Undefined cases are answered here, never left to a division by zero."""
    units = len(data[0]) if data else 0
    pairable = [u for u in range(units) if sum(row[u] is not None for row in data) >= 2]
    values = [row[u] for u in pairable for row in data if row[u] is not None]
    if not pairable:
        return Alpha(None, 0, 0, NO_PAIRABLE)
    if len(set(values)) < 2:
        return Alpha(None, len(pairable), len(values), NO_VARIATION)
    try:
        import krippendorff
    except ImportError as error:
        raise MissingExtra("krippendorff") from error
    nan = float("nan")
    table = [[nan if row[u] is None else row[u] for u in pairable] for row in data]
    compute: Any = krippendorff.alpha  # typed differently across the versions we allow
    value = compute(reliability_data=table, value_domain=list(domain), level_of_measurement=level)
    return Alpha(float(value), len(pairable), len(values))


def alpha_of_counts(counts: Sequence[Sequence[int]], level: str = "nominal") -> Alpha:
    """Alpha from a units × values table of how many coders chose each value (all coders code every unit)."""
    pairable = [row for row in counts if sum(row) >= 2]
    used = {v for row in pairable for v, n in enumerate(row) if n}
    values = sum(sum(row) for row in pairable)
    if not pairable:
        return Alpha(None, 0, 0, NO_PAIRABLE)
    if len(used) < 2:
        return Alpha(None, len(pairable), values, NO_VARIATION)
    try:
        import krippendorff
    except ImportError as error:
        raise MissingExtra("krippendorff") from error
    compute: Any = krippendorff.alpha  # typed differently across the versions we allow
    value = compute(value_counts=[list(row) for row in pairable], level_of_measurement=level)
    return Alpha(float(value), len(pairable), values)


# -- the coders' maps, matched by article ----------------------------------------------------------------


def article_key(m: Map) -> str:
    return m.source.text or m.id


@record(frozen=True)
class Coding:
    """What one coder recorded on one unit: a stance or none, with its grounds, quotes and note."""

    coder: str
    map: str  # the coder's map of the article
    stance: int | None
    grounds: tuple[Ground, ...] = ()
    quotes: tuple[Quote, ...] = ()
    note: str = ""
    path: str = ""
    line: int = 0
    basis: str | None = None  # how the coder says the stance is known; None when the position does not say


@record(frozen=True)
class Unit:
    article: str
    agent: str
    question: str


@record
class Disagreement:
    unit: Unit
    agent_name: str
    kinds: list[str]  # "stance" (values differ), "basis" (bases differ), "coverage" (recorded by some, not all)
    codings: list[Coding]  # one per coder who mapped the article, in coder order


@record(frozen=True)
class PairStances:
    a: str
    b: str
    alpha: Alpha
    both: int  # units both recorded
    same: int  # of those, with the same stance
    only_a: int  # units of articles both mapped that only a recorded
    only_b: int

    @property
    def coverage(self) -> float | None:
        """Units both recorded / units either recorded (None when neither recorded any)."""
        either = self.both + self.only_a + self.only_b
        return self.both / either if either else None


@record(frozen=True)
class Gap:
    """An (agent, question) pair of an article recorded by some coders and not by others who mapped it."""

    unit: Unit
    agent_name: str
    recorded_by: tuple[str, ...]
    missing_from: tuple[str, ...]


@record
class Article:
    key: str
    maps: dict[str, Map]  # coder -> the coder's map of the article


# -- evidence and structure ------------------------------------------------------------------------------

Span = tuple[int, int]


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        elif end > start:
            out.append((start, end))
    return out


def _length(spans: list[Span]) -> int:
    return sum(end - start for start, end in spans)


def _overlap(a: list[Span], b: list[Span]) -> int:
    """Characters in both of two merged span lists."""
    total, i, j = 0, 0, 0
    while i < len(a) and j < len(b):
        total += max(0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


@record(frozen=True)
class LocatedQuote:
    evidence: str
    quote: str
    start: int
    end: int


@record
class CoderQuotes:
    located: list[LocatedQuote]
    not_located: list[tuple[str, str]]  # (evidence id, quote) the matcher could not place

    @property
    def spans(self) -> list[Span]:
        return _merge([(q.start, q.end) for q in self.located])


@record(frozen=True)
class PairOverlap:
    a: str
    b: str
    both: int  # characters both quoted
    either: int  # characters either quoted
    only_a: int
    only_b: int

    @property
    def overlap(self) -> float | None:
        return self.both / self.either if self.either else None


@record
class ArticleEvidence:
    key: str
    length: int  # characters of the article
    quotes: dict[str, CoderQuotes]
    alpha: Alpha
    pairs: list[PairOverlap]
    unshared: list[tuple[str, str, LocatedQuote]]  # (coder, other coder, quote with no character in common)


@record(frozen=True)
class Relation:
    source: str
    target: str
    kind: str  # supports | attacks


class _Structure:
    """The structure's F1 scores, from what a subclass counts: (matched nodes, the nodes of both coders
    together, agreeing relations, the relations of both together)."""

    def counts(self) -> tuple[int, int, int, int]:
        raise NotImplementedError

    @property
    def node_f1(self) -> float | None:
        matched, nodes, _, _ = self.counts()
        return 2 * matched / nodes if nodes else None

    @property
    def relation_f1(self) -> float | None:
        _, _, agreeing, relations = self.counts()
        return 2 * agreeing / relations if relations else None

    @property
    def score(self) -> float | None:
        parts = [v for v in (self.node_f1, self.relation_f1) if v is not None]
        return sum(parts) / len(parts) if parts else None


@record
class PairStructure(_Structure):
    article: str
    a: str
    b: str
    nodes_a: int
    nodes_b: int
    matched: list[tuple[str, str]]  # (node of a, node of b)
    relations_a: int
    relations_b: int
    agreeing: int  # relations both drew between matched nodes, same kind
    conflicting: int  # same matched ends, opposite kind
    relation_alpha: Alpha
    unmatched: list[tuple[str, str, str]] = field(default_factory=list)  # (coder, node id, text)
    differing: list[tuple[str, Relation, str]] = field(default_factory=list)  # (coder, relation, what the other drew)

    def counts(self) -> tuple[int, int, int, int]:
        return len(self.matched), self.nodes_a + self.nodes_b, self.agreeing, self.relations_a + self.relations_b


@record
class Totals(_Structure):
    """Structure summed over articles (micro-averaged): for a pair of coders, or for all."""

    nodes: int = 0
    matched: int = 0
    relations: int = 0
    agreeing: int = 0

    def add(self, p: PairStructure) -> None:
        self.nodes += p.nodes_a + p.nodes_b
        self.matched += len(p.matched)
        self.relations += p.relations_a + p.relations_b
        self.agreeing += p.agreeing

    def counts(self) -> tuple[int, int, int, int]:
        return self.matched, self.nodes, self.agreeing, self.relations


@record
class Reliability:
    coders: list[str]
    articles: list[Article]
    units: list[Unit]
    alpha: Alpha  # ordinal, over every unit
    levels: dict[str, Alpha]  # nominal, ordinal, interval: the same data at each level, for comparison
    questions: dict[str, Alpha]  # question -> ordinal alpha over its units
    pairs: list[PairStances]
    gaps: list[Gap]
    disagreements: list[Disagreement]
    warnings: list[str] = field(default_factory=list)
    sources: bool = False  # whether article texts were given: evidence and structure need them
    evidence: list[ArticleEvidence] = field(default_factory=list)
    evidence_alpha: Alpha | None = None
    evidence_pairs: list[PairOverlap] = field(default_factory=list)  # summed over articles
    structure: list[PairStructure] = field(default_factory=list)
    structure_pairs: dict[tuple[str, str], Totals] = field(default_factory=dict)
    structure_total: Totals = field(default_factory=Totals)
    basis_alpha: Alpha | None = None  # nominal, over the bases of units two coders both recorded

    @property
    def coverage(self) -> float | None:
        """The lowest coverage rate of any pair of coders (None when no pair has a unit)."""
        rates = [p.coverage for p in self.pairs if p.coverage is not None]
        return min(rates) if rates else None

    def floors(self, min_alpha: float | None = None, min_coverage: float | None = None) -> list[str]:
        """A line for each floor the result is below (none: every floor met)."""
        failed = []
        if min_alpha is not None:
            a = self.alpha.value
            if a is None:
                failed.append(f"alpha is undefined ({self.alpha.reason}), so it does not meet the floor {min_alpha:.2f}")
            elif a < min_alpha:
                failed.append(f"alpha {a:.2f} is below the floor {min_alpha:.2f}")
        if min_coverage is not None:
            c = self.coverage
            if c is None:
                failed.append(f"coverage is undefined (no unit recorded), so it does not meet the floor {min_coverage:.2f}")
            elif c < min_coverage:
                failed.append(f"coverage {c:.2f} is below the floor {min_coverage:.2f}")
        return failed

    def only_some(self) -> list[Article]:
        """Articles that not every coder mapped."""
        return [a for a in self.articles if len(a.maps) < len(self.coders)]


def coder_labels(names: Sequence[str]) -> list[str]:
    """The names given on the command line, made unique (`maps`, `maps#2`)."""
    out: list[str] = []
    for name in names:
        label, n = name, 1
        while label in out:
            n += 1
            label = f"{name}#{n}"
        out.append(label)
    return out


def _articles(coders: Sequence[tuple[str, Corpus]], warnings: list[str]) -> list[Article]:
    by_key: dict[str, Article] = {}
    for coder, corpus in coders:
        for m in corpus.maps:
            key = article_key(m)
            article = by_key.setdefault(key, Article(key, {}))
            if coder in article.maps:
                warnings.append(f"{coder}: two maps of article {key} ({article.maps[coder].id} and {m.id}); "
                                f"only {article.maps[coder].id} is compared")
                continue
            article.maps[coder] = m
    return sorted(by_key.values(), key=lambda a: a.key)


def _codings(articles: list[Article], coders: Sequence[tuple[str, Corpus]], same: dict[str, dict[str, str]]
             ) -> tuple[dict[Unit, dict[str, Coding]], dict[str, str]]:
    """Every coder's stances, by unit. `same`: per coder, its agent ids that are another id of the first
    corpus (`_agent_matches`)."""
    corpora = dict(coders)
    table: dict[Unit, dict[str, Coding]] = {}
    names: dict[str, str] = {}
    for article in articles:
        for coder, m in article.maps.items():
            for e in map_entries(m, corpora[coder], details=True):
                # An unnamed author is the article's, whichever coder's map (and map id) it comes from.
                unnamed = e.agent == m.anonymous_author
                agent = f"{AUTHOR}@{article.key}" if unnamed else same.get(coder, {}).get(e.agent, e.agent)
                unit = Unit(article.key, agent, e.question)
                names.setdefault(agent, f"author of {article.key} (unnamed)" if unnamed else e.agent_name)
                table.setdefault(unit, {})[coder] = Coding(coder, m.id, e.stance, tuple(e.grounds), tuple(e.quotes),
                                                           e.note, e.path, e.line, e.basis)
    return table, names


def _has(corpus: Corpus, name: str) -> bool:
    return any(os.path.basename(path) == name for path in corpus.registry_files)


def _shared_registries(coders: Sequence[tuple[str, Corpus]], warnings: list[str]) -> list[tuple[str, Corpus]]:
    """The coders' corpora, each without questions.yaml or agents.yaml of its own given the first corpus's."""
    import copy

    if not coders:
        return []
    first_label, first = coders[0]
    out = [coders[0]]
    for label, corpus in coders[1:]:
        lent = []
        if not _has(corpus, "questions.yaml") and not corpus.questions and first.questions:
            lent.append("questions.yaml")
        if not _has(corpus, "agents.yaml") and not corpus.agents and first.agents:
            lent.append("agents.yaml")
        if lent:
            corpus = copy.copy(corpus)
            if "questions.yaml" in lent:
                corpus.questions = first.questions
            if "agents.yaml" in lent:
                corpus.agents = first.agents
            warnings.append(f"{label}: no {' or '.join(lent)} of its own; {first_label}'s is used")
        out.append((label, corpus))
    return out


def _spellings(agent: Agent) -> set[str]:
    return {hyphenated(s) for s in (agent.id, agent.name, *agent.aliases) if s.strip()}


def _agent_matches(coders: Sequence[tuple[str, Corpus]]) -> dict[str, dict[str, str]]:
    """Per coder after the first: its agent ids that name an agent of the first corpus under another id,
    mapped to that id. An id is matched when it is an alias or name of a first-corpus agent, or when the
    coder's own registry entry for it has the first agent's id, name or an alias among its spellings; an id
    the first corpus has is itself."""
    if len(coders) < 2:
        return {}
    reference = coders[0][1].agents
    by_spelling: dict[str, set[str]] = {}
    for agent in reference.values():
        for spelling in _spellings(agent):
            by_spelling.setdefault(spelling, set()).add(agent.id)
    out: dict[str, dict[str, str]] = {}
    for label, corpus in coders[1:]:
        used = {e.agent for m in corpus.maps for e in map_entries(m, corpus, details=False)}
        mine: dict[str, str] = {}
        for agent_id in sorted(used - set(reference)):
            own = corpus.agents.get(agent_id)
            spellings = _spellings(own) if own is not None else {hyphenated(agent_id)}
            found = {ref for s in spellings for ref in by_spelling.get(s, ())}
            if len(found) == 1:  # two candidates: which one was meant is not for argmap to guess
                mine[agent_id] = found.pop()
        if mine:
            out[label] = mine
    return out


def _rows(units: list[Unit], table: dict[Unit, dict[str, Coding]], coders: Sequence[str]) -> list[list[float | None]]:
    rows: list[list[float | None]] = []
    for coder in coders:
        row: list[float | None] = []
        for unit in units:
            coding = table[unit].get(coder)
            row.append(None if coding is None else coding.stance)
        rows.append(row)
    return rows


def _basis_rows(units: list[Unit], table: dict[Unit, dict[str, Coding]], coders: Sequence[str]
                ) -> list[list[float | None]]:
    """The bases of the units at least two coders recorded, coded 0..3 in the order of stance.BASES; a
    position that gives none is missing. Only units both coded count: a basis of a stance the other coder
    did not record is not a disagreement on how it is known."""
    code = {b: i for i, b in enumerate(BASES)}
    both = [u for u in units if len(table[u]) >= 2]
    rows: list[list[float | None]] = []
    for coder in coders:
        row: list[float | None] = []
        for unit in both:
            coding = table[unit].get(coder)
            row.append(None if coding is None or coding.basis is None else code[coding.basis])
        rows.append(row)
    return rows


def reliability(coders: Sequence[tuple[str, Corpus]], sources: Sources | None = None,
                max_gap: int | None = None) -> Reliability:
    """Agreement between `coders` (label, corpus) on stances, coverage and, with `sources`, evidence and structure."""
    labels = [label for label, _ in coders]
    warnings: list[str] = []
    coders = _shared_registries(coders, warnings)
    same = _agent_matches(coders)
    for label, matched in same.items():
        warnings.append(f"{label}: agents matched to {labels[0]}'s by alias or name: "
                        + ", ".join(f"{mine} = {theirs}" for mine, theirs in sorted(matched.items())))
    articles = _articles(coders, warnings)
    mapped = {a.key: set(a.maps) for a in articles}
    table, names = _codings(articles, coders, same)
    units = sorted(table, key=lambda u: (u.article, u.question, u.agent))
    levels = {level: alpha(_rows(units, table, labels), level) for level in LEVELS}
    questions = {}
    for question in sorted({u.question for u in units}):
        mine = [u for u in units if u.question == question]
        questions[question] = alpha(_rows(mine, table, labels))
    pairs = []
    for a, b in combinations(labels, 2):
        shared = [u for u in units if {a, b} <= mapped[u.article]]
        both = [u for u in shared if a in table[u] and b in table[u]]
        pairs.append(PairStances(
            a, b, alpha(_rows(shared, table, [a, b])), len(both),
            sum(1 for u in both if table[u][a].stance == table[u][b].stance),
            sum(1 for u in shared if a in table[u] and b not in table[u]),
            sum(1 for u in shared if b in table[u] and a not in table[u])))
    gaps, disagreements = [], []
    for unit in units:
        recorded = table[unit]
        present = [c for c in labels if c in mapped[unit.article]]
        missing = tuple(c for c in present if c not in recorded)
        kinds = []
        if len({c.stance for c in recorded.values()}) > 1:
            kinds.append("stance")
        if len(recorded) > 1 and len({c.basis for c in recorded.values()}) > 1:
            kinds.append("basis")
        if missing:
            kinds.append("coverage")
            gaps.append(Gap(unit, names.get(unit.agent, unit.agent), tuple(c for c in present if c in recorded), missing))
        if kinds:
            article = next(a for a in articles if a.key == unit.article)
            codings = [recorded.get(c) or Coding(c, article.maps[c].id, None) for c in present]
            disagreements.append(Disagreement(unit, names.get(unit.agent, unit.agent), kinds, codings))
    result = Reliability(labels, articles, units, levels["ordinal"], levels, questions, pairs, gaps,
                         disagreements, warnings, sources is not None)
    result.basis_alpha = alpha(_basis_rows(units, table, labels), "nominal", range(len(BASES)))
    if sources is not None:
        _evidence(result, sources, max_gap)
    return result


# -- evidence ------------------------------------------------------------------------------------------


def _locate(m: Map, sources: Sources, max_gap: int | None) -> tuple[int, CoderQuotes] | None:
    """The article's length and the map's quotes in it, or None without a readable article text."""
    from argmap.checks.quotes import locate
    from argmap.files import textmatch

    article = sources.get(m) if m.source.text else None
    if not isinstance(article, textmatch.Normalised):
        return None
    located, missing = [], []
    for found in locate(m, sources, textmatch.DEFAULT_MAX_GAP if max_gap is None else max_gap):
        if found.match is None:
            missing.append((found.evidence.id, found.evidence.quote))
        else:
            located.append(LocatedQuote(found.evidence.id, found.evidence.quote, found.match.start, found.match.end))
    return len(article.original), CoderQuotes(located, missing)


def _evidence(result: Reliability, sources: Sources, max_gap: int | None) -> None:
    all_counts: list[list[int]] = []
    sums: dict[tuple[str, str], list[int]] = {}
    for article in result.articles:
        if len(article.maps) < 2:
            continue
        quotes: dict[str, CoderQuotes] = {}
        length = 0
        for coder, m in article.maps.items():
            found = _locate(m, sources, max_gap)
            if found is None:
                result.warnings.append(f"{coder}: no readable article text {article.key!r} for map {m.id}: "
                                       "its evidence and structure are not compared")
                continue
            length, quotes[coder] = found
        if len(quotes) < 2:
            continue
        spans = {coder: q.spans for coder, q in quotes.items()}
        counts = _character_counts(length, list(spans.values()))
        all_counts.extend(counts)
        pairs, unshared = [], []
        for a, b in combinations([c for c in result.coders if c in quotes], 2):
            both = _overlap(spans[a], spans[b])
            la, lb = _length(spans[a]), _length(spans[b])
            pair = PairOverlap(a, b, both, la + lb - both, la - both, lb - both)
            pairs.append(pair)
            acc = sums.setdefault((a, b), [0, 0, 0, 0])
            for i, v in enumerate((pair.both, pair.either, pair.only_a, pair.only_b)):
                acc[i] += v
            for mine, other in ((a, b), (b, a)):
                for q in quotes[mine].located:
                    if not _overlap([(q.start, q.end)], spans[other]):
                        unshared.append((mine, other, q))
        result.evidence.append(ArticleEvidence(article.key, length, quotes, alpha_of_counts(_compress(counts)), pairs, unshared))
        for a, b in combinations([c for c in result.coders if c in quotes], 2):
            result.structure.append(_structure(article.key, a, article.maps[a], quotes[a], b, article.maps[b], quotes[b]))
    result.evidence_alpha = alpha_of_counts(_compress(all_counts))
    result.evidence_pairs = [PairOverlap(a, b, *acc) for (a, b), acc in sums.items()]
    for p in result.structure:
        result.structure_pairs.setdefault((p.a, p.b), Totals()).add(p)
        result.structure_total.add(p)


def _character_counts(length: int, spans: list[list[Span]]) -> list[list[int]]:
    """For runs of characters coded alike: [coders not quoting, coders quoting] per character, as rows
    repeated run-length times would be (the repetition is kept as a count in `_compress`)."""
    cuts = sorted({0, length, *(x for s in spans for span in s for x in span if 0 <= x <= length)})
    rows = []
    for start, end in pairwise(cuts):
        if end <= start:
            continue
        quoting = sum(1 for s in spans if any(a <= start and end <= b for a, b in s))
        rows.append([len(spans) - quoting, quoting, end - start])
    return rows


def _compress(rows: list[list[int]]) -> list[list[int]]:
    """Run rows ([not, quoted, characters]) to one row per character: alpha counts every character as a unit.
    Identical rows are merged first, so the table has one row per character, never more."""
    merged: dict[tuple[int, int], int] = {}
    for no, yes, n in rows:
        merged[(no, yes)] = merged.get((no, yes), 0) + n
    return [[no, yes] for (no, yes), n in sorted(merged.items()) for _ in range(n)]


# -- structure -----------------------------------------------------------------------------------------


def _node_spans(m: Map, quotes: CoderQuotes) -> dict[str, list[Span]]:
    located = {q.evidence: (q.start, q.end) for q in quotes.located}
    spans: dict[str, list[Span]] = {n.id: [] for n in m.nodes if n.id}
    for e in m.evidence:
        if e.id in located:
            for ground in e.grounds:
                if ground.id in spans:
                    spans[ground.id].append(located[e.id])
    return {node: _merge(s) for node, s in spans.items()}


def _relations(m: Map) -> set[Relation]:
    ids = {n.id for n in m.nodes if n.id}
    out: set[Relation] = set()
    for claim in m.claims:
        for kind, targets in (("supports", claim.supports), ("attacks", claim.attacks)):
            out.update(Relation(claim.id, t.id, kind) for t in targets if t.id in ids and claim.id in ids)
    return out


def _structure(key: str, a: str, ma: Map, qa: CoderQuotes, b: str, mb: Map, qb: CoderQuotes) -> PairStructure:
    sa, sb = _node_spans(ma, qa), _node_spans(mb, qb)
    matched: dict[str, str] = {}
    if ma.thesis and mb.thesis and ma.thesis.id and mb.thesis.id:
        matched[ma.thesis.id] = mb.thesis.id  # each map has one thesis: they answer the same question
    candidates = []
    for x, xs in sa.items():
        for y, ys in sb.items():
            both = _overlap(xs, ys)
            if both:
                candidates.append((-both / (_length(xs) + _length(ys) - both), -both, x, y))
    for _, _, x, y in sorted(candidates):
        if x not in matched and y not in matched.values():
            matched[x] = y
    ra, rb = _relations(ma), _relations(mb)
    back = {y: x for x, y in matched.items()}
    kinds_b = {(r.source, r.target): r.kind for r in rb}
    agreeing = conflicting = 0
    differing: list[tuple[str, Relation, str]] = []
    for r in sorted(ra, key=lambda r: (r.source, r.target, r.kind)):
        other = kinds_b.get((matched.get(r.source, ""), matched.get(r.target, "")))
        if other == r.kind:
            agreeing += 1
            continue
        conflicting += other is not None
        differing.append((a, r, other or "nothing"))
    kinds_a = {(r.source, r.target): r.kind for r in ra}
    for r in sorted(rb, key=lambda r: (r.source, r.target, r.kind)):
        other = kinds_a.get((back.get(r.source, ""), back.get(r.target, "")))
        if other is None:
            differing.append((b, r, "nothing"))
    # Relation alpha: every ordered pair of matched nodes is a unit; its value is the relation each coder drew.
    code = {"supports": 1, "attacks": 2}
    rows: list[list[float | None]] = [[], []]
    for (xa, xb), (ya, yb) in ((p, q) for p in matched.items() for q in matched.items() if p != q):
        rows[0].append(code.get(kinds_a.get((xa, ya), ""), 0))
        rows[1].append(code.get(kinds_b.get((xb, yb), ""), 0))
    relation_alpha = alpha(rows, "nominal", (0, 1, 2))
    texts_a = {n.id: n.text for n in ma.nodes}
    texts_b = {n.id: n.text for n in mb.nodes}
    unmatched = [(a, n, texts_a[n]) for n in texts_a if n and n not in matched]
    unmatched += [(b, n, texts_b[n]) for n in texts_b if n and n not in back]
    return PairStructure(key, a, b, len(sa), len(sb), list(matched.items()), len(ra), len(rb), agreeing, conflicting,
                         relation_alpha, unmatched, differing)
