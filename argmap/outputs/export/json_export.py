"""The corpus as one JSON document (`"argmap-export": 1`), its JSON Schema, and the reader back.

Ids are kept as written (`by: author` stays `author`); beside each agent reference the export also gives
the corpus-wide agent id it resolves to (`by_agent`, `agent_id`, ...), so consumers need not know the
`author` rule. Reading the export back (`corpus_from_json`) gives the same model, up to the line and
column at which each id reference was written (references keep only their id).
"""

from __future__ import annotations

from typing import Any

from argmap._version import __version__
from argmap.core import stance as scale
from argmap.model.maps import Agent, Claim, Corpus, Evidence, Link, Map, Position, Question, Ref, Source

VERSION = 1
KEY = "argmap-export"


def _ids(refs: list[Ref]) -> list[str]:
    return [ref.id for ref in refs]


def _refs(ids: list[str]) -> list[Ref]:
    return [Ref(i, 0, 0) for i in ids]


def _claim(m: Map, claim: Claim) -> dict[str, Any]:
    out: dict[str, Any] = {"id": claim.id, "text": claim.text, "by": claim.by.id, "by_agent": m.agent_id(claim.by.id)}
    if not claim.is_thesis or claim.supports or claim.attacks:
        out["supports"] = _ids(claim.supports)
        out["attacks"] = _ids(claim.attacks)
    out.update(note=claim.note, line=claim.line, column=claim.column)
    return out


def _map(m: Map) -> dict[str, Any]:
    s = m.source
    return {
        "id": m.id,
        "path": m.path,
        "line": m.line,
        "column": m.column,
        "source": {"title": s.title, "authors": _ids(s.authors), "outlet": s.outlet, "date": s.date, "url": s.url,
                   "archived": s.archived, "text": s.text, "notes": s.notes, "language": s.language},
        "author_ids": m.author_ids,
        "agents": _ids(m.agents),
        "notes": m.notes,
        "thesis": _claim(m, m.thesis) if m.thesis else None,
        "claims": [_claim(m, c) for c in m.claims],
        "evidence": [{"id": e.id, "quote": e.quote, "speaker": e.speaker.id, "speaker_agent": m.agent_id(e.speaker.id),
                      "grounds": _ids(e.grounds), "note": e.note, "translation": e.translation,
                      "line": e.line, "column": e.column,
                      "quote_line": e.quote_line, "quote_column": e.quote_column} for e in m.evidence],
        "positions": [{"agent": p.agent.id, "agent_id": m.agent_id(p.agent.id), "question": p.question.id,
                       "stance": p.stance, "stance_label": scale.label(p.stance) if p.stance is not None else None,
                       "basis": p.basis, "grounds": _ids(p.grounds), "note": p.note, "line": p.line, "column": p.column}
                      for p in m.positions],
    }


def to_json(corpus: Corpus) -> dict[str, Any]:
    """The normalised corpus as plain JSON data."""
    out: dict[str, Any] = {
        KEY: VERSION,
        "generator": f"argmap {__version__}",
        "stance_scale": {str(v): label for v, label in scale.LABELS.items()},
        "registry_files": list(corpus.registry_files),
        "agents": [{"id": a.id, "name": a.name, "aliases": list(a.aliases), "kind": a.kind, "description": a.description,
                    "path": a.path, "line": a.line, "column": a.column} for a in corpus.agents.values()],
        "questions": [{"id": q.id, "proposition": q.proposition, "implies": _ids(q.implies), "excludes": _ids(q.excludes),
                       "refines": _ids(q.refines),
                       "note": q.note, "path": q.path, "line": q.line, "column": q.column} for q in corpus.questions.values()],
        "maps": [_map(m) for m in corpus.maps],
    }
    if corpus.links:  # only with a links.yaml, so that the export of a corpus without one is as it was
        out["links"] = [{"from": link.source.id, "to": link.target.id, "relation": link.relation.id, "note": link.note,
                         "path": link.path, "line": link.line, "column": link.column} for link in corpus.links]
    return out


class ExportFormatError(ValueError):
    """The data is not an argmap export this version can read."""


def _read_claim(data: dict[str, Any], is_thesis: bool) -> Claim:
    return Claim(id=data["id"], text=data["text"], by=Ref(data["by"], 0, 0), supports=_refs(data.get("supports", [])),
                 attacks=_refs(data.get("attacks", [])), note=data.get("note", ""), is_thesis=is_thesis,
                 line=data.get("line", 0), column=data.get("column", 0))


