"""What an id under the cursor names, where it is defined, and where it is used (across files).

Claim and evidence ids belong to one map; question and agent ids to the registries, used by every map
of the directory (found in the maps' cached summaries).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from argmap.core.record import record
from argmap.interfaces.lsp.completion import AGENT_KEYS, CLAIM_KEYS, QUESTION_KEYS
from argmap.interfaces.lsp.diagnostics import Analysis
from argmap.interfaces.lsp.text import RULE_CODE, scalar_end, split_lines, word_at
from argmap.interfaces.lsp.workspace import Mention, kind_of
from argmap.model import maps as model
from argmap.model.corpus import TextOf
from argmap.syntax.yamlsource import Path


@record(frozen=True)
class Target:
    kind: str  # claim (a claim or evidence id of this map), question, agent, quote or rule
    id: str
    path: Path = ()  # where the value stands in the document


def _value(data: Any, path: Path) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _entry_at(analysis: Analysis, row: int, char: int) -> tuple[Path, bool] | None:
    entries = analysis.entries
    index = bisect_right(entries, (row + 1, char + 1, 1 << 30)) - 1
    if index < 0:
        return None
    _line, _column, _depth, path, is_key = entries[index]
    return path, is_key


def target_at(analysis: Analysis, row: int, char: int) -> Target | None:
    line = analysis.lines[row] if 0 <= row < len(analysis.lines) else ""
    start, end = word_at(line, char)
    word = line[start:end]
    if RULE_CODE.match(word.upper()) and len(word) == 4:
        return Target("rule", word.upper())
    if analysis.document is None:
        return None
    found = _entry_at(analysis, row, char)
    if found is None or found[1]:
        return None
    path = found[0]
    value = _value(analysis.document.data, path)
    if path[:1] == ("evidence",) and path[-1:] == ("quote",) and analysis.kind == "map":
        return Target("quote", str(value), path)
    if not isinstance(value, str) or value != word:
        return None
    key = next((part for part in reversed(path) if isinstance(part, str)), "")
    if analysis.kind == "map":
        if key in CLAIM_KEYS or (key == "id" and path[:1] in (("thesis",), ("claims",), ("evidence",))):
            return Target("claim", value, path)
        if key in QUESTION_KEYS:
            return Target("question", value, path)
        if key in AGENT_KEYS:
            if value == model.AUTHOR and analysis.map is not None and len(analysis.map.source.authors) == 1:
                value = analysis.map.source.authors[0].id
            return Target("agent", value, path)
    elif analysis.kind == "agents" and key == "id":
        return Target("agent", value, path)
    elif analysis.kind == "questions" and (key == "id" or key in QUESTION_KEYS):
        return Target("question", value, path)
    return None


# Places are (path, 0-based line, start char, end char).
Place = tuple[str, int, int, int]


def _place(path: str, lines: list[str], line: int, column: int) -> Place:
    row, start = line - 1, column - 1
    text = lines[row] if 0 <= row < len(lines) else ""
    end = scalar_end(text, start)
    if text[start:start + 1] in ("'", '"'):
        start, end = start + 1, max(start + 1, end - 1)
    return path, row, start, end


def _registry_definition(analysis: Analysis, kind: str, ident: str, text_of: TextOf) -> Place | None:
    registries = analysis.folder.registries(text_of)
    section = "agents" if kind == "agent" else "questions"
    limits = analysis.folder.settings.limits
    for path in [*registries.corpus.registry_files]:
        if kind_of(path) != section:
            continue
        document = registries.document(path, text_of, limits)
        if document is None:
            continue
        items = document.data.get(section) if isinstance(document.data, dict) else None
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and item.get("id") == ident:
                line, column = document.pos.get((section, index, "id"), (0, 0))
                return _place(path, split_lines(document.text), line, column)
    return None


def _claim_places(analysis: Analysis, ident: str, uses: bool, declaration: bool) -> list[Place]:
    m, document = analysis.map, analysis.document
    if m is None or document is None:
        return []
    out: list[Place] = []
    if declaration:
        sections: list[tuple[Path, Any]] = [(("thesis",), document.data.get("thesis"))]
        for section in ("claims", "evidence"):
            items = document.data.get(section)
            sections.extend(((section, i), item) for i, item in enumerate(items if isinstance(items, list) else []))
        for base, item in sections:
            key: Path = (*base, "id")
            if isinstance(item, dict) and item.get("id") == ident and key in document.pos:
                line, column = document.pos[key]
                out.append(_place(analysis.path, analysis.lines, line, column))
    if uses:
        refs = [r for c in m.nodes for r in (*c.supports, *c.attacks)]
        refs += [r for e in m.evidence for r in e.grounds] + [r for p in m.positions for r in p.grounds]
        out.extend(_place(analysis.path, analysis.lines, r.line, r.column) for r in refs if r.id == ident)
    return out


def definition(analysis: Analysis, target: Target, text_of: TextOf) -> list[Place]:
    if target.kind == "claim":
        return _claim_places(analysis, target.id, uses=False, declaration=True)
    if target.kind in ("agent", "question"):
        found = _registry_definition(analysis, target.kind, target.id, text_of)
        return [found] if found else []
    return []


def _mentions(analysis: Analysis, kind: str, ident: str, text_of: TextOf) -> Iterable[Mention]:
    for _path, summary in analysis.folder.summaries(text_of):
        if summary is not None:
            yield from (x for x in summary.mentions if x.kind == kind and x.id == ident)


def references(analysis: Analysis, target: Target, text_of: TextOf, declaration: bool) -> list[Place]:
    if target.kind == "claim":
        return _claim_places(analysis, target.id, uses=True, declaration=declaration)
    if target.kind not in ("agent", "question"):
        return []
    out: list[Place] = []
    if declaration:
        found = _registry_definition(analysis, target.kind, target.id, text_of)
        if found:
            out.append(found)
    out.extend((x.path, x.line, x.start, x.end) for x in _mentions(analysis, target.kind, target.id, text_of))
    if target.kind == "question":  # the registry's own relations name questions too
        registries = analysis.folder.registries(text_of)
        for question in registries.corpus.questions.values():
            document = registries.document(question.path, text_of, analysis.folder.settings.limits)
            lines = split_lines(document.text) if document else []
            for ref in (*question.implies, *question.excludes, *question.refines):
                if ref.id == target.id:
                    out.append(_place(question.path, lines, ref.line, ref.column))
    return out


def count_maps(analysis: Analysis, agent: str, text_of: TextOf) -> int:
    return sum(1 for _path, s in analysis.folder.summaries(text_of) if s is not None and agent in s.agents)
