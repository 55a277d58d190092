"""Stance entries: who holds which stance on which shared question, in which map, and why.

Every other analysis reads these entries rather than the raw `Position`s: the reserved `author` is
resolved here, duplicates within a map are dropped (the first one counts, as in `argmap check`), and the
grounds are turned into claim texts and quotes.

Entries are computed map by map (`map_stances`), so that a command can keep only them of each map, where
the map is built (`StanceHook`, run by argmap.model.corpus.map_results), and never hold whole maps; `Stances` is
a corpus as the analyses read it, built that way or from a loaded `Corpus`.
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap.analysis import periods as grouping
from argmap.analysis.arguments import LinkedClaim, SideArgument, debate, linked_claims, linked_ids, shared_arguments
from argmap.core import stance as scale
from argmap.core.diagnostics import Finding
from argmap.core.record import field, record
from argmap.model.maps import AUTHOR, Corpus, Evidence, Map, Position

MAX_QUOTES = 2


@record(frozen=True)
class Ground:
    """A claim (or the thesis) cited as a ground of a position."""

    id: str
    text: str


@record(frozen=True)
class Quote:
    """A verbatim quote that grounds a position, directly or through one of its claims."""

    evidence: str
    text: str
    speaker: str  # corpus-wide agent id
    speaker_name: str
    translation: str = ""  # evidence.translation: the quote in the map's language, when it keeps the article's


@record
class StanceEntry:
    """One agent's stance on one question in one map."""

    agent: str
    agent_name: str
    question: str
    stance: int
    map: str
    map_title: str
    date: str  # as written in the map: YYYY, YYYY-MM, YYYY-MM-DD or unknown
    sort_date: str
    is_author: bool  # the agent is an author of the map (not someone reported in it)
    grounds: list[Ground] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    note: str = ""
    path: str = ""
    line: int = 0
    basis: str | None = None  # how the stance is known (stance.BASES); None when the map does not say

    @property
    def order(self) -> tuple[str, str]:
        """Chronological order: by map date (unknown dates last), then by map id."""
        return (self.sort_date, self.map)


COUNTS = ("agents", "stances")  # each agent once, by its latest stance; or every stance, one per agent and map


@record(frozen=True)
class Summary:
    """How many agree, stand neutral or disagree: with `count` "agents", each agent once, by its latest
    stance; with "stances", every stance, one per agent and map (an agent in three maps counts three times)."""

    agents: int
    agree: int
    neutral: int
    disagree: int
    positions: int  # stance entries, counting every map
    count: str = "agents"
    # Of the latest stances on each side (agree, neutral, disagree): how many rest on each basis; a stance
    # whose map does not say is counted under "unstated". Not part of equality or hashing (a dict).
    bases: dict[str, dict[str, int]] = field(default_factory=dict, compare=False, hash=False)

    def indirect(self, side: str) -> dict[str, int]:
        """The latest stances on `side` that rest on a report or an inference, by basis (none left out)."""
        return {b: n for b, n in self.bases.get(side, {}).items() if b in scale.INDIRECT and n}

    @property
    def counted(self) -> int:
        """What the agree, neutral and disagree add up to: agents, or stances."""
        return self.agree + self.neutral + self.disagree


@record(frozen=True)
class PeriodTally:
    """A question's tally over the maps of one period (a year, a named period, or undated)."""

    period: str
    span: str  # '2019-01 to 2019-12' for a named period, else ''
    summary: Summary


@record(frozen=True)
class Silence:
    """A later article by the agent that does not restate its stance on the question."""

    map: str
    date: str


@record
class QuestionPositions:
    question: str
    proposition: str
    entries: list[StanceEntry]  # grouped by agent (latest stance, strongest agreement first), then by date
    latest: dict[str, StanceEntry]  # agent id -> that agent's latest entry
    summary: Summary
    broader: str | None = None  # the question this one refines, shown above it
    depth: int = 0  # how far beneath its broadest question
    silent: dict[str, list[Silence]] = field(default_factory=dict)  # agent -> its later articles silent on it
    arguments: list[SideArgument] = field(default_factory=list)  # per side, `same` clusters more than one agent uses
    periods: list[PeriodTally] = field(default_factory=list)  # the tally per period, when asked for (`by`)
    by: str = ""  # "year" or "period" when `periods` is filled

    def by_agent(self) -> list[tuple[str, list[StanceEntry]]]:
        groups: dict[str, list[StanceEntry]] = {}
        for entry in self.entries:
            groups.setdefault(entry.agent, []).append(entry)
        return list(groups.items())


