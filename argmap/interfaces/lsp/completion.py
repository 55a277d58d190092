"""Completion: the ids a field can take, stance values, and the keys valid where the cursor is.

The document being typed often does not parse, so the cursor's context is read from the lines around
it (the key on the line, or the enclosing keys by indentation); the ids come from the last version of
the map that did parse and from the directory's registries.
"""

from __future__ import annotations

import re
from typing import Any

from lsprotocol import types

from argmap.core.record import field, record
from argmap.core.stance import BASES, LABELS
from argmap.model import maps as model
from argmap.model.schema import SCHEMAS

_KEY = re.compile(r"^(\s*)((?:-\s+)*)([A-Za-z_][\w-]*)\s*:(?=\s|$)")
_KEY_ANYWHERE = re.compile(r"([A-Za-z_][\w-]*)\s*:(?=\s|$)")
_WORD_BEFORE = re.compile(r"[A-Za-z0-9_.@-]*$")

AGENT_KEYS = {"agent", "speaker", "by", "authors", "agents"}
QUESTION_KEYS = {"question", "implies", "excludes", "refines"}
CLAIM_KEYS = {"supports", "attacks", "grounds"}


@record
class Cursor:
    """Where the cursor is: in the value of `key` (None: where a key is written), inside the mappings
    `path` (keys, outermost first), among keys `siblings`; the word being typed starts at `start`."""

    key: str | None
    path: list[str]
    start: int
    siblings: set[str] = field(default_factory=set)


def _strip_comment(line: str) -> str:
    quote = ""
    for index, character in enumerate(line):
        if quote:
            if character == quote:
                quote = ""
        elif character in "'\"":
            quote = character
        elif character == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[:index]
    return line


def _block_path(lines: list[str], row: int, column: int) -> tuple[list[str], set[str]]:
    """The keys of the block mappings that enclose a mapping whose keys start at `column` on `row`,
    and that mapping's keys (read upwards to its list item's dash, and downwards)."""
    path: list[str] = []
    siblings: set[str] = set()
    in_item = True
    for index in range(row - 1, -1, -1):
        found = _KEY.match(lines[index])
        if not found:
            continue
        key_column = len(found.group(1)) + len(found.group(2))
        if key_column == column and in_item and not path:
            siblings.add(found.group(3))
            if found.group(2):
                in_item = False  # the dash opens this list item: keys above it belong to another
        elif key_column < column:
            if _strip_comment(lines[index][found.end():]).strip() in ("", "|", ">", "|-", ">-"):
                path.insert(0, found.group(3))
            column = key_column
            if column == 0:
                break
    for index in range(row + 1, len(lines)):
        found = _KEY.match(lines[index])
        if not found:
            continue
        key_column = len(found.group(1)) + len(found.group(2))
        if key_column < column or (key_column == column and found.group(2)):
            break
        if key_column == column:
            siblings.add(found.group(3))
    return path, siblings


def _item_column(line: str) -> int:
    """The column where the keys of the mapping on this line start (after a list item's dash)."""
    found = _KEY.match(line)
    if found:
        return len(found.group(1)) + len(found.group(2))
    dash = re.match(r"^(\s*)-\s*\{", line)
    return len(dash.group(1)) + 2 if dash else len(line) - len(line.lstrip())


def cursor_at(lines: list[str], row: int, char: int) -> Cursor | None:
    if not 0 <= row < len(lines):
        return None
    line = lines[row]
    prefix = line[:char]
    if _strip_comment(prefix) != prefix:
        return None  # in a comment
    word = _WORD_BEFORE.search(prefix)
    start = word.start() if word else char
    keys = list(_KEY_ANYWHERE.finditer(prefix))
    if keys:
        last = keys[-1]
        after = prefix[last.end():]
        if after.count("[") > after.count("]") or not any(c in after for c in ",]}"):
            return Cursor(last.group(1), _block_path(lines, row, _item_column(line))[0], start)
        if prefix.count("{") > prefix.count("}"):  # after a comma in a flow mapping: a key
            path, _ = _block_path(lines, row, _item_column(line))
            flow = prefix[prefix.rfind("{"):]
            return Cursor(None, path, start, {k.group(1) for k in _KEY_ANYWHERE.finditer(flow)})
        return None
    before = prefix[:start]
    stripped = before.strip()
    if stripped.startswith("-") or stripped.endswith("["):
        # a list item's value: the list belongs to the nearest key above with no value on its line
        dash_column = len(before) - len(before.lstrip())
        for index in range(row - 1, -1, -1):
            found = _KEY.match(lines[index])
            if found and len(found.group(1)) + len(found.group(2)) <= dash_column:
                if _strip_comment(lines[index][found.end():]).strip():
                    break
                path, _ = _block_path(lines, index, len(found.group(1)) + len(found.group(2)))
                return Cursor(found.group(3), path, start)
        if stripped != "-":
            return None
    if stripped and stripped != "-" and not re.fullmatch(r"(-\s+)+", before.lstrip()):
        return None
    path, siblings = _block_path(lines, row, len(before))
    return Cursor(None, path, start, siblings)


