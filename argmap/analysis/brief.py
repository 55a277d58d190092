"""`argmap brief QUESTION`: one question answered as an analyst would brief a colleague, from the data alone.

The brief gathers what the other analyses say of one question: its family in questions.yaml (broader,
narrower and sibling questions, what it implies or excludes), the tally by period with who holds what,
the authors (of maps) apart from the other speakers (people the maps quote), where the authors agree,
the cruxes (claims of different maps linked `attacks` or `opposes` in links.yaml, on the question's
grounds), what moved over time with the notes, and what the corpus leaves unanswered. Every sentence of
the output is a count, an id or text from the maps: nothing is paraphrased or invented.

A stance's `basis` (stated, reported, act, inferred), where the maps record one, is read with getattr so
that the brief works with maps that have none.
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap.analysis import periods as grouping
from argmap.analysis.positions import StanceEntry, Summary, latest, position_agents, tally
from argmap.core.clusters import Clusters, split
from argmap.core.record import field, record
from argmap.model.maps import Corpus, Map

CLASHES = ("attacks", "opposes")
ROLES = ("broader", "narrower", "sibling", "implies", "implied by", "excludes")
REPORTS = ("reported", "inferred")  # a basis that does not show the agent's own commitment


def basis_of(entry: StanceEntry) -> str | None:
    """The stance's basis when the maps record one (stated, reported, act, inferred), else None."""
    value = getattr(entry, "basis", None)
    return str(value) if value else None


@record(frozen=True)
class Relative:
    """A question of the family, how it is related (one or more of ROLES), and how the authors answer it."""

    id: str
    roles: tuple[str, ...]
    proposition: str
    authors: Summary


@record(frozen=True)
class Holder:
    """An agent's stance within a period (its latest there)."""

    agent: str
    name: str
    is_author: bool
    stance: int
    map: str
    date: str
    basis: str | None


@record
class PeriodBrief:
    period: str
    span: str  # '2019-01 to 2019-12' for a named period, else ''
    authors: Summary
    others: Summary
    holders: list[Holder]  # authors first, then by stance (agreement first), then by name


@record(frozen=True)
class Accord:
    """A question of the family on which every author who answers it (two or more) stands on one side."""

    question: str
    roles: tuple[str, ...]  # () for the question itself
    side: str  # agree, neutral, disagree
    authors: tuple[str, ...]  # names


@record(frozen=True)
class SharedArgument:
    """A point (claims linked `same`) that authors of two or more maps make, on the question's grounds."""

    text: str
    claims: tuple[str, ...]  # MAP#CLAIM
    authors: tuple[str, ...]  # names


@record(frozen=True)
class CruxEnd:
    claim: str  # MAP#CLAIM
    text: str
    agent: str
    name: str
    is_author: bool  # the claim is made by its map's author
    stance: int | None  # the stance the claim's maker takes on the question in the claim's map
    quote: str
    evidence: str
    translation: str = ""  # the quote's


@record(frozen=True)
class Crux:
    relation: str  # attacks (a attacks b) or opposes
    a: CruxEnd
    b: CruxEnd
    note: str

    @property
    def opposed(self) -> bool:
        """The two ends ground stances on opposite sides of the question."""
        return self.a.stance is not None and self.b.stance is not None and self.a.stance * self.b.stance < 0


@record(frozen=True)
class Step:
    map: str
    date: str
    stance: int
    note: str
    basis: str | None


@record(frozen=True)
class Move:
    """An agent with stances on the question in several maps, in date order."""

    agent: str
    name: str
    is_author: bool
    steps: tuple[Step, ...]

    @property
    def changed(self) -> bool:
        return len({s.stance for s in self.steps}) > 1


@record(frozen=True)
class Silent:
    """A map whose authors take no stance on the question."""

    map: str
    date: str
    authors: tuple[str, ...]  # names


@record(frozen=True)
class Hearsay:
    """An agent whose every stance on the question rests on a report or an inference (`basis`), or, when
    the maps record no basis, who is known only from others' articles."""

    agent: str
    name: str
    bases: tuple[str, ...]  # the bases recorded; () when none is


