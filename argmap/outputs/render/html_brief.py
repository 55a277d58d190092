"""The brief of every question (argmap.analysis.brief) as the first section of `argmap report`.

Each question gets its one-line answer in a table, then its brief folded in a <details>: family, the
tally per period with who holds what, where the authors agree, the cruxes, what moved, what is left
unanswered. Every string from the corpus goes through `e` (html.escape of the plain text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from argmap.analysis.brief import Brief, CruxEnd, answer_line, period_name, sides
from argmap.outputs.analysis import fmt

T = TypeVar("T")
Pill = Callable[[int | None], str]
Escape = Callable[[object], str]


def section(briefs: Sequence[Brief], e: Escape, pill: Pill, qnum: dict[str, int], left_out: int = 0,
            limit: int | None = None) -> str:
    """The section: the answers table, then each brief. `left_out`: questions not briefed here (capped);
    `limit`: at most that many items in each list of a brief (None: all), as the report caps its tables."""
    if not briefs:
        return ('<section id="brief"><h2>Brief: the answer to each question</h2>'
                '<p class="lead">No questions in the corpus.</p></section>')
    count = briefs[0].count
    rows = "".join(f'<tr><td><a href="#brief-{i}"><code>{e(b.question)}</code></a></td><td>{e(b.proposition)}</td>'
                   f"<td>{e(b.answer)}</td></tr>" for i, b in enumerate(briefs, 1))
    more = (f'<p class="small">{left_out} more question(s) are not briefed here: <code>argmap brief --all</code> '
            "briefs every one, <code>argmap report --all</code> shows them here.</p>") if left_out else ""
    return ('<section id="brief"><h2>Brief: the answer to each question</h2>'
            f'<p class="lead">Counted: {e(fmt.COUNT_WORDS[count])}. Authors are the maps\' authors in their own '
            "maps; other speakers are the people the maps quote. Each brief below gives the tally per period, "
            "where the authors agree, the cruxes (claims linked attacks or opposes), what moved, and what the "
            "corpus leaves unanswered (<code>argmap brief QUESTION</code> prints the same).</p>"
            '<div class="scroll"><table id="answers"><thead><tr><th>Question</th><th>Proposition</th><th>Answer</th>'
            f"</tr></thead><tbody>{rows}</tbody></table></div>{more}"
            + "".join(_one(b, i, e, pill, qnum, limit) for i, b in enumerate(briefs, 1)) + "</section>")


def _cap(items: Sequence[T], limit: int | None) -> tuple[Sequence[T], str]:
    """The first `limit` items, and what the cap leaves out ('' when nothing)."""
    if limit is None or len(items) <= limit:
        return items, ""
    return items[:limit], (f'<div class="small">and {len(items) - limit} more: <code>argmap brief QUESTION '
                           "--format json</code> lists every one, <code>argmap report --all</code> shows them here.</div>")


def _one(b: Brief, index: int, e: Escape, pill: Pill, qnum: dict[str, int], limit: int | None) -> str:
    parts = []
    if b.note:
        parts.append(f'<p class="small">Note: {e(b.note)}</p>')
    if b.family:
        relatives = "".join(f"<li>{e(', '.join(r.roles))}: <code>{e(r.id)}</code> {e(r.proposition)} "
                        f'<span class="small">(authors: {e(sides(r.authors))})</span></li>' for r in b.family)
        parts.append(f"<h4>Family</h4><ul>{relatives}</ul>")
    unit = "each agent by its latest stance in the " + b.by if b.count == "agents" else "every stance"
    if b.periods:
        rows = []
        for p in b.periods:
            shown, more = _cap(p.holders, limit)
            holders = "<br>".join(
                f"{pill(h.stance)} {e('unnamed author' if h.agent.startswith('author@') else h.name)} "
                f'<span class="small">({"author" if h.is_author else "quoted"}, {e(h.map)})'
                + (f" [{e(h.basis)}]" if h.basis else "") + "</span>" for h in shown) + more
            rows.append(f"<tr><td>{e(period_name(p.period, p.span))}</td><td>{e(sides(p.authors))}</td>"
                        f"<td>{e(sides(p.others))}</td><td>{holders}</td></tr>")
        parts.append(f'<h4>By {e(b.by)}</h4><p class="small">{e(unit)}</p><div class="scroll"><table class="periods">'
                     "<thead><tr><th>Period</th><th>Authors</th><th>Other speakers</th><th>Who holds what</th></tr>"
                     f"</thead><tbody>{''.join(rows)}</tbody></table></div>")
    else:
        parts.append("<p>No stance on it in the corpus.</p>")
    agree = [f"<li><code>{e(a.question)}</code>{e(' (' + ', '.join(a.roles) + ')') if a.roles else ''}: all "
             f"{len(a.authors)} {e(a.side)}: {e(', '.join(a.authors))}</li>" for a in b.accords]
    agree += [f"<li>same point: “{e(s.text)}” ({e(', '.join(s.authors))})</li>" for s in b.shared]
    parts.append("<h4>Where the authors agree</h4>" + (f"<ul>{''.join(agree)}</ul>" if agree else
                 "<p>Nowhere in the family: no question on which two or more authors all stand on one side.</p>"))
    if b.cruxes:
        cruxes, more = _cap(b.cruxes, limit)
        clashes = "".join(f"<tr><td>{_end(c.a, e, pill)}</td><td>{e(c.relation)}</td><td>{_end(c.b, e, pill)}</td></tr>"
                          for c in cruxes)
        parts.append('<h4>Cruxes</h4><div class="scroll"><table class="cruxes"><thead><tr><th>Claim</th><th>Relation</th>'
                     f"<th>Claim</th></tr></thead><tbody>{clashes}</tbody></table></div>{more}")
    if b.moves:
        items = []
        moves, more = _cap(b.moves, limit)
        for m in moves:
            path = " → ".join(f"{e(fmt.short(s.stance))} {e(s.map)} ({e(s.date)})" for s in m.steps)
            notes = [s.note for s in m.steps[1:] if s.note]
            why = f'<div class="small">why: {e(notes[-1])}</div>' if notes and m.changed else ""
            items.append(f"<li>{e(m.name)}: {path}{'' if m.changed else ' (unchanged)'}{why}</li>")
        parts.append(f"<h4>Over time</h4><ul>{''.join(items)}</ul>{more}")
    quiet, more_quiet = _cap(b.silent, limit)
    silent = ", ".join(", ".join(s.authors) + f" ({s.map})" for s in quiet)
    if more_quiet:
        silent += f" and {len(b.silent) - len(quiet)} more"
    gaps = [f"<li>authors silent on it: {e(silent or 'none')}</li>"]
    if b.hearsay:
        label = ("stances resting only on a report or inference" if any(h.bases for h in b.hearsay)
                 else "known only from others' articles")
        hearsay, _ = _cap(b.hearsay, limit)
        names = ", ".join(h.name + (" (" + "/".join(h.bases) + ")" if h.bases else "") for h in hearsay)
        if len(hearsay) < len(b.hearsay):
            names += f" and {len(b.hearsay) - len(hearsay)} more"
        gaps.append(f"<li>{e(label)}: {e(names)}</li>")
    if b.open_family:
        gaps.append(f"<li>family questions no author takes up: {e(', '.join(b.open_family))}</li>")
    parts.append(f"<h4>Unanswered</h4><ul>{''.join(gaps)}</ul>")
    link = f' <a class="small" href="#q-{qnum[b.question]}">stances and quotes</a>' if b.question in qnum else ""
    return (f'<details class="question" id="brief-{index}"><summary><b><code>{e(b.question)}</code></b> '
            f"{e(b.proposition)} — {e(answer_line(b.authors, b.others))}</summary>{link}{''.join(parts)}</details>")


def _end(end: CruxEnd, e: Escape, pill: Pill) -> str:
    translated = f' <span class="small">(translation: {e(end.translation.strip())})</span>' if end.translation.strip() else ""
    quote = f"<blockquote>“{e(end.quote)}”{translated}</blockquote>" if end.quote else ""
    return (f"{pill(end.stance) if end.stance is not None else ''} <b>{e(end.name)}</b>: {e(end.text)}{quote}"
            f'<div class="small"><code>{e(end.claim)}</code></div>')
