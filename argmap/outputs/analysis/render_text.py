"""Text for a terminal (rich tables, heat-map colours) or plain when piped.

All map text goes through `safetext.clean` and into rich `Text` objects, never into markup.
"""

from __future__ import annotations

import io
import os
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from argmap.analysis.agreement import Agreements, QuestionSpread, StanceMatrix, busiest_agents, most_agreed, most_divisive
from argmap.analysis.arguments import ClaimComparison, Clash, LinkedClaim, Side
from argmap.analysis.brief import Brief, Line, answer_line, period_name, sides
from argmap.analysis.compare import Comparison
from argmap.analysis.diff import KINDS, CorpusDiff
from argmap.analysis.positions import QuestionPositions, Silence, StanceEntry
from argmap.analysis.timeline import Timeline
from argmap.checks.refinements import broader_of
from argmap.core import palette
from argmap.core.safetext import clean
from argmap.model.maps import Corpus
from argmap.outputs.analysis import fmt

# The report's and the plots' colours (argmap.core.palette: red to blue, safe for the colour-blind).
STANCE_STYLE = {value: palette.terminal_style(value) for value in palette.STANCE_FILLS}
VERDICT_STYLE = {"agree": palette.STANCE_COLORS[2], "disagree": palette.STANCE_COLORS[-2], "differ": "yellow",
                 "only-a": "dim", "only-b": "dim"}

Part = str | tuple[str, str]


def heat(value: float | None) -> str:
    """The style of an agreement percentage: red (0%) through white to blue (100%), in the bands of the
    report's and the plots' agreement cells."""
    if value is None:
        return "dim"
    return STANCE_STYLE[palette.agreement_step(value)]


class Out:
    """A rich console on `stream`: coloured, or plain without trailing blanks (when piped or saved)."""

    def __init__(self, stream: TextIO, color: bool) -> None:
        self.color = color
        self.stream = stream
        self.buffer = io.StringIO()
        self.console = Console(file=stream if color else self.buffer, force_terminal=color, no_color=not color,
                               color_system="auto" if color else None, highlight=False, emoji=False,
                               markup=False, width=None if color else 10_000, soft_wrap=not color)
        self._width = self._columns()  # read once: `positions` prints a million lines at 10,000 maps

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

    def line(self, *parts: Part, hang: int | None = None) -> None:
        """One line of output, wrapped at the width (the terminal's; when plain, COLUMNS if set) with a
        hanging indent: each continuation line starts `hang` columns in (default: the line's own
        indentation and two more), so a quote or a `because:` keeps its place at any width."""
        width = self._width
        if not self.color:
            # What rich prints for plain text with markup, wrapping and highlighting off, without building
            # rich objects: `positions` prints a line for each quote, a million lines at 10,000 maps.
            flat = "".join(clean(part if isinstance(part, str) else part[0]) for part in parts)
            if width is not None and len(flat) > width:
                flat = "\n".join(flat[a:b] if not n else " " * _hang(flat, hang, width) + flat[a:b]
                                  for n, (a, b) in enumerate(wrap_spans(flat, width, _hang(flat, hang, width))))
            self.stream.write(_plain(flat + "\n"))
            return
        text = Text()
        for part in parts:
            if isinstance(part, str):
                text.append(clean(part))
            else:
                text.append(clean(part[0]), style=part[1])
        if width is None or text.cell_len <= width:
            self.console.print(text, no_wrap=True, crop=False)
            return
        indent = _hang(text.plain, hang, width)
        spans = wrap_spans(text.plain, width, indent)
        for n, (a, b) in enumerate(spans):
            piece = text[a:b]
            self.console.print(Text(" " * indent) + piece if n else piece, no_wrap=True, crop=False)

    def table(self, *headers: str) -> Table:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold" if self.color else "")
        for header in headers:
            # fold, never cut with "…": an id cut short can no longer be found (issue 10)
            table.add_column(Text(clean(header)), overflow="fold")
        return table

    @property
    def width(self) -> int | None:
        """The columns a table or a line may take: the terminal's when coloured; when plain, COLUMNS if it
        is set (else None: unbounded, as piped output always was)."""
        return self._width

    def _columns(self) -> int | None:
        if self.color:
            return self.console.size.width
        try:
            columns = int(os.environ.get("COLUMNS", ""))
        except ValueError:
            return None
        return columns if columns > 0 else None

    def print(self, table: Table) -> None:
        self.console.print(table)
        self._flush()

    def stance(self, value: int | None) -> Text:
        """A heat-map cell: padded and coloured in a terminal, bare when plain."""
        if value is None:
            return Text("·", style="dim")
        text = fmt.short(value)
        return Text(f" {text} ", style=STANCE_STYLE[value]) if self.color else Text(text)


