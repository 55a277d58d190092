"""GitHub-flavoured Markdown, fit for a pull-request comment.

Map text is data: `md` escapes it so that it cannot break a table (`|`, newlines), inject HTML
(`<`, `>`, `&`), format itself (`*`, `_`, `[`, backticks...) or mention anyone (`@name`).
"""

from __future__ import annotations

import re
from typing import TextIO

from argmap.analysis.agreement import Agreements, QuestionSpread, StanceMatrix, busiest_agents, most_agreed, most_divisive
from argmap.analysis.arguments import ClaimComparison, LinkedClaim
from argmap.analysis.brief import Brief, CruxEnd, Line, answer_line, period_name, sides
from argmap.analysis.compare import Comparison
from argmap.analysis.diff import KINDS, CorpusDiff
from argmap.analysis.positions import QuestionPositions, StanceEntry
from argmap.analysis.timeline import Timeline
from argmap.checks.refinements import broader_of
from argmap.core.safetext import clean
from argmap.model.maps import Corpus
from argmap.outputs.analysis import fmt

_PUNCTUATION = re.compile(r"([\\`*_\[\]#~|$])")
_MENTION = re.compile(r"(?<!\w)@")


def md(text: object) -> str:
    """`text` as literal Markdown inline text, safe inside a table cell."""
    value = clean(" ".join(str(text).splitlines()))
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _PUNCTUATION.sub(r"\\\1", value)
    return _MENTION.sub("@\u2060", value)


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |\n"


def _head(out: TextIO, *headers: str) -> None:
    out.write(_row(*headers))
    out.write(_row(*["---"] * len(headers)))


def _quotes(e: StanceEntry) -> str:
    parts = []
    for q in e.quotes:
        who = f" — {md(q.speaker_name)}" if q.speaker != e.agent and q.speaker_name else ""
        parts.append(f"“{md(q.text)}”{md(fmt.translation(q.translation))}{who}")
    return "<br>".join(parts)


def positions(items: list[QuestionPositions], out: TextIO, scope: str = "", compact: bool = False) -> None:
    """`compact`: one row per agent (its latest stance), without grounds, quotes and notes."""
    if scope:
        out.write(f"*{md(scope.capitalize())}*\n\n")
    for n, qp in enumerate(items):
        if n:
            out.write("\n")
        out.write(f"{'#' * min(3 + qp.depth, 6)} {md(qp.question)}\n\n")
        if qp.broader:
            out.write(f"*{md(fmt.narrower_line(qp.broader))}*\n\n")
        if qp.proposition:
            out.write(f"{md(qp.proposition)}\n\n")
        s = qp.summary
        if not s.positions:
            out.write("No positions recorded.\n")
            continue
        out.write(f"**{fmt.tally_line(s)}** "
                  f"({fmt.plural(s.positions, 'position')} in all; {md(fmt.OTHER_COUNT[s.count])})\n\n")
        if qp.periods:
            out.write(f"*{md(fmt.by_line(qp.by, s.count))}:*\n\n")
            for p in qp.periods:
                out.write(f"- {md(fmt.period_line(p.period, p.span, p.summary))}\n")
            out.write("\n")
        if compact:
            _head(out, "Agent", "Stance", "Where", "Date")
            for agent in qp.latest:
                e = qp.latest[agent]
                name = "unnamed author" if e.agent.startswith("author@") else e.agent_name
                out.write(_row(md(name), fmt.entry_stance(e), md(fmt.role(e)), md(e.date)))
            continue
        _head(out, "Agent", "Stance", "Where", "Date", "Grounds", "Quotes", "Note")
        for agent, entries in qp.by_agent():
            for e in entries:
                earlier = " (earlier)" if e is not qp.latest[agent] else ""
                name = "unnamed author" if e.agent.startswith("author@") else e.agent_name
                silent = qp.silent.get(agent) if not earlier else None
                note = md(e.note) + (("<br>" if e.note else "") + "*" + md(fmt.silent_line(e.agent_name, silent)) + "*"
                                     if silent else "")
                out.write(_row(f"{md(name)}{earlier}", fmt.entry_stance(e), md(fmt.role(e)), md(e.date),
                               "<br>".join(md(g.text) for g in e.grounds), _quotes(e), note))
        if qp.arguments:
            out.write("\n**Arguments shared on a side** (claims linked `same`)\n\n")
            _head(out, "Side", "Agents", "Claims")
            for argument in qp.arguments:
                out.write(_row(argument.side, ", ".join(md(a) for a in argument.agents),
                               "<br>".join(f"{md(c.ref)}: {md(c.text)}" for c in argument.claims)))