def position_agents(m: Map, ref: str) -> list[str]:
    """The corpus-wide agent ids a position's `agent` names: `author` of a co-written map names each author."""
    if ref == AUTHOR and len(m.source.authors) > 1:
        return [r.id for r in m.source.authors]
    return [m.agent_id(ref)]


def _quotes(m: Map, position: Position, agent: str, corpus: Corpus) -> list[Quote]:
    """Up to MAX_QUOTES quotes: the agent's own words first, then evidence cited directly, then
    evidence that grounds the position's claims, each in the order written."""
    by_id = {e.id: e for e in m.evidence}
    ground_ids = [r.id for r in position.grounds]
    direct = [by_id[g] for g in ground_ids if g in by_id]
    claim_ids = [g for g in ground_ids if g not in by_id]
    via_claims = [e for cid in claim_ids for e in m.evidence if cid in {r.id for r in e.grounds}]
    candidates: list[Evidence] = []
    for e in direct + via_claims:
        if e not in candidates:
            candidates.append(e)

    def own(e: Evidence) -> bool:
        return agent in position_agents(m, e.speaker.id)

    ranked = [e for e in candidates if own(e)] + [e for e in candidates if not own(e)]
    out = []
    for e in ranked[:MAX_QUOTES]:
        speaker = position_agents(m, e.speaker.id)[0] if e.speaker.id else ""
        out.append(Quote(e.id, e.quote, speaker, corpus.agent_name(speaker) if speaker else "", e.translation))
    return out


def map_entries(m: Map, corpus: Corpus, details: bool = True) -> list[StanceEntry]:
    """One map's stance entries, as written; an agent's second stance on a question in the map is dropped.
    `corpus` gives the agents' names. Without `details` the entries have no grounds, quotes or note: the
    map's text, which `matrix` and `timeline` never print."""
    nodes = {c.id: c for c in m.nodes} if details else {}
    authors = set(m.author_ids)
    seen: set[tuple[str, str]] = set()
    out: list[StanceEntry] = []
    for position in m.positions:
        if position.stance is None or not position.question.id or not position.agent.id:
            continue
        for agent_id in position_agents(m, position.agent.id):
            key = (agent_id, position.question.id)
            if key in seen:
                continue
            seen.add(key)
            entry = StanceEntry(
                agent=agent_id, agent_name=corpus.agent_name(agent_id), question=position.question.id,
                stance=position.stance, map=m.id, map_title=m.source.title, date=m.source.date,
                sort_date=m.sort_date, is_author=agent_id in authors, path=m.path, line=position.line,
                basis=position.basis,
            )
            if details:
                entry.grounds = [Ground(r.id, nodes[r.id].text) for r in position.grounds if r.id in nodes]
                entry.quotes = _quotes(m, position, agent_id, corpus)
                entry.note = position.note
            out.append(entry)
    return out


@record
class MapStances:
    """What the analyses keep of one map: its stance entries, and its id, title, date and authors."""

    id: str
    title: str
    sort_date: str
    entries: list[StanceEntry]
    authors: list[str] = field(default_factory=list)  # corpus-wide agent ids of the map's authors
    date: str = ""  # as written in the map
    claims: dict[str, LinkedClaim] = field(default_factory=dict)  # the claims links.yaml names (argmap.analysis.arguments)


def map_stances(m: Map, corpus: Corpus, details: bool = True, linked: set[str] | None = None) -> MapStances:
    """`linked`: the ids of the map's claims that links name (computed from `corpus.links` if not given)."""

    wanted = linked if linked is not None else linked_ids(corpus.links).get(m.id, set())
    return MapStances(m.id, m.source.title, m.sort_date, map_entries(m, corpus, details), list(m.author_ids),
                      m.source.date, linked_claims(m, corpus, wanted) if wanted else {})


POPULATIONS = ("all", "authors", "quoted")  # everyone; the maps' authors in their own maps; the people they quote


def dated_by(date: str, as_of: str) -> bool:
    """Whether a map dated `date` (YYYY, YYYY-MM, YYYY-MM-DD or 9999 for unknown) is no later than `as_of`,
    compared at the precision both have: a map of "2021" counts as of 2021-06, one of 2021-09-21 as of 2021-09."""
    if date == "9999":
        return False
    common = min(len(date), len(as_of))
    return date[:common] <= as_of[:common]


