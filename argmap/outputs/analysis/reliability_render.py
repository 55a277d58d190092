"""`argmap reliability` as text, JSON or Markdown. Map text is data: `clean` in text, `md` in Markdown,
`json_document` in JSON (the keys are documented in docs/reliability.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from argmap.analysis.reliability import Alpha, Coding, Disagreement, PairStructure, Reliability, Totals
from argmap.core import stance as scale
from argmap.core.safetext import clean, json_document
from argmap.core.words import percent

SCHEMA_VERSION = 1


def _alpha_text(a: Alpha | None) -> str:
    if a is None:
        return "—"
    if a.value is None:
        return f"undefined ({a.reason})"
    return f"{a.value:.3f} ({a.units} units, {a.values} values)"


def _ratio(value: float | None) -> str:
    return percent(None if value is None else 100 * value)


def _stance(value: int | None) -> str:
    return "no stance" if value is None else f"{scale.signed(value)} {scale.label(value)}"


def _coding_lines(c: Coding, esc: Callable[[str], str]) -> list[str]:
    basis = f" ({c.basis})" if c.basis else " (no basis)" if c.stance is not None else ""
    lines = [f"{esc(c.coder)} ({esc(c.map)}): {_stance(c.stance)}{basis}"]
    for g in c.grounds:
        lines.append(f"  because [{esc(g.id)}]: {esc(g.text)}")
    for q in c.quotes:
        lines.append(f"  “{esc(q.text)}” [{esc(q.evidence)}]")
    if c.note:
        lines.append(f"  note: {esc(c.note)}")
    return lines


# -- JSON ------------------------------------------------------------------------------------------------


def _alpha_json(a: Alpha | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"alpha": None if a.value is None else round(a.value, 4), "units": a.units, "values": a.values,
            "undefined": a.reason or None}


def _coding_json(c: Coding) -> dict[str, Any]:
    return {"coder": c.coder, "map": c.map, "stance": c.stance,
            "label": None if c.stance is None else scale.label(c.stance), "basis": c.basis,
            "grounds": [{"id": g.id, "text": g.text} for g in c.grounds],
            "quotes": [{"evidence": q.evidence, "quote": q.text} for q in c.quotes], "note": c.note}


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _structure_json(p: PairStructure | Totals) -> dict[str, Any]:
    def r(v: float | None) -> float | None:
        return None if v is None else round(v, 4)

    return {"node_f1": r(p.node_f1), "relation_f1": r(p.relation_f1), "score": r(p.score)}


def json(result: Reliability, out: TextIO) -> None:
    a = result.alpha
    data: dict[str, Any] = {
        "version": SCHEMA_VERSION,
        "coders": result.coders,
        "alpha": None if a.value is None else round(a.value, 4),
        "alpha_undefined": a.reason or None,
        "units": len(result.units),
        "pairable_units": a.units,
        "levels": {level: _alpha_json(v) for level, v in result.levels.items()},
        "articles": [{"article": art.key, "maps": {c: m.id for c, m in art.maps.items()}} for art in result.articles],
        "questions": {q: _alpha_json(v) for q, v in result.questions.items()},
        "pairs": [{"a": p.a, "b": p.b, **(_alpha_json(p.alpha) or {}), "both": p.both, "same": p.same,
                   "only_a": p.only_a, "only_b": p.only_b, "coverage": _rate(p.coverage)} for p in result.pairs],
        "coverage_rate": _rate(result.coverage),
        "basis": _alpha_json(result.basis_alpha),
        "coverage": [{"article": g.unit.article, "agent": g.unit.agent, "agent_name": g.agent_name,
                      "question": g.unit.question, "recorded_by": list(g.recorded_by),
                      "missing_from": list(g.missing_from)} for g in result.gaps],
        "disagreements": [{"article": d.unit.article, "agent": d.unit.agent, "agent_name": d.agent_name,
                           "question": d.unit.question, "kinds": d.kinds,
                           "codings": [_coding_json(c) for c in d.codings]} for d in result.disagreements],
        "warnings": result.warnings,
    }
    if not result.sources:
        data["evidence"] = data["structure"] = {"skipped": "no --sources: the quotes cannot be located"}
    else:
        data["evidence"] = {
            "alpha": _alpha_json(result.evidence_alpha),
            "pairs": [{"a": p.a, "b": p.b, "both": p.both, "either": p.either, "only_a": p.only_a, "only_b": p.only_b,
                       "overlap": None if p.overlap is None else round(p.overlap, 4)} for p in result.evidence_pairs],
            "articles": [{
                "article": ev.key, "characters": ev.length, "alpha": _alpha_json(ev.alpha),
                "pairs": [{"a": p.a, "b": p.b, "both": p.both, "either": p.either,
                           "overlap": None if p.overlap is None else round(p.overlap, 4)} for p in ev.pairs],
                "not_located": {c: [e for e, _ in q.not_located] for c, q in ev.quotes.items() if q.not_located},
                "unshared": [{"coder": c, "other": o, "evidence": q.evidence, "quote": q.quote, "start": q.start, "end": q.end}
                             for c, o, q in ev.unshared],
            } for ev in result.evidence],
        }
        data["structure"] = {
            **_structure_json(result.structure_total),
            "pairs": [{"a": a, "b": b, **_structure_json(t)} for (a, b), t in result.structure_pairs.items()],
            "articles": [{
                "article": p.article, "a": p.a, "b": p.b, "nodes_a": p.nodes_a, "nodes_b": p.nodes_b,
                "matched": [list(m) for m in p.matched], "relations_a": p.relations_a, "relations_b": p.relations_b,
                "agreeing": p.agreeing, "conflicting": p.conflicting, "relation_alpha": _alpha_json(p.relation_alpha),
                **_structure_json(p),
                "unmatched": [{"coder": c, "node": n, "text": t} for c, n, t in p.unmatched],
                "differing": [{"coder": c, "source": r.source, "target": r.target, "kind": r.kind, "other": o}
                              for c, r, o in p.differing],
            } for p in result.structure],
        }
    out.write(json_document(data))


# -- text and Markdown -----------------------------------------------------------------------------------


def _lines(result: Reliability, esc: Callable[[str], str], markdown: bool) -> list[str]:
    h2 = "## " if markdown else ""
    item = "- " if markdown else "  "
    code: Callable[[str], str] = str  # ids are [a-z0-9-]: escaped text, in no code span (a backslash there is literal)
    out = [f"{'# ' if markdown else ''}Reliability of {len(result.coders)} coders: {', '.join(esc(c) for c in result.coders)}", ""]
    out.append(f"Stances: Krippendorff's alpha (ordinal) = {_alpha_text(result.alpha)}; {len(result.units)} units "
               "(article, agent, question), a missing stance counted as missing, not neutral.")
    out.append("At other levels, for comparison: " + "; ".join(
        f"{level} {_alpha_text(v)}" for level, v in result.levels.items() if level != "ordinal") + ".")
    out.append(f"Coverage rate: {_ratio(result.coverage)} of the units either coder recorded were recorded by both "
               "(the lowest of any pair of coders).")
    out.append(f"Basis (how each stance is known), of the units both coders recorded: alpha (nominal) = "
               f"{_alpha_text(result.basis_alpha)}.")
    partial = result.only_some()
    if partial:
        out.append(f"{len(partial)} of {len(result.articles)} articles not mapped by every coder: "
                   + "; ".join(f"{esc(a.key)} ({', '.join(esc(c) for c in a.maps)})" for a in partial) + ".")
    out += ["", f"{h2}By question (ordinal alpha)"]
    for q, a in result.questions.items():
        out.append(f"{item}{code(esc(q))}: {_alpha_text(a)}")
    out += ["", f"{h2}By pair of coders"]
    for p in result.pairs:
        out.append(f"{item}{esc(p.a)} × {esc(p.b)}: alpha {_alpha_text(p.alpha)}; {p.same} of {p.both} shared units "
                   f"the same stance; only {esc(p.a)}: {p.only_a}, only {esc(p.b)}: {p.only_b}; "
                   f"coverage {_ratio(p.coverage)}")
    out += ["", f"{h2}Coverage: recorded by some coders, not by others who mapped the article ({len(result.gaps)})"]
    for g in result.gaps:
        out.append(f"{item}{esc(g.unit.article)}: {esc(g.agent_name)} on {code(esc(g.unit.question))}: recorded by "
                   f"{', '.join(esc(c) for c in g.recorded_by)}; not by {', '.join(esc(c) for c in g.missing_from)}")
    out += ["", f"{h2}Evidence: what was quoted"]
    if not result.sources:
        out.append("Skipped: give --sources DIR (the article texts) to locate the quotes.")
    else:
        out.append(f"Character-level alpha (nominal; each character quoted or not): {_alpha_text(result.evidence_alpha)}")
        for ep in result.evidence_pairs:
            out.append(f"{item}{esc(ep.a)} × {esc(ep.b)}: {_ratio(ep.overlap)} overlap ({ep.both} characters both quoted "
                       f"of {ep.either} either quoted; only {esc(ep.a)} {ep.only_a}, only {esc(ep.b)} {ep.only_b})")
        for ev in result.evidence:
            pairs = ", ".join(f"{esc(o.a)} × {esc(o.b)} {_ratio(o.overlap)}" for o in ev.pairs)
            out.append(f"{item}{esc(ev.key)}: alpha {_alpha_text(ev.alpha)}; overlap {pairs}")
            for coder, quotes in ev.quotes.items():
                if quotes.not_located:
                    out.append(f"{item}  {esc(coder)}: not found in the article (left out): "
                               + ", ".join(esc(e) for e, _ in quotes.not_located))
            for coder, other, lq in ev.unshared:
                out.append(f"{item}  only {esc(coder)} (nothing of it quoted by {esc(other)}): “{esc(lq.quote)}” [{esc(lq.evidence)}]")
    out += ["", f"{h2}Structure: claims and relations, aligned by their quotes"]
    if not result.sources:
        out.append("Skipped: give --sources DIR (the article texts) to align claims by their quotes.")
    else:
        t = result.structure_total
        out.append(f"All pairs: node F1 {_ratio(t.node_f1)}, relation F1 {_ratio(t.relation_f1)}, score {_ratio(t.score)}")
        for sp in result.structure:
            out.append(f"{item}{esc(sp.article)}, {esc(sp.a)} × {esc(sp.b)}: {len(sp.matched)} of {sp.nodes_a} / {sp.nodes_b} nodes "
                       f"matched (F1 {_ratio(sp.node_f1)}); {sp.agreeing} relations agree, {sp.conflicting} opposite, of "
                       f"{sp.relations_a} / {sp.relations_b} (F1 {_ratio(sp.relation_f1)}); relation alpha {_alpha_text(sp.relation_alpha)}")
            for coder, node, said in sp.unmatched:
                out.append(f"{item}  unmatched {esc(coder)} {code(esc(node))}: {esc(said)}")
            for coder, r, other in sp.differing:
                out.append(f"{item}  {esc(coder)}: {code(esc(r.source))} {r.kind} {code(esc(r.target))}; the other coder: {esc(other)}")
    out += ["", f"{h2}Disagreements on stances and their bases ({len(result.disagreements)})"]
    for d in result.disagreements:
        out.append(_disagreement_head(d, esc, code, markdown))
        for c in d.codings:
            out.extend(f"{item}{line}" for line in _coding_lines(c, esc))
    if result.warnings:
        out += ["", f"{h2}Warnings"]
        out.extend(f"{item}{esc(w)}" for w in result.warnings)
    return out


def _disagreement_head(d: Disagreement, esc: Callable[[str], str], code: Callable[[str], str], markdown: bool) -> str:
    text = f"{esc(d.unit.article)}: {esc(d.agent_name)} on {code(esc(d.unit.question))} ({' and '.join(d.kinds)})"
    return f"\n### {text}\n" if markdown else text


def text(result: Reliability, out: TextIO) -> None:
    out.write("\n".join(_lines(result, clean, markdown=False)) + "\n")


def markdown(result: Reliability, out: TextIO) -> None:
    from argmap.outputs.analysis.render_markdown import md

    out.write("\n".join(_lines(result, md, markdown=True)) + "\n")
