"""`argmap export --to annotations`: each evidence quote as a W3C Web Annotation (JSON-LD), so an
annotation viewer shows the map's evidence in the article.

One AnnotationCollection holds the annotations, embedded in its first AnnotationPage (Web Annotation
Data Model, sections 5.1 and 5.2). Each annotation targets the article (its `source.url`, else the
article file's `file:` IRI) with two selectors for the same words: a TextQuoteSelector (the article's
own text, with up to 32 characters of context each side, more where that does not make it unique)
and a TextPositionSelector (code-point offsets in the article text as the quote check reads it).
A cut quote ("a … b") is one annotation with one target per part: a RangeSelector would also
highlight the words the quote leaves out. The bodies say which claims the quote grounds, who says it,
and the stances it is cited for (docs/data.md).
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from argmap.core import stance as scale
from argmap.core.diagnostics import Finding
from argmap.core.record import field, record
from argmap.files import textmatch
from argmap.model.maps import UNKNOWN, Corpus, Evidence, Map

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # as Hypothesis's client takes them
MAX_CONTEXT_CHARS = 1024  # beyond this a repeated passage keeps its (non-unique) context
_NAMESPACE = uuid.UUID("5b0f9b3e-51a4-4a8e-9a63-7d3c2a1f0e11")  # argmap's: ids stable across runs


@record(frozen=True)
class Unplaced:
    """An evidence quote that became no annotation, and why."""

    path: str
    line: int
    column: int
    map_id: str
    evidence_id: str
    reason: str


@record
class Result:
    document: dict[str, Any]
    annotations: int = 0
    unplaced: list[Unplaced] = field(default_factory=list)


def created_now() -> str:
    """The time stamp of this export: SOURCE_DATE_EPOCH where set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _urn(*parts: str) -> str:
    return uuid.uuid5(_NAMESPACE, "\x1f".join(parts)).urn


def quote_selector(text: str, start: int, end: int) -> dict[str, Any]:
    """A TextQuoteSelector for text[start:end], its context widened until prefix+exact+suffix is unique."""
    width = CONTEXT_CHARS
    while True:
        prefix, exact, suffix = text[max(0, start - width):start], text[start:end], text[end:end + width]
        whole = prefix + exact + suffix
        first = text.find(whole)
        if width >= MAX_CONTEXT_CHARS or (first >= 0 and text.find(whole, first + 1) < 0):
            break
        width *= 2
    selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": exact}
    if prefix:
        selector["prefix"] = prefix
    if suffix:
        selector["suffix"] = suffix
    return selector


def position_selector(start: int, end: int) -> dict[str, Any]:
    return {"type": "TextPositionSelector", "start": start, "end": end}


def target_source(m: Map, article_file: str | None) -> str:
    """The IRI of the annotated document: the source's URL, else the article file's file: IRI."""
    url = m.source.url.strip()
    if url and url != UNKNOWN:
        return url
    if article_file:
        return Path(os.path.abspath(article_file)).as_uri()
    return "urn:argmap:source:" + m.source.text  # not reached: without a file nothing is located


def _text_body(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "format": "text/plain", "purpose": purpose}


def bodies(corpus: Corpus, m: Map, item: Evidence) -> list[dict[str, Any]]:
    """What the quote means in the map: its claims (described and tagged `claim:ID`), its speaker
    (`speaker:ID`, and the name), and the stances it grounds (classifying, `stance:QUESTION=+2`)."""
    nodes = {node.id: node for node in m.nodes}
    out: list[dict[str, Any]] = []
    for ref in item.grounds:
        node = nodes.get(ref.id)
        if node is not None and node.text:
            out.append(_text_body(node.text, "describing"))
        out.append(_text_body(f"claim:{ref.id}", "tagging"))
    speaker = m.agent_id(item.speaker.id)
    out.append(_text_body(f"speaker:{item.speaker.id}", "tagging"))
    out.append(_text_body(f"said by {corpus.agent_name(speaker)}", "describing"))
    cited = {item.id, *(ref.id for ref in item.grounds)}
    positions = [p for p in m.positions if cited & {ref.id for ref in p.grounds}]
    if not positions:  # cited by no position: the speaker's own stances in this article
        positions = [p for p in m.positions if m.agent_id(p.agent.id) == speaker]
    for p in positions:
        if p.stance is None or not p.question.id:
            continue
        agent = corpus.agent_name(m.agent_id(p.agent.id))
        out.append(_text_body(f"stance:{p.question.id}={scale.signed(p.stance)}", "classifying"))
        out.append(_text_body(f"{agent}: {scale.label(p.stance)} ({scale.signed(p.stance)}) on {p.question.id}",
                              "classifying"))
    return out


def annotation(corpus: Corpus, m: Map, item: Evidence, article: textmatch.Normalised, article_file: str | None,
               parts: list[textmatch.Match], created: str) -> dict[str, Any]:
    source = target_source(m, article_file)
    targets = [{"type": "SpecificResource", "source": source,
                "selector": [quote_selector(article.original, part.start, part.end),
                             position_selector(part.start, part.end)]} for part in parts]
    return {
        "id": _urn("annotation", m.id, item.id),
        "type": "Annotation",
        "motivation": "highlighting",
        "created": created,
        "creator": {"type": "Software", "name": "argmap"},
        "body": bodies(corpus, m, item),
        "target": targets[0] if len(targets) == 1 else targets,
    }


def build(corpus: Corpus, sources: Any, max_gap: int = textmatch.DEFAULT_MAX_GAP,
          created: str | None = None) -> Result:
    """Every evidence quote of the corpus that its article holds, as one AnnotationCollection; the
    quotes not located (no article, not in it) in `unplaced`. `sources` is a checks.quotes.Sources."""
    stamp = created or created_now()
    items: list[dict[str, Any]] = []
    result = Result({})
    seen: set[str] = set()
    for m in corpus.maps:
        if m.id in seen:
            continue
        seen.add(m.id)
        quoted = [e for e in m.evidence if e.quote.strip()]
        if not quoted:
            continue
        article = sources.get(m) if m.source.text else None
        if not isinstance(article, textmatch.Normalised):
            if not m.source.text:
                why = "the map names no article text (source.text)"
            elif isinstance(article, Finding):
                why = article.message
            else:
                why = f"article text {m.source.text!r} is not in the sources directories ({sources.searched()})"
            result.unplaced.extend(Unplaced(m.path, e.quote_line, e.quote_column, m.id, e.id, why) for e in quoted)
            continue
        article_file = sources.paths.get(m.source.text)
        for item in quoted:
            parts = textmatch.find_parts(item.quote, article, max_gap)
            if not parts:
                failure = textmatch.explain(item.quote, article, max_gap)
                result.unplaced.append(Unplaced(m.path, item.quote_line, item.quote_column, m.id, item.id,
                                                f"the quote is not in {m.source.text}: {failure.message}"))
                continue
            items.append(annotation(corpus, m, item, article, article_file, parts, stamp))
    result.annotations = len(items)
    ids = sorted(seen)
    result.document = {
        "@context": CONTEXT,
        "id": _urn("collection", *ids),
        "type": "AnnotationCollection",
        "label": "argmap evidence: " + (", ".join(ids) if len(ids) <= 5 else f"{len(ids)} maps"),
        "total": len(items),
    }
    if items:  # the model gives a collection without annotations no page
        result.document["first"] = {"id": _urn("page", *ids), "type": "AnnotationPage", "startIndex": 0,
                                    "items": items}
    return result