# -- the schema's keys -------------------------------------------------------------------------------


def _resolve(root: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in part:
        name = part["$ref"].rsplit("/", 1)[-1]
        part = {**root["definitions"][name], **{k: v for k, v in part.items() if k != "$ref"}}
    return part


def schema_at(kind: str, path: list[str]) -> dict[str, Any] | None:
    """The schema of the mapping at `path` (arrays stepped into: keys live in their items)."""
    root = SCHEMAS.get(kind)
    if root is None:
        return None
    part = _resolve(root, root)
    for key in path:
        properties = part.get("properties", {})
        if key not in properties:
            return None
        part = _resolve(root, properties[key])
        if part.get("type") == "array" and "items" in part:
            part = _resolve(root, part["items"])
    return part


def _keys(kind: str, cursor: Cursor) -> list[types.CompletionItem]:
    part = schema_at(kind, cursor.path)
    if part is None:
        return []
    root = SCHEMAS[kind]
    required = set(part.get("required", []))
    out = []
    for key, value in part.get("properties", {}).items():
        if key in cursor.siblings:
            continue
        described = _resolve(root, value).get("description", "")
        out.append(types.CompletionItem(
            label=key, kind=types.CompletionItemKind.Property, detail="required" if key in required else None,
            documentation=described or None, insert_text=f"{key}: ", sort_text=("0" if key in required else "1") + key,
        ))
    return out


# -- values --------------------------------------------------------------------------------------------


def _claim_ids(m: model.Map | None, cursor: Cursor) -> list[tuple[str, str]]:
    if m is None:
        return []
    claims = [(c.id, c.text) for c in m.nodes if c.id]
    if cursor.key == "grounds" and cursor.path[:1] == ["positions"]:
        return claims + [(e.id, e.quote) for e in m.evidence if e.id]
    return claims


def _enum(kind: str, cursor: Cursor) -> list[str]:
    part = schema_at(kind, cursor.path)
    if part is None or cursor.key is None:
        return []
    value = _resolve(SCHEMAS[kind], part.get("properties", {}).get(cursor.key, {}))
    return [str(v) for v in value.get("enum", [])]


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def complete(kind: str, lines: list[str], row: int, char: int, m: model.Map | None,
             corpus: model.Corpus) -> list[types.CompletionItem]:
    cursor = cursor_at(lines, row, char)
    if cursor is None:
        return []
    if cursor.key is None:
        return _keys(kind, cursor)
    values: list[tuple[str, str, types.CompletionItemKind]] = []
    if cursor.key in CLAIM_KEYS and kind == "map":
        values = [(i, _short(t), types.CompletionItemKind.Reference) for i, t in _claim_ids(m, cursor)]
    elif cursor.key in QUESTION_KEYS:
        values = [(q.id, _short(q.proposition), types.CompletionItemKind.Reference) for q in corpus.questions.values()]
    elif cursor.key in AGENT_KEYS and kind == "map":
        values = [(a.id, a.name, types.CompletionItemKind.Reference) for a in corpus.agents.values()]
        if cursor.key in ("agent", "speaker", "by"):
            values.insert(0, (model.AUTHOR, "the map's author", types.CompletionItemKind.Keyword))
    elif cursor.key == "stance":
        values = [(label, f"{number:+d}" if number else "0", types.CompletionItemKind.EnumMember)
                  for number, label in LABELS.items()]
        values += [(str(number), label, types.CompletionItemKind.EnumMember) for number, label in LABELS.items()]
    else:  # an enumerated value; a position's basis says what each of its four values means
        meaning = BASES if cursor.key == "basis" else {}
        values = [(v, meaning.get(v, ""), types.CompletionItemKind.EnumMember) for v in _enum(kind, cursor)]
    line = lines[row]
    end = char
    while end < len(line) and (line[end].isalnum() or line[end] in "-_.@"):
        end += 1
    edit_range = (row, cursor.start, row, end)
    return [types.CompletionItem(label=value, kind=item_kind, detail=detail or None, filter_text=value,
                                 sort_text=f"{index:05d}", text_edit=_edit(edit_range, value))
            for index, (value, detail, item_kind) in enumerate(values)]


def _edit(span: tuple[int, int, int, int], text: str) -> types.TextEdit:
    # Columns are characters here; the server converts them (ids are ASCII, so they rarely differ).
    return types.TextEdit(types.Range(types.Position(span[0], span[1]), types.Position(span[2], span[3])), text)
