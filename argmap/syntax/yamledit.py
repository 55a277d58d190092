"""The one YAML editor: changes made in a file's own text, every other character kept (comments, quoting,
key order, blank lines, line ends, a byte order mark).

`argmap fix`, the editor's quick fixes, `links suggest --write`, `argmap import hypothesis` and `argmap new`'s
agents all edit through here. An edit is a range of the text and what replaces it (`Edit`, in characters);
`Source` reads the text (yamlsource's parse, under its limits, then its nodes) and says where an edit
goes: a scalar rewritten in its own quoting style, a whole value replaced, items added to a list in its
own indentation and line ends. `apply` makes several edits in one go; `span` gives an edit's LSP range
(0-based lines and characters), so the quick fixes are the same edits. An edit that cannot be made
safely raises EditError, whose message says why; items added are checked to read back as the old data
plus them before the edit is returned, and `same` compares data as written (key order, 1 against True)
for the callers' own checks of the result.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

import yaml

from argmap.core.record import record
from argmap.syntax.yamlsource import Document, Limits, Path, parse

try:  # libyaml's C parser where present, as yamlsource reads
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the line ends LSP knows (libyaml's NEL and U+2028 are not among them)
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOM = "\ufeff"


@record(frozen=True)
class Edit:
    """Replace the characters `start` to `end` of a text by `text` (start == end: an insertion)."""

    start: int
    end: int
    text: str


class EditError(Exception):
    """The edit cannot be made safely; the message says why (the user makes it by hand)."""


# -- texts, offsets and line ends ----------------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def newline_of(text: str) -> str:
    """The text's own line end, for lines an edit adds."""
    return "\r\n" if "\r\n" in text else "\n"


def with_newlines(added: str, text: str) -> str:
    """`added` (written with "\\n") in the line ends of `text`."""
    nl = newline_of(text)
    return added.replace("\n", nl) if nl != "\n" else added


def apply(text: str, edits: Sequence[Edit]) -> str:
    """`text` with every edit made; insertions at one place go in the order given. Overlapping edits, or
    one outside the text, raise ValueError: the caller built them wrong."""
    ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[1].end, pair[0]))
    pieces: list[str] = []
    at = 0
    for _, edit in ordered:
        if not at <= edit.start <= edit.end <= len(text):
            raise ValueError(f"edit {edit.start}-{edit.end} overlaps another or lies outside the text")
        pieces += [text[at:edit.start], edit.text]
        at = edit.end
    return "".join(pieces) + text[at:]


def position(text: str, offset: int) -> tuple[int, int]:
    """The 0-based line and character of `offset` (line ends as LSP counts them)."""
    before = split_lines(text[:offset])
    return len(before) - 1, len(before[-1])


def offset(text: str, line: int, char: int) -> int:
    """The offset of the 0-based `line` and `char`, clamped to the line (and to the text)."""
    start = 0
    for _ in range(line):
        found = _LINE_BREAK.search(text, start)
        if found is None:
            return len(text)
        start = found.end()
    found = _LINE_BREAK.search(text, start)
    return min(start + max(char, 0), found.start() if found else len(text))


def span(text: str, edit: Edit) -> tuple[int, int, int, int]:
    """The edit's range as LSP has it: start line and character, end line and character (0-based)."""
    return (*position(text, edit.start), *position(text, edit.end))


# -- scalars -------------------------------------------------------------------------------------------


_PLAIN_SAFE = re.compile(r"[A-Za-z\u00c0-\uffff][^\n\r\t#:]*[^\s:#]\Z|[A-Za-z]\Z")
_FLOW_INDICATORS = frozenset(",[]{}")


def scalar(value: str, style: str | None, flow: bool = False) -> str | None:
    """`value` written as a one-line YAML scalar of `style` (None or "": plain, "'", '"'), or None if that
    style cannot hold it. `flow`: inside `[...]` or `{...}`, where a plain scalar holds no `,[]{}`."""
    if any(ch in value for ch in "\n\r\x85\u2028\u2029") or not value.isprintable():
        return None
    if style == '"':
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style is None or style == "":
        # Plain only when it is plainly a string: no indicator, no `: ` or ` #`, not a number or boolean.
        if not _PLAIN_SAFE.match(value) or ": " in value or " #" in value:
            return None
        if flow and _FLOW_INDICATORS & set(value):
            return None
        return value if reads_as_text(value) else None
    return None


