"""`argmap check --show-unanswered`: the shared questions each map takes no position on.

A map answers a question when any of its positions (the author's or another agent's) names it: the
list is what is left to read the article for, not a finding (leaving a question open is normal).
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.model import Corpus


@dataclass(frozen=True)
class Open:
    """One map and the questions of the registry it leaves open, in the registry's order."""

    map: str
    path: str
    questions: tuple[str, ...]
    total: int  # questions in the registry

    def to_dict(self) -> dict[str, object]:
        return {"map": self.map, "questions": list(self.questions), "answered": self.total - len(self.questions)}


def unanswered(corpus: Corpus) -> list[Open]:
    """Every map of `corpus` (by path), with the shared questions none of its positions names."""
    questions = list(corpus.questions)
    out = []
    for m in sorted(corpus.maps, key=lambda m: m.path):
        answered = {p.question.id for p in m.positions}
        out.append(Open(m.id, m.path, tuple(q for q in questions if q not in answered), len(questions)))
    return out


def to_json(rows: list[Open]) -> dict[str, object]:
    """The `unanswered` object of the JSON report: map path -> the map's id and its open questions."""
    return {row.path: row.to_dict() for row in rows}


def to_text(rows: list[Open], corpus: Corpus) -> list[str]:
    """The lines of the text report's section."""
    if not corpus.questions:
        return ["Unanswered questions: no questions.yaml, so no shared questions."]
    open_maps = [row for row in rows if row.questions]
    lines = [f"Unanswered questions ({len(open_maps)} of {len(rows)} map{'s' if len(rows) != 1 else ''} "
             f"leave some of the {len(corpus.questions)} shared questions open):"]
    for row in rows:
        if not row.questions:
            lines.append(f"  {row.path} ({row.map}): answers every question")
            continue
        lines.append(f"  {row.path} ({row.map}): {len(row.questions)} of {row.total} open")
        for qid in row.questions:
            question = corpus.questions.get(qid)
            proposition = " ".join(question.proposition.split()) if question else ""
            if len(proposition) > 90:
                proposition = proposition[:89] + "…"
            lines.append(f"    {qid}: {proposition}")
    return lines