def _hang(text: str, hang: int | None, width: int) -> int:
    """The indentation of continuation lines: `hang`, else the line's own and two more; never so deep
    that fewer than 20 columns are left for the words."""
    own = len(text) - len(text.lstrip(" "))
    return max(0, min(own + 2 if hang is None else hang, width - 20))


def wrap_spans(text: str, width: int, indent: int) -> list[tuple[int, int]]:
    """Where to cut `text` (one line, no tabs) into lines of at most `width` columns, the first as it
    stands and the rest after `indent` spaces: (start, end) of each, at spaces where there are any (the
    space dropped), inside a word only where it is longer than a line. Character counts stand for
    columns (wide characters may overrun by a few; nothing is ever lost)."""
    spans: list[tuple[int, int]] = []
    start, room, end = 0, width, len(text)
    while end - start > room:
        cut = text.rfind(" ", start + 1, start + room + 1)
        if cut <= start or not text[start:cut].strip():
            cut, skip = start + room, start + room  # a word longer than the line: fold it
        else:
            skip = cut
            while skip < end and text[skip] == " ":
                skip += 1
        spans.append((start, cut))
        start, room = skip, max(1, width - indent)
    if start < end or not spans:
        spans.append((start, end))
    return spans


def _plain(text: str) -> str:
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def cell(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


# -- positions -----------------------------------------------------------------------------------------


def _entry(o: Out, e: StanceEntry, earlier: bool, silent: list[Silence] | None = None) -> None:
    box = f" {fmt.entry_stance(e)} "
    o.line("  ", (box, STANCE_STYLE[e.stance] if o.color else ""), "  ",
           (fmt.who(e), "bold"), (" [earlier]", "dim") if earlier else "", hang=4 + len(box))
    if silent:
        o.line("      ", (f"as of {e.map} ({e.date}); " + fmt.silent_line(e.agent_name, silent), "dim"), hang=6)
    for i, g in enumerate(e.grounds):
        o.line("      " + ("because: " if i == 0 else "         "), g.text, hang=15)
    for q in e.quotes:
        who = f" ({q.speaker_name})" if q.speaker != e.agent and q.speaker_name else ""
        o.line("      ", ("“" + q.text + "”", "italic"), f"{fmt.translation(q.translation)}{who} [{q.evidence}]", hang=7)
    if e.note:
        o.line("      note: ", (e.note, "dim"), hang=12)


def _compact_entry(o: Out, e: StanceEntry, earlier: int) -> None:
    """One line: stance, who, the basis of the stance where the map gives one, the map and its date."""
    box = f" {fmt.stance(e.stance)} "
    basis = getattr(e, "basis", None)
    name = "unnamed author" if e.agent.startswith("author@") else (
        f"{e.agent_name} ({e.agent})" if e.agent_name != e.agent else e.agent)
    o.line("  ", (box, STANCE_STYLE[e.stance] if o.color else ""), " " * (24 - len(box)), (name, "bold"),
           (f"  [{basis}]", "dim") if isinstance(basis, str) and basis else "",
           f"  {e.map} ({e.date})", (f"  +{earlier} earlier", "dim") if earlier else "", hang=26)


def positions(items: list[QuestionPositions], out: TextIO, color: bool, scope: str = "", compact: bool = False) -> None:
    """`scope`: whose stances and as of when, if not everyone's at every date (a line above the rest).
    `compact`: one line per agent (its latest stance), without grounds, quotes and notes."""
    with Out(out, color) as o:
        if scope:
            o.line((scope.capitalize(), "dim"))
            o.line("")
        for n, qp in enumerate(items):
            if n:
                o.line("")
            indent = "  " * qp.depth
            o.line(indent, ("↳ " if qp.depth else "", "dim"), (qp.question, "bold"),
                   f": {qp.proposition}" if qp.proposition else "", hang=len(indent) + 4)
            if qp.broader:
                o.line(indent, "  (", fmt.narrower_line(qp.broader), ")")
            s = qp.summary
            if not s.positions:
                o.line("  no positions recorded")
                continue
            o.line("  ", fmt.tally_line(s), (f" ({fmt.plural(s.positions, 'position')} in all; "
                                              f"{fmt.OTHER_COUNT[s.count]})", "dim"), hang=4)
            if qp.periods:
                o.line("  ", fmt.by_line(qp.by, s.count), ":")
                for p in qp.periods:
                    o.line("    ", fmt.period_line(p.period, p.span, p.summary), hang=6)
            if compact:
                for agent, entries in qp.by_agent():
                    _compact_entry(o, qp.latest[agent], len(entries) - 1)
                continue
            for agent, entries in qp.by_agent():
                o.line("")
                for e in entries:
                    latest = e is qp.latest[agent]
                    _entry(o, e, earlier=not latest, silent=qp.silent.get(agent) if latest else None)
            if qp.arguments:
                o.line("")
                o.line("  ", ("Arguments shared on a side (claims linked `same`)", "bold"))
                for argument in qp.arguments:
                    o.line(f"    {argument.side}: ", ", ".join(argument.agents), hang=8)
                    for claim in argument.claims:
                        o.line("      ", (claim.ref, "dim"), f": {claim.text}", hang=8)


# -- matrix --------------------------------------------------------------------------------------------


COLUMN_GAP = 3  # what rich adds to a column of SIMPLE_HEAD: a space either side and the divider


def pages(width: int | None, fixed: int, columns: list[int]) -> list[list[int]]:
    """The indices of `columns` (their content widths) cut into pages whose tables fit in `width`,
    each page repeating the leading columns (`fixed` wide in all); one page when `width` is None."""
    if width is None:
        return [list(range(len(columns)))]
    out: list[list[int]] = [[]]
    used = fixed
    for i, w in enumerate(columns):
        if out[-1] and used + w + COLUMN_GAP > width:
            out.append([])
            used = fixed
        out[-1].append(i)
        used += w + COLUMN_GAP
    return out


TABLES = ("stances", "agreement", "questions", "arguments")  # the sections of `matrix`, in order


def matrix(m: StanceMatrix, pairs: Agreements, spreads: list[QuestionSpread], corpus: Corpus,
           out: TextIO, color: bool, limit: int | None = None, width: int | None = None,
           tables: tuple[str, ...] = TABLES, among_authors: list[QuestionSpread] | None = None) -> None:
    """`limit`: at most that many agents (those answering the most questions) in the stance and agreement
    tables; None shows every agent. `width`: the columns to fit (default: `Out.width`); a table wider
    than that is cut into pages of columns, each repeating the agents, so nothing is cut short.
    `tables`: the sections to print (`--table`). `among_authors`: the questions' spreads among the maps'
    authors alone, ranked apart from `spreads`."""
    with Out(out, color) as o:
        if not m.agents:
            o.line("no positions recorded" + (" by maps' authors" if m.authors_only else ""))
            return
        fit = width if width is not None else o.width
        shown = busiest_agents(m, limit)
        labels = fmt.agent_labels(shown)
        gap = False
        if "stances" in tables:
            gap = True
            _stances(o, m, shown, labels, fit)
        if "stances" in tables or "questions" in tables:
            for i, q in enumerate(m.questions, 1):
                prop = corpus.questions[q].proposition if q in corpus.questions else ""
                broader = broader_of(corpus, q)
                o.line(f"  Q{i} ", ("↳ " if broader else "", "dim"), (q, "bold"), f": {prop}" if prop else "",
                       (f" ({fmt.narrower_line(broader)})", "dim") if broader else "", hang=6)
            gap = True
        if "agreement" in tables:
            if gap:
                o.line("")
            gap = True
            _agreement(o, m, pairs, shown, labels, fit)
        if "questions" in tables:
            if gap:
                o.line("")
            gap = True
            _questions(o, m, spreads, fit, among_authors)
        if m.arguments and "arguments" in tables:
            if gap:
                o.line("")
            o.line(("Arguments", "bold"), f" made in several maps ({len(m.arguments)}; claims linked `same`), "
                   "most agents first")
            for argument in m.arguments:
                o.line("")
                o.line("  ", (fmt.plural(len(argument.agents), "agent"), "bold"), ": ", ", ".join(argument.agent_names()))
                for claim in argument.claims:
                    o.line("    ", (claim.ref, "dim"), f" ({claim.agent_name}): {claim.text}", hang=6)


def _label_key(o: Out, labels: dict[str, str]) -> None:
    """What each short agent label stands for: the agent's id, which the other commands take."""
    for agent, label in labels.items():
        if label != agent:
            o.line(("  " + label, "dim"), f" = {agent}", hang=6)


def _stances(o: Out, m: StanceMatrix, shown: list[str], labels: dict[str, str], fit: int | None) -> None:
    o.line(("Stances", "bold"), f" of {len(m.agents)} {m.who} on {len(m.questions)} questions "
           "(latest stance of each; +2 strongly agree to -2 strongly disagree; · no stance)")
    if fmt.population_line(m.population, m.as_of):
        o.line((fmt.population_line(m.population, m.as_of), "dim"))
    if len(shown) < len(m.agents):
        o.line((fmt.shown_line(len(shown), len(m.agents)), "dim"))
    label = max(len("agent"), *(len(clean(labels[a])) for a in shown)) + COLUMN_GAP
    heads = [f"Q{i}" for i in range(1, len(m.questions) + 1)]
    cut = pages(fit, label, [max(len(h), 4 if o.color else 2) for h in heads])
    for n, page in enumerate(cut):
        if n:
            o.line("")
        table = o.table("agent", *[heads[i] for i in page])
        for a in shown:
            table.add_row(cell(labels[a]), *[o.stance(m.stance(a, m.questions[i])) for i in page])
        o.print(table)
    _label_key(o, labels)


def _agreement(o: Out, m: StanceMatrix, pairs: Agreements, shown: list[str], labels: dict[str, str],
               fit: int | None) -> None:
    o.line(("Agreement", "bold"), " between agents: 100 × (1 − mean |difference| / 4) over the questions both "
           f"answer; {fmt.agreement_legend(m.min_shared)}")
    rows: list[list[Text]] = []
    for a in shown:
        row = []
        for b in shown:
            if a == b:
                row.append(Text(""))
                continue
            p = pairs.pair(a, b)
            shown_cell = fmt.agreement_cell(p.agreement, len(p.shared), m.min_shared)
            row.append(Text(f" {shown_cell} " if shown_cell else "", style=heat(p.agreement) if p.shared else "dim"))
        rows.append(row)
    numbers = [str(i) for i in range(1, len(shown) + 1)]
    widths = [max(len(numbers[j]), *(len(row[j].plain) for row in rows)) for j in range(len(shown))]
    label = max(len("agent"), *(len(clean(labels[a])) for a in shown)) + COLUMN_GAP
    cut = pages(fit, len(numbers[-1]) + label + 2 * COLUMN_GAP, widths)
    named = len(cut) == 1  # too wide: the agents go by number, with a legend, so more columns fit
    if not named:
        for i, a in enumerate(shown, 1):
            o.line(f"  {i:>{len(numbers[-1])}} ", a)
        cut = pages(fit, len(numbers[-1]) + COLUMN_GAP, widths)
    for n, page in enumerate(cut):
        if n or not named:
            o.line("")
        table = o.table("", *(["agent"] if named else []), *[numbers[j] for j in page])
        for i, (a, row) in enumerate(zip(shown, rows, strict=True), 1):
            table.add_row(cell(str(i)), *([cell(labels[a])] if named else []), *[row[j] for j in page])
        o.print(table)
    if named:
        _label_key(o, labels)


def _questions(o: Out, m: StanceMatrix, spreads: list[QuestionSpread], fit: int | None,
               among_authors: list[QuestionSpread] | None) -> None:
    o.line(("Questions", "bold"), f", most divisive first ({m.who}, each counted once by its latest stance): consensus = "
           "mean agreement of the pairs answering; divisiveness = share of those pairs on opposite sides")
    number = {q: f"Q{i}" for i, q in enumerate(m.questions, 1)}
    # in a narrow terminal the questions go by their numbers above (Q3), which never need folding
    wide = fit is None or max((len(s.question) for s in spreads), default=0) + 72 <= fit
    table = o.table("question" if wide else "Q", "agents", "agree", "neutral", "disagree", "mean", "consensus",
                    "divisiveness")
    for s in spreads:
        table.add_row(cell(s.question if wide else number.get(s.question, s.question)), cell(str(s.agents)),
                      cell(str(s.agree)), cell(str(s.neutral)),
                      cell(str(s.disagree)), cell(fmt.mean(s.mean)),
                      Text(fmt.percent(s.consensus), style=heat(s.consensus)),
                      Text(fmt.percent(s.divisiveness), style=heat(None if s.divisiveness is None else 100 - s.divisiveness)))
    o.print(table)
    agreed = most_agreed(spreads)
    for heading, ranked in fmt.divisive_rankings(m.population, spreads, among_authors):
        o.line(f"{heading}: ", fmt.divisive_line(most_divisive(ranked)))
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
               f"{c.count('differ')} where one of the two is neutral; agreement {fmt.percent(p.agreement)}; "
               f"only A answers {c.count('only-a')}, only B answers {c.count('only-b')}")
        for r in c.rows:
            o.line("")
            broader = broader_of(c.registries, r.question) if c.registries else None
            o.line(("↳ " if broader else "", "dim"), (r.question, "bold"), "  ",
                   (fmt.VERDICT_WORDS[r.verdict], VERDICT_STYLE[r.verdict]),
                   (f"  ({fmt.narrower_line(broader)})", "dim") if broader else "")
            for label, e in (("A", r.a), ("B", r.b)):
                if e is None:
                    o.line(f"  {label}: ", ("no stance", "dim"))
                    continue
                o.line(f"  {label}: ", (f" {fmt.entry_stance(e)} ", STANCE_STYLE[e.stance] if o.color else ""),
                       f"  {fmt.role(e)} ({e.date})")
                if e.quotes:
                    first = e.quotes[0]
                    o.line("     ", ("“" + first.text + "”", "italic"), f"{fmt.translation(first.translation)} [{first.evidence}]")
        if c.claims:
            _claim_comparison(o, c.claims)