def matrix(m: StanceMatrix, pairs: Agreements, spreads: list[QuestionSpread], corpus: Corpus,
           out: TextIO, limit: int | None = None, among_authors: list[QuestionSpread] | None = None,
           tables: tuple[str, ...] = ("stances", "agreement", "questions", "arguments")) -> None:
    """`limit`: at most that many agents (those answering the most questions) in the stance and agreement
    tables; None shows every agent. `tables`: the sections to write (`--table`)."""
    if not m.agents:
        out.write("No positions recorded.\n")
        return
    shown = busiest_agents(m, limit)
    if "stances" in tables:
        out.write(f"### Stances of {len(m.agents)} {m.who} on {len(m.questions)} questions\n\n"
                  "Latest stance of each agent: +2 strongly agree … -2 strongly disagree; · no stance.\n\n")
        if fmt.population_line(m.population, m.as_of):
            out.write(f"*{md(fmt.population_line(m.population, m.as_of))}*\n\n")
        if len(shown) < len(m.agents):
            out.write(md(fmt.shown_line(len(shown), len(m.agents))) + "\n\n")
        _head(out, "Agent", *[f"Q{i}" for i in range(1, len(m.questions) + 1)])
        for a in shown:
            out.write(_row(md(a), *[fmt.short(m.stance(a, q)) for q in m.questions]))
        out.write("\n")
    if "stances" in tables:  # the legend of the Q columns (the questions table names its questions)
        for i, q in enumerate(m.questions, 1):
            prop = corpus.questions[q].proposition if q in corpus.questions else ""
            broader = broader_of(corpus, q)
            out.write(("  " if broader else "") + f"- **Q{i}** {md(q)}" + (f": {md(prop)}" if prop else "")
                      + (f" *({md(fmt.narrower_line(broader))})*" if broader else "") + "\n")

    if "agreement" in tables:
        out.write("\n### Agreement between agents\n\n100 × (1 − mean |difference| / 4) over the questions both answer; "
                  f"{fmt.agreement_legend(m.min_shared)}.\n\n")
        _head(out, "", "Agent", *[str(i) for i in range(1, len(shown) + 1)])
        for i, (a, row) in enumerate(pairs.grid(shown), 1):
            cells = ("" if p is None else md(fmt.agreement_cell(p.agreement, len(p.shared), m.min_shared)) for _, p in row)
            out.write(_row(str(i), md(a), *cells))

    if "questions" in tables:
        out.write(f"\n### Questions, most divisive first\n\n{md(m.who.capitalize())}, each counted once by its latest stance. "
                  "Consensus = mean agreement of the pairs answering; "
                  "divisiveness = share of those pairs on opposite sides.\n\n")
        _head(out, "Question", "Agents", "Agree", "Neutral", "Disagree", "Mean", "Consensus", "Divisiveness")
        for s in spreads:
            out.write(_row(md(s.question), str(s.agents), str(s.agree), str(s.neutral), str(s.disagree), fmt.mean(s.mean),
                           fmt.percent(s.consensus), fmt.percent(s.divisiveness)))
        agreed = most_agreed(spreads)
        out.write("\n")
        for label, ranked in fmt.divisive_rankings(m.population, spreads, among_authors):
            out.write(f"**{md(label)}:** {md(fmt.divisive_line(most_divisive(ranked)))}\n\n")
        out.write("**Agreed on:** " + (", ".join(
            f"{md(s.question)} ({fmt.plural(s.agents, 'agent')}, consensus {fmt.percent(s.consensus)})" for s in agreed)
            or "no question answered by two agents without opposition") + "\n")
    if m.arguments and "arguments" in tables:
        out.write(f"\n### Arguments made in several maps\n\n{len(m.arguments)} clusters of claims linked `same`, "
                  "most agents first.\n\n")
        _head(out, "Agents", "Claims")
        for argument in m.arguments:
            out.write(_row(", ".join(md(a) for a in argument.agent_names()),
                           "<br>".join(f"{md(c.ref)} ({md(c.agent_name)}): {md(c.text)}" for c in argument.claims)))


def _cell(e: StanceEntry | None) -> str:
    return "—" if e is None else f"{fmt.entry_stance(e)}<br>{md(e.map)} ({md(e.date)})"


def _quote(e: StanceEntry | None) -> str:
    return f"“{md(e.quotes[0].text)}”{md(fmt.translation(e.quotes[0].translation))}" if e and e.quotes else ""


