"""Hover: a question's proposition, an agent's name and how many maps name them, a quote's passage in
its article (and whether it is verified), a claim's text, a rule's long form. Plain text only: what
comes from a map or an article is data, never markup."""

from __future__ import annotations

from argmap.core.rules import RULES
from argmap.core.words import percent, plural
from argmap.files import textmatch
from argmap.interfaces.lsp.diagnostics import Analysis
from argmap.interfaces.lsp.navigation import Target, count_maps
from argmap.model.corpus import TextOf

CONTEXT = 160  # characters of the article shown either side of a quote


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _rule(code: str) -> str | None:
    rule = RULES.get(code)
    if rule is None:
        return None
    return f"{rule.code} {rule.name} (default severity: {rule.severity.value})\n\n{rule.summary}\n\n{rule.explanation}"


def _quote(analysis: Analysis, target: Target) -> str:
    m = analysis.map
    index = target.path[1] if len(target.path) > 1 else None
    if m is None or not isinstance(index, int) or index >= len(m.evidence):
        return ""
    evidence = m.evidence[index]
    settings = analysis.folder.settings
    if not settings.sources:
        return f"Quote of evidence {evidence.id}: not checked (no sources directory is configured in [tool.argmap] sources)."
    article = analysis.folder.sources.get(m)
    name = m.source.text or "(no source.text)"
    if not isinstance(article, textmatch.Normalised):
        return f"Quote of evidence {evidence.id}: the article text {name} is not found in {analysis.folder.sources.searched()}."
    match = textmatch.find(evidence.quote, article, settings.max_ellipsis_gap)
    if match is not None:
        original = article.original
        before = _collapse(original[max(0, match.start - CONTEXT):match.start])
        after = _collapse(original[match.end:match.end + CONTEXT])
        quoted = _collapse(original[match.start:match.end])
        page = analysis.folder.sources.page(m, match.start)
        at = f"page {page}, line" if page else "line"
        return (f"Verified: the quote is in {name} at {at} {match.line}, column {match.column}"
                f"{' of its extracted text' if m.source.text in analysis.folder.sources.extracted else ''}.\n\n"
                f"…{before} »{quoted}« {after}…")
    text = f"Not verified: the quote of evidence {evidence.id} is not in {name}."
    outside = analysis.folder.sources.outside(m, evidence.quote, settings.max_ellipsis_gap)
    if outside:
        return f"{text[:-1]}'s main text: it is found in {outside}, outside the article's main text."
    failure = textmatch.explain(evidence.quote, article, settings.max_ellipsis_gap)
    if failure.message != "not in the article":
        text += f" {failure.message}."
    alike = textmatch.lookalikes(evidence.quote, article, settings.max_ellipsis_gap) if failure.rule is None else []
    if alike:  # Q005: it would match were Latin and Cyrillic letters drawn alike read as one
        one_line = "\n" not in evidence.quote.strip()
        return text + "\n\nIt matches only if letters drawn alike are read as one: " + "; ".join(
            x.describe(one_line) for x in alike) + "."
    near = textmatch.nearest(evidence.quote, article, failure.part) if failure.rule is None else None
    if near is not None:
        text += f"\n\nClosest passage ({percent(near.score)} similar) at line {near.line}:\n{near.passage}"
        if near.differs:
            text += f"\n({near.differs})"
    return text


def hover_text(analysis: Analysis, target: Target, text_of: TextOf) -> str | None:
    if target.kind == "rule":
        return _rule(target.id)
    if target.kind == "quote":
        return _quote(analysis, target) or None
    corpus = analysis.folder.registries(text_of).corpus
    if target.kind == "question":
        question = corpus.questions.get(target.id)
        if question is None:
            return f"Question {target.id}: not in the questions registry."
        return f"Question {question.id}\n\n{_collapse(question.proposition)}"
    if target.kind == "agent":
        agent = corpus.agents.get(target.id)
        maps = plural(count_maps(analysis, target.id, text_of), "map")
        if agent is None:
            return f"Agent {target.id}: not in the agents registry (named in {maps})."
        aliases = f"\nAlso: {', '.join(agent.aliases)}" if agent.aliases else ""
        return f"{agent.name} ({agent.kind}){aliases}\n\nNamed in {maps} of this directory."
    if target.kind == "claim" and analysis.map is not None:
        for claim in analysis.map.nodes:
            if claim.id == target.id:
                return f"{'Thesis' if claim.is_thesis else 'Claim'} {claim.id} (by {claim.by.id})\n\n{_collapse(claim.text)}"
        for evidence in analysis.map.evidence:
            if evidence.id == target.id:
                return f"Evidence {evidence.id} (spoken by {evidence.speaker.id})\n\n{_collapse(evidence.quote)}"
    return None