def _claim(o: Out, label: str, claim: LinkedClaim) -> None:
    o.line(f"  {label}: ", (claim.ref, "bold"), f" ({claim.agent_name}): {claim.text}")
    if claim.quote:
        who = f" ({claim.speaker_name})" if claim.speaker_name else ""
        o.line("     ", ("“" + claim.quote + "”", "italic"), f"{fmt.translation(claim.translation)}{who} [{claim.evidence}]")


def _claim_comparison(o: Out, cc: ClaimComparison) -> None:
    if cc.shared:
        o.line("")
        o.line((f"Shared arguments ({fmt.plural(len(cc.shared), 'argument')} linked `same`)", "bold"))
        for mine, theirs in cc.shared:
            o.line("")
            for label, claims in (("A", mine), ("B", theirs)):
                for claim in claims:
                    _claim(o, label, claim)
    if cc.clashes:
        o.line("")
        o.line((f"Direct clashes ({fmt.plural(len(cc.clashes), 'clash', 'clashes')}: `opposes` or `attacks`)", "bold"))
        for clash in cc.clashes:
            o.line("")
            o.line("  ", (clash_words(clash), "red"))
            _claim(o, "A", clash.a)
            _claim(o, "B", clash.b)


def clash_words(clash: Clash) -> str:
    if clash.relation == "opposes":
        return "A and B oppose each other"
    return "A attacks B" if clash.a_first else "B attacks A"


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
                o.line((e.date, "bold"), "  ", e.map, f" ({'as its author' if e.is_author else 'reported in it'})")
            mark: list[Part] = []
            if s.changed and s.previous:
                mark = [("  CHANGED", "bold yellow"), f" from {fmt.stance(s.previous.stance)} ({s.previous.map}, {s.previous.date})"]
            elif s.previous:
                mark = [("  unchanged", "dim")]
            o.line("  ", (f" {fmt.entry_stance(e)} ".ljust(22), STANCE_STYLE[e.stance] if o.color else ""), " ",
                   e.question, *mark)


