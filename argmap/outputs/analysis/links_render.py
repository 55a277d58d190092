"""`argmap evaluate` and `argmap links suggest` as text, JSON and Markdown. Every text from the maps
passes through safetext.clean (text, Markdown) or the JSON encoder: a map cannot drive the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from argmap.analysis.links.evaluate import IN, OUT, UNDEC
from argmap.core.safetext import clean, json_document

if TYPE_CHECKING:
    from argmap.analysis.links.evaluate import Verdict
    from argmap.analysis.links.suggest import Suggestion

SEMANTICS = ("grounded", "preferred", "stable")
_COLOURS = {IN: "\x1b[32m", OUT: "\x1b[31m", UNDEC: "\x1b[33m"}


def scope_line(verdict: Verdict) -> str:
    """What the labels are relative to: the attacks recorded, and where."""
    framework = verdict.framework
    where = "in the maps and links.yaml" if framework.speakers else "in the framework"
    return (f"Which claims stand, given the {framework.attacks} attack{'s' if framework.attacks != 1 else ''} "
            f"recorded {where} ({len(framework.argument_of)} claims as {len(framework.arguments)} arguments).")


LEGEND = ("in: accepted under the semantics, given the attacks recorded; out: defeated by an attacker that is in; "
          "undecided: neither (an attack cycle, or an undecided attacker). A label is a consequence of the attacks "
          "recorded, not a verdict: a claim whose rebuttal is not mapped is out for want of it. ! marks a claim "
          "out only because of attackers that nothing answers and no author makes (a leader's quoted line, say).")


def unanswered_line(verdict: Verdict, attacker: str) -> str:
    name = verdict.framework.speakers.get(attacker, ("", False))[0]
    who = f"{name}'s claim {attacker}" if name else attacker
    return f"out only because {who} attacks it, which nothing in the corpus answers (and no author makes)"


def count_text(count: int) -> str:
    """A number of extensions: exact up to 15 digits, else its order of magnitude (independent parts
    multiply: a thousand attacking pairs have 2^1000, which Python will not even print in full)."""
    if count < 10 ** 15:
        return str(count)
    import math

    return f"about 10^{int(count.bit_length() * math.log10(2))}"


def evaluation_data(verdict: Verdict) -> dict[str, Any]:
    from argmap.analysis.links.evaluate import unanswered_defeats

    claims = sorted(verdict.framework.argument_of)
    unanswered = unanswered_defeats(verdict)
    semantics: dict[str, Any] = {}
    for name in SEMANTICS:
        labels = verdict.labels.get(name)
        if labels is None:
            semantics[name] = {"computed": False}
            continue
        entry: dict[str, Any] = {lab: [c for c in claims if labels[c] == lab] for lab in (IN, OUT, UNDEC)}
        if name != "grounded":
            count = verdict.counts[name]
            entry["extensions"] = count if count < 2 ** 53 else count_text(count)
            entry["credulous"] = sorted(verdict.credulous[name])
        semantics[name] = entry
    return {
        "scope": scope_line(verdict),
        "legend": LEGEND,
        "attacks": verdict.framework.attacks,
        "semantics": semantics,
        "claims": {c: {"text": verdict.framework.texts.get(c, ""), "argument": verdict.framework.argument_of[c],
                       "because": verdict.chains[c], "unanswered_attacker": unanswered.get(c)} for c in claims},
        "complete_search": verdict.finished,
        **({"search_stopped_by": verdict.stopped} if not verdict.finished else {}),
    }


def evaluation_json(verdict: Verdict, stream: TextIO) -> None:
    stream.write(json_document(evaluation_data(verdict)))


def _labels(verdict: Verdict, claim: str) -> list[tuple[str, str]]:
    return [(name, verdict.labels[name][claim]) for name in SEMANTICS if name in verdict.labels]


def evaluation_text(verdict: Verdict, stream: TextIO, colored: bool = False) -> None:
    def paint(label: str) -> str:
        return f"{_COLOURS[label]}{label}\x1b[0m" if colored else label

    from argmap.analysis.links.evaluate import unanswered_defeats

    claims = sorted(verdict.framework.argument_of)
    unanswered = unanswered_defeats(verdict)
    import textwrap

    stream.write(f"{clean(scope_line(verdict))}\n" + "\n".join(textwrap.wrap(LEGEND, 100)) + "\n")
    current_map = ""
    for claim in claims:
        map_id, sep, claim_id = claim.partition("#")
        if not sep:  # a framework from another tool: arguments without maps
            map_id, claim_id = "", claim
        if map_id != current_map:
            current_map = map_id
            stream.write(f"\n{clean(map_id)}\n")
        labels = "  ".join(f"{name} {paint(label)}" for name, label in _labels(verdict, claim))
        stream.write(f"  {clean(claim_id)}: {labels}\n")
        if verdict.framework.texts.get(claim):  # a framework from another tool has no texts
            stream.write(f"      {clean(_short(verdict.framework.texts[claim]))}\n")
        if verdict.labels["grounded"][claim] != IN or verdict.framework.attackers[verdict.framework.argument_of[claim]]:
            for step in verdict.chains[claim]:
                stream.write(f"      - {clean(step)}\n")
        if claim in unanswered:
            stream.write(f"      ! {clean(unanswered_line(verdict, unanswered[claim]))}\n")
    stream.write("\n" + summary_line(verdict) + "\n")


def summary_line(verdict: Verdict) -> str:
    parts = []
    for name in SEMANTICS:
        labels = verdict.labels.get(name)
        if labels is None:
            parts.append(f"{name}: not computed (search budget of {verdict.stopped} exceeded)")
            continue
        counts = {lab: sum(1 for v in labels.values() if v == lab) for lab in (IN, OUT, UNDEC)}
        extra = (f", {count_text(verdict.counts[name])} extension{'s' if verdict.counts[name] != 1 else ''}"
                 if name != "grounded" else "")
        parts.append(f"{name}: {counts[IN]} in, {counts[OUT]} out, {counts[UNDEC]} undecided{extra}")
    return f"{len(verdict.framework.argument_of)} claims; " + "; ".join(parts) + "."


def evaluation_markdown(verdict: Verdict, stream: TextIO) -> None:
    from argmap.analysis.links.evaluate import unanswered_defeats

    unanswered = unanswered_defeats(verdict)
    stream.write(f"{_md(scope_line(verdict))}\n\n*{_md(LEGEND)}*\n\n")
    names = [n for n in SEMANTICS if n in verdict.labels]
    stream.write("| claim | " + " | ".join(names) + " | because |\n|---|" + "---|" * len(names) + "---|\n")
    for claim in sorted(verdict.framework.argument_of):
        because = "; ".join(verdict.chains[claim][:2]) if verdict.labels["grounded"][claim] != IN else ""
        if claim in unanswered:
            because += "; ! " + unanswered_line(verdict, unanswered[claim])
        cells = " | ".join(verdict.labels[n][claim] for n in names)
        stream.write(f"| `{_md(claim)}` | {cells} | {_md(because)} |\n")
    stream.write(f"\n{_md(summary_line(verdict))}\n")


def suggestions_text(items: list[Suggestion], stream: TextIO, colored: bool = False) -> None:
    if not items:
        stream.write("No new links to suggest.\n")
        return
    for s in items:
        stream.write(f"{s.score:.2f}  {s.relation:<7}  {clean(s.source)}  ~  {clean(s.target)}\n")
        stream.write(f"      {clean(_short(s.source_text))}\n      {clean(_short(s.target_text))}\n")


def suggestions_json(items: list[Suggestion], stream: TextIO) -> None:
    stream.write(json_document({"suggestions": [
        {"from": s.source, "to": s.target, "relation": s.relation, "score": round(s.score, 4)} for s in items]}))


def suggestions_markdown(items: list[Suggestion], stream: TextIO) -> None:
    stream.write("| score | relation | from | to |\n|---|---|---|---|\n")
    for s in items:
        stream.write(f"| {s.score:.2f} | {s.relation} | `{_md(s.source)}` | `{_md(s.target)}` |\n")


def _short(text: str, limit: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _md(text: str) -> str:
    return clean(text).replace("|", "\\|").replace("`", "'")
