"""`argmap check --show-unanswered`: the shared questions each map takes no position on.

A map answers a question when any of its positions (the author's or another agent's) names it: the
list is what is left to read the article for, not a finding (leaving a question open is normal).
"""

from __future__ import annotations

import os

from argmap.core.record import record
from argmap.core.words import plural
from argmap.model.maps import Corpus


@record(frozen=True)
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


def _proposition(corpus: Corpus, qid: str, room: int = 90) -> str:
    question = corpus.questions.get(qid)
    proposition = " ".join(question.proposition.split()) if question else ""
    return proposition if len(proposition) <= room else proposition[: room - 1] + "…"


def _name(row: Open) -> str:
    """The map's path, and its id where the file is not named after it."""
    stem = os.path.splitext(os.path.basename(row.path))[0]
    return row.path if stem == row.map else f"{row.path} ({row.map})"


def to_text(rows: list[Open], corpus: Corpus) -> list[str]:
    """The lines of the text report's section. One map: its open questions in full. Several: a compact
    table, one line per map with the numbers of the questions it leaves open, then each question open
    anywhere once, with how many maps leave it open (those open in every map first)."""
    if not corpus.questions:
        return ["Unanswered questions: no questions.yaml, so no shared questions."]
    open_maps = [row for row in rows if row.questions]
    total = len(corpus.questions)
    lines = [f"Unanswered questions ({len(open_maps)} of {plural(len(rows), 'map')} "
             f"{'leaves' if len(open_maps) == 1 else 'leave'} some of the {total} shared questions open):"]
    if len(rows) == 1:
        row = rows[0]
        if not row.questions:
            lines.append(f"  {_name(row)}: answers every question")
        else:
            lines.append(f"  {_name(row)}: {len(row.questions)} of {row.total} open")
            lines.extend(f"    {qid}: {_proposition(corpus, qid)}" for qid in row.questions)
        return lines
    number = {qid: f"Q{i}" for i, qid in enumerate(corpus.questions, 1)}
    names = [_name(row) for row in rows]
    width = max(len(name) for name in names)
    for row, name in zip(rows, names, strict=True):
        shown = (f"{len(row.questions)} of {row.total} open: " + " ".join(number[q] for q in row.questions)
                 if row.questions else "answers every question")
        lines.append(f"  {name.ljust(width)}  {shown}")
    maps_open = {qid: sum(1 for row in rows if qid in row.questions) for qid in corpus.questions}
    listed = sorted((qid for qid, n in maps_open.items() if n), key=lambda q: (-(maps_open[q] == len(rows)), list(corpus.questions).index(q)))
    if listed:
        lines.append("  Questions left open (numbered in the order of questions.yaml):")
    for qid in listed:
        where = "every map" if maps_open[qid] == len(rows) else f"{maps_open[qid]} of {len(rows)} maps"
        lines.append(f"    {number[qid]} {qid} (open in {where}): {_proposition(corpus, qid)}")
    return lines