# -- diff ----------------------------------------------------------------------------------------------

_SIGN = {"added": "+", "removed": "-"}


def diff(d: CorpusDiff, out: TextIO, color: bool) -> None:
    with Out(out, color) as o:
        o.line(("argmap diff", "bold"), f" {d.old_label} → {d.new_label}")
        if not d.changes:
            o.line("No change in the argument." + (f" {d.files_note}" if d.files_note else ""))
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


# -- brief ---------------------------------------------------------------------------------------------

BRIEF_WIDTH = 100  # a brief fits one screen of this many columns: free text is cut with "…" (JSON has it whole)


def fit(text: str, room: int) -> str:
    """`text` (cleaned) in at most `room` characters, cut with "…"."""
    text = clean(text)
    return text if len(text) <= room else text[:max(room - 1, 0)].rstrip() + "…"


def _more(o: Out, shown: int, total: int, indent: str = "  ") -> None:
    if total > shown:
        o.line(indent, (f"and {total - shown} more (--format json lists every one)", "dim"))


def _role(roles: tuple[str, ...]) -> str:
    return ", ".join(roles)


def brief(b: Brief, out: TextIO, color: bool) -> None:
    with Out(out, color) as o:
        _brief(o, b)


def briefs(items: list[Brief], out: TextIO, color: bool) -> None:
    with Out(out, color) as o:
        for n, b in enumerate(items):
            if n:
                o.line("")
                o.line(("─" * 40, "dim"))
            _brief(o, b)