@record(frozen=True)
class StanceHook:
    """Keeps a map's `MapStances` where the map is built (argmap.model.corpus.map_results: in a worker process for
    a large corpus), so that the whole map is freed there. `registries` holds the agents and questions only:
    it travels to every worker."""

    registries: Corpus
    details: bool = True
    linked: dict[str, set[str]] = field(default_factory=dict)  # map id -> its claims that links name

    def __post_init__(self) -> None:
        # once per corpus, not once per map
        object.__setattr__(self, "linked", linked_ids(self.registries.links))

    def __call__(self, m: Map) -> tuple[MapStances, list[Finding]]:
        return map_stances(m, self.registries, self.details, self.linked.get(m.id, set())), []


@record
class Stances:
    """A corpus as the analyses read it: the registries, and each map's stances in the order of the files."""

    registries: Corpus  # its agents and questions (its maps, if any, are not read)
    maps: list[MapStances]
    population: str = "all"  # whose stances these are: one of POPULATIONS
    as_of: str | None = None  # only maps dated no later than this
    bases: tuple[str, ...] = ()  # only stances resting on these bases (stance.BASES); () keeps every stance

    def restricted(self, population: str = "all", as_of: str | None = None,
                   bases: tuple[str, ...] = ()) -> Stances:
        """The stances of the maps' authors only ("authors") or of the people they quote ("quoted"), in the
        maps dated no later than `as_of`, resting on one of `bases` (a stance whose map does not say how
        it is known rests on none): every analysis then reads that population, as of that date."""
        if population == "all" and as_of is None and not bases:
            return self
        maps = []
        for m in self.maps:
            if as_of is not None and not dated_by(m.sort_date, as_of):
                continue
            kept = [e for e in m.entries if (population == "all" or e.is_author == (population == "authors"))
                    and (not bases or e.basis in bases)]
            maps.append(MapStances(m.id, m.title, m.sort_date, kept, m.authors, m.date, m.claims))
        return Stances(self.registries, maps, population, as_of, bases)

    def entries(self, question: str | None = None, agent: str | None = None,
                authors_only: bool = False) -> list[StanceEntry]:
        """Every stance entry (or those on `question`, of `agent`, held by maps' authors), in chronological
        order: map date, map id, then as written."""
        out: list[StanceEntry] = []
        for m in sorted(self.maps, key=lambda m: (m.sort_date, m.id)):
            out.extend(e for e in m.entries if (question is None or e.question == question)
                       and (agent is None or e.agent == agent) and (e.is_author or not authors_only))
        return out

    def map_title(self, map_id: str) -> str | None:
        """The title of the first map with that id, None if there is none."""
        return next((m.title for m in self.maps if m.id == map_id), None)


def as_stances(source: Corpus | Stances) -> Stances:
    """The stances of a loaded corpus (computed here, with every detail), or `source` if already stances."""
    if isinstance(source, Stances):
        return source
    return Stances(source, [map_stances(m, source) for m in source.maps])


def stance_entries(source: Corpus | Stances, question: str | None = None, agent: str | None = None,
                   authors_only: bool = False) -> list[StanceEntry]:
    """Every stance entry in the corpus, in chronological order (map date, map id, then as written)."""
    return as_stances(source).entries(question, agent, authors_only)


def latest(entries: Iterable[StanceEntry]) -> dict[tuple[str, str], StanceEntry]:
    """(agent, question) -> the agent's latest entry on the question, by map date then map id."""
    out: dict[tuple[str, str], StanceEntry] = {}
    for entry in sorted(entries, key=lambda e: e.order):
        out[(entry.agent, entry.question)] = entry
    return out


UNSTATED = "unstated"  # the basis key of a stance whose position does not say how it is known


def side(value: int) -> str:
    return "agree" if value > 0 else "disagree" if value < 0 else "neutral"


def _bases(entries: Iterable[StanceEntry]) -> dict[str, dict[str, int]]:
    """Of the counted stances on each side, how many rest on each basis."""
    bases: dict[str, dict[str, int]] = {"agree": {}, "neutral": {}, "disagree": {}}
    for e in entries:
        counts = bases[side(e.stance)]
        key = e.basis or UNSTATED
        counts[key] = counts.get(key, 0) + 1
    return bases


def summarise(latest_by_agent: dict[str, StanceEntry], positions: int) -> Summary:
    stances = [e.stance for e in latest_by_agent.values()]
    bases = _bases(latest_by_agent.values())
    return Summary(agents=len(stances), agree=sum(1 for s in stances if s > 0),
                   neutral=sum(1 for s in stances if s == 0), disagree=sum(1 for s in stances if s < 0),
                   positions=positions, bases=bases)


