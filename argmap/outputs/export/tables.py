"""The corpus as tidy tables: one table per kind of thing, one row per thing, the same for every writer.

`TABLES` declares each table's columns (name, type, meaning) and keys; `build` fills them from a loaded
corpus. The CSV, SQLite and Parquet writers (csv_export, sqlite_export, parquet_export) only encode
these rows, so the three exports always hold the same data. docs/data.md documents every column.

Column types: `text`, `integer`, `real`, `boolean`, and `list` (a list of texts: a JSON array in CSV and
SQLite, a list column in Parquet). A missing value is None (an empty cell in CSV, NULL in SQLite).

A corpus with errors is exported as argmap reads it: the first of two definitions with one id wins (the
check reports the second, R002/R003/R007), and a reference to an id that is not defined (R001) is left
out of `relations`; so the keys below are keys of the data, not hopes.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.core import stance as scale
from argmap.core.record import field, record
from argmap.model.maps import AUTHOR, Corpus, Map, Position

VERSION = 1  # of the tables' layout: raised when a column is removed or changes meaning


@record(frozen=True)
class Column:
    name: str
    type: str  # text | integer | real | boolean | list
    doc: str
    nullable: bool = False


@record(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # (columns, other table, its columns): the joins, declared as foreign keys in SQLite
    references: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, kind: str, doc: str, nullable: bool = False) -> Column:
    return Column(name, kind, doc, nullable)


_MAP = _c("map", "text", "map id")
TABLES: tuple[Table, ...] = (
    Table("maps", "one row per map (article)", (
        _MAP,
        _c("path", "text", "the map's file, as read"),
        _c("title", "text", "source.title (or `unknown`)"),
        _c("authors", "list", "the authors' agent ids (`author@MAP` for an unnamed author)"),
        _c("outlet", "text", "source.outlet (or `unknown`)"),
        _c("date", "text", "source.date: YYYY, YYYY-MM, YYYY-MM-DD or `unknown`"),
        _c("url", "text", "source.url (or `unknown`)"),
        _c("archived", "text", "source.archived: an archive copy's address (or `unknown`)"),
        _c("language", "text", "source.language: the article's language, a BCP 47 tag (empty when not given)"),
        _c("source_text", "text", "source.text: the article's file name in the sources directory"),
        _c("thesis", "text", "the thesis's claim id", nullable=True),
        _c("notes", "text", "the map's notes and source.notes, joined by a blank line"),
    ), ("map",)),
    Table("agents", "one row per agent: the registry's, then any other id the maps use", (
        _c("agent", "text", "agent id"),
        _c("name", "text", "display name"),
        _c("kind", "text", "person, organisation or group; `anonymous` for an unnamed author"),
        _c("description", "text", "the registry's description"),
        _c("aliases", "list", "other spellings of the name"),
        _c("registered", "boolean", "in agents.yaml (false: an unnamed author, or an id the check reports as R005)"),
    ), ("agent",)),
    Table("questions", "one row per question: the registry's, then any other id positions use", (
        _c("question", "text", "question id"),
        _c("proposition", "text", "the proposition agents agree or disagree with"),
        _c("note", "text", "the registry's note"),
        _c("implies", "list", "question ids this one implies"),
        _c("excludes", "list", "question ids this one excludes"),
        _c("refines", "list", "broader question ids this one narrows"),
        _c("registered", "boolean", "in questions.yaml (false: an id the check reports as R004)"),
    ), ("question",)),
    Table("claims", "one row per thesis or claim", (
        _MAP,
        _c("claim", "text", "claim id (local to the map)"),
        _c("is_thesis", "boolean", "the map's thesis"),
        _c("text", "text", "the claim"),
        _c("by", "text", "who asserts it, as written (`author` or an agent id)"),
        _c("agent", "text", "the agent id `by` resolves to"),
        _c("note", "text", "the claim's note"),
        _c("line", "integer", "line of the claim in the map file"),
    ), ("map", "claim"), ((("map",), "maps", ("map",)), (("agent",), "agents", ("agent",))), (("agent",),)),
    Table("evidence", "one row per evidence quote; the article offsets need --sources", (
        _MAP,
        _c("evidence", "text", "evidence id (local to the map)"),
        _c("quote", "text", "the verbatim quote as written (with its cuts)"),
        _c("translation", "text", "the quote's translation into the map's language (empty when not given)"),
        _c("speaker", "text", "who says it, as written (`author` or an agent id)"),
        _c("agent", "text", "the agent id `speaker` resolves to"),
        _c("note", "text", "the evidence's note"),
        _c("line", "integer", "line of the quote in the map file"),
        _c("found", "boolean", "the quote is in the article text (empty without --sources or without the text)", nullable=True),
        _c("start", "integer", "character offset of the quote's start in the article text", nullable=True),
        _c("end", "integer", "character offset just after the quote's end", nullable=True),
        _c("source_line", "integer", "line of the quote's start in the article text", nullable=True),
        _c("source_column", "integer", "column of the quote's start in the article text", nullable=True),
    ), ("map", "evidence"), ((("map",), "maps", ("map",)), (("agent",), "agents", ("agent",))), (("agent",),)),
    Table("relations", "one row per support, attack or grounding inside a map", (
        _MAP,
        _c("source", "text", "the claim or evidence id the relation starts from"),
        _c("source_kind", "text", "`claim` or `evidence`"),
        _c("relation", "text", "`supports`, `attacks` (claim to claim) or `grounds` (evidence to claim)"),
        _c("target", "text", "the claim id it points to"),
    ), ("map", "source", "relation", "target"), ((("map", "target"), "claims", ("map", "claim")),),
        (("map", "target"),)),
    Table("positions", "one row per stance of an agent on a question in a map", (
        _MAP,
        _c("agent", "text", "agent id (`author` resolved; each author of a co-written map gets a row)"),
        _c("question", "text", "question id"),
        _c("stance", "integer", "-2..2"),
        _c("label", "text", "strongly-disagree, disagree, neutral, agree or strongly-agree"),
        _c("basis", "text", "how the stance is known: stated, reported, act or inferred; null when the map does not say",
           nullable=True),
        _c("date", "text", "the map's date (YYYY, YYYY-MM, YYYY-MM-DD or `unknown`)"),
        _c("is_author", "boolean", "the agent is an author of the map, not someone reported in it"),
        _c("latest", "boolean", "the agent's latest stance on the question (by map date, then map id), as the analyses count it"),
        _c("grounds", "list", "claim and evidence ids that ground the stance"),
        _c("note", "text", "the position's note"),
        _c("line", "integer", "line of the position in the map file"),
    ), ("map", "agent", "question"), ((("map",), "maps", ("map",)), (("agent",), "agents", ("agent",)),
                                      (("question",), "questions", ("question",))),
        (("agent",), ("question",), ("agent", "question"))),
    Table("agreement", "one row per pair of agents sharing at least one question (latest stances)", (
        _c("agent_a", "text", "agent id (the first of the pair by id)"),
        _c("agent_b", "text", "agent id"),
        _c("shared", "integer", "questions both answer"),
        _c("questions", "list", "those questions' ids"),
        _c("same_side", "integer", "shared questions both agree, both disagree or both stand neutral on"),
        _c("opposite_side", "integer", "shared questions one agrees and the other disagrees with"),
        _c("one_neutral", "integer", "shared questions exactly one of the two stands neutral on"),
        _c("agreement", "real", "100 × (1 − mean |a − b| / 4) over the shared questions, in percent"),
    ), ("agent_a", "agent_b"), ((("agent_a",), "agents", ("agent",)), (("agent_b",), "agents", ("agent",))),
        (("agent_b",),)),
)

BY_NAME = {t.name: t for t in TABLES}


@record
class Tables:
    """Each table's rows, as tuples in the order of its columns."""

    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {t.name: [] for t in TABLES})

    def add(self, table: str, **values: Any) -> None:
        spec = BY_NAME[table]
        missing = set(spec.names) ^ set(values)
        assert not missing, f"{table}: {sorted(missing)}"  # a programming error, never the data's
        self.rows[table].append(tuple(values[name] for name in spec.names))


