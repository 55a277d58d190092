"""Stable JSON for every analysis: the keys documented in docs/analysis.md, indented, UTF-8."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from json.encoder import encode_basestring  # type: ignore[attr-defined,unused-ignore]
from typing import Any, TextIO

from argmap.analysis.agreement import Agreements, PairAgreement, QuestionSpread, StanceMatrix, busiest_agents
from argmap.analysis.arguments import LinkedClaim, Side
from argmap.analysis.brief import Brief, CruxEnd, Line
from argmap.analysis.compare import Comparison
from argmap.analysis.diff import CorpusDiff
from argmap.analysis.positions import QuestionPositions, StanceEntry, Summary
from argmap.analysis.timeline import Timeline
from argmap.core import stance as scale
from argmap.core.safetext import json_document, json_text
from argmap.model.maps import Corpus

SCHEMA_VERSION = 1


def _dump(data: dict[str, Any], out: TextIO) -> None:
    out.write(json_document({"version": SCHEMA_VERSION, **data}))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def entry(e: StanceEntry) -> dict[str, Any]:
    return {
        "agent": e.agent, "agent_name": e.agent_name, "question": e.question, "map": e.map,
        "map_title": e.map_title, "date": e.date, "stance": e.stance, "label": scale.label(e.stance),
        "basis": e.basis, "is_author": e.is_author,
        "grounds": [{"id": g.id, "text": g.text} for g in e.grounds],
        "quotes": [{"evidence": q.evidence, "quote": q.text, "translation": q.translation, "speaker": q.speaker,
                    "speaker_name": q.speaker_name} for q in e.quotes],
        "note": e.note,
    }


def summary(s: Summary) -> dict[str, Any]:
    """`count` says what agree, neutral and disagree count: "agents" (each by its latest stance) or
    "stances" (one per agent and map); `counted` is their sum; `by_basis` how many of each side rest on each
    basis ("unstated" where the map does not say)."""
    return {"agents": s.agents, "agree": s.agree, "neutral": s.neutral, "disagree": s.disagree,
            "positions": s.positions, "count": s.count, "counted": s.counted, "by_basis": s.bases}


def _question(qp: QuestionPositions) -> dict[str, Any]:
    out = {
        "question": qp.question, "proposition": qp.proposition,
        "refines": qp.broader,
        "positions": [{**entry(e), "latest": qp.latest[e.agent] is e,
                       "silent_later": [{"map": s.map, "date": s.date} for s in qp.silent.get(e.agent, [])]
                       if qp.latest[e.agent] is e else []}
                      for e in qp.entries],
        "summary": summary(qp.summary),
    }
    if qp.periods:  # only with --by
        out["by"] = qp.by
        out["periods"] = [{"period": p.period, "span": p.span or None, "summary": summary(p.summary)}
                          for p in qp.periods]
    if qp.arguments:  # only with links.yaml: the output of a corpus without links is as it was
        out["shared_arguments"] = [{"side": a.side, "agents": a.agents, "claims": [linked_claim(c) for c in a.claims]}
                                   for a in qp.arguments]
    return out


def positions(items: list[QuestionPositions], out: TextIO, single: bool, population: str = "all",
              as_of: str | None = None, bases: tuple[str, ...] = ()) -> None:
    scope = {"population": population, "as_of": as_of, "bases": list(bases)}
    if single:
        _dump({**_question(items[0]), **scope}, out)
    else:
        _dump({"questions": [_question(qp) for qp in items], **scope}, out)


def pair(p: PairAgreement) -> dict[str, Any]:
    return {"a": p.a, "b": p.b, "shared": len(p.shared), "questions": list(p.shared),
            "agreement": _round(p.agreement), "same_side": p.same_side, "opposite_side": p.opposite_side,
            "one_neutral": p.one_neutral}


def spread(s: QuestionSpread) -> dict[str, Any]:
    return {"question": s.question, "agents": s.agents, "agree": s.agree, "neutral": s.neutral,
            "disagree": s.disagree, "mean": None if s.mean is None else round(s.mean, 2), "pairs": s.pairs,
            "opposing_pairs": s.opposing_pairs, "consensus": _round(s.consensus),
            "divisiveness": _round(s.divisiveness)}


def matrix(m: StanceMatrix, pairs: Iterable[PairAgreement], spreads: list[QuestionSpread], corpus: Corpus,
           out: TextIO, limit: int | None = None, among_authors: list[QuestionSpread] | None = None) -> None:
    """The document `json_document` would write, with the agreement list (the pairs that share a question:
    a pair sharing none has no agreement, and listing every pair was quadratic in the agents) made and
    written pair by pair by `_pairs` instead of held and put through `json.dumps(indent=2)`.

    With more than `limit` agents the list holds only the pairs of the `limit` agents the text tables show
    (those answering the most questions), and `agreement_capped` says so: one question answered by 6,000
    agents is 18 million pairs, gigabytes that no reader asked for. Every agent and stance is still listed."""
    marker = f"argmap-agreement-{uuid.uuid4().hex}"
    shown = busiest_agents(m, limit)
    data: dict[str, Any] = {
        "version": SCHEMA_VERSION,
        "authors_only": m.authors_only,
        "population": m.population,
        "as_of": m.as_of,
        "bases": list(m.bases),
        "min_shared": m.min_shared,
        "agents": [{"id": a, "name": m.names.get(a, a)} for a in m.agents],
        "questions": [{"id": q, "proposition": corpus.questions[q].proposition if q in corpus.questions else "",
                       "refines": [r.id for r in corpus.questions[q].refines] if q in corpus.questions else []}
                      for q in m.questions],
        "stances": [{"agent": a, "question": q, "stance": m.cells[(a, q)].stance, "map": m.cells[(a, q)].map,
                     "date": m.cells[(a, q)].date, "basis": m.cells[(a, q)].basis}
                    for a in m.agents for q in m.questions if (a, q) in m.cells],
        "agreement": marker,
        "questions_by_divisiveness": [spread(s) for s in spreads],
        "count": "agents",  # each agent once, by its latest stance
    }
    if among_authors is not None:  # the same ranking among the maps' authors alone
        data["questions_by_divisiveness_among_authors"] = [spread(s) for s in among_authors]
    if len(shown) < len(m.agents):
        data["agreement_capped"] = {
            "agents": len(shown), "of": len(m.agents),
            "note": f"agreement lists only the pairs of the {len(shown)} agents answering the most questions (as "
                    "the text tables show them); --limit N or --all for more, or `argmap export` for the "
                    "agreement of every pair as a table"}
    if m.arguments:  # only with links.yaml: the output of a corpus without links is as it was
        data["arguments"] = [{"agents": a.agents, "claims": [linked_claim(c) for c in a.claims]} for a in m.arguments]
    text = json_document(data)
    # the marker's quotes are bare only where it is the value of "agreement": in any string they are escaped
    head, found, tail = text.partition(f'\n  "agreement": "{marker}"')
    assert found, "the agreement marker is missing"
    out.write(head)
    out.write('\n  "agreement": ')
    shared: Iterable[PairAgreement]
    if len(shown) < len(m.agents):  # the same pairs, in the same order, as the whole list filtered
        keep = set(shown)
        if isinstance(pairs, Agreements):
            by_question = _by_question(m, shown)
            shared = Agreements(shown, m.questions or sorted(by_question), by_question).sharing()
        else:
            shared = (p for p in pairs if p.shared and p.a in keep and p.b in keep)
    else:
        shared = pairs.sharing() if isinstance(pairs, Agreements) else (p for p in pairs if p.shared)
    _pairs((p for p in shared if len(p.shared) >= m.min_shared), out)
    out.write(tail)


def _by_question(m: StanceMatrix, agents: list[str]) -> dict[str, dict[str, int]]:
    """question -> agent -> stance, of `agents` only."""
    out: dict[str, dict[str, int]] = {}
    for a in agents:
        for q in m.questions:
            cell = m.cells.get((a, q))
            if cell is not None:
                out.setdefault(q, {})[a] = cell.stance
    return out


def _string(value: str) -> str:
    """`value` as json_document writes a string."""
    return json_text(encode_basestring(value))


def _pairs(pairs: Iterable[PairAgreement], out: TextIO) -> None:
    """The list `[pair(p) for p in pairs]` exactly as `json_document` indents it as a top-level value,
    written a chunk at a time (tests/analysis/test_analysis_agreement_fast.py compares the two)."""
    names: dict[str, str] = {}
    chunk: list[str] = []
    first = True
    for p in pairs:
        a = names.get(p.a) or names.setdefault(p.a, _string(p.a))
        b = names.get(p.b) or names.setdefault(p.b, _string(p.b))
        if p.shared:
            questions = "[\n        " + ",\n        ".join(_string(q) for q in p.shared) + "\n      ]"
        else:
            questions = "[]"
        value = _round(p.agreement)
        chunk.append(f'{"[" if first else ","}\n    {{\n      "a": {a},\n      "b": {b},\n'
                     f'      "shared": {len(p.shared)!r},\n      "questions": {questions},\n'
                     f'      "agreement": {"null" if value is None else float.__repr__(value)},\n'
                     f'      "same_side": {p.same_side!r},\n      "opposite_side": {p.opposite_side!r},\n'
                     f'      "one_neutral": {p.one_neutral!r}\n    }}')
        first = False
        if len(chunk) >= 4096:
            out.write("".join(chunk))
            chunk.clear()
    chunk.append("[]" if first else "\n  ]")
    out.write("".join(chunk))


def _side(s: Side) -> dict[str, str]:
    return {"kind": s.kind, "id": s.id, "name": s.name}


def _brief(e: StanceEntry | None) -> dict[str, Any] | None:
    if e is None:
        return None
    quote = e.quotes[0] if e.quotes else None
    return {"agent": e.agent, "map": e.map, "date": e.date, "stance": e.stance, "label": scale.label(e.stance),
            "basis": e.basis, "grounds": [g.id for g in e.grounds],
            "quote": None if quote is None else {"evidence": quote.evidence, "quote": quote.text,
                                                 "translation": quote.translation, "speaker": quote.speaker}}


def linked_claim(c: LinkedClaim) -> dict[str, Any]:
    return {"claim": c.ref, "text": c.text, "agent": c.agent,
            "quote": {"evidence": c.evidence, "quote": c.quote, "translation": c.translation} if c.quote else None}


def compare(c: Comparison, out: TextIO) -> None:
    data: dict[str, Any] = {
        "a": _side(c.a), "b": _side(c.b),
        "rows": [{"question": r.question, "verdict": r.verdict, "a": _brief(r.a), "b": _brief(r.b)} for r in c.rows],
        "summary": {"shared": len(c.pair.shared), "agree": c.count("agree"), "disagree": c.count("disagree"),
                    "differ": c.count("differ"), "only_a": c.count("only-a"), "only_b": c.count("only-b"),
                    "agreement": _round(c.pair.agreement)},
    }
    if c.claims:  # only when links.yaml links the two: the output of a corpus without links is as it was
        data["shared_arguments"] = [{"a": [linked_claim(x) for x in mine], "b": [linked_claim(x) for x in theirs]}
                                    for mine, theirs in c.claims.shared]
        data["clashes"] = [{"relation": k.relation, "from": "a" if k.a_first else "b", "a": linked_claim(k.a),
                            "b": linked_claim(k.b)} for k in c.claims.clashes]
    _dump(data, out)


def timeline(t: Timeline, out: TextIO) -> None:
    _dump({
        "agent": t.agent, "name": t.name, "maps": t.maps, "changes": len(t.changes),
        "entries": [{"date": s.entry.date, "map": s.entry.map, "question": s.entry.question,
                     "stance": s.entry.stance, "label": scale.label(s.entry.stance), "basis": s.entry.basis,
                     "previous": None if s.previous is None else s.previous.stance,
                     "previous_map": None if s.previous is None else s.previous.map,
                     "changed": s.changed}
                    for s in t.steps],
    }, out)


def diff(d: CorpusDiff, out: TextIO) -> None:
    _dump({"old": d.old_label, "new": d.new_label, "summary": d.counts(),
           "changes": [c.to_json() for c in d.changes]}, out)


def _brief_data(b: Brief) -> dict[str, Any]:
    """Everything the text shows, uncapped; tallies say what they count (`count`)."""
    return {
        "question": b.question, "proposition": b.proposition, "note": b.note, "registered": b.registered,
        "answer": b.answer, "count": b.count, "by": b.by,
        "authors": summary(b.authors), "others": summary(b.others),
        "maps": b.maps, "first_date": b.first or None, "last_date": b.last or None,
        "family": [{"question": r.id, "relations": list(r.roles), "proposition": r.proposition,
                    "authors": summary(r.authors)} for r in b.family],
        "periods": [{"period": p.period, "span": p.span or None, "authors": summary(p.authors),
                     "others": summary(p.others),
                     "holders": [{"agent": h.agent, "name": h.name, "is_author": h.is_author, "stance": h.stance,
                                  "label": scale.label(h.stance), "map": h.map, "date": h.date, "basis": h.basis}
                                 for h in p.holders]}
                    for p in b.periods],
        "authors_agree": [{"question": a.question, "relations": list(a.roles), "side": a.side,
                           "authors": list(a.authors)} for a in b.accords],
        "shared_arguments": [{"text": s.text, "claims": list(s.claims), "authors": list(s.authors)} for s in b.shared],
        "cruxes": [{"relation": c.relation, "opposed": c.opposed, "note": c.note,
                    "from": _crux_end(c.a), "to": _crux_end(c.b)} for c in b.cruxes],
        "moves": [{"agent": m.agent, "name": m.name, "is_author": m.is_author, "changed": m.changed,
                   "steps": [{"map": s.map, "date": s.date, "stance": s.stance, "note": s.note, "basis": s.basis}
                             for s in m.steps]} for m in b.moves],
        "unanswered": {
            "silent_authors": [{"map": s.map, "date": s.date, "authors": list(s.authors)} for s in b.silent],
            "hearsay": [{"agent": h.agent, "name": h.name, "bases": list(h.bases)} for h in b.hearsay],
            "family_without_authors": b.open_family,
        },
    }


def _crux_end(end: CruxEnd) -> dict[str, Any]:
    return {"claim": end.claim, "text": end.text, "agent": end.agent, "name": end.name, "is_author": end.is_author,
            "stance": end.stance, "quote": {"evidence": end.evidence, "quote": end.quote, "translation": end.translation}
            if end.quote else None}


def brief(b: Brief, out: TextIO) -> None:
    _dump(_brief_data(b), out)


def briefs(items: list[Brief], out: TextIO) -> None:
    _dump({"questions": [_brief_data(b) for b in items]}, out)


def brief_list(items: list[Line], out: TextIO) -> None:
    _dump({"count": items[0].authors.count if items else "agents",
           "questions": [{"question": line.question, "proposition": line.proposition, "depth": line.depth,
                          "answer": line.answer, "authors": summary(line.authors), "others": summary(line.others)}
                         for line in items]}, out)