@record
class Brief:
    question: str
    proposition: str
    note: str
    registered: bool  # in questions.yaml (else used in positions only)
    count: str  # what the tallies count: "agents" or "stances" (argmap.analysis.positions.COUNTS)
    by: str  # "year" or "period"
    authors: Summary  # as of the latest maps
    others: Summary
    maps: int  # maps with a stance on the question
    first: str  # first and last date of those maps ('' when none is dated)
    last: str
    family: list[Relative] = field(default_factory=list)
    periods: list[PeriodBrief] = field(default_factory=list)
    accords: list[Accord] = field(default_factory=list)
    shared: list[SharedArgument] = field(default_factory=list)
    cruxes: list[Crux] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    silent: list[Silent] = field(default_factory=list)
    hearsay: list[Hearsay] = field(default_factory=list)
    open_family: list[str] = field(default_factory=list)  # family questions no author answers

    @property
    def answer(self) -> str:
        return answer_line(self.authors, self.others)


# -- words shared by the renderers (facts only) ------------------------------------------------------------


def sides(s: Summary) -> str:
    """'1 agree, 3 disagree' (zero counts left out), or 'none'."""
    parts = [f"{n} {word}" for n, word in ((s.agree, "agree"), (s.neutral, "neutral"), (s.disagree, "disagree")) if n]
    return ", ".join(parts) or "none"


def answer_line(authors: Summary, others: Summary) -> str:
    """The one-line answer: 'Authors: 1 agree, 3 disagree; other speakers: 2 agree'."""
    mine = f"Authors: {sides(authors)}" if authors.counted else "Authors: none takes it up"
    theirs = f"other speakers: {sides(others)}" if others.counted else "other speakers: none"
    return f"{mine}; {theirs}"


def period_name(period: str, span: str) -> str:
    """'2021', 'spring (2021-03 to 2021-05)', 'undated (maps of unknown date)'."""
    if period == grouping.UNDATED:
        return f"{period} (maps of unknown date)"
    return f"{period} ({span})" if span else period


def side_word(value: int) -> str:
    return "agree" if value > 0 else "disagree" if value < 0 else "neutral"


# -- the analysis ----------------------------------------------------------------------------------------


def family(corpus: Corpus, qid: str) -> list[tuple[str, tuple[str, ...]]]:
    """The questions related to `qid` in questions.yaml, each with its roles, in ROLES then registry order."""
    questions = corpus.questions
    me = questions.get(qid)
    found: dict[str, list[str]] = {}

    def add(other: str, role: str) -> None:
        if other != qid and other in questions and role not in found.get(other, []):
            found.setdefault(other, []).append(role)

    broader = [r.id for r in me.refines] if me else []
    for b in broader:
        add(b, "broader")
    for other, q in questions.items():
        if qid in {r.id for r in q.refines}:
            add(other, "narrower")
    for other, q in questions.items():
        if set(broader) & {r.id for r in q.refines}:
            add(other, "sibling")
    if me:
        for r in me.implies:
            add(r.id, "implies")
        for r in me.excludes:
            add(r.id, "excludes")
    for other, q in questions.items():
        if qid in {r.id for r in q.implies}:
            add(other, "implied by")
        if qid in {r.id for r in q.excludes}:
            add(other, "excludes")
    rank = {role: i for i, role in enumerate(ROLES)}
    order = {q: i for i, q in enumerate(questions)}
    items = [(q, tuple(sorted(roles, key=rank.__getitem__))) for q, roles in found.items()]
    return sorted(items, key=lambda item: (rank[item[1][0]], order[item[0]]))


def _holder(e: StanceEntry) -> Holder:
    return Holder(e.agent, e.agent_name, e.is_author, e.stance, e.map, e.date, basis_of(e))


def _holders(entries: list[StanceEntry]) -> list[Holder]:
    newest = [e for e in latest(entries).values()]
    newest.sort(key=lambda e: (not e.is_author, -e.stance, e.agent_name.lower(), e.agent))
    return [_holder(e) for e in newest]