def as_json_list(value: list[str]) -> str:
    """A list column as CSV and SQLite carry it: a JSON array, exact for any text."""
    return json.dumps(value, ensure_ascii=False)


def _located(corpus: Corpus, sources: tuple[str, ...], max_gap: int) -> dict[tuple[str, str], Any]:
    """(map, evidence id) -> the textmatch.Match of the quote, or None where it was not found."""
    from argmap.checks.quotes import Sources, locate

    store = Sources(list(sources))
    out: dict[tuple[str, str], Any] = {}
    for m in corpus.maps:
        for loc in locate(m, store, max_gap):
            out.setdefault((m.id, loc.evidence.id), loc.match)
    return out


def _notes(m: Map) -> str:
    return "\n\n".join(part for part in (m.notes, m.source.notes) if part)


def build(corpus: Corpus, sources: tuple[str, ...] = (), max_gap: int | None = None) -> Tables:
    """Every table of the corpus. With `sources` (the article directories), each quote's offsets."""
    from argmap.analysis.agreement import agreements
    from argmap.analysis.positions import Stances, latest, map_stances, position_agents
    from argmap.files import textmatch

    located = _located(corpus, sources, max_gap or textmatch.DEFAULT_MAX_GAP) if sources else None
    out = Tables()
    maps: list[Map] = []
    seen_maps: set[str] = set()
    for m in corpus.maps:
        if m.id and m.id not in seen_maps:
            seen_maps.add(m.id)
            maps.append(m)

    # Agents: the registry's, then every other id the maps use (sorted), so every join finds its row.
    used_agents: dict[str, str] = {}

    def use_agent(agent_id: str) -> str:
        if agent_id and agent_id not in corpus.agents and agent_id not in used_agents:
            anonymous = agent_id.startswith(f"{AUTHOR}@")
            used_agents[agent_id] = "anonymous" if anonymous else "person"
        return agent_id

    stance_maps = Stances(corpus, [map_stances(m, corpus) for m in maps])
    newest = {id(e) for e in latest(stance_maps.entries()).values()}

    for m in maps:
        out.add("maps", map=m.id, path=m.path, title=m.source.title, authors=[use_agent(a) for a in m.author_ids],
                outlet=m.source.outlet, date=m.source.date, url=m.source.url, archived=m.source.archived,
                language=m.source.language, source_text=m.source.text,
                thesis=m.thesis.id if m.thesis else None, notes=_notes(m))
        claims: set[str] = set()
        for claim in m.nodes:
            if not claim.id or claim.id in claims:
                continue
            claims.add(claim.id)
            out.add("claims", map=m.id, claim=claim.id, is_thesis=claim.is_thesis, text=claim.text, by=claim.by.id,
                    agent=use_agent(m.agent_id(claim.by.id)), note=claim.note, line=claim.line)
        evidence_ids: set[str] = set()
        for item in m.evidence:
            if not item.id or item.id in evidence_ids or item.id in claims:
                continue
            evidence_ids.add(item.id)
            match = located.get((m.id, item.id)) if located is not None else None
            found = None if located is None or (m.id, item.id) not in located else match is not None
            out.add("evidence", map=m.id, evidence=item.id, quote=item.quote, translation=item.translation, speaker=item.speaker.id,
                    agent=use_agent(m.agent_id(item.speaker.id)), note=item.note, line=item.quote_line or item.line,
                    found=found, start=match.start if match else None, end=match.end if match else None,
                    source_line=match.line if match else None, source_column=match.column if match else None)
        written_edges = [(claim.id, "claim", relation, ref.id) for claim in m.nodes if claim.id in claims
                         for relation, refs in (("supports", claim.supports), ("attacks", claim.attacks)) for ref in refs]
        written_edges += [(item.id, "evidence", "grounds", ref.id) for item in m.evidence if item.id in evidence_ids
                          for ref in item.grounds]
        edges: set[tuple[str, str, str]] = set()
        for source, kind, relation, target in written_edges:
            if target in claims and (source, relation, target) not in edges:
                edges.add((source, relation, target))
                out.add("relations", map=m.id, source=source, source_kind=kind, relation=relation, target=target)

    # The position each stance entry comes from, found as map_entries finds it (first of a pair wins).
    written: dict[tuple[str, str, str], Position] = {}
    for m in maps:
        for position in m.positions:
            for agent_id in position_agents(m, position.agent.id):
                written.setdefault((m.id, agent_id, position.question.id), position)
    for stances in stance_maps.maps:
        for entry in stances.entries:
            use_agent(entry.agent)
            origin = written.get((entry.map, entry.agent, entry.question))
            out.add("positions", map=entry.map, agent=entry.agent, question=entry.question, stance=entry.stance,
                    label=scale.label(entry.stance), basis=entry.basis, date=entry.date, is_author=entry.is_author,
                    latest=id(entry) in newest, grounds=[r.id for r in origin.grounds] if origin else [],
                    note=entry.note, line=entry.line)

    for agent in corpus.agents.values():
        out.add("agents", agent=agent.id, name=agent.name, kind=agent.kind, description=agent.description,
                aliases=list(agent.aliases), registered=True)
    for agent_id in sorted(used_agents):
        out.add("agents", agent=agent_id, name=corpus.agent_name(agent_id), kind=used_agents[agent_id], description="",
                aliases=[], registered=False)

    for question in corpus.questions.values():
        out.add("questions", question=question.id, proposition=question.proposition, note=question.note,
                implies=[r.id for r in question.implies], excludes=[r.id for r in question.excludes],
                refines=[r.id for r in question.refines], registered=True)
    for qid in sorted({row[2] for row in out.rows["positions"]} - set(corpus.questions)):
        out.add("questions", question=qid, proposition="", note="", implies=[], excludes=[], refines=[], registered=False)

    for pair in agreements(stance_maps).sharing():
        out.add("agreement", agent_a=pair.a, agent_b=pair.b, shared=len(pair.shared), questions=list(pair.shared),
                same_side=pair.same_side, opposite_side=pair.opposite_side, one_neutral=pair.one_neutral,
                agreement=pair.agreement)
    return out