def _stance_mark(o: Out, value: int | None) -> Part:
    text = fmt.short(value).rjust(2)
    return (text, STANCE_STYLE[value] if o.color and value is not None else "")


def _brief(o: Out, b: Brief) -> None:
    w = BRIEF_WIDTH
    o.line((b.question, "bold"), ": ", fit(b.proposition or "(not in questions.yaml)", w - len(b.question) - 2))
    o.line((b.answer, "bold"))
    when = f", {b.first} to {b.last}" if b.first and b.first != b.last else f", {b.first}" if b.first else ""
    o.line(("  " + fit(f"counted: {fmt.COUNT_WORDS[b.count]} ({fmt.OTHER_COUNT[b.count]})", w - 2), "dim"))
    if b.note:
        o.line("  note: ", (fit(b.note, w - 8), "dim"))
    if b.family:
        o.line("")
        o.line(("Family", "bold"), " (questions.yaml)")
        for r in b.family[:6]:
            head = f"  {_role(r.roles)} {r.id}: "
            answer = f" [authors: {sides(r.authors)}]"
            o.line(head, fit(r.proposition, w - len(head) - len(answer)), (answer, "dim"))
        _more(o, 6, len(b.family))
    o.line("")
    unit = "each agent by its latest stance in the " + b.by if b.count == "agents" else "every stance"
    o.line(("By " + b.by, "bold"), fit(f" ({unit}; {fmt.plural(b.maps, 'map')}{when})", w - 8))
    if not b.periods:
        o.line("  no stance on it in the corpus")
    for p in b.periods:
        o.line("  ", (period_name(p.period, p.span), "bold"), "  ", answer_line(p.authors, p.others))
        for h in p.holders[:6]:
            who = "author" if h.is_author else "quoted"
            basis = f" [{h.basis}]" if h.basis else ""
            name = "unnamed author" if h.agent.startswith("author@") else h.name
            o.line("    ", _stance_mark(o, h.stance), " ", fit(f"{name} ({who}, {h.map}){basis}", w - 7))
        _more(o, 6, len(p.holders), "    ")
    o.line("")
    o.line(("Where the authors agree", "bold"))
    if not b.accords and not b.shared:
        o.line("  nowhere in the family: no question on which two or more authors all stand on one side")
    for a in b.accords[:4]:
        role = f" ({_role(a.roles)})" if a.roles else ""
        o.line("  ", fit(f"{a.question}{role}: all {len(a.authors)} {a.side}: {', '.join(a.authors)}", w - 2))
    _more(o, 4, len(b.accords))
    for s in b.shared[:2]:
        names = " (" + fit(", ".join(s.authors), w // 3) + ")"
        o.line("  same point: ", ("“" + fit(s.text, w - len("  same point: ") - len(names) - 2) + "”", "italic"), names)
    _more(o, 2, len(b.shared))
    if b.cruxes:
        o.line("")
        o.line(("Cruxes", "bold"), " (claims of different maps linked attacks or opposes in links.yaml)")
        for c in b.cruxes[:3]:
            o.line("  ", fit(f"{c.a.claim} {c.relation} {c.b.claim}", w - 2))
            for end in (c.a, c.b):
                quote = f" “{end.quote}”{fmt.translation(end.translation)}" if end.quote else ""
                o.line("    ", _stance_mark(o, end.stance), " ", fit(f"{end.name}: {end.text}{quote}", w - 7))
        _more(o, 3, len(b.cruxes))
    if b.moves:
        o.line("")
        o.line(("Over time", "bold"), " (agents with stances on it in several maps)")
        for m in b.moves[:3]:
            path = " → ".join(f"{fmt.short(s.stance)} {s.map} ({s.date})" for s in m.steps)
            o.line("  ", fit(f"{m.name}: {path}" + ("" if m.changed else " (unchanged)"), w - 2))
            notes = [s.note for s in m.steps[1:] if s.note]
            if notes and m.changed:
                o.line("    why: ", (fit(notes[-1], w - 9), "dim"))
        _more(o, 3, len(b.moves))
    o.line("")
    o.line(("Unanswered", "bold"))
    silent = ", ".join(f"{', '.join(s.authors)} ({s.map})" for s in b.silent[:4])
    o.line("  ", fit("authors silent on it: " + (silent or "none")
                     + (f" and {len(b.silent) - 4} more" if len(b.silent) > 4 else ""), w - 2))
    if b.hearsay:
        bases = any(h.bases for h in b.hearsay)
        label = "stances resting only on a report or inference: " if bases else "known only from others' articles: "
        names = ", ".join(h.name + (f" ({'/'.join(h.bases)})" if h.bases else "") for h in b.hearsay[:5])
        o.line("  ", fit(label + names + (f" and {len(b.hearsay) - 5} more" if len(b.hearsay) > 5 else ""), w - 2))
    if b.open_family:
        o.line("  ", fit("family questions no author takes up: " + ", ".join(b.open_family), w - 2))


def brief_list(items: list[Line], out: TextIO, color: bool) -> None:
    """Every question with its one-line answer."""
    with Out(out, color) as o:
        count = items[0].authors.count if items else "agents"
        o.line(("Questions", "bold"), f" ({fmt.COUNT_WORDS[count]}; authors are the maps' authors, other "
               "speakers the people they quote; argmap brief QUESTION for one, --all for every one)")
        for line in items:
            indent = "  " * line.depth
            o.line("")
            o.line(indent, ("↳ " if line.depth else "", "dim"), (line.question, "bold"), ": ",
                   fit(line.proposition, BRIEF_WIDTH - len(indent) - len(line.question) - 4))
            o.line(indent, "  ", line.answer)
