"""Words and numbers shared by the text and Markdown renderers (escaping is the renderer's job)."""

from __future__ import annotations

from collections.abc import Callable

from argmap.analysis.agreement import QuestionSpread
from argmap.analysis.diff import Change
from argmap.analysis.positions import Silence, StanceEntry, Summary
from argmap.core import stance as scale
from argmap.core.words import NONE as NONE
from argmap.core.words import percent as percent
from argmap.core.words import plural as plural


def stance(value: int | None) -> str:
    """'+1 agree', '-2 strongly-disagree', or '—'."""
    return NONE if value is None else f"{scale.signed(value)} {scale.label(value)}"


def basis(value: str | None) -> str:
    """' (reported)': how a stance is known, briefly, after it; '' when the map does not say."""
    return f" ({value})" if value else ""


def translation(text: str) -> str:
    """' (translation: …)' after a quote kept in the article's language; '' for a quote without one."""
    return f" (translation: {text.strip()})" if text.strip() else ""


def entry_stance(entry: StanceEntry | None) -> str:
    """'+1 agree (reported)': an entry's stance and its basis, or '—'."""
    return NONE if entry is None else stance(entry.stance) + basis(entry.basis)


def short(value: int | None) -> str:
    return "·" if value is None else scale.signed(value)


def mean(value: float | None) -> str:
    return NONE if value is None else f"{value:+.2f}"


def shown_line(shown: int, agents: int) -> str:
    """What a capped `matrix` table leaves out, and how to see it."""
    return (f"The stance and agreement tables show {shown} of the {agents} agents, those answering the most "
            "questions (--limit N for more, --all for every agent, --format json lists every stance); "
            "the questions table counts every agent.")


def silent_line(agent_name: str, silent: list[Silence]) -> str:
    """'its later article X (2021-09-21) is silent on it': the age of an answer that was not restated."""
    later = ", ".join(f"{s.map} ({s.date})" for s in silent)
    return f"{agent_name}'s later article{'s' if len(silent) > 1 else ''} {later} {'are' if len(silent) > 1 else 'is'} silent on it"


def agent_labels(agents: list[str]) -> dict[str, str]:
    """agent id -> its label in a table: the id, except for the unnamed author of a map (`author@MAP`, as
    long as the map's id), which is "unnamed author 1", "unnamed author 2" ... with a key under the table."""
    labels: dict[str, str] = {}
    number = 0
    for agent in agents:
        if agent.startswith("author@"):
            number += 1
            labels[agent] = f"unnamed author {number}"
        else:
            labels[agent] = agent
    return labels


def agreement_cell(agreement: float | None, shared: int, min_shared: int = 1) -> str:
    """'75% (3)', '100% (1)*' (resting on one shared question), '— (0)'; '' for a pair hidden by
    --min-shared."""
    if min_shared > 1 and shared < min_shared:
        return ""
    return f"{percent(agreement)} ({shared}){'*' if shared == 1 else ''}"


def agreement_legend(min_shared: int) -> str:
    hidden = f"; pairs sharing fewer than {min_shared} questions are left blank" if min_shared > 1 else ""
    return f"(n) = questions shared; * = resting on one shared question; — (0) = none shared{hidden}"


def population_line(population: str, as_of: str | None, bases: tuple[str, ...] = ()) -> str:
    """'' for everyone at every date; else who and when, for the heading of an analysis."""
    parts = []
    if bases:
        parts.append(f"only the stances known as {' or '.join(bases)} (--basis)")
    if population == "authors":
        parts.append("only the stances the maps' authors hold in their own maps")
    elif population == "quoted":
        parts.append("only the stances of the people the maps quote (not their authors)")
    if as_of:
        parts.append(f"as of {as_of} (maps dated later are left out)")
    return "; ".join(parts)


def sample_line(entries: list[StanceEntry]) -> str:
    """Who answers a question, and from when: '2 authors and 3 quoted people, 2019-09 to 2021-10-01'."""
    latest = {e.agent: e for e in sorted(entries, key=lambda e: e.order)}
    authors = sum(1 for e in latest.values() if e.is_author)
    quoted = len(latest) - authors
    dates = sorted({e.date for e in entries if e.date != "unknown"})
    when = "" if not dates else f", {dates[0]}" if len(dates) == 1 else f", {dates[0]} to {dates[-1]}"
    return f"{plural(authors, 'author')} and {plural(quoted, 'quoted person', 'quoted people')}{when}"


def narrower_line(broader: str) -> str:
    return f"narrower question of {broader}"


def role(entry: StanceEntry) -> str:
    """'author of MAP' or 'reported in MAP'."""
    return f"{'author of' if entry.is_author else 'reported in'} {entry.map}"


def who(entry: StanceEntry) -> str:
    """'Name (id), author of MAP (date)'; an unnamed author is named by its map."""
    if entry.agent.startswith("author@"):
        return f"the unnamed author of {entry.map} ({entry.date})"
    name = f"{entry.agent_name} ({entry.agent})" if entry.agent_name != entry.agent else entry.agent
    return f"{name}, {role(entry)} ({entry.date})"


# What a tally counts, said where it is printed (issue 20): the two counts of argmap.analysis.positions.COUNTS.
COUNT_WORDS = {"agents": "each agent once, by its latest stance",
               "stances": "every stance, one per agent and map"}