def corpus_from_json(data: Any) -> Corpus:
    """The model back from `to_json`'s output (validate against SCHEMA first for friendly errors)."""
    if not isinstance(data, dict) or data.get(KEY) != VERSION:
        found = data.get(KEY) if isinstance(data, dict) else None
        raise ExportFormatError(f"not an argmap export of version {VERSION} (found {KEY}: {found!r})")
    try:
        corpus = Corpus(registry_files=list(data.get("registry_files", [])))
        for a in data["agents"]:
            corpus.agents[a["id"]] = Agent(id=a["id"], name=a["name"], aliases=list(a.get("aliases", [])),
                                           kind=a.get("kind", "person"), description=a.get("description", ""),
                                           path=a.get("path", ""), line=a.get("line", 0), column=a.get("column", 0))
        for q in data["questions"]:
            corpus.questions[q["id"]] = Question(id=q["id"], proposition=q["proposition"], implies=_refs(q.get("implies", [])),
                                                 excludes=_refs(q.get("excludes", [])), refines=_refs(q.get("refines", [])), note=q.get("note", ""),
                                                 path=q.get("path", ""), line=q.get("line", 0), column=q.get("column", 0))
        for d in data["maps"]:
            s = d["source"]
            source = Source(title=s["title"], authors=_refs(s.get("authors", [])), outlet=s["outlet"], date=s["date"],
                            url=s["url"], archived=s.get("archived", "unknown"), text=s.get("text", ""),
                            notes=s.get("notes", ""), language=s.get("language", ""))
            m = Map(id=d["id"], path=d.get("path", ""), source=source, agents=_refs(d.get("agents", [])),
                    notes=d.get("notes", ""), line=d.get("line", 1), column=d.get("column", 1))
            m.thesis = _read_claim(d["thesis"], True) if d.get("thesis") else None
            m.claims = [_read_claim(c, False) for c in d.get("claims", [])]
            m.evidence = [Evidence(id=e["id"], quote=e["quote"], speaker=Ref(e["speaker"], 0, 0),
                                   grounds=_refs(e.get("grounds", [])), note=e.get("note", ""), line=e.get("line", 0),
                                   column=e.get("column", 0), quote_line=e.get("quote_line", 0),
                                   quote_column=e.get("quote_column", 0), translation=e.get("translation", ""))
                          for e in d.get("evidence", [])]
            m.positions = [Position(agent=Ref(p["agent"], 0, 0), question=Ref(p["question"], 0, 0),
                                    stance=scale.parse(p["stance"]) if p.get("stance") is not None else None,
                                    grounds=_refs(p.get("grounds", [])), note=p.get("note", ""),
                                    line=p.get("line", 0), column=p.get("column", 0),
                                    basis=scale.parse_basis(p.get("basis")), basis_written=p.get("basis") is not None)
                           for p in d.get("positions", [])]
            corpus.maps.append(m)
        corpus.links = [Link(source=Ref(k["from"], 0, 0), target=Ref(k["to"], 0, 0), relation=Ref(k["relation"], 0, 0),
                             note=k.get("note", ""), path=k.get("path", ""), line=k.get("line", 0),
                             column=k.get("column", 0)) for k in data.get("links", [])]
    except (KeyError, TypeError, AttributeError) as error:
        raise ExportFormatError(f"malformed argmap export: {type(error).__name__}: {error}") from error
    return corpus


def without_locations(corpus: Corpus) -> Corpus:
    """A copy with every id reference's line and column set to 0 and the source text's location dropped:
    what an export keeps. `corpus_from_json(to_json(c)) == without_locations(c)`."""
    import copy

    out = copy.deepcopy(corpus)

    def strip(refs: list[Ref]) -> list[Ref]:
        return [Ref(r.id, 0, 0) for r in refs]

    for q in out.questions.values():
        q.implies, q.excludes, q.refines = strip(q.implies), strip(q.excludes), strip(q.refines)
    for m in out.maps:
        m.source.authors = strip(m.source.authors)
        m.source.text_line = m.source.text_column = 0
        m.agents = strip(m.agents)
        for c in m.nodes:
            c.by = Ref(c.by.id, 0, 0)
            c.supports, c.attacks = strip(c.supports), strip(c.attacks)
        for e in m.evidence:
            e.speaker = Ref(e.speaker.id, 0, 0)
            e.grounds = strip(e.grounds)
        for p in m.positions:
            p.agent, p.question = Ref(p.agent.id, 0, 0), Ref(p.question.id, 0, 0)
            p.grounds = strip(p.grounds)
    for link in out.links:
        link.source, link.target = Ref(link.source.id, 0, 0), Ref(link.target.id, 0, 0)
        link.relation = Ref(link.relation.id, 0, 0)
    return out