def _split(entries: list[StanceEntry], count: str) -> tuple[Summary, Summary]:
    return (tally([e for e in entries if e.is_author], count), tally([e for e in entries if not e.is_author], count))


def _relevant(m: Map, qid: str) -> set[str]:
    """The claims of `m` that a stance on `qid` rests on: its grounds (a piece of evidence stands for the
    claims it grounds) and every claim that supports one, through any chain."""
    evidence = {e.id: [r.id for r in e.grounds] for e in m.evidence}
    supporters: dict[str, list[str]] = {}
    for node in m.nodes:
        for ref in node.supports:
            supporters.setdefault(ref.id, []).append(node.id)
    out: set[str] = set()
    stack = [g for p in m.positions if p.question.id == qid and p.stance is not None
             for r in p.grounds for g in evidence.get(r.id, [r.id])]
    while stack:
        claim = stack.pop()
        if claim not in out:
            out.add(claim)
            stack.extend(supporters.get(claim, []))
    return out


def _end(corpus: Corpus, m: Map, claim_id: str, own: dict[tuple[str, str], int]) -> CruxEnd | None:
    """One side of a crux, with the stance the claim's maker takes on the question in that map (None if
    it takes none there)."""
    node = next((n for n in m.nodes if n.id == claim_id), None)
    if node is None:
        return None
    agent = position_agents(m, node.by.id)[0]  # the first author of a co-written map
    stance = own.get((m.id, agent))
    grounding = [e for e in m.evidence if claim_id in {r.id for r in e.grounds}]
    grounding.sort(key=lambda e: m.agent_id(e.speaker.id) != agent)  # the claim's own speaker's words first
    quote, evidence = (grounding[0].quote, grounding[0].id) if grounding else ("", "")
    return CruxEnd(f"{m.id}#{claim_id}", node.text, agent, _name(corpus, agent), agent in m.author_ids,
                   stance, quote, evidence, grounding[0].translation if grounding else "")


def _sign(value: int) -> int:
    return (value > 0) - (value < 0)


def cruxes(corpus: Corpus, qid: str, entries: list[StanceEntry]) -> list[Crux]:
    """The `attacks` and `opposes` links of links.yaml whose ends are claims of different maps, at least
    one of which (or a claim linked `same` to it) a stance on the question rests on, and whose makers do not
    stand on the same side of the question (two who both disagree part elsewhere, not here). Links between
    ends on opposite sides of the question first, then as links.yaml lists them."""
    maps = {m.id: m for m in corpus.maps}
    relevant = {mid: _relevant(m, qid) for mid, m in maps.items()}
    own = {(e.map, e.agent): e.stance for e in entries}  # the stance each agent takes in each map
    clusters = Clusters((link.source.id, link.target.id) for link in corpus.links if link.relation.id == "same")
    members = {clusters.find(group[0]): group for group in clusters.groups()}

    def on_question(ref: str) -> bool:
        """A stance on the question rests on the claim, or on a claim linked `same` to it."""
        return any(split(other)[1] in relevant.get(split(other)[0], set()) for other in [ref, *members.get(clusters.find(ref), [])])

    out: list[Crux] = []
    seen: set[tuple[str, str, str]] = set()
    for link in corpus.links:
        relation = link.relation.id
        if relation not in CLASHES:
            continue
        (ma, ca), (mb, cb) = split(link.source.id), split(link.target.id)
        if not ma or not mb or ma == mb or ma not in maps or mb not in maps:
            continue
        if not on_question(link.source.id) and not on_question(link.target.id):
            continue
        a = _end(corpus, maps[ma], ca, own)
        b = _end(corpus, maps[mb], cb, own)
        ends = sorted((link.source.id, link.target.id)) if relation == "opposes" else [link.source.id, link.target.id]
        key = (relation, ends[0], ends[1])  # an `opposes` written both ways is one crux
        if a is None or b is None or key in seen:
            continue
        if a.stance is not None and b.stance is not None and _sign(a.stance) == _sign(b.stance):
            continue
        seen.add(key)
        out.append(Crux(relation, a, b, link.note))
    return sorted(out, key=lambda c: not c.opposed)  # stable: links.yaml order within each group