def reads_as_text(plain: str) -> bool:
    """Whether `plain`, written as a plain scalar, reads back as text (not a number, a boolean or null)."""
    try:
        node = yaml.compose(f"k: {plain}\n", Loader=_Loader)
    except yaml.YAMLError:
        return False
    return isinstance(node, yaml.MappingNode) and node.value[0][1].tag == _STR and node.value[0][1].value == plain


def quoted(value: str) -> str:
    """Any text as a one-line double-quoted scalar: every character that is not printable escaped (a raw
    NEL or line separator would be read as a line break, and folded)."""
    out = []
    for ch in json.dumps(value, ensure_ascii=False)[1:-1]:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def style_name(style: str | None) -> str:
    return {'"': "double-quoted", "'": "single-quoted", "|": "literal block", ">": "folded block"}.get(
        style or "", "plain")


def mapping_item(dash: str, inner: str, lines: Sequence[str]) -> str:
    """A list item that is a mapping, one `key: value` a line: the first after the dash, the others at
    `inner` (the column of the list's own keys), each line ending in "\\n"."""
    gap = " " * max(1, len(inner) - len(dash) - 1)
    return "".join((f"{dash}-{gap}" if i == 0 else inner) + line + "\n" for i, line in enumerate(lines))


# -- the text's nodes ----------------------------------------------------------------------------------


