"""Words and numbers shared by the text and Markdown renderers (escaping is the renderer's job)."""

from __future__ import annotations

import math
from collections.abc import Callable

from argmap import stance as scale
from argmap.analysis.diff import Change
from argmap.analysis.positions import StanceEntry

NONE = "—"  # an undefined measure: no shared question, fewer than two agents


def stance(value: int | None) -> str:
    """'+1 agree', '-2 strongly-disagree', or '—'."""
    return NONE if value is None else f"{scale.signed(value)} {scale.label(value)}"


def short(value: int | None) -> str:
    return "·" if value is None else scale.signed(value)


def percent(value: float | None) -> str:
    """'63%' (rounded half up, so 62.5 and 37.5 round alike), or '—'."""
    return NONE if value is None else f"{math.floor(value + 0.5)}%"


def mean(value: float | None) -> str:
    return NONE if value is None else f"{value:+.2f}"


def shown_line(shown: int, agents: int) -> str:
    """What a capped `matrix` table leaves out, and how to see it."""
    return (f"The stance and agreement tables show {shown} of the {agents} agents, those answering the most "
            "questions (--limit N for more, --all for every agent, --format json has them all); "
            "the questions table counts every agent.")


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def role(entry: StanceEntry) -> str:
    """'author of MAP' or 'reported in MAP'."""
    return f"{'author of' if entry.is_author else 'reported in'} {entry.map}"


def who(entry: StanceEntry) -> str:
    """'Name (id), author of MAP (date)'; an unnamed author is named by its map."""
    if entry.agent.startswith("author@"):
        return f"the unnamed author of {entry.map} ({entry.date})"
    name = f"{entry.agent_name} ({entry.agent})" if entry.agent_name != entry.agent else entry.agent
    return f"{name}, {role(entry)} ({entry.date})"


def summary_line(agents: int, agree: int, neutral: int, disagree: int) -> str:
    return f"{plural(agents, 'agent')}: {agree} agree, {neutral} neutral, {disagree} disagree"


VERDICT_WORDS = {"agree": "agree (same side)", "disagree": "disagree (opposite sides)", "differ": "differ (one neutral)",
                 "only-a": "only A answers", "only-b": "only B answers"}

SECTION_TITLES = {
    "stance-moved": "Stances moved", "position-added": "Positions added", "position-removed": "Positions removed",
    "position-regrounded": "Positions re-grounded",
    "claim-added": "Claims added", "claim-removed": "Claims removed", "claim-reworded": "Claims reworded",
    "claim-reattributed": "Claims reattributed",
    "relation-added": "Relations added", "relation-removed": "Relations removed",
    "evidence-added": "Evidence added", "evidence-removed": "Evidence removed",
    "evidence-reworded": "Evidence reworded", "evidence-reattributed": "Evidence reattributed",
    "question-added": "Questions added", "question-removed": "Questions removed",
    "question-reworded": "Questions reworded", "question-relation-added": "Question relations added",
    "question-relation-removed": "Question relations removed",
    "agent-added": "Agents added", "agent-removed": "Agents removed", "agent-renamed": "Agents renamed",
    "map-added": "Maps added", "map-removed": "Maps removed", "source-changed": "Sources changed",
}


def describe(c: Change, esc: Callable[[str], str]) -> str:
    """One line for one change; `esc` makes map text safe for the target format."""
    def e(value: object) -> str:
        return esc(str(value))

    where = f" in {e(c.map)}" if c.map else ""
    if c.kind == "stance-moved":
        return f"{e(c.agent)} on {e(c.question)}{where}: {stance(c.old)} → {stance(c.new)}"  # type: ignore[arg-type]
    if c.kind == "position-added":
        return f"{e(c.agent)} on {e(c.question)}{where}: {stance(c.new)}"  # type: ignore[arg-type]
    if c.kind == "position-removed":
        return f"{e(c.agent)} on {e(c.question)}{where}: was {stance(c.old)}"  # type: ignore[arg-type]
    if c.kind == "position-regrounded":
        return f"{e(c.agent)} on {e(c.question)}{where}: grounds [{e(c.old)}] → [{e(c.new)}]"
    if c.kind in ("relation-added", "relation-removed"):
        return f"{e(c.id)} {e(c.relation)} {e(c.target)}{where}"
    if c.kind in ("question-relation-added", "question-relation-removed"):
        return f"{e(c.id)} {e(c.relation)} {e(c.target)}"
    if c.kind == "source-changed":
        return f"{e(c.map)} {e(c.relation)}: {e(c.old)} → {e(c.new)}"
    subject = f"{e(c.id)}{where}" if c.id else e(c.map)
    if c.old is not None and c.new is not None:
        return f"{subject}: “{e(c.old)}” → “{e(c.new)}”"
    return f"{subject}: “{e(c.new if c.new is not None else c.old)}”"
