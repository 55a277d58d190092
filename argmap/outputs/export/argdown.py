"""The corpus as Argdown (https://argdown.org): statements, arguments and relations, who says what as data.

- each shared question is a statement `[q/QUESTION-ID]`;
- each thesis, claim and evidence quote is a statement `[MAP-ID/ID]`, with its speaker and kind as YAML data;
  its `supports` / `attacks` are outgoing relations `+> [...]` / `-> [...]` indented under it;
- each position is an argument `<MAP-ID/AGENT/QUESTION>` that supports (agree) or attacks (disagree) the
  question, with the claims and quotes that ground it as its supports (`+ [...]`).

Titles are made from ids (only letters, digits, `-`, `/`); every text is escaped so that no character in
it starts Argdown markup (references, tags, emphasis, comments, data). Line breaks inside a text become
spaces: an Argdown statement is one line.
"""

from __future__ import annotations

import json
import re
from typing import Any

from argmap._version import __version__
from argmap.core import stance as scale
from argmap.core.safetext import clean
from argmap.model.maps import Corpus, Map

_ALWAYS = set("\\@#*_[]<>{}/")
_BEFORE_TEXT = set(".:")  # `.name.` and `:name:` are shortcodes: escaped unless followed by a space
_TITLE_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")


def escape(text: str) -> str:
    """One line of Argdown text that reads back as exactly `text` (whitespace runs collapsed)."""
    text = " ".join(clean(text, keep_newlines=True).split())
    out = []
    for index, char in enumerate(text):
        following = text[index + 1] if index + 1 < len(text) else " "
        if char in _ALWAYS or (char in _BEFORE_TEXT and not following.isspace()):
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out) or "(no text)"


def data(values: dict[str, Any]) -> str:
    """YAML flow data `{...}`: JSON (which YAML reads) with braces written as escapes, so that the data
    token cannot end inside a string."""
    body = ", ".join(f"{key}: {json.dumps(value, ensure_ascii=True)}" for key, value in values.items())
    return "{" + body.translate({ord("{"): "\\u007b", ord("}"): "\\u007d"}) + "}"


class _Titles:
    """Argdown titles made from ids: safe characters only, unique within the document."""

    def __init__(self) -> None:
        self.used: dict[str, str] = {}
        self.taken: set[str] = set()

    def __call__(self, *parts: str) -> str:
        key = "\x00".join(parts)
        if key in self.used:
            return self.used[key]
        base = "/".join(_TITLE_UNSAFE.sub("-", part).strip("-") or "unnamed" for part in parts)
        title, n = base, 1
        while title in self.taken:
            n += 1
            title = f"{base}-{n}"
        self.taken.add(title)
        self.used[key] = title
        return title


def _name(corpus: Corpus, agent_id: str) -> str:
    return corpus.agent_name(agent_id)


def _map(corpus: Corpus, m: Map, title: _Titles, lines: list[str]) -> None:
    heading = m.id if m.source.title in ("", "unknown") else f"{m.id}: {m.source.title}"
    meta: dict[str, object] = {"map": m.id, "authors": [_name(corpus, a) for a in m.author_ids], "author_ids": m.author_ids,
            "outlet": m.source.outlet, "date": m.source.date, "url": m.source.url}
    lines += [f"# {escape(heading)} {data(meta)}", ""]
    local = {c.id for c in m.nodes} | {e.id for e in m.evidence}

    def ref(cid: str) -> str:
        return f"[{title(m.id, cid)}]"

    for claim in m.nodes:
        agent = m.agent_id(claim.by.id)
        meta = {"kind": "thesis" if claim.is_thesis else "claim", "map": m.id, "id": claim.id,
                "author": _name(corpus, agent), "author_id": agent}
        if claim.note:
            meta["note"] = claim.note
        lines.append(f"{ref(claim.id)}: {escape(claim.text)} {data(meta)}")
        for symbol, refs in (("+>", claim.supports), ("->", claim.attacks)):
            lines.extend(f"  {symbol} {ref(r.id)}" for r in refs if r.id in local and r.id != claim.id)
        lines.append("")
    for evidence in m.evidence:
        agent = m.agent_id(evidence.speaker.id)
        meta = {"kind": "evidence", "map": m.id, "id": evidence.id, "author": _name(corpus, agent), "author_id": agent}
        if evidence.note:
            meta["note"] = evidence.note
        lines.append(f"{ref(evidence.id)}: {escape(evidence.quote)} {data(meta)}")
        lines.extend(f"  +> {ref(r.id)}" for r in evidence.grounds if r.id in local)
        lines.append("")
    for position in m.positions:
        agent = m.agent_id(position.agent.id)
        qid = position.question.id
        if not agent or not qid:
            continue
        question = corpus.questions.get(qid)
        proposition = question.proposition if question else qid
        value = position.stance
        label = scale.label(value) if value is not None else "unknown stance"
        text = f"{_name(corpus, agent)}: {label} ({scale.signed(value) if value is not None else '?'}) on: {proposition}"
        meta = {"kind": "position", "map": m.id, "author": _name(corpus, agent), "author_id": agent, "question": qid,
                "stance": value, "stance_label": label if value is not None else None}
        if position.basis:
            meta["basis"] = position.basis
        if position.note:
            meta["note"] = position.note
        lines.append(f"<{title(m.id, agent, qid)}>: {escape(text)} {data(meta)}")
        if value is not None and value > 0:
            lines.append(f"  +> [{title('q', qid)}]")
        elif value is not None and value < 0:
            lines.append(f"  -> [{title('q', qid)}]")
        lines.extend(f"  + {ref(r.id)}" for r in position.grounds if r.id in local)
        lines.append("")


def render(corpus: Corpus) -> str:
    title = _Titles()
    lines = ["===", "title: argmap corpus", f"generator: {json.dumps('argmap ' + __version__)}", "===", ""]
    lines += ["# Shared questions", ""]
    question_ids = list(corpus.questions)
    for m in corpus.maps:
        question_ids += [p.question.id for p in m.positions if p.question.id and p.question.id not in question_ids]
    for qid in question_ids:
        question = corpus.questions.get(qid)
        meta: dict[str, Any] = {"kind": "question", "id": qid}
        if question and question.note:
            meta["note"] = question.note
        lines += [f"[{title('q', qid)}]: {escape(question.proposition if question else qid)} {data(meta)}", ""]
    for m in corpus.maps:
        _map(corpus, m, title, lines)
    return "\n".join(lines).rstrip("\n") + "\n"
