"""`argmap import hypothesis FILE --map MAP`: highlights made in Hypothesis become evidence of a map.

The input is Hypothesis's API JSON (https://h.readthedocs.io/en/latest/api-reference/): the search
response `{"total": N, "rows": [...]}` or a list of annotation objects, each with `uri`, `target[0].selector`
(TextQuoteSelector, TextPositionSelector, RangeSelector), `tags`, `text`, `user`, `created` and `id`.

Each highlight on the map's article becomes one evidence entry: its quote is the article's own wording
of the highlighted text, found by the quote check's matcher (so Hypothesis's whitespace does not matter);
tags that name claims of the map (`ID` or `claim:ID`) are its grounds; a `speaker:ID` tag its speaker
(default `author`). Whatever cannot be placed (another page, a page note or reply, a quote not in the
article, a tag naming no claim, an unknown speaker, a quote already in the map) is listed with the
reason, never dropped silently.

The map is changed as `argmap fix` changes it: the new entries are inserted into the file's own text
(after its last evidence entry, in its indentation), every other byte stays, the result must parse to
the old data plus the new entries (argmap.syntax.yamledit, the one YAML editor), and it is written atomically
(fix.write_in_place).
"""

from __future__ import annotations

import json
import re
from functools import partial
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml

from argmap.core.ids import is_id
from argmap.core.record import field, record
from argmap.files import textmatch
from argmap.model.maps import AUTHOR, UNKNOWN, Map
from argmap.syntax import yamledit
from argmap.syntax.yamledit import mapping_item
from argmap.syntax.yamlsource import Document, Limits, parse

MAX_FILE_SIZE = 50_000_000  # bytes of Hypothesis JSON read at most
_ID_WORDS = 4  # words of the quote in a new evidence id


class HypothesisError(Exception):
    """The file is not Hypothesis's API JSON, or the map cannot take the entries: a usage error."""


@record(frozen=True)
class Highlight:
    id: str
    user: str
    created: str
    uri: str
    exact: str | None  # None: no TextQuoteSelector (a page note or a reply)
    tags: tuple[str, ...]
    text: str
    reply: bool = False


@record(frozen=True)
class Entry:
    """One evidence entry to add."""

    id: str
    quote: str
    speaker: str
    grounds: tuple[str, ...]
    note: str
    annotation: str


@record(frozen=True)
class Unplaced:
    annotation: str
    user: str
    reason: str


@record
class Plan:
    total: int = 0
    entries: list[Entry] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)


# -- reading Hypothesis's JSON ---------------------------------------------------------------------


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def read(path: str) -> list[Highlight | Unplaced]:
    """The annotations of a Hypothesis JSON file; an item that is no annotation object is an Unplaced."""
    import os

    try:
        if os.path.getsize(path) > MAX_FILE_SIZE:
            raise HypothesisError(f"{path} is larger than {MAX_FILE_SIZE:,} bytes")
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except HypothesisError:
        raise
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise HypothesisError(f"cannot read {path}: {error}") from None
    return highlights(data, path)


def highlights(data: Any, path: str = "the file") -> list[Highlight | Unplaced]:
    rows = data.get("rows") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise HypothesisError(f"{path} is not Hypothesis's API JSON: expected a search response "
                              "{\"rows\": [...]} or a list of annotations")
    out: list[Highlight | Unplaced] = []
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            out.append(Unplaced(f"#{index + 1}", "", "not an annotation object"))
            continue
        target = row.get("target")
        first = target[0] if isinstance(target, list) and target and isinstance(target[0], dict) else {}
        selectors = first.get("selector")
        exact = None
        for selector in selectors if isinstance(selectors, list) else []:
            if isinstance(selector, dict) and selector.get("type") == "TextQuoteSelector":
                exact = _text(selector.get("exact")) or None
        tags = row.get("tags")
        references = row.get("references")
        out.append(Highlight(
            id=_text(row.get("id")) or f"#{index + 1}", user=_text(row.get("user")),
            created=_text(row.get("created")), uri=_text(row.get("uri")) or _text(first.get("source")),
            exact=exact, tags=tuple(t.strip() for t in tags if isinstance(t, str) and t.strip())
            if isinstance(tags, list) else (), text=_text(row.get("text")),
            reply=isinstance(references, list) and bool(references),
        ))
    return out


def same_page(a: str, b: str) -> bool:
    """The same page: scheme and host in any case, http or https, without the fragment or a final slash."""
    def key(uri: str) -> tuple[str, ...]:
        try:
            parts = urlsplit(uri.strip())
        except ValueError:
            return (uri.strip(),)
        scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
        return (urlunsplit((scheme, parts.netloc.lower(), parts.path.rstrip("/"), parts.query, "")),)
    return key(a) == key(b)


# -- what to add ---------------------------------------------------------------------------------------


def _slug(quote: str) -> str:
    words = re.findall(r"[a-z0-9]+", quote.lower())
    return "-".join(words[:_ID_WORDS]) or "hypothesis"


