"""Text for a terminal (rich tables, heat-map colours) or plain when piped.

All map text goes through `safetext.clean` and into rich `Text` objects, never into markup.
"""

from __future__ import annotations

import io
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from argmap.analysis import fmt
from argmap.analysis.agreement import Agreements, QuestionSpread, StanceMatrix, busiest_agents, most_agreed, most_divisive
from argmap.analysis.compare import Comparison, Side
from argmap.analysis.diff import KINDS, CorpusDiff
from argmap.analysis.positions import QuestionPositions, StanceEntry
from argmap.analysis.timeline import Timeline
from argmap.model import Corpus
from argmap.safetext import clean

STANCE_STYLE = {-2: "bold white on red3", -1: "black on light_salmon1", 0: "black on grey70",
                1: "black on pale_green3", 2: "bold white on green4"}
VERDICT_STYLE = {"agree": "green", "disagree": "red", "differ": "yellow", "only-a": "dim", "only-b": "dim"}

Part = str | tuple[str, str]


def heat(value: float | None) -> str:
    """The style of an agreement percentage: red (0%) through yellow to green (100%)."""
    if value is None:
        return "dim"
    if value >= 87.5:
        return "bold white on green4"
    if value >= 62.5:
        return "black on pale_green3"
    if value >= 37.5:
        return "black on khaki1"
    if value >= 12.5:
        return "black on light_salmon1"
    return "bold white on red3"


class Out:
    """A rich console on `stream`: coloured, or plain without trailing blanks (when piped or saved)."""

    def __init__(self, stream: TextIO, color: bool) -> None:
        self.color = color
        self.stream = stream
        self.buffer = io.StringIO()
        self.console = Console(file=stream if color else self.buffer, force_terminal=color, no_color=not color,
                               color_system="auto" if color else None, highlight=False, emoji=False,
                               markup=False, width=None if color else 10_000, soft_wrap=not color)

    def __enter__(self) -> Out:
        return self

    def __exit__(self, *exc: object) -> None:
        self._flush()

    def _flush(self) -> None:
        """Plain: what rich wrote to the buffer goes on to the stream without trailing blanks."""
        if not self.color and self.buffer.tell():
            self.stream.write(_plain(self.buffer.getvalue()))
            self.buffer.seek(0)
            self.buffer.truncate()

    def line(self, *parts: Part) -> None:
        if not self.color:
            # What rich prints for plain text with markup, wrapping and highlighting off, without building
            # rich objects: `positions` prints a line for each quote, a million lines at 10,000 maps.
            self.stream.write(_plain("".join(clean(part if isinstance(part, str) else part[0]) for part in parts) + "\n"))
            return
        text = Text()
        for part in parts:
            if isinstance(part, str):
                text.append(clean(part))
            else:
                text.append(clean(part[0]), style=part[1])
        self.console.print(text)

    def table(self, *headers: str) -> Table:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold" if self.color else "")
        for header in headers:
            table.add_column(Text(clean(header)))
        return table

    def print(self, table: Table) -> None:
        self.console.print(table)
        self._flush()

    def stance(self, value: int | None) -> Text:
        """A heat-map cell: padded and coloured in a terminal, bare when plain."""
        if value is None:
            return Text("·", style="dim")
        text = fmt.short(value)
        return Text(f" {text} ", style=STANCE_STYLE[value]) if self.color else Text(text)