OTHER_COUNT = {"agents": "--count stances counts every stance", "stances": "--count agents counts each agent once"}


def divisive_rankings(population: str, spreads: list[QuestionSpread],
                      among_authors: list[QuestionSpread] | None) -> list[tuple[str, list[QuestionSpread]]]:
    """The "most divisive" rankings to print, each with its label: among the maps' authors apart from
    among all speakers (a leader's public line set against the analysts tops the second, not the first)."""
    if population == "authors":
        return [("Divides the authors most (maps' authors in their own maps)", spreads)]
    if population == "quoted":
        return [("Divides the people quoted most", spreads)]
    out = []
    if among_authors is not None:
        out.append(("Divides the authors most (maps' authors in their own maps)", among_authors))
    out.append(("Divides all speakers most (authors and the people they quote)", spreads))
    return out


def divisive_line(divisive: list[QuestionSpread]) -> str:
    return ", ".join(f"{s.question} ({percent(s.divisiveness)} of pairs opposed)" for s in divisive) \
        or "no question has opposing agents"


def tally_line(s: Summary) -> str:
    """'3 agents, each by its latest stance: 1 agree, 0 neutral, 2 disagree' or '5 stances of 3 agents, one
    per agent and map: ...'."""
    if s.count == "stances":
        head = f"{plural(s.counted, 'stance')} of {plural(s.agents, 'agent')}, one per agent and map"
    else:
        head = f"{plural(s.agents, 'agent')}, each by its latest stance"
    return f"{head}: {_sides(s)}"


def _sides(s: Summary) -> str:
    """'2 agree (1 reported), 0 neutral, 1 disagree': a side's stances resting on a report or an inference
    are counted in brackets."""
    def count(n: int, side: str) -> str:
        rest = s.indirect(side)
        return f"{n} {side}" + (f" ({', '.join(f'{k} {b}' for b, k in rest.items())})" if rest else "")

    return f"{count(s.agree, 'agree')}, {count(s.neutral, 'neutral')}, {count(s.disagree, 'disagree')}"


def period_line(period: str, span: str, s: Summary) -> str:
    """'2019: 1 agree, 0 neutral, 1 disagree (2 agents)': one period's tally, counted as `s.count` says."""
    name = f"{period} ({span})" if span else period
    unit = plural(s.counted, "stance") if s.count == "stances" else plural(s.agents, "agent")
    return f"{name}: {_sides(s)} ({unit})"


def by_line(by: str, count: str) -> str:
    """The heading of a per-period tally."""
    what = "year" if by == "year" else "period"
    unit = "each agent by its latest stance in the " + what if count == "agents" else "every stance"
    return f"by {what} ({unit}; maps of unknown date as undated)"


VERDICT_WORDS = {"agree": "agree (same side)", "disagree": "disagree (opposite sides)", "differ": "differ (one neutral)",
                 "only-a": "only A answers", "only-b": "only B answers"}

# Each kind of change: (one, many, what happened to it): "1 stance moved", "2 stances moved".
_CHANGE_WORDS = {
    "stance-moved": ("stance", "stances", "moved"), "position-added": ("position", "positions", "added"),
    "position-removed": ("position", "positions", "removed"),
    "position-regrounded": ("position", "positions", "re-grounded"),
    "position-rebased": ("position", "positions", "given another basis"),
    "claim-added": ("claim", "claims", "added"), "claim-removed": ("claim", "claims", "removed"),
    "claim-reworded": ("claim", "claims", "reworded"), "claim-reattributed": ("claim", "claims", "reattributed"),
    "relation-added": ("relation", "relations", "added"), "relation-removed": ("relation", "relations", "removed"),
    "evidence-added": ("piece of evidence", "pieces of evidence", "added"),
    "evidence-removed": ("piece of evidence", "pieces of evidence", "removed"),
    "evidence-reworded": ("piece of evidence", "pieces of evidence", "reworded"),
    "evidence-reattributed": ("piece of evidence", "pieces of evidence", "reattributed"),
    "question-added": ("question", "questions", "added"), "question-removed": ("question", "questions", "removed"),
    "question-reworded": ("question", "questions", "reworded"),
    "question-relation-added": ("question relation", "question relations", "added"),
    "question-relation-removed": ("question relation", "question relations", "removed"),
    "agent-added": ("agent", "agents", "added"), "agent-removed": ("agent", "agents", "removed"),
    "agent-renamed": ("agent", "agents", "renamed"),
    "map-added": ("map", "maps", "added"), "map-removed": ("map", "maps", "removed"),
    "source-changed": ("source", "sources", "changed"),
}
# Section headings: "Stances moved", "Evidence added" (evidence is uncountable in a heading).
SECTION_TITLES = {kind: ("Evidence" if one == "piece of evidence" else many.capitalize()) + " " + verb
                  for kind, (one, many, verb) in _CHANGE_WORDS.items()}


def changed(kind: str, n: int) -> str:
    """'1 stance moved', '3 stances moved', '1 piece of evidence added'."""
    one, many, verb = _CHANGE_WORDS[kind]
    return f"{plural(n, one, many)} {verb}"



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
    if c.kind == "position-rebased":
        return f"{e(c.agent)} on {e(c.question)}{where}: basis {e(c.old or 'unstated')} → {e(c.new or 'unstated')}"
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
