"""`argmap report`: the whole corpus as one self-contained HTML file to mail to a colleague.

No script, no external font, style sheet or image: a Content-Security-Policy forbids them, so even text
that slipped through could not run. Every string from the corpus goes through `html.escape`; anchors
are generated (`map-3`), never taken from ids. It reads without JavaScript, prints, and narrows to a
phone: wide tables and diagrams scroll sideways inside their own box.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from argmap._version import __version__
from argmap.analysis.agreement import StanceMatrix, agreements, busiest_agents, divisiveness, stance_matrix
from argmap.analysis.positions import positions as question_positions
from argmap.core import stance as scale
from argmap.core.defaults import AGENTS_SHOWN
from argmap.core.diagnostics import Finding, Severity
from argmap.core.palette import agreement_fill
from argmap.core.words import percent
from argmap.model.maps import Corpus, Map
from argmap.outputs.analysis import fmt
from argmap.outputs.render import svg
from argmap.outputs.render.diagram import STANCE_FILLS, STANCE_INKS, map_diagram, plain

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; script-src 'none'; "
       "base-uri 'none'; form-action 'none'")


TABLE_LIMIT = AGENTS_SHOWN  # agents in the heat map, the agreement table and each question's list, unless --all
MAP_LIMIT = 100  # maps drawn in the Maps section unless --all (each is a diagram: 10,000 made a 280 MB page)
FINDING_LIMIT = 500  # rows of the check results unless --all: `argmap check` lists every one


def e(text: object) -> str:
    return html.escape(plain(str(text)), quote=True)


CSS = """
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#ffffff;--soft:#f6f8fa;--accent:#0b5cad}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;color:var(--ink);background:var(--bg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:0 16px 48px}
header.top{background:#0f2540;color:#fff;padding:20px 16px}
header.top .inner{max-width:1180px;margin:0 auto}
header.top h1{margin:0 0 4px;font-size:1.6rem}
header.top p{margin:0;color:#c9d6e8}
nav.toc{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);padding:6px 16px;overflow-x:auto;white-space:nowrap}
nav.toc a{display:inline-block;margin-right:14px;color:var(--accent);text-decoration:none;font-size:.95rem;padding:4px 0}
h2{margin:36px 0 8px;font-size:1.35rem;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{margin:26px 0 6px;font-size:1.1rem}
p.lead{color:var(--muted);margin:4px 0 12px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:120px;background:var(--soft)}
.card b{display:block;font-size:1.5rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%;border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;font-size:.92rem}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
table.heat td,table.agree td{text-align:center;min-width:44px;font-variant-numeric:tabular-nums;font-weight:600}
table.heat th.agent,table.agree th.agent{position:sticky;left:0;background:#fff;z-index:1;min-width:9em;max-width:16em}
table.heat td.none,table.agree td.none{color:#aab;font-weight:400}
table.agree td .n{font-size:.8rem;font-weight:400;color:inherit}
.legend{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:8px 0;font-size:.88rem}
.pill{display:inline-block;border-radius:10px;padding:0 8px;font-size:.85rem;font-weight:600;white-space:nowrap;border:1px solid rgba(0,0,0,.15)}
ol.qkey{font-size:.9rem;color:var(--muted);padding-left:2.2em}
.question{border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin:14px 0}
.question h3{margin:0 0 4px}
.question .meta{color:var(--muted);font-size:.88rem}
ul.stances{list-style:none;padding:0;margin:8px 0 0}
ul.stances>li{padding:6px 0;border-top:1px dashed var(--line)}
blockquote{margin:6px 0 2px 0;padding:2px 10px;border-left:3px solid var(--line);color:#333;font-style:italic}
.small{font-size:.85rem;color:var(--muted)}
.diagram{overflow-x:auto;border:1px solid var(--line);border-radius:8px;background:#fff;padding:6px;margin:10px 0}
.diagram svg{display:block;max-width:none;height:auto;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;font-size:11.5px}
.diagram svg.debate{max-width:100%}
.diagram svg .who{font-size:10px;fill:#57606a}
.diagram svg .en{font-size:10px;fill:#333}
.thesis{background:#fff1c2;border:1px solid #d4a72c;border-radius:8px;padding:8px 12px}
details{margin:8px 0}
summary{cursor:pointer;color:var(--accent)}
.sev-error{color:#cf222e;font-weight:700}.sev-warning{color:#9a6700;font-weight:700}.sev-info{color:#57606a}
.ok{color:#1a7f37;font-weight:700}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.88em;word-break:break-all}
footer{color:var(--muted);font-size:.85rem;margin-top:40px;border-top:1px solid var(--line);padding-top:8px}
@media (max-width:640px){body{font-size:15px}header.top h1{font-size:1.3rem}th,td{padding:3px 5px}
  table.heat th.agent,table.agree th.agent{min-width:0;max-width:7.5em;font-size:.78rem;font-weight:600}}
@media print{
  nav.toc{display:none}
  header.top{background:none;color:#000;padding:0}header.top p{color:#333}
  body{font-size:11pt}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .scroll,.diagram{overflow:visible;border:none}
  .diagram svg{max-width:100%}
  section.map,.question{break-inside:avoid-page}
  h2,h3{break-after:avoid-page}
  a{color:inherit;text-decoration:none}
}
"""


def _translation(text: str) -> str:
    """A quote's translation (evidence.translation), escaped, after the quote; '' when it has none."""
    return f' <span class="translation small">(translation: {e(text.strip())})</span>' if text.strip() else ""


def _pill(value: int | None) -> str:
    if value is None:
        return '<span class="pill">?</span>'
    return (f'<span class="pill" style="background:{STANCE_FILLS[value]};color:{STANCE_INKS[value]}">'
            f"{e(scale.signed(value))} {e(scale.label(value))}</span>")


def _legend() -> str:
    return '<div class="legend" aria-label="stance scale">' + "".join(_pill(v) for v in sorted(scale.LABELS)) + "</div>"


def _shown(matrix: StanceMatrix, limit: int | None) -> list[str]:
    """The agents the heat map and the agreement table show, by name: the `limit` answering the most."""
    return sorted(busiest_agents(matrix, limit), key=lambda a: (matrix.names.get(a) or a).lower())


def _left_out(matrix: StanceMatrix, shown: list[str]) -> str:
    """What a capped table leaves out, and how to see it (4,000 agents drew 16 million cells: 2.75 GB)."""
    if len(shown) == len(matrix.agents):
        return ""
    return (f'<p class="small">Showing {len(shown)} of {len(matrix.agents)} agents, those answering the most '
            "questions; <code>argmap report --all</code> shows every one.</p>")


def _heat_map(matrix: StanceMatrix, corpus: Corpus, qnum: dict[str, int], shown: list[str]) -> str:
    if not matrix.agents:
        return '<p class="lead">No positions recorded yet.</p>'
    head = "".join(f'<th scope="col" title="{e(_proposition(corpus, q))}">Q{qnum[q]}</th>' for q in matrix.questions)
    rows = []
    for agent in shown:
        cells = []
        for q in matrix.questions:
            entry = matrix.cells.get((agent, q))
            if entry is None:
                cells.append('<td class="none">·</td>')
                continue
            v = entry.stance
            cells.append(f'<td style="background:{STANCE_FILLS[v]};color:{STANCE_INKS[v]}" '
                         f'title="{e(matrix.names.get(agent, agent))}: {e(scale.label(v))} (Q{qnum[q]}, {e(entry.map)})">'
                         f"{e(scale.signed(v))}</td>")
        rows.append(f'<tr><th scope="row" class="agent">{e(matrix.names.get(agent, agent))}</th>{"".join(cells)}</tr>')
    return (_left_out(matrix, shown) + f'<div class="scroll"><table class="heat" id="heatmap"><thead><tr><th class="agent">Agent</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _agreement(matrix: StanceMatrix, agents: list[str]) -> str:
    if len(agents) < 2:
        return '<p class="lead">Agreement needs at least two agents with positions.</p>'
    table = agreements(matrix)  # only the pairs drawn are made
    head = "".join(f'<th scope="col" title="{e(matrix.names.get(a, a))}">{i}</th>' for i, a in enumerate(agents, 1))
    rows = []
    for i, (a, row) in enumerate(table.grid(agents), 1):
        cells = []
        for b, pair in row:
            if pair is None:
                cells.append('<td class="none">—</td>')
            elif pair.agreement is None:
                cells.append('<td class="none" title="no question in common">·</td>')
            else:
                fill, ink = agreement_fill(pair.agreement, len(pair.shared))
                cells.append(f'<td style="background:{fill};color:{ink}" title="{e(matrix.names.get(a, a))} and '
                             f'{e(matrix.names.get(b, b))}: {percent(pair.agreement)} over {len(pair.shared)} shared question(s), '
                             f'{pair.opposite_side} on opposite sides">{percent(pair.agreement)}'
                             f'<br><span class="n">{len(pair.shared)}q</span></td>')
        rows.append(f'<tr><th scope="row" class="agent">{i}. {e(matrix.names.get(a, a))}</th>{"".join(cells)}</tr>')
    return (_left_out(matrix, agents) + f'<div class="scroll"><table class="agree" id="agreement"><thead><tr><th class="agent">Agent</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _proposition(corpus: Corpus, qid: str) -> str:
    q = corpus.questions.get(qid)
    return q.proposition if q else qid


def _questions(corpus: Corpus, qnum: dict[str, int], map_anchor: dict[str, str], shown: set[str] | None) -> str:
    """Each question with its stances, quotes and notes; only the agents in `shown` (all when None), the
    same agents as the tables, so a capped list is not skewed to one side."""
    spreads = {s.question: s for s in divisiveness(corpus)}
    among_authors = {s.question: s for s in divisiveness(corpus, authors_only=True)}  # apart: issue 20
    out = []
    for qp in question_positions(corpus):
        spread = spreads.get(qp.question)
        s = qp.summary
        measure = ""
        if spread and spread.divisiveness is not None:
            mine = among_authors.get(qp.question)
            authors = (f", {percent(mine.divisiveness)} among the authors" if mine and mine.divisiveness is not None
                       else ", — among the authors (fewer than two answer)")
            measure = (f" · divisiveness {percent(spread.divisiveness)} among all speakers{authors}"
                       f" · consensus {percent(spread.consensus)}")
        items = []
        groups = qp.by_agent()
        listed = [(agent, entries) for agent, entries in groups if shown is None or agent in shown]
        for agent, entries in listed:
            for entry in entries:
                quotes = "".join(f"<blockquote>“{e(q.text)}”{_translation(q.translation)}"
                                 f"<span class=\"small\"> — {e(q.speaker_name)}</span></blockquote>" for q in entry.quotes)
                note = f'<div class="small">{e(entry.note)}</div>' if entry.note else ""
                where = map_anchor.get(entry.map)
                source = f'<a href="#{where}">{e(entry.map)}</a>' if where else e(entry.map)
                latest = "" if qp.latest.get(agent) is entry else ' <span class="small">(earlier)</span>'
                basis = f' <span class="small">({e(entry.basis)})</span>' if entry.basis else ""
                items.append(f"<li>{_pill(entry.stance)}{basis} <b>{e(entry.agent_name)}</b>{latest} "
                             f'<span class="small">in {source}, {e(entry.date)}</span>{note}{quotes}</li>')
        narrower = (f' <span class="small">(narrower question of <code>{e(qp.broader)}</code>)</span>'
                    if qp.broader else "")
        indent = f' style="margin-left:{1.5 * qp.depth:.1f}em"' if qp.depth else ""
        if len(listed) < len(groups):
            items.append(f'<li class="small">{len(groups) - len(listed)} more agent(s), not among the {len(shown or ())} '
                         f"shown in the tables: <code>argmap positions {e(qp.question)}</code> lists every one, "
                         "<code>argmap report --all</code> shows them here.</li>")
        out.append(f'<div class="question" id="q-{qnum.get(qp.question, 0)}"{indent}><h3>Q{qnum.get(qp.question, 0)}. '
                   f"{e(qp.proposition or qp.question)}{narrower}</h3>"
                   f'<div class="meta sample">Answered by {e(fmt.sample_line(qp.entries))}</div>'
                   f'<div class="meta"><code>{e(qp.question)}</code> · '
                   f"{e(fmt.tally_line(s))}{measure}</div>"
                   f'<ul class="stances">{"".join(items)}</ul></div>')
    return "".join(out) or '<p class="lead">No positions recorded yet.</p>'


def _distribution(corpus: Corpus) -> str:
    """Each question's stance distribution as inline SVG (argmap.outputs.plot: drawn here, no script, escaped text)."""
    from argmap.analysis.positions import as_stances
    from argmap.outputs.plot import charts
    from argmap.outputs.plot import svg as plot_svg

    picture = charts.distribution(as_stances(corpus))
    return (f'<div class="diagram" role="figure" aria-label="stance distribution by question">'
            f"{plot_svg.element(picture)}</div>")


TIMELINE_LIMIT = 12  # agents whose moves are drawn: those with stances in the most maps


def _clustered(corpus: Corpus, limit: int | None) -> str:
    """The agreement matrix as a clustered heat map (allies sit together), as `argmap plot agreement`."""
    from argmap.analysis.positions import as_stances
    from argmap.outputs.plot import charts
    from argmap.outputs.plot import svg as plot_svg

    picture = charts.agreement(as_stances(corpus), limit)
    return (f'<div class="diagram" role="figure" aria-label="agreement, clustered">'
            f"{plot_svg.element(picture)}</div>")


def _moves(corpus: Corpus) -> str:
    """Each agent's stances over time, for the agents who take positions in more than one map (the only
    ones who can move), the TIMELINE_LIMIT with the most maps, as `argmap plot timeline AGENT`."""
    from argmap.analysis.positions import as_stances
    from argmap.outputs.plot import charts
    from argmap.outputs.plot import svg as plot_svg

    stances = as_stances(corpus)
    maps_of: dict[str, set[str]] = {}
    for entry in stances.entries():
        maps_of.setdefault(entry.agent, set()).add(entry.map)
    movers = sorted((a for a, ms in maps_of.items() if len(ms) > 1), key=lambda a: (-len(maps_of[a]), a))
    if not movers:
        return ""
    shown = movers[:TIMELINE_LIMIT]
    note = (f'<p class="small">Showing {len(shown)} of the {len(movers)} agents with stances in more than one map '
            f"(those in the most maps); `argmap plot timeline AGENT` draws any of them.</p>"
            if len(shown) < len(movers) else "")
    pictures = "".join(f'<div class="diagram" role="figure" aria-label="stances of {e(a)} over time">'
                       f"{plot_svg.element(charts.timeline(stances, a))}</div>" for a in shown)
    return ('<section id="moves"><h2>How positions moved</h2><p class="lead">Each agent who takes positions '
            f"in more than one map: its stance on each question, article by article.</p>{note}{pictures}</section>")


def _link(url: str) -> str:
    if url.startswith(("https://", "http://")):
        return f'<a href="{e(url)}" rel="noopener noreferrer">{e(url)}</a>'
    return e(url)


def _map_link(m: Map, anchor: str | None) -> str:
    name = e(m.source.title if m.source.title != "unknown" else m.id)
    return f'<a href="#{anchor}">{name}</a>' if anchor else name


def _map(corpus: Corpus, m: Map, index: int) -> str:
    d = map_diagram(corpus, m)
    title = m.source.title if m.source.title not in ("", "unknown") else m.id
    authors = ", ".join(corpus.agent_name(a) for a in m.author_ids)
    meta = [f"by {e(authors)}", e(m.source.outlet), e(m.source.date)]
    if m.source.url not in ("", "unknown"):
        meta.append(_link(m.source.url))
    if m.source.archived not in ("", "unknown"):
        meta.append(f"archived: {_link(m.source.archived)}")
    thesis = f'<p class="thesis"><b>Thesis.</b> {e(m.thesis.text)}</p>' if m.thesis else ""
    drawing = svg.render(d, prefix=f"m{index}")
    numbered = svg.evidence_numbers(d)
    nodes = {n.key: n for n in d.nodes}
    translations = {item.id: item.translation for item in m.evidence if item.translation.strip()}
    evidence = "".join(f"<li value=\"{i}\">“{e(nodes[k].tooltip)}”{_translation(translations.get(nodes[k].ref, ''))} "
                       f"<span class=\"small\">— {e(nodes[k].detail)} "
                       f"(<code>{e(nodes[k].ref)}</code>)</span></li>" for i, k in enumerate(numbered, 1))
    claims = "".join(f"<li><code>{e(c.id)}</code> {e(c.text)} <span class=\"small\">— "
                     f"{e(corpus.agent_name(m.agent_id(c.by.id)))}</span></li>" for c in m.claims)
    rows = "".join(f"<tr><td>{e(corpus.agent_name(m.agent_id(p.agent.id)))}</td><td>{e(_proposition(corpus, p.question.id))}"
                   f"</td><td>{_pill(p.stance)}</td></tr>" for p in m.positions)
    positions = (f'<div class="scroll"><table><thead><tr><th>Agent</th><th>Question</th><th>Stance</th></tr></thead>'
                 f"<tbody>{rows}</tbody></table></div>") if rows else ""
    return (f'<section class="map" id="map-{index}"><h3>{e(title)}</h3>'
            f'<p class="small"><code>{e(m.id)}</code> · {" · ".join(meta)}</p>{thesis}'
            f'<div class="diagram" role="figure" aria-label="argument diagram of {e(m.id)}">{drawing}</div>'
            '<p class="small">Green arrows: supports; red dashed ⊣: attacks; E1, E2 …: quotes, under the claim they ground '
            "(hover for the text, or open the list).</p>"
            f"<details><summary>Quotes ({len(numbered)}) and claims ({len(m.claims)})</summary>"
            f"<ol>{evidence}</ol><ul>{claims}</ul></details>{positions}</section>")


def _findings(findings: list[Finding], files: int, quotes: str, limit: int | None = None) -> str:
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    summary = (f'<p>{files} file(s) checked: <span class="sev-error">{counts[Severity.ERROR]} error(s)</span>, '
               f'<span class="sev-warning">{counts[Severity.WARNING]} warning(s)</span>, '
               f'<span class="sev-info">{counts[Severity.INFO]} note(s)</span>.</p>'
               + (f'<p id="quote-check">{e(quotes)}</p>' if quotes else ""))
    if not findings:
        return summary + '<p class="ok">All checks pass.</p>'
    listed = findings if limit is None else findings[:limit]
    rows = "".join(f'<tr><td><code>{e(f.path)}:{f.line}:{f.column}</code></td><td><code>{e(f.code)}</code></td>'
                   f'<td class="sev-{e(f.severity.value)}">{e(f.severity.value)}</td><td>{e(f.message)}'
                   + (f'<div class="small">{e(f.hint)}</div>' if f.hint else "") + "</td></tr>" for f in listed)
    if len(listed) < len(findings):
        summary += (f'<p class="small">Showing the first {len(listed)} of {len(findings)} findings: <code>argmap check</code> '
                    "lists every one, <code>argmap report --all</code> shows them here.</p>")
    return (summary + '<div class="scroll"><table id="findings"><thead><tr><th>Where</th><th>Rule</th><th>Severity</th>'
            f"<th>Message</th></tr></thead><tbody>{rows}</tbody></table></div>")


def _debate(corpus: Corpus, matrix: StanceMatrix) -> str:
    """The corpus as one debate (links.yaml): the diagram, claims coloured by grounded status, and the
    arguments made in several maps with who makes each."""
    from argmap.analysis.links.evaluate import grounded_claims
    from argmap.outputs.render.diagram import LINK_COLORS, STATUS_FILLS, debate_diagram

    drawing = svg.render_debate(debate_diagram(corpus, grounded_claims(corpus)))
    keys = "".join(f'<span class="pill" style="background:{fill};color:#111">grounded {e(status)}</span> '
                   for status, fill in STATUS_FILLS.items())
    keys += "".join(f'<span class="small" style="color:{color}">■ {e(kind)}</span> ' for kind, color in LINK_COLORS.items())
    rows = "".join(
        "<tr><td>" + e(", ".join(a.agent_names())) + "</td><td>"
        + "<br>".join(f'<span class="small">{e(c.ref)}</span> {e(c.text)}' for c in a.claims) + "</td></tr>"
        for a in matrix.arguments)
    table = ('<div class="scroll"><table id="arguments"><thead><tr><th>Who makes it</th><th>Claims linked same</th></tr>'
             f"</thead><tbody>{rows}</tbody></table></div>") if rows else ""
    return ('<section id="debate"><h2>Debate: links between maps</h2><p class="lead">Each column is a map: its thesis '
            "and the claims links.yaml names. Claims are coloured by their grounded status when the corpus is read as "
            "one argumentation framework (argmap evaluate): green stands, red is defeated, yellow undecided. Lines "
            f"are links, coloured by relation.</p><p>{keys}</p>"
            f'<div class="diagram" role="figure" aria-label="the debate across maps">{drawing}</div>'
            f"<h3>Arguments made in several maps</h3>{table}</section>")


def render(corpus: Corpus, findings: Iterable[Finding], files: int, title: str = "Argument map report",
           limit: int | None = TABLE_LIMIT, quotes: str = "", periods: tuple[tuple[str, str, str], ...] = (),
           scope: str = "") -> str:
    """`limit`: at most that many agents (those answering the most questions) in the heat map, the
    agreement table (which is quadratic) and each question's list, at most MAP_LIMIT maps drawn and
    FINDING_LIMIT findings; None shows everything. `quotes`: what the quote check did, the sentence of
    `argmap check`'s summary. `periods`: the settings' named periods, for the briefs (else by year).
    `scope`: which stances the page counts, if not every one (--basis)."""
    from argmap.model.corpus import gc_paused

    # Millions of short-lived objects beside the whole corpus: each full collection walked the model,
    # which made the page superlinear in the maps (1,600 maps: 1.73 s with collections, 0.76 s without).
    with gc_paused():
        return _render(corpus, list(findings), files, title, limit, quotes, periods, scope)


BRIEF_LIMIT = 30  # questions briefed in full unless --all


def _briefs(corpus: Corpus, qnum: dict[str, int], periods: tuple[tuple[str, str, str], ...], limit: int | None) -> str:
    """The first section: each question's one-line answer and its brief (argmap brief)."""
    from argmap.analysis.brief import brief_all
    from argmap.outputs.render import html_brief

    shown, total = brief_all(corpus, "", periods, limit=None if limit is None else BRIEF_LIMIT)
    return html_brief.section(shown, e, _pill, qnum, total - len(shown), limit)


def _render(corpus: Corpus, findings: list[Finding], files: int, title: str, limit: int | None, quotes: str,
            periods: tuple[tuple[str, str, str], ...] = (), scope: str = "") -> str:
    matrix = stance_matrix(corpus)
    shown = _shown(matrix, limit)
    qnum = {q: i for i, q in enumerate(list(corpus.questions) + [q for q in matrix.questions if q not in corpus.questions], 1)}
    maps = sorted(corpus.maps, key=lambda m: (m.sort_date, m.id))
    drawn = maps if limit is None else maps[:MAP_LIMIT]
    anchors = {m.id: f"map-{i}" for i, m in enumerate(drawn, 1)}
    positions = sum(len(m.positions) for m in corpus.maps)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    cards = "".join(f'<div class="card"><b>{value}</b>{label}</div>' for value, label in (
        (len(corpus.maps), "maps"), (len(matrix.agents), "agents with positions"), (len(corpus.questions), "questions"),
        (positions, "positions"), (errors, "check errors")))
    qkey = "".join(f'<li value="{n}"><a href="#q-{n}">{e(_proposition(corpus, q))}</a></li>'
                   for q, n in qnum.items() if q in matrix.questions)
    map_list = "".join(f'<li>{_map_link(m, anchors.get(m.id))} <span class="small">{e(m.source.date)}</span></li>' for m in maps)
    not_drawn = (f'<p class="small">Showing the first {len(drawn)} of {len(maps)} maps by date: <code>argmap graph MAP</code> '
                 "draws any one, <code>argmap report --all</code> draws every one here.</p>") if len(drawn) < len(maps) else ""
    body = [
        '<header class="top"><div class="inner">',
        f"<h1>{e(title)}</h1><p>{len(corpus.maps)} maps · generated by argmap {e(__version__)}"
        f"{' · ' + e(scope) if scope else ''}</p></div></header>",
        '<nav class="toc" aria-label="contents"><a href="#brief">Brief</a><a href="#overview">Overview</a><a href="#stances">Stances</a>'
        '<a href="#agreement-table">Agreement</a><a href="#questions">Questions</a>'
        + ('<a href="#debate">Debate</a>' if corpus.links else "") + '<a href="#maps">Maps</a>'
        '<a href="#checks">Checks</a></nav><main>',
        _briefs(corpus, qnum, periods, limit),
        f'<section id="overview"><h2>Overview</h2><div class="cards">{cards}</div><ol class="small">{map_list}</ol></section>',
        '<section id="stances"><h2>Stances: who holds what</h2><p class="lead">Each agent\'s latest stance on each '
        "shared question, from −2 (strongly disagree) to +2 (strongly agree); · means no stance recorded.</p>",
        _legend(), _heat_map(matrix, corpus, qnum, shown), f'<ol class="qkey">{qkey}</ol></section>',
        '<section id="agreement-table"><h2>Agreement between agents</h2><p class="lead">100% means the same stance on '
        "every question both answer, 0% means +2 against −2 on every one; the small number is how many questions "
        "they share, and the fewer they share the paler the cell (one shared question says little).</p>",
        _agreement(matrix, shown), _clustered(corpus, limit), "</section>",
        '<section id="questions"><h2>Questions</h2>', _distribution(corpus),
        _questions(corpus, qnum, anchors, None if limit is None or len(shown) == len(matrix.agents) else set(shown)), "</section>",
        _moves(corpus),
        _debate(corpus, matrix) if corpus.links else "",
        '<section id="maps"><h2>Maps</h2>', not_drawn, *(_map(corpus, m, i) for i, m in enumerate(drawn, 1)), "</section>",
        '<section id="checks"><h2>Check results</h2>', _findings(findings, files, quotes, None if limit is None else FINDING_LIMIT),
        "</section>",
        f"<footer>Made with argmap {e(__version__)}. This file is self-contained: no scripts, no network.</footer></main>",
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="color-scheme" content="light">'
            f"<title>{e(title)}</title><style>{CSS}</style></head><body>" + "".join(body) + "</body></html>\n")