def shared_arguments(corpus: Corpus, qid: str) -> list[SharedArgument]:
    """`same` clusters whose claims come from the maps of two or more authors, made by those authors, at
    least one of which a stance on the question rests on."""
    maps = {m.id: m for m in corpus.maps}
    clusters = Clusters((link.source.id, link.target.id) for link in corpus.links if link.relation.id == "same")
    out = []
    for group in clusters.groups():
        texts, authors, claims, on_question = [], [], [], False
        for ref in group:
            mid, cid = split(ref)
            m = maps.get(mid)
            node = next((n for n in m.nodes if n.id == cid), None) if m else None
            if m is None or node is None:
                continue
            agent = position_agents(m, node.by.id)[0]
            if agent not in m.author_ids:
                continue
            on_question = on_question or cid in _relevant(m, qid)
            texts.append(node.text)
            claims.append(ref)
            name = _name(corpus, agent)
            if name not in authors:
                authors.append(name)
        if on_question and len(authors) > 1:
            out.append(SharedArgument(texts[0], tuple(claims), tuple(authors)))
    return out


def accords(corpus: Corpus, qid: str, roles: list[tuple[str, tuple[str, ...]]], on: dict[str, list[StanceEntry]]) -> list[Accord]:
    """The question and its family questions on which every author answering (two or more) is on one side."""
    out = []
    for question, role in [(qid, ()), *roles]:
        newest = [e for e in latest(e for e in on.get(question, []) if e.is_author).values()]
        side = {side_word(e.stance) for e in newest}
        if len(newest) > 1 and len(side) == 1:
            names = tuple(sorted("unnamed author" if e.agent.startswith("author@") else e.agent_name for e in newest))
            out.append(Accord(question, role, side.pop(), names))
    return out


def moves(entries: list[StanceEntry]) -> list[Move]:
    """Agents with stances on the question in more than one map: those that changed first, authors first."""
    steps: dict[str, list[StanceEntry]] = {}
    for e in sorted(entries, key=lambda e: e.order):
        steps.setdefault(e.agent, []).append(e)
    out = [Move(agent, es[0].agent_name, any(e.is_author for e in es),
                tuple(Step(e.map, e.date, e.stance, e.note, basis_of(e)) for e in es))
           for agent, es in steps.items() if len({e.map for e in es}) > 1]
    return sorted(out, key=lambda m: (not m.changed, not m.is_author, m.name.lower()))


MapIndex = list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]  # (map, date, author ids, author names)


def map_index(corpus: Corpus) -> MapIndex:
    """Each map's id, date, authors and their names, in date order: made once for every question."""
    return [(m.id, m.source.date, tuple(m.author_ids), tuple(_name(corpus, a) for a in m.author_ids))
            for m in sorted(corpus.maps, key=lambda m: (m.sort_date, m.id))]


def silent(index: MapIndex, entries: list[StanceEntry]) -> list[Silent]:
    """Maps whose authors take no stance on the question, in date order."""
    answered = {(e.map, e.agent) for e in entries if e.is_author}
    return [Silent(map_id, date, names) for map_id, date, authors, names in index
            if not any((map_id, a) in answered for a in authors)]


def _name(corpus: Corpus, agent: str) -> str:
    return "unnamed author" if agent.startswith("author@") else corpus.agent_name(agent)


def hearsay(entries: list[StanceEntry]) -> list[Hearsay]:
    by_agent: dict[str, list[StanceEntry]] = {}
    for e in entries:
        by_agent.setdefault(e.agent, []).append(e)
    out = []
    for agent, es in by_agent.items():
        bases = [basis_of(e) for e in es]
        if any(bases):
            if all(b in REPORTS for b in bases):
                out.append(Hearsay(agent, es[0].agent_name, tuple(dict.fromkeys(b for b in bases if b))))
        elif not any(e.is_author for e in es):
            out.append(Hearsay(agent, es[0].agent_name, ()))
    return sorted(out, key=lambda h: h.name.lower())