def _plain(text: str) -> str:
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def cell(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


# -- positions -----------------------------------------------------------------------------------------


def _entry(o: Out, e: StanceEntry, earlier: bool) -> None:
    o.line("  ", (f" {fmt.stance(e.stance)} ", STANCE_STYLE[e.stance] if o.color else ""), "  ",
           (fmt.who(e), "bold"), (" [earlier]", "dim") if earlier else "")
    for i, g in enumerate(e.grounds):
        o.line("      " + ("because: " if i == 0 else "         "), g.text)
    for q in e.quotes:
        who = f" ({q.speaker_name})" if q.speaker != e.agent and q.speaker_name else ""
        o.line("      ", ("“" + q.text + "”", "italic"), f"{who} [{q.evidence}]")
    if e.note:
        o.line("      note: ", (e.note, "dim"))


def positions(items: list[QuestionPositions], out: TextIO, color: bool) -> None:
    with Out(out, color) as o:
        for n, qp in enumerate(items):
            if n:
                o.line("")
            o.line((qp.question, "bold"), f": {qp.proposition}" if qp.proposition else "")
            s = qp.summary
            if not s.positions:
                o.line("  no positions recorded")
                continue
            o.line("  ", fmt.summary_line(s.agents, s.agree, s.neutral, s.disagree),
                   f" ({fmt.plural(s.positions, 'position')}; each agent counted once, by its latest stance)")
            for agent, entries in qp.by_agent():
                o.line("")
                for e in entries:
                    _entry(o, e, earlier=e is not qp.latest[agent])


# -- matrix --------------------------------------------------------------------------------------------


def matrix(m: StanceMatrix, pairs: Agreements, spreads: list[QuestionSpread], corpus: Corpus,
           out: TextIO, color: bool, limit: int | None = None) -> None:
    """`limit`: at most that many agents (those answering the most questions) in the stance and agreement
    tables; None shows every agent."""
    with Out(out, color) as o:
        if not m.agents:
            o.line("no positions recorded" + (" by maps' authors" if m.authors_only else ""))
            return
        shown = busiest_agents(m, limit)
        who = "authors in their own maps" if m.authors_only else "agents"
        o.line(("Stances", "bold"), f" of {len(m.agents)} {who} on {len(m.questions)} questions "
               "(latest stance of each; +2 strongly agree … -2 strongly disagree; · no stance)")
        if len(shown) < len(m.agents):
            o.line((fmt.shown_line(len(shown), len(m.agents)), "dim"))
        table = o.table("agent", *[f"Q{i}" for i in range(1, len(m.questions) + 1)])
        for a in shown:
            table.add_row(cell(a), *[o.stance(m.stance(a, q)) for q in m.questions])
        o.print(table)
        for i, q in enumerate(m.questions, 1):
            prop = corpus.questions[q].proposition if q in corpus.questions else ""
            o.line(f"  Q{i} ", (q, "bold"), f": {prop}" if prop else "")

        o.line("")
        o.line(("Agreement", "bold"), " between agents: 100 × (1 − mean |difference| / 4) over the questions both "
               "answer; (n) = questions shared; — (0) = none shared")
        table = o.table("", "agent", *[str(i) for i in range(1, len(shown) + 1)])
        for i, a in enumerate(shown, 1):
            row = [cell(str(i)), cell(a)]
            for b in shown:
                if a == b:
                    row.append(Text(""))
                    continue
                p = pairs.pair(a, b)
                row.append(Text(f" {fmt.percent(p.agreement)} ({len(p.shared)}) ", style=heat(p.agreement) if p.shared else "dim"))
            table.add_row(*row)
        o.print(table)

        o.line("")
        o.line(("Questions", "bold"), ", most divisive first: consensus = mean agreement of the pairs answering; "
               "divisiveness = share of those pairs on opposite sides")
        table = o.table("question", "agents", "agree", "neutral", "disagree", "mean", "consensus", "divisiveness")
        for s in spreads:
            table.add_row(cell(s.question), cell(str(s.agents)), cell(str(s.agree)), cell(str(s.neutral)),
                          cell(str(s.disagree)), cell(fmt.mean(s.mean)),
                          Text(fmt.percent(s.consensus), style=heat(s.consensus)),
                          Text(fmt.percent(s.divisiveness), style=heat(None if s.divisiveness is None else 100 - s.divisiveness)))
        o.print(table)
        divisive, agreed = most_divisive(spreads), most_agreed(spreads)
        o.line("Divides the corpus most: ", ", ".join(f"{s.question} ({fmt.percent(s.divisiveness)} of pairs opposed)"
                                                      for s in divisive) or "no question has opposing agents")
        o.line("Agreed on: ", ", ".join(f"{s.question} ({fmt.plural(s.agents, 'agent')}, consensus {fmt.percent(s.consensus)})"
                                        for s in agreed) or "no question answered by two agents without opposition")


# -- compare -------------------------------------------------------------------------------------------


def _side_name(s: Side) -> str:
    return f"{s.name} ({s.id})" if s.name != s.id else s.id


def compare(c: Comparison, out: TextIO, color: bool) -> None:
    with Out(out, color) as o:
        o.line(("A", "bold"), f" = {c.a.kind} {_side_name(c.a)}")
        o.line(("B", "bold"), f" = {c.b.kind} {_side_name(c.b)}")
        p = c.pair
        o.line(f"{fmt.plural(len(p.shared), 'shared question')}: {c.count('agree')} agree, {c.count('disagree')} disagree, "
               f"{c.count('differ')} one neutral; agreement {fmt.percent(p.agreement)}; "
               f"only A answers {c.count('only-a')}, only B answers {c.count('only-b')}")
        for r in c.rows:
            o.line("")
            o.line((r.question, "bold"), "  ", (fmt.VERDICT_WORDS[r.verdict], VERDICT_STYLE[r.verdict]))
            for label, e in (("A", r.a), ("B", r.b)):
                if e is None:
                    o.line(f"  {label}: ", ("no stance", "dim"))
                    continue
                o.line(f"  {label}: ", (f" {fmt.stance(e.stance)} ", STANCE_STYLE[e.stance] if o.color else ""),
                       f"  {fmt.role(e)} ({e.date})")
                if e.quotes:
                    o.line("     ", ("“" + e.quotes[0].text + "”", "italic"), f" [{e.quotes[0].evidence}]")


# -- timeline ------------------------------------------------------------------------------------------


def timeline(t: Timeline, out: TextIO, color: bool) -> None:
    with Out(out, color) as o:
        head = f"{t.name} ({t.agent})" if t.name != t.agent else t.agent
        if not t.steps:
            o.line(head, ": no positions recorded")
            return
        o.line((head, "bold"), f": {fmt.plural(len(t.steps), 'position')} in {fmt.plural(len(t.maps), 'map')}, "
               f"{fmt.plural(len(t.changes), 'change')}")
        current = ""
        for s in t.steps:
            e = s.entry
            if e.map != current:
                current = e.map
                o.line("")
                o.line((e.date, "bold"), "  ", e.map, f" ({'author' if e.is_author else 'reported'})")
            mark: list[Part] = []
            if s.changed and s.previous:
                mark = [("  CHANGED", "bold yellow"), f" from {fmt.stance(s.previous.stance)} ({s.previous.map}, {s.previous.date})"]
            elif s.previous:
                mark = [("  unchanged", "dim")]
            o.line("  ", (f" {fmt.stance(e.stance)} ".ljust(22), STANCE_STYLE[e.stance] if o.color else ""), " ",
                   e.question, *mark)


# -- diff ----------------------------------------------------------------------------------------------

_SIGN = {"added": "+", "removed": "-"}


def diff(d: CorpusDiff, out: TextIO, color: bool) -> None:
    with Out(out, color) as o:
        o.line(("argmap diff", "bold"), f" {d.old_label} → {d.new_label}")
        if not d.changes:
            o.line("No change in the argument.")
            return
        counts = d.counts()
        o.line(fmt.plural(len(d.changes), "change"), ": ",
               ", ".join(fmt.changed(k, n) for k, n in counts.items()))
        for kind in KINDS:
            changes = d.of(kind)
            if not changes:
                continue
            o.line("")
            o.line((f"{fmt.SECTION_TITLES[kind]} ({len(changes)})", "bold"))
            sign = next((s for word, s in _SIGN.items() if kind.endswith(word)), "~")
            style = {"+": "green", "-": "red"}.get(sign, "yellow")
            for c in changes:
                o.line("  ", (sign, style), " ", fmt.describe(c, str))