def compare(c: Comparison, out: TextIO) -> None:
    out.write(f"### {md(c.a.name)} (A) and {md(c.b.name)} (B)\n\n")
    p = c.pair
    out.write(f"A = {c.a.kind} {md(c.a.id)}, B = {c.b.kind} {md(c.b.id)}. "
              f"{fmt.plural(len(p.shared), 'shared question')}: {c.count('agree')} agree, "
              f"{c.count('disagree')} disagree, {c.count('differ')} where one of the two is neutral; agreement {fmt.percent(p.agreement)}; "
              f"only A answers {c.count('only-a')}, only B answers {c.count('only-b')}.\n\n")
    _head(out, "Question", "A", "B", "Verdict", "A's quote", "B's quote")
    for r in c.rows:
        out.write(_row(md(r.question), _cell(r.a), _cell(r.b), fmt.VERDICT_WORDS[r.verdict], _quote(r.a), _quote(r.b)))
    if c.claims:
        _claim_comparison(c.claims, out)


def _claim_cell(claims: list[LinkedClaim]) -> str:
    parts = []
    for claim in claims:
        quote = f"<br>“{md(claim.quote)}”{md(fmt.translation(claim.translation))}" + (
            f" — {md(claim.speaker_name)}" if claim.speaker_name else "") if claim.quote else ""
        parts.append(f"{md(claim.ref)} ({md(claim.agent_name)}): {md(claim.text)}{quote}")
    return "<br><br>".join(parts)


def _claim_comparison(cc: ClaimComparison, out: TextIO) -> None:
    from argmap.outputs.analysis.render_text import clash_words

    if cc.shared:
        out.write(f"\n#### Shared arguments ({fmt.plural(len(cc.shared), 'argument')} linked `same`)\n\n")
        _head(out, "A's claim", "B's claim")
        for mine, theirs in cc.shared:
            out.write(_row(_claim_cell(mine), _claim_cell(theirs)))
    if cc.clashes:
        out.write(f"\n#### Direct clashes ({fmt.plural(len(cc.clashes), 'clash', 'clashes')}: `opposes` or `attacks`)\n\n")
        _head(out, "Relation", "A's claim", "B's claim")
        for clash in cc.clashes:
            out.write(_row(clash_words(clash), _claim_cell([clash.a]), _claim_cell([clash.b])))


def timeline(t: Timeline, out: TextIO) -> None:
    out.write(f"### {md(t.name)}\n\n")
    if not t.steps:
        out.write("No positions recorded.\n")
        return
    out.write(f"{fmt.plural(len(t.steps), 'position')} in {fmt.plural(len(t.maps), 'map')}, "
              f"{fmt.plural(len(t.changes), 'change')}.\n\n")
    _head(out, "Date", "Map", "Question", "Stance", "Change")
    for s in t.steps:
        e = s.entry
        change = ""
        if s.changed and s.previous:
            change = f"**changed** from {fmt.stance(s.previous.stance)} ({md(s.previous.map)})"
        elif s.previous:
            change = "unchanged"
        out.write(_row(md(e.date), md(e.map), md(e.question), fmt.entry_stance(e), change))


def diff(d: CorpusDiff, out: TextIO) -> None:
    out.write(f"### Argument changes: {md(d.old_label)} → {md(d.new_label)}\n\n")
    if not d.changes:
        out.write("No change in the argument." + (f" {md(d.files_note)}" if d.files_note else "") + "\n")
        return
    out.write(fmt.plural(len(d.changes), "change") + ": " +
              ", ".join(fmt.changed(k, n) for k, n in d.counts().items()) + ".\n")
    moved = d.of("stance-moved")
    if moved:
        out.write(f"\n#### {fmt.SECTION_TITLES['stance-moved']} ({len(moved)})\n\n")
        _head(out, "Agent", "Question", "Map", "From", "To")
        for c in moved:
            out.write(_row(md(c.agent), md(c.question), md(c.map), fmt.stance(c.old), fmt.stance(c.new)))  # type: ignore[arg-type]
    for kind in KINDS[1:]:
        changes = d.of(kind)
        if not changes:
            continue
        out.write(f"\n#### {fmt.SECTION_TITLES[kind]} ({len(changes)})\n\n")
        for c in changes:
            out.write(f"- {fmt.describe(c, md)}\n")