def _entries(corpus: Corpus) -> list[StanceEntry]:
    from argmap.analysis.positions import map_entries

    out = []
    for m in sorted(corpus.maps, key=lambda m: (m.sort_date, m.id)):
        out.extend(map_entries(m, corpus))
    return out


def _by_question(entries: Iterable[StanceEntry]) -> dict[str, list[StanceEntry]]:
    on: dict[str, list[StanceEntry]] = {}
    for e in entries:
        on.setdefault(e.question, []).append(e)
    return on


def brief(corpus: Corpus, qid: str, by: str = "", periods: Iterable[tuple[str, str, str]] = (),
          count: str = "agents", on: dict[str, list[StanceEntry]] | None = None, index: MapIndex | None = None) -> Brief:
    """The brief of question `qid`. `by`: "year" or "period" (default: period when `periods` are given,
    else year). `on` (question -> its stance entries in date order) and `index` (`map_index`), if already
    made: brief_all makes them once."""
    named = grouping.specs(periods)
    by = by or ("period" if named else "year")
    if on is None:
        on = _by_question(_entries(corpus))
    mine = on.get(qid, [])
    q = corpus.questions.get(qid)
    roles = family(corpus, qid)
    authors, others = _split(mine, count)
    dates = sorted({e.date for e in mine if e.date != "unknown"})
    result = Brief(qid, q.proposition if q else "", q.note if q else "", q is not None, count, by, authors, others,
                   len({e.map for e in mine}), dates[0] if dates else "", dates[-1] if dates else "")
    result.family = [Relative(rid, role, corpus.questions[rid].proposition,
                              tally([e for e in on.get(rid, []) if e.is_author], count)) for rid, role in roles]
    for name, group in grouping.group(mine, by, named):
        a, o = _split(group, count)
        result.periods.append(PeriodBrief(name, grouping.span(name, named), a, o, _holders(group)))
    result.accords = accords(corpus, qid, roles, on)
    result.shared = shared_arguments(corpus, qid) if corpus.links else []
    result.cruxes = cruxes(corpus, qid, mine) if corpus.links else []
    result.moves = moves(mine)
    result.silent = silent(index if index is not None else map_index(corpus), mine)
    result.hearsay = hearsay(mine)
    result.open_family = [rid for rid, _ in roles if not any(e.is_author for e in on.get(rid, []))]
    return result


@record(frozen=True)
class Line:
    """One question of the listing: its one-line answer."""

    question: str
    proposition: str
    depth: int
    authors: Summary
    others: Summary

    @property
    def answer(self) -> str:
        return answer_line(self.authors, self.others)


def listing(corpus: Corpus, count: str = "agents") -> list[Line]:
    """Every question (registry order, narrower ones beneath), with its one-line answer."""
    from argmap.analysis.positions import question_ids
    from argmap.checks.refinements import in_hierarchy_order

    every = _entries(corpus)
    on = _by_question(every)
    ids = question_ids(corpus, every)
    depth = dict(in_hierarchy_order(corpus, ids))
    out = []
    for qid in ids:
        authors, others = _split(on.get(qid, []), count)
        q = corpus.questions.get(qid)
        out.append(Line(qid, q.proposition if q else "", depth.get(qid, 0), authors, others))
    return out


def brief_all(corpus: Corpus, by: str = "", periods: Iterable[tuple[str, str, str]] = (),
              count: str = "agents", limit: int | None = None) -> tuple[list[Brief], int]:
    """The brief of every question (of the first `limit`), in the order of `listing`, and how many
    questions there are in all."""
    from argmap.analysis.positions import question_ids

    every = _entries(corpus)
    on = _by_question(every)
    named = tuple(periods)
    ids = question_ids(corpus, every)
    wanted = ids if limit is None else ids[:limit]
    index = map_index(corpus)
    return [brief(corpus, qid, by, named, count, on, index) for qid in wanted], len(ids)
