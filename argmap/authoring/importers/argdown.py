"""Argdown in: the Argdown CLI parses (`argdown json --stdout`), this reads its JSON export.

No Argdown parser is written here: the official one (@argdown/cli, run offline by Node) reads the file,
and its JSON export (statements as equivalence classes, arguments with their premise-conclusion
structures, relations, sections with their YAML data) is what this module reads. A file ending in .json
is taken to be such an export already, so the CLI is needed only for .argdown files.

How Argdown becomes argmap:

- each statement (equivalence class) is a claim; each argument is a claim too, its text its description;
- support and entails relations are supports; attack, undercut, contrary and contradictory are attacks
  (contrary and contradictory are symmetric in Argdown: one direction is kept, the other would be a cycle);
- a reconstructed argument's premises support the argument, and the argument supports its conclusion;
- the document is one map; sections whose data name a map (`{map: ...}`, as `argmap export --to argdown`
  writes them) are a map each, and the data that argmap's export writes (kind, id, author, stance) brings
  back theses, quotes, speakers, questions and stances. Argdown itself has no speakers and no stances.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Any

from argmap.authoring.importers.builder import Draft, MapDraft, Node, Stance, load_json, slug
from argmap.core import stance as scale

RELATIONS = {"support": "supports", "entails": "supports", "attack": "attacks", "undercut": "attacks",
             "contrary": "attacks", "contradictory": "attacks"}
ENV = "ARGMAP_ARGDOWN"
TIMEOUT = 300


class ArgdownError(Exception):
    """The Argdown CLI is missing, fails, or its output is not its JSON export."""


def find_cli() -> str | None:
    """The Argdown CLI: $ARGMAP_ARGDOWN, else `argdown` on the PATH."""
    named = os.environ.get(ENV)
    if named:
        return named if os.path.isfile(named) and os.access(named, os.X_OK) else None
    return shutil.which("argdown")


def parse(path: str) -> dict[str, Any]:
    """The Argdown CLI's JSON export of the file at `path` (or the file itself, if it is such JSON)."""
    if path.lower().endswith(".json"):
        with open(path, encoding="utf-8") as handle:
            data = load_json(handle.read())
    else:
        cli = find_cli()
        if cli is None:
            raise ArgdownError(f"importing Argdown needs the Argdown CLI: npm install -g @argdown/cli (or set {ENV} "
                               "to its path); or give the JSON that `argdown json` writes")
        try:
            done = subprocess.run([cli, "json", "--stdout", "--silent", path], capture_output=True, timeout=TIMEOUT,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ArgdownError(f"cannot run the Argdown CLI ({cli}): {error}") from None
        output = done.stdout.decode("utf-8", "replace")
        if done.returncode != 0:
            raise ArgdownError(f"the Argdown CLI failed on {path} (status {done.returncode}): "
                               + _failure(done.stderr.decode("utf-8", "replace"), output))
        try:
            data = load_json(output[output.find("{"):])
        except ValueError as error:
            raise ArgdownError(f"the Argdown CLI's output is not JSON: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("statements"), dict):
        raise ArgdownError(f"{path}: not the JSON export of an Argdown document (no statements)")
    return data


def _failure(stderr: str, stdout: str) -> str:
    """What the Argdown CLI said when it failed: the last lines of its standard error, else of its output
    (it reports some errors there, and with --silent sometimes nothing at all)."""
    lines = [line.strip() for line in (stderr.strip() or stdout.strip()).splitlines() if line.strip()]
    if not lines:
        return "it printed nothing; run `argdown json` on the file to see why"
    return " / ".join(lines[-5:])[:1000]


def _text(members: list[Any]) -> tuple[str, list[str]]:
    """The first formulation of a statement or argument, and any other, different ones."""
    texts = [" ".join(str(m.get("text", "")).split()) for m in members if isinstance(m, dict)]
    texts = list(dict.fromkeys(t for t in texts if t))
    return (texts[0], texts[1:]) if texts else ("", [])


def _sections(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    stack = [s for s in data.get("sections", []) if isinstance(s, dict)]
    while stack:
        section = stack.pop()
        out[str(section.get("id"))] = section
        stack.extend(c for c in section.get("children", []) if isinstance(c, dict))
    return out


def _data(item: dict[str, Any]) -> dict[str, Any]:
    found = item.get("data")
    return found if isinstance(found, dict) else {}


def read(path: str, data: dict[str, Any]) -> Draft:
    draft = Draft()
    stem = os.path.splitext(os.path.basename(path))[0]
    document = MapDraft(id_hint=slug(stem, "argdown"), title=stem)
    maps: dict[str, MapDraft] = {}
    sections = _sections(data)

    def speaker(meta: dict[str, Any]) -> str | None:
        agent_id, name = str(meta.get("author_id") or ""), str(meta.get("author") or "")
        if not agent_id or agent_id == "author" or agent_id.startswith("author@"):
            return None
        return draft.agent(name or agent_id, agent_id)

    def map_for(item: dict[str, Any]) -> MapDraft:
        name = _data(item).get("map")
        section = sections.get(str(item.get("section")))
        if not name and section is not None:
            name = _data(section).get("map")
        if not name:
            return document
        if name not in maps:
            meta = _data(section) if section is not None and _data(section).get("map") == name else {}
            title = str(section.get("title", "")) if section is not None else ""
            title = title[len(name) + 2:] if title.startswith(f"{name}: ") else "unknown"
            ids = [str(a) for a in meta.get("author_ids", []) if isinstance(a, str)]
            names = [str(a) for a in meta.get("authors", []) if isinstance(a, str)]
            authors = [draft.agent(names[i] if i < len(names) else a, a) for i, a in enumerate(ids)
                       if a != "author" and not a.startswith("author@")]
            maps[name] = MapDraft(id_hint=str(name), title=title, authors=authors, outlet=str(meta.get("outlet") or "unknown"),
                                  date=str(meta.get("date") or "unknown"), url=str(meta.get("url") or "unknown"))
        return maps[name]

    statements = {str(k): v for k, v in data["statements"].items() if isinstance(v, dict)}
    arguments = {str(k): v for k, v in data.get("arguments", {}).items() if isinstance(v, dict)}
    questions: dict[str, str] = {}  # "s:" key -> question id
    positions: dict[str, tuple[MapDraft, Stance]] = {}  # "a:" key -> its stance
    home: dict[str, MapDraft] = {}  # node key -> its map
    # Questions first: positions name them.
    for title, item in statements.items():
        meta = _data(item)
        if meta.get("kind") == "question":
            text, _ = _text(item.get("members", []))
            questions[f"s:{title}"] = draft.question(text or title, str(meta.get("id") or ""), str(meta.get("note") or ""))
    for title, item in statements.items():
        key = f"s:{title}"
        if key in questions:
            continue
        meta = _data(item)
        text, others = _text(item.get("members", []))
        kind = str(meta.get("kind") or "claim")
        note = str(meta.get("note") or "")
        if others:
            draft.note(f"statement [{title}] has {len(others) + 1} formulations: the first is its text, "
                       "the others are in its note")
            note = "\n".join([note, *(f"Also formulated: {o}" for o in others)]).strip()
        target = map_for(item)
        target.node(Node(key, text or title, kind if kind in ("thesis", "claim", "evidence") else "claim",
                         speaker(meta), str(meta.get("id") or title), note))
        home[key] = target
    for title, item in arguments.items():
        key = f"a:{title}"
        meta = _data(item)
        target = map_for(item)
        text, others = _text([m for m in item.get("members", []) if isinstance(m, dict)])
        if meta.get("kind") == "position":
            agent = speaker(meta)
            qid = str(meta.get("question") or "")
            value = scale.parse(meta.get("stance"))
            question = questions.get(f"s:q/{qid}") or (draft.question(qid, qid) if qid else None)
            if question is not None and value is not None:
                stance = Stance(agent, question, value, note=str(meta.get("note") or ""),
                                basis=scale.parse_basis(meta.get("basis")))
                positions[key] = (target, stance)
                target.stances.append(stance)
                continue
            draft.note(f"argument <{title}> is marked as a position but names no agent, question or stance; kept as a claim")
        note = "\n".join(f"Also formulated: {o}" for o in others)
        target.node(Node(key, text or title, "claim", speaker(meta), title, note))
        home[key] = target
        pcs = [p for p in item.get("pcs", []) if isinstance(p, dict) and p.get("title")]
        if pcs:
            draft.note(f"argument <{title}>: its premise-conclusion structure is kept as premises supporting the "
                       "argument and the argument supporting its conclusion; the inference rules are not")
            for step in pcs[:-1]:
                target.relations.append((f"s:{step['title']}", "supports", key))
            target.relations.append((key, "supports", f"s:{pcs[-1]['title']}"))

    for relation in data.get("relations", []):
        if not isinstance(relation, dict):
            continue
        source = ("a:" if relation.get("fromType") == "argument" else "s:") + str(relation.get("from"))
        target_key = ("a:" if relation.get("toType") == "argument" else "s:") + str(relation.get("to"))
        relation_kind = RELATIONS.get(str(relation.get("relationType")))
        if target_key in questions and source in positions:
            continue  # the stance itself, read from the position's data
        if target_key in positions:
            owner, stance = positions[target_key]
            if relation_kind == "supports" and home.get(source) is owner:
                stance.grounds.append(source)
            else:
                draft.note(f"a {relation.get('relationType')} relation to the position <{relation.get('to')}> is not a ground; left out")
            continue
        if relation_kind is None:
            draft.note(f"a {relation.get('relationType')} relation from {relation.get('from')} to {relation.get('to')} "
                       "has no argmap equivalent; left out")
            continue
        if source in questions or target_key in questions:
            draft.note(f"a {relation_kind} relation from {relation.get('from')} to the question {relation.get('to')} "
                       "outside a position; left out")
            continue
        start = home.get(source)
        if start is None or home.get(target_key) is not start:
            draft.note(f"a {relation_kind} relation from {relation.get('from')} to {relation.get('to')} crosses maps; left out")
            continue
        if str(relation.get("relationType")) in ("contrary", "contradictory"):
            draft.note(f"the {relation.get('relationType')} relation between {relation.get('from')} and {relation.get('to')} "
                       "is kept in one direction, as an attack")
        start.relations.append((source, relation_kind, target_key))
    draft.maps = ([document] if document.nodes or document.stances or not maps else []) + list(maps.values())
    if maps:
        draft.note("argmap's Argdown export does not carry source.text (the article's file name), source.notes, "
                   "map notes, or the agents' aliases and descriptions: fill them in to check the quotes again")
    else:
        draft.note("Argdown has no speakers, dates or stances: every claim is the author's, the author and date "
                   "`unknown`, and no positions")
    return draft