_STRING = {"type": "string"}
_INT = {"type": "integer"}
_IDS = {"type": "array", "items": _STRING}
_LOCATION = {"line": _INT, "column": _INT}
_CLAIM = {
    "type": "object",
    "required": ["id", "text", "by", "by_agent"],
    "properties": {"id": _STRING, "text": _STRING, "by": {**_STRING, "description": "as written: an agent id or `author`"},
                   "by_agent": {**_STRING, "description": "the corpus-wide agent id `by` resolves to"},
                   "supports": _IDS, "attacks": _IDS, "note": _STRING, **_LOCATION},
}

SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://argmap.invalid/schema/export-1.schema.json",
    "title": "argmap export, version 1",
    "description": "The normalised corpus written by `argmap export --to json`. Lines and columns are 1-based; 0 means unknown.",
    "type": "object",
    "required": [KEY, "agents", "questions", "maps"],
    "properties": {
        KEY: {"const": VERSION, "description": "version of this export format"},
        "generator": _STRING,
        "stance_scale": {"type": "object", "additionalProperties": _STRING},
        "registry_files": _IDS,
        "agents": {"type": "array", "items": {
            "type": "object", "required": ["id", "name"],
            "properties": {"id": _STRING, "name": _STRING, "aliases": _IDS, "kind": {**_STRING, "description": "person, organisation or group"},
                           "description": _STRING, "path": _STRING, **_LOCATION}}},
        "questions": {"type": "array", "items": {
            "type": "object", "required": ["id", "proposition"],
            "properties": {"id": _STRING, "proposition": _STRING, "implies": _IDS, "excludes": _IDS, "refines": _IDS, "note": _STRING,
                           "path": _STRING, **_LOCATION}}},
        "maps": {"type": "array", "items": {
            "type": "object", "required": ["id", "source", "thesis", "claims", "evidence", "positions"],
            "properties": {
                "id": _STRING, "path": _STRING, **_LOCATION,
                "source": {"type": "object", "required": ["title", "authors", "outlet", "date", "url"],
                           "properties": {"title": _STRING, "authors": {**_IDS, "description": "empty when unknown"},
                                          "outlet": _STRING, "date": _STRING, "url": _STRING, "archived": _STRING,
                                          "text": _STRING, "notes": _STRING, "language": _STRING}},
                "author_ids": {**_IDS, "description": "the authors' agent ids, or `author@MAP-ID` for an unknown author"},
                "agents": _IDS,
                "notes": _STRING,
                "thesis": {"oneOf": [_CLAIM, {"type": "null"}]},
                "claims": {"type": "array", "items": _CLAIM},
                "evidence": {"type": "array", "items": {
                    "type": "object", "required": ["id", "quote", "speaker", "speaker_agent", "grounds"],
                    "properties": {"id": _STRING, "quote": _STRING, "speaker": _STRING, "speaker_agent": _STRING,
                                   "grounds": _IDS, "note": _STRING, "translation": _STRING, "quote_line": _INT, "quote_column": _INT, **_LOCATION}}},
                "positions": {"type": "array", "items": {
                    "type": "object", "required": ["agent", "agent_id", "question", "stance", "grounds"],
                    "properties": {"agent": _STRING, "agent_id": _STRING, "question": _STRING,
                                   "stance": {"type": ["integer", "null"], "minimum": scale.MIN, "maximum": scale.MAX},
                                   "stance_label": {"enum": [*scale.LABELS.values(), None]},
                                   "basis": {"enum": [*scale.BASES, None],
                                             "description": "how the stance is known; null when the map does not say"},
                                   "grounds": _IDS, "note": _STRING, **_LOCATION}}},
            }}},
        "links": {"type": "array", "description": "links.yaml: relations between claims of different maps (absent without one)",
                  "items": {
                      "type": "object", "required": ["from", "to", "relation"],
                      "properties": {"from": {**_STRING, "description": "MAP-ID#CLAIM-ID"}, "to": {**_STRING, "description": "MAP-ID#CLAIM-ID"},
                                     "relation": {"enum": ["same", "opposes", "supports", "attacks"]},
                                     "note": _STRING, "path": _STRING, **_LOCATION}}},
    },
}