def tally(entries: list[StanceEntry], count: str = "agents") -> Summary:
    """The tally of one question's entries: each agent by its latest stance ("agents"), or every stance
    ("stances")."""
    if count == "agents":
        return summarise({agent: e for (agent, _), e in latest(entries).items()}, len(entries))
    values = [e.stance for e in entries]
    return Summary(agents=len({e.agent for e in entries}), agree=sum(1 for v in values if v > 0),
                   neutral=sum(1 for v in values if v == 0), disagree=sum(1 for v in values if v < 0),
                   positions=len(entries), count="stances", bases=_bases(entries))


def question_ids(corpus: Corpus, entries: Iterable[StanceEntry] = ()) -> list[str]:
    """The registry's questions in the order written, each broad question followed by the narrower ones
    that refine it, then questions used in positions but not registered."""
    from argmap.checks.refinements import in_hierarchy_order

    ids = [qid for qid, _depth in in_hierarchy_order(corpus, list(corpus.questions))]
    extra = sorted({e.question for e in entries} - set(ids))
    return ids + extra


class Silences:
    """For each agent's latest stance on a question: the agent's later articles (maps it wrote, dated
    after that stance's map) that take no stance on the question, so a reader sees the answer's age.
    Indexed once per corpus: each question then costs its agents' later articles, not the corpus."""

    def __init__(self, stances: Stances) -> None:
        self.authored: dict[str, list[tuple[tuple[str, str], str, str]]] = {}  # agent -> (order, map, date)
        self.answered: set[tuple[str, str, str]] = set()  # (agent, map, question)
        for m in sorted(stances.maps, key=lambda m: (m.sort_date, m.id)):
            for agent in m.authors:
                self.authored.setdefault(agent, []).append(((m.sort_date, m.id), m.id, m.date))
            self.answered.update((e.agent, m.id, e.question) for e in m.entries)

    def of(self, newest: dict[str, StanceEntry]) -> dict[str, list[Silence]]:
        out: dict[str, list[Silence]] = {}
        for agent, entry in newest.items():
            later = [Silence(map_id, date) for order, map_id, date in self.authored.get(agent, ())
                     if order > entry.order and (agent, map_id, entry.question) not in self.answered]
            if later:
                out[agent] = later
        return out


def positions(source: Corpus | Stances, question: str | None = None, count: str = "agents", by: str = "",
              periods: tuple[tuple[str, str, str], ...] = ()) -> list[QuestionPositions]:
    """Each question (or just `question`) with every agent's stances on it, tallied by `count` (COUNTS);
    with `by` ("year" or "period", with the settings' `periods`), the tally per period too."""
    stances = as_stances(source)
    corpus = stances.registries
    entries = stances.entries(question=question)
    wanted = [question] if question is not None else question_ids(corpus, entries)
    from argmap.checks.refinements import broader_of, in_hierarchy_order

    depth = dict(in_hierarchy_order(corpus, wanted))
    silent = Silences(stances)
    linked = debate(stances) if corpus.links else None
    on: dict[str, list[StanceEntry]] = {}
    for entry in entries:  # grouped once: a scan of every entry per question was quadratic
        on.setdefault(entry.question, []).append(entry)
    out = []
    for qid in wanted:
        mine = on.get(qid, [])
        newest = {agent: e for (agent, _), e in latest(mine).items()}
        rank = {agent: (-e.stance, e.agent_name.lower(), agent) for agent, e in newest.items()}
        ordered = sorted(mine, key=lambda e: (rank[e.agent], e.order))
        q = corpus.questions.get(qid)
        summary = summarise(newest, len(mine)) if count == "agents" else tally(mine, count)
        out.append(QuestionPositions(qid, q.proposition if q else "", ordered, newest,
                                     summary, broader_of(corpus, qid), depth.get(qid, 0),
                                     silent.of(newest)))
        if by:
            named = grouping.specs(periods)
            out[-1].by = by
            out[-1].periods = [PeriodTally(name, grouping.span(name, named), tally(group, count))
                               for name, group in grouping.group(mine, by, named)]
        if linked is not None:
            out[-1].arguments = shared_arguments(linked, out[-1])
    return out


def with_bases(corpus: Corpus, bases: tuple[str, ...]) -> Corpus:
    """A copy of `corpus` whose maps keep only the positions resting on one of `bases` (all when empty):
    for the analyses that read whole maps (the report). The maps and registries are shared, not copied."""
    import copy

    if not bases:
        return corpus
    out = copy.copy(corpus)
    out.maps = []
    for m in corpus.maps:
        kept = copy.copy(m)
        kept.positions = [p for p in m.positions if p.basis in bases]
        out.maps.append(kept)
    return out