class Source:
    """A YAML text, parsed once (yamlsource's limits guard the compose), and where its values stand.

    Offsets are the text's own, whether or not it starts with a byte order mark (libyaml does not count
    the mark). A text that does not parse, or holds no document, raises EditError."""

    def __init__(self, text: str, limits: Limits | None = None, display: str = "the file") -> None:
        self.text = text
        self.limits = limits or Limits()
        self._shift = 1 if text.startswith(_BOM) else 0
        doc, findings = parse(text, display, self.limits)
        try:  # composed again for the nodes, once parse has found the text within the limits
            root = yaml.compose(text, Loader=_Loader) if doc is not None else None
        except (yaml.YAMLError, RecursionError):  # pragma: no cover - parse has read this very text
            root = None
        if doc is None or root is None:
            why = findings[-1].message if findings else "it holds no YAML document"
            raise EditError(f"{display} does not parse: {why}")
        self.doc: Document = doc
        self.root: yaml.Node = root
        self.newline = newline_of(text)
        self._scalars: dict[tuple[Path, bool], tuple[yaml.ScalarNode, bool] | None] | None = None

    @property
    def data(self) -> Any:
        return self.doc.data

    def start(self, node: yaml.Node) -> int:
        return int(node.start_mark.index) + self._shift

    def end(self, node: yaml.Node) -> int:
        return int(node.end_mark.index) + self._shift

    def node(self, path: Path) -> yaml.Node | None:
        """The node at `path` (the first of duplicate keys), or None."""
        node: yaml.Node | None = self.root
        for part in path:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return None
        return node

    def _scalar_nodes(self) -> dict[tuple[Path, bool], tuple[yaml.ScalarNode, bool] | None]:
        """Every scalar by its path (and whether it is the key or the value there) as the loader sees
        them (the first of duplicate keys), with whether it stands inside a flow collection; None for a
        node reached twice (an alias), which one edit would change in every place."""
        if self._scalars is not None:
            return self._scalars
        out: dict[tuple[Path, bool], tuple[yaml.ScalarNode, bool] | None] = {}
        seen: dict[int, int] = {}
        stack: list[tuple[yaml.Node, Path, bool]] = [(self.root, (), False)]
        while stack:
            node, path, flow = stack.pop()
            seen[id(node)] = seen.get(id(node), 0) + 1
            if isinstance(node, yaml.ScalarNode):
                out[(path, False)] = (node, flow) if seen[id(node)] == 1 else None
            elif isinstance(node, yaml.SequenceNode):
                inner = flow or bool(node.flow_style)
                stack.extend((child, (*path, i), inner) for i, child in enumerate(node.value))
            elif isinstance(node, yaml.MappingNode):
                inner = flow or bool(node.flow_style)
                keys: set[str] = set()
                for key, value in node.value:
                    if not isinstance(key, yaml.ScalarNode) or key.value in keys:
                        continue
                    keys.add(key.value)
                    out[((*path, key.value), True)] = (key, inner)
                    stack.append((value, (*path, key.value), inner))
        for where, found in list(out.items()):
            if found is not None and seen.get(id(found[0]), 0) > 1:
                out[where] = None
        self._scalars = out
        return out

    def replace_scalar(self, path: Path, on_key: bool, old: str, new: str) -> Edit:
        """Rewrite the one-line scalar at `path` (its key if `on_key`) from `old` to `new`, in the quoting
        style it has; EditError says why not."""
        found = self._scalar_nodes().get((path, on_key))
        if found is None:
            raise EditError("the value is repeated by an alias" if self.node(path) is not None or on_key
                            else "the value is not in the text")
        node, flow = found
        start, end = self.start(node), self.end(node)
        if node.start_mark.line != node.end_mark.line:
            raise EditError("the value spans lines: rewrite it by hand")
        style = node.style
        written = scalar(new, style, flow)
        if written is None:
            raise EditError(f"its {style_name(style)} style cannot hold the new text")
        if scalar(old, style, flow) is None and style not in ('"', "'"):
            raise EditError("the value is not written as a plain scalar")
        # libyaml gives a plain scalar the style "" (PyYAML's own parser None): either way, the node's
        # span must be the value alone, else it starts with an anchor or a tag that the edit would drop.
        text = self.text
        if (style in ('"', "'") and (text[start:start + 1] != style or text[end - 1:end] != style)) or \
                (not style and text[start:end] != old):
            raise EditError("the value is not where the parser says (a tag or anchor?)")
        return Edit(start, end, written)

    def replace_value(self, path: Path, written: str) -> Edit:
        """Replace the whole value at `path` (several lines if it spans them) by `written`; its trailing
        line ends and spaces stay."""
        node = self.node(path)
        if node is None:
            raise EditError("the value is not in the text")
        start, end = self.start(node), self.end(node)
        end = start + len(self.text[start:end].rstrip())  # a block scalar's end lies past its last line end
        return Edit(start, end, written)

    def multiline_scalars(self) -> list[tuple[int, int]]:
        """The (first, last) 0-based lines of each scalar that spans lines."""
        out: list[tuple[int, int]] = []
        for found in self._scalar_nodes().values():
            if found is None:
                continue
            first, _ = position(self.text, self.start(found[0]))
            last, char = position(self.text, self.end(found[0]))
            last -= 1 if char == 0 and last > first else 0
            if last > first:
                out.append((first, last))
        return out

    # -- adding items to a list --------------------------------------------------------------------

    def append(self, key: str, items: Sequence[Callable[[str, str], str]], at_end: bool = False) -> Edit:
        """Add `items` to the list under the top-level `key`: each is called with the list's dash and
        key indentation and returns its lines ("\\n" line ends, turned into the file's own).

        at_end: after everything in the file, so that the old text stays the new one's beginning; the
        list must be the file's last block. Otherwise after the list's last item (blank lines between
        items if the list has them), or into `key: []` / `key:`, or as a new key at the end.
        The result must read back as the old data with exactly `len(items)` more items in that list."""
        root = self.root
        if not isinstance(root, yaml.MappingNode) or root.flow_style:
            raise EditError("the file is not a block mapping")
        value = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if at_end:
            edit = self._append_at_end(key, value, items)
        else:
            edit = self._insert(key, value, items)
        self.check_appended(apply(self.text, [edit]), key, len(items))
        return edit

    def _append_at_end(self, key: str, value: yaml.Node | None, items: Sequence[Callable[[str, str], str]]) -> Edit:
        if not isinstance(value, yaml.SequenceNode) or value.flow_style:
            raise EditError(f"its `{key}:` is not a block list")
        dash, inner = self._indents(value)
        text = self.text
        added = ("" if not text or text.endswith(("\n", "\r")) else "\n") + "".join(item(dash, inner) for item in items)
        return Edit(len(text), len(text), with_newlines(added, text))

    def _indents(self, value: yaml.SequenceNode) -> tuple[str, str]:
        if not value.value:
            return "  ", "    "
        dash_column = value.start_mark.column
        first = value.value[0]
        inner_column = first.start_mark.column if isinstance(first, yaml.MappingNode) else dash_column + 2
        return " " * dash_column, " " * max(inner_column, dash_column + 2)

    def _insert(self, key: str, value: yaml.Node | None, items: Sequence[Callable[[str, str], str]]) -> Edit:
        text = self.text
        if value is None:  # no such key yet: a new key at the end, its items a blank line apart
            block = "\n".join(item("  ", "    ") for item in items)
            lead = "" if text.endswith("\n") or not text else "\n"
            return Edit(len(text), len(text), with_newlines(f"{lead}\n{key}:\n{block}", text))
        empty = (isinstance(value, yaml.SequenceNode) and not value.value) or \
            (isinstance(value, yaml.ScalarNode) and value.tag == _NULL)
        if empty:  # `key: []` (as `argmap new` writes it) or `key:`
            start, end = self.start(value), self.end(value)
            line_end = _line_end(text, end)
            rest = text[end:line_end].strip()
            head_end = len(text[:start].rstrip(" "))
            added = (" " + rest if rest else "") + "\n" + "".join(item("  ", "    ") for item in items)
            # up to the line's end (its comment, if any, moved before the new items), keeping what follows
            return Edit(head_end, _after_break(text, line_end), with_newlines(added, text))
        if not isinstance(value, yaml.SequenceNode) or value.flow_style:
            raise EditError(f"its `{key}:` is not a block list")
        dash, inner = self._indents(value)
        blank = len(value.value) == 1 or text[self._last_end(value.value[0]):self.start(value.value[1])].count("\n") >= 2
        at = self._last_end(value)
        if not text[:at].endswith("\n"):
            at = _after_break(text, _line_end(text, at))
        nl = self.newline
        lead = "" if text[:at].endswith("\n") or not at else nl
        spaced = (text[:at] + lead).endswith(nl + nl)  # a blank line there already
        added = "".join(("\n" if blank and (i or not spaced) else "") + item(dash, inner) for i, item in enumerate(items))
        return Edit(at, at, lead + with_newlines(added, text))

    def _last_end(self, node: yaml.Node) -> int:
        """Where the node's last scalar (or flow collection) ends: a block collection's own end mark lies
        past the comments and blank lines that follow it."""
        while isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and not node.flow_style and node.value:
            last = node.value[-1]
            node = last[1] if isinstance(last, tuple) else last
        return self.end(node)

    def check_appended(self, new_text: str, key: str, count: int) -> None:
        """EditError unless `new_text` reads as this text's data with `count` more items at the end of the
        list under `key` and nothing else changed."""
        new, _ = parse(new_text, "", self.limits)
        old = self.data
        before = old.get(key) if isinstance(old, dict) else None
        before = before if isinstance(before, list) else []
        after = new.data.get(key) if new is not None and isinstance(new.data, dict) else None
        if not isinstance(after, list) or len(after) != len(before) + count or not same(after[:len(before)], before) \
                or not same({k: v for k, v in new.data.items() if k != key},  # type: ignore[union-attr]
                            {k: v for k, v in old.items() if k != key}):
            raise EditError(f"the result would not read as the old `{key}:` list with the new items at its end")


def _line_end(text: str, at: int) -> int:
    found = _LINE_BREAK.search(text, at)
    return found.start() if found else len(text)


def _after_break(text: str, line_end: int) -> int:
    found = _LINE_BREAK.match(text, line_end)
    return found.end() if found else line_end


def same(a: Any, b: Any) -> bool:
    """Equal, and equal as written (key order, 1 against 1.0 or True)."""
    return bool(a == b and repr(a) == repr(b))