def plan(m: Map, article: textmatch.Normalised, items: list[Highlight | Unplaced],
         max_gap: int = textmatch.DEFAULT_MAX_GAP) -> Plan:
    """The entries to add to `m` and what cannot be placed, annotation by annotation."""
    out = Plan(total=len(items))
    claims = {node.id for node in m.nodes if node.id}
    speakers = {AUTHOR, *(ref.id for ref in m.agents), *(ref.id for ref in m.source.authors)}
    taken = {e.id for e in m.evidence} | claims
    have: dict[tuple[int, int], str] = {}
    for e in m.evidence:
        found = textmatch.find(e.quote, article, max_gap) if e.quote.strip() else None
        if found is not None:
            have.setdefault((found.start, found.end), e.id)
    url = m.source.url.strip()
    for item in items:
        if isinstance(item, Unplaced):
            out.unplaced.append(item)
            continue

        def skip(reason: str, item: Highlight = item) -> None:
            out.unplaced.append(Unplaced(item.id, item.user, reason))

        if item.reply:
            skip("a reply, not a highlight")
            continue
        if item.exact is None:
            skip("no highlighted text (a page note)")
            continue
        if url and url != UNKNOWN and item.uri and not same_page(item.uri, url):
            skip(f"on another page ({item.uri}), not the map's {url}")
            continue
        found = textmatch.find(item.exact, article, max_gap)
        if found is None:
            skip(f"the highlighted text is not in {m.source.text}: {_clip(item.exact)!r}")
            continue
        grounds: list[str] = []
        speaker = AUTHOR
        problems: list[str] = []
        for tag in item.tags:
            name, _, value = tag.partition(":")
            if value and name == "speaker":
                if value in speakers:
                    speaker = value
                else:
                    problems.append(f"speaker {value!r} is not an agent of the map (its `agents:` or the author)")
                continue
            claim = value if value and name == "claim" else tag
            if claim in claims:
                if claim not in grounds:
                    grounds.append(claim)
            else:
                problems.append(f"tag {tag!r} names no claim of the map")
        if problems:
            skip("; ".join(problems))
            continue
        if not grounds:
            skip("no tag names a claim of the map (tag it with a claim id, or claim:ID)")
            continue
        span = (found.start, found.end)
        if span in have:
            skip(f"already in the map as evidence {have[span]!r}")
            continue
        quote = _verified(item.exact, article, found, max_gap)
        new_id = base = f"q-{_slug(quote)}"
        n = 2
        while new_id in taken:
            new_id, n = f"{base}-{n}", n + 1
        taken.add(new_id)
        have[span] = new_id
        note = f"From Hypothesis annotation {item.id}" + (f" by {item.user}" if item.user else "") + \
            (f", {item.created}" if item.created else "") + (f": {item.text.strip()}" if item.text.strip() else "")
        out.entries.append(Entry(new_id, quote, speaker, tuple(grounds), " ".join(note.split()), item.id))
    return out


def _verified(exact: str, article: textmatch.Normalised, found: textmatch.Match, max_gap: int) -> str:
    """The article's own wording of the highlight (whitespace collapsed), if the quote check finds it;
    else Hypothesis's text, which it found."""
    for candidate in (" ".join(article.original[found.start:found.end].split()), " ".join(exact.split())):
        if textmatch.find(candidate, article, max_gap) is not None:
            return candidate
    return exact


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- writing into the map's own text ------------------------------------------------------------------


def render_entry(entry: Entry, dash: str, inner: str) -> str:
    lines = [f"id: {entry.id}", f"quote: {_scalar(entry.quote)}", f"speaker: {entry.speaker}",
             f"grounds: [{', '.join(_scalar(g) for g in entry.grounds)}]"]
    if entry.note:
        lines.append(f"note: {_scalar(entry.note)}")
    return mapping_item(dash, inner, lines)


def _scalar(value: str) -> str:
    """A one-line YAML scalar: plain for an id, else double-quoted with every unprintable escaped."""
    return value if is_id(value) and yamledit.reads_as_text(value) else yamledit.quoted(value)


def insert(text: str, entries: list[Entry], limits: Limits | None = None) -> str:
    """`text` with the entries appended to its evidence list, every other byte as it was."""
    try:
        source = yamledit.Source(text, limits, "the map")
    except yamledit.EditError as error:
        raise HypothesisError(str(error)) from None
    if not isinstance(source.root, yaml.MappingNode) or source.root.flow_style:
        raise HypothesisError("the map is not a block mapping: add the entries by hand")
    try:
        edit = source.append("evidence", [partial(render_entry, e) for e in entries])
    except yamledit.EditError as error:
        if "not a block list" in str(error):
            raise HypothesisError("the map's evidence is not a block list: add the entries by hand") from None
        raise HypothesisError(f"cannot add to the map safely ({error}): add the entries by hand") from None
    return yamledit.apply(text, [edit])


def _expected(data: dict[str, Any], entries: list[Entry]) -> dict[str, Any]:
    new = [{"id": e.id, "quote": e.quote, "speaker": e.speaker, "grounds": list(e.grounds),
            **({"note": e.note} if e.note else {})} for e in entries]
    old = data.get("evidence")
    out = dict(data)
    out["evidence"] = (old if isinstance(old, list) else []) + new
    return out


def apply(doc: Document, text: str, entries: list[Entry], display: str, limits: Limits) -> str:
    """The map's new text, checked to hold the old data plus exactly the new entries."""
    new_text = insert(text, entries, limits)
    new_doc, _ = parse(new_text, display, limits)
    if new_doc is None or not isinstance(doc.data, dict):
        raise HypothesisError(f"cannot add to {display} safely (the result does not parse): add the entries by hand")
    expected = _expected(doc.data, entries)
    if not yamledit.same(new_doc.data, expected):
        raise HypothesisError(f"cannot add to {display} safely (the result would not hold the same data): "
                              "add the entries by hand")
    return new_text