def _brief(b: Brief, out: TextIO, level: int = 3) -> None:
    h = "#" * level
    out.write(f"{h} {md(b.question)}\n\n")
    if b.proposition:
        out.write(f"{md(b.proposition)}\n\n")
    out.write(f"**{md(b.answer)}** (counted: {md(fmt.COUNT_WORDS[b.count])}; {md(fmt.OTHER_COUNT[b.count])})\n\n")
    if b.note:
        out.write(f"*Note:* {md(b.note)}\n\n")
    if b.family:
        out.write(f"{h}# Family\n\n")
        _head(out, "Relation", "Question", "Proposition", "Authors")
        for r in b.family:
            out.write(_row(md(", ".join(r.roles)), md(r.id), md(r.proposition), md(sides(r.authors))))
        out.write("\n")
    when = f", {b.first} to {b.last}" if b.first and b.first != b.last else f", {b.first}" if b.first else ""
    unit = "each agent by its latest stance in the " + b.by if b.count == "agents" else "every stance"
    out.write(f"{h}# By {md(b.by)}\n\n*{md(unit)}; {md(fmt.plural(b.maps, 'map'))}{md(when)}*\n\n")
    if not b.periods:
        out.write("No stance on it in the corpus.\n\n")
    else:
        _head(out, "Period", "Tally", "Who holds what")
        for p in b.periods:
            holders = "<br>".join(
                f"{fmt.short(x.stance)} {md('unnamed author' if x.agent.startswith('author@') else x.name)} "
                f"({'author' if x.is_author else 'quoted'}, {md(x.map)})" + (f" \\[{md(x.basis)}\\]" if x.basis else "")
                for x in p.holders)
            out.write(_row(md(period_name(p.period, p.span)), md(answer_line(p.authors, p.others)), holders))
        out.write("\n")
    out.write(f"{h}# Where the authors agree\n\n")
    if not b.accords and not b.shared:
        out.write("Nowhere in the family: no question on which two or more authors all stand on one side.\n\n")
    for a in b.accords:
        role = f" ({md(', '.join(a.roles))})" if a.roles else ""
        out.write(f"- {md(a.question)}{role}: all {len(a.authors)} {a.side}: {md(', '.join(a.authors))}\n")
    for s in b.shared:
        out.write(f"- same point: “{md(s.text)}” ({md(', '.join(s.authors))})\n")
    out.write("\n")
    if b.cruxes:
        out.write(f"{h}# Cruxes\n\n*Claims of different maps linked attacks or opposes in links.yaml.*\n\n")
        _head(out, "Claim", "Relation", "Claim")
        for c in b.cruxes:
            out.write(_row(_crux_cell(c.a), md(c.relation), _crux_cell(c.b)))
        out.write("\n")
    if b.moves:
        out.write(f"{h}# Over time\n\n")
        for m in b.moves:
            path = " → ".join(f"{fmt.short(s.stance)} {md(s.map)} ({md(s.date)})" for s in m.steps)
            notes = [s.note for s in m.steps[1:] if s.note]
            why = f"; why: {md(notes[-1])}" if notes and m.changed else ""
            out.write(f"- {md(m.name)}: {path}{'' if m.changed else ' (unchanged)'}{why}\n")
        out.write("\n")
    out.write(f"{h}# Unanswered\n\n")
    silent = ", ".join(f"{md(', '.join(s.authors))} ({md(s.map)})" for s in b.silent)
    out.write(f"- authors silent on it: {silent or 'none'}\n")
    if b.hearsay:
        label = ("stances resting only on a report or inference" if any(x.bases for x in b.hearsay)
                 else "known only from others' articles")
        names = ", ".join(md(x.name) + (f" ({md('/'.join(x.bases))})" if x.bases else "") for x in b.hearsay)
        out.write(f"- {label}: {names}\n")
    if b.open_family:
        out.write(f"- family questions no author takes up: {md(', '.join(b.open_family))}\n")


def _crux_cell(end: CruxEnd) -> str:
    quote = f"<br>“{md(end.quote)}”{md(fmt.translation(end.translation))}" if end.quote else ""
    return f"{fmt.short(end.stance)} {md(end.name)}: {md(end.text)}{quote}<br>*{md(end.claim)}*"


def brief(b: Brief, out: TextIO) -> None:
    _brief(b, out)


def briefs(items: list[Brief], out: TextIO) -> None:
    for n, b in enumerate(items):
        if n:
            out.write("\n")
        _brief(b, out)


def brief_list(items: list[Line], out: TextIO) -> None:
    count = items[0].authors.count if items else "agents"
    out.write(f"*Counted: {md(fmt.COUNT_WORDS[count])}; authors are the maps' authors, other speakers the people "
              "they quote.*\n\n")
    _head(out, "Question", "Proposition", "Answer")
    for line in items:
        out.write(_row(("↳ " * min(line.depth, 1)) + md(line.question), md(line.proposition), md(line.answer)))
