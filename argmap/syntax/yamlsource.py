"""Files to positioned YAML values: read each file once, parse with libyaml, keep every line and column.

The parser only composes nodes; argmap builds plain values itself, so no YAML tag can construct a
Python object, duplicate keys are seen instead of silently dropped, and aliases cannot explode.
"""

from __future__ import annotations

import io
import stat

from argmap.core.diagnostics import Finding
from argmap.core.record import field, record
from argmap.core.rules import DUPLICATE_KEY, EMPTY_FILE, LIMIT_EXCEEDED, NOT_UTF8, UNREADABLE, UNSAFE_TAG, WRONG_SHAPE, YAML_ALIAS, YAML_SYNTAX
from argmap.files.bounded import read_regular, utf8_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import yaml
    from yaml import CSafeLoader as _Loader

Path = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_SAFE_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _MAP, _SEQ, _MERGE}

# libyaml's composer recurses in C; a file nested tens of thousands deep would crash the process
# before Python could object. Files whose crude nesting bound passes this get an exact,
# flat, event-based depth check first.
_C_STACK_SAFE_DEPTH = 2000
# Newer libyaml builds (PyYAML 6.0.3 and later wheels) refuse nesting past 1000 levels themselves, in the
# scanner, before argmap's own event pass sees the level that is too deep: the same finding either way.
_PARSER_NESTING_ERROR = "maximum nesting depth"
_PARSER_MAX_DEPTH = 1000


@record(frozen=True)
class Limits:
    max_file_size: int = 20_000_000
    max_depth: int = 64
    max_nodes: int = 1_000_000


@record
class Document:
    """One parsed file: its text, its plain value, and where each value and key stands."""

    path: str
    text: str
    data: Any
    pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keypos: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def at(self, path: Path) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest positioned parent."""
        while path:
            if path in self.pos:
                return self.pos[path]
            path = path[:-1]
        return self.pos.get((), (1, 1))

    def key_at(self, path: Path) -> tuple[int, int]:
        """Line and column of the key that holds `path` (falls back to the value)."""
        return self.keypos.get(path) or self.at(path)


class _Stop(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


def _bad_utf8(path: str, raw: bytes, error: UnicodeDecodeError) -> Finding:
    before = raw[: error.start]
    line = before.count(b"\n") + 1
    column = error.start - (before.rfind(b"\n") + 1) + 1
    return NOT_UTF8.at(
        path, line, column,
        f"byte 0x{raw[error.start]:02x} at offset {error.start} is not valid UTF-8",
        "re-save the file as UTF-8; if it is not a map, move it out of the maps directory",
    )


def _too_large(display: str, size: int, limits: Limits) -> Finding:
    return LIMIT_EXCEEDED.at(display, 0, 0, f"file is {size:,} bytes, over the limit of {limits.max_file_size:,}",
                             "split the file, or raise the limit with --max-file-size or max-file-size in [tool.argmap]")


def size_finding(text: str, display: str, limits: Limits) -> Finding | None:
    """Y007 for a text already in memory (an editor's unsaved text) over --max-file-size, as read_text says it of a file."""
    if 4 * len(text) <= limits.max_file_size:  # a code point is at most four bytes: most texts stop here
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    return _too_large(display, size, limits) if size > limits.max_file_size else None


def read_text(path: str, display: str, limits: Limits) -> tuple[str | None, list[Finding]]:
    """The file's text, decoded once, or the finding that says why it cannot be had."""
    try:
        raw, info = read_regular(path, limits.max_file_size)
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            return None, [UNREADABLE.at(display, 0, 0, f"cannot read the file: it is {kind}",
                                        "maps are regular files; move this out of the maps directory")]
        if raw is None:
            return None, [_too_large(display, info.st_size, limits)]
    except OSError as error:
        return None, [UNREADABLE.at(display, 0, 0, f"cannot read the file: {error.strerror or error}",
                                    "check that the file exists and is readable")]
    try:
        text = utf8_text(raw)  # a BOM is harmless: accept and drop it
    except UnicodeDecodeError as error:
        return None, [_bad_utf8(display, raw, error)]
    return text, []


def _nesting_bound(text: str) -> int:
    """An upper bound of the nesting depth: flow levels need a bracket each, block levels a column."""
    brackets = text.count("[") + text.count("{")
    if brackets + len(text) <= _C_STACK_SAFE_DEPTH:
        return brackets + len(text)
    # Nearly every file has short lines: if each block of `size` characters holds a line end, no line is
    # 2 * size - 1 long (such a run would cover a whole block), and that bound passes no more than needed.
    # A search for a line end per block costs far less than measuring every line (3% of check's time).
    size = (_C_STACK_SAFE_DEPTH - brackets + 1) // 2
    if size > 1 and all(text.find("\n", start, start + size) != -1
                        for start in range(0, len(text) - size + 1, size)):
        return 2 * size - 1 + brackets  # with its line end, as the count below has it
    # Lines one at a time: a 20 MB file of short lines must not become millions of strings at once.
    longest = max(map(len, io.StringIO(text, newline="")), default=0)
    return longest + brackets


def _node_bound(text: str, limit: int) -> int:
    """An upper bound of the nodes `_excess` counts (every document's). Every node but a document's root is a
    sequence's item, a mapping's key or a mapping's value, and each item or entry (at most two nodes, a null
    taking no character) needs an indicator of its own: '-', '[' or ',' an item; ':', '?', '{' or ',' an
    entry; each document after the first starts with '---'. Below `limit` the text's length bounds it for
    nothing; above, counting the indicators costs about 5 ms a megabyte, where the pass of `_excess` costs
    about 230 ms (a 5 MB map of 480,000 nodes: the bound says 640,036, under the default of 1,000,000, and
    its parse no longer takes that pass: 1.2 s of its 4.5 s)."""
    if 2 * len(text) + 2 <= limit:
        return 2 * len(text) + 2
    return 2 + 2 * sum(map(text.count, ":-,[{?"))


def _excess(text: str, max_depth: int | None, max_nodes: int | None) -> tuple[str, int, int] | None:
    """The first place (line, column) where the nesting goes deeper than `max_depth` ("depth") or the
    file holds more than `max_nodes` nodes before aliases ("nodes"), or None; a limit of None is not
    checked. Too deep wins over too many, as the depth is what endangers the composer.

    One flat, event-based pass that stops as soon as the answer is known: libyaml's scanner costs time in
    proportion to the open flow level for every token, so reading a 200,000-deep file to its end
    would take minutes even though the answer is known after the first few hundred bytes.
    """
    if not _yaml_imported:
        _import_yaml()
    depth = count = 0
    too_many: tuple[str, int, int] | None = None
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, ends):
            depth -= 1
            continue
        if isinstance(event, starts):
            depth += 1
            if max_depth is not None and depth > max_depth:
                return "depth", *_event_position(event)
        elif not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
            continue
        count += 1
        if max_nodes is not None and count > max_nodes and too_many is None:
            too_many = "nodes", *_event_position(event)
            if max_depth is None:
                break
    return too_many


def _event_position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (0, 0)


class _Builder:
    """Turns composed nodes into plain values and positions, enforcing the limits."""

    def __init__(self, display: str, limits: Limits) -> None:
        self.display = display
        self.limits = limits
        self.pos: dict[Path, tuple[int, int]] = {}
        self.keypos: dict[Path, tuple[int, int]] = {}
        self.findings: list[Finding] = []
        self.nodes = 0
        self.seen: set[int] = set()
        self.alias_reported = False
        self.sizes: dict[int, int] = {}
        self.root: yaml.Node | None = None

    def _where(self, node: yaml.Node) -> tuple[int, int]:
        mark = node.start_mark
        return mark.line + 1, mark.column + 1

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.nodes += 1
        line, column = self._where(node)
        if self.nodes > self.limits.max_nodes:
            raise _Stop(LIMIT_EXCEEDED.at(
                self.display, line, column,
                f"the document expands to more than {self.limits.max_nodes:,} nodes (alias bomb?)",
                "remove the aliases, or raise --max-nodes if the file is genuine",
            ))
        if depth > self.limits.max_depth:
            raise _Stop(LIMIT_EXCEEDED.at(
                self.display, line, column,
                f"nesting deeper than {self.limits.max_depth} levels",
                "maps need only a few levels; raise --max-depth if the file is genuine",
            ))
        self.pos[path] = (line, column)
        if node.tag not in _SAFE_TAGS:
            raise _Stop(UNSAFE_TAG.at(
                self.display, line, column, f"tag {node.tag!r} is not allowed",
                "remove the tag: maps hold only text, numbers, booleans, lists and mappings",
            ))
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if id(node) in self.seen:
            if not self.alias_reported:
                self.alias_reported = True
                self.findings.append(YAML_ALIAS.at(
                    self.display, line, column, "this anchored value is repeated by a YAML alias",
                    "write the value out instead of using &anchor / *alias",
                ))
                # Measure what the whole document expands to before expanding any alias: a "billion
                # laughs" is refused at once, without building (and holding) millions of values first.
                if self.root is not None and self._size(self.root) > self.limits.max_nodes:
                    line, column = self._where(self._culprit())
                    raise _Stop(LIMIT_EXCEEDED.at(
                        self.display, line, column,
                        f"the document expands to more than {self.limits.max_nodes:,} nodes (alias bomb?)",
                        "remove the aliases, or raise --max-nodes if the file is genuine",
                    ))
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)  # the composer makes only scalars, sequences and mappings
        return self._mapping(node, path, depth)

    def _culprit(self) -> yaml.Node:
        """The outermost value that alone expands past the node limit (where to point the finding)."""
        node = self.root
        assert node is not None  # only called once the root is being built
        while not isinstance(node, yaml.ScalarNode):
            children = [pair[1] for pair in node.value] if isinstance(node, yaml.MappingNode) else node.value
            big = next((c for c in children if self.sizes[id(c)] > self.limits.max_nodes), None)
            if big is None:
                return node
            node = big
        return node

    def _size(self, node: yaml.Node) -> int:
        """How many values `node` expands to, aliases included (memoised: linear in the graph).

        A value that contains an alias of itself expands without end: reported as over the limit.
        """
        sizes = self.sizes
        opened: set[int] = set()
        stack: list[tuple[yaml.Node, bool]] = [(node, False)]  # flat post-order walk
        while stack:
            current, expanded = stack.pop()
            key = id(current)
            if isinstance(current, yaml.ScalarNode):
                sizes[key] = 1
                continue
            children = [pair[1] for pair in current.value] if isinstance(current, yaml.MappingNode) \
                else current.value
            if expanded:
                opened.discard(key)
                sizes[key] = 1 + sum(sizes[id(c)] for c in children)
                continue
            if key in sizes:
                continue
            opened.add(key)
            stack.append((current, True))
            for child in children:
                if id(child) in opened:
                    raise _Stop(LIMIT_EXCEEDED.at(
                        self.display, *self._where(child),
                        "a YAML alias refers to the value that contains it: it expands without end",
                        "remove the alias; maps hold no recursive values",
                    ))
                if id(child) not in sizes:
                    stack.append((child, False))
        return sizes[id(node)]

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            line, column = self._where(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Stop(WRONG_SHAPE.at(
                    self.display, line, column, "a mapping key is a list or mapping",
                    "keys are plain words such as `id` or `text`",
                ))
            if key_node.tag not in _SAFE_TAGS:
                raise _Stop(UNSAFE_TAG.at(
                    self.display, line, column, f"tag {key_node.tag!r} is not allowed",
                    "remove the tag: maps hold only text, numbers, booleans, lists and mappings",
                ))
            key = str(key_node.value)
            if key in first:
                was = first[key]
                self.findings.append(DUPLICATE_KEY.at(
                    self.display, line, column,
                    f"duplicate key {key!r} (first defined at line {was[0]}, column {was[1]})",
                    "remove one of the two; a YAML parser would silently keep only the last",
                ))
                continue
            first[key] = (line, column)
            child = (*path, key)
            self.keypos[child] = (line, column)
            result[key] = self.build(value_node, child, depth + 1)
        return result


def _scalar(node: yaml.ScalarNode) -> Any:
    return _scalar_value(node.value, node.tag)


def _scalar_value(value: str, tag: str) -> Any:
    if tag == _INT:
        text = value.replace("_", "")
        try:
            lowered = text.lower().lstrip("+-")
            sign = -1 if text.startswith("-") else 1
            if lowered.startswith("0x"):
                return sign * int(lowered[2:], 16)
            if lowered.startswith("0o"):
                return sign * int(lowered[2:], 8)
            if lowered.startswith("0b"):
                return sign * int(lowered[2:], 2)
            return int(text)
        except ValueError:  # sexagesimal, or digits beyond Python's int-from-text limit
            return value
    if tag == _FLOAT:
        try:
            return float(value.replace("_", "").replace(".inf", "inf").replace(".nan", "nan")
                         .replace(".Inf", "inf").replace(".NaN", "nan").replace(".INF", "inf")
                         .replace(".NAN", "nan"))
        except ValueError:
            return value
    if tag == _BOOL:
        return value.lower() in ("yes", "true", "on", "y")
    if tag == _NULL:
        return None
    return value  # strings, and timestamps kept as written: dates are checked by the schema


# The implicit resolvers of plain scalars, by first character (PyYAML has none for any character).
_RESOLVERS: dict[str, list[tuple[str, Any]]]
# The first characters of plain scalars that may resolve to a tag argmap does not build (`=`, PyYAML's
# `value`): only a key starting with one of these is resolved at all.
_UNSAFE_STARTS: set[str]
# Whether `yaml`, `_Loader` and the two above are bound yet: PyYAML is imported by the first parse, not with
# this module. Its import is a fifth of the start-up of `argmap check` (18 ms), and a check whose maps and
# registries all come from the cache parses nothing.
_yaml_imported = False


def _import_yaml() -> None:
    global yaml, _Loader, _RESOLVERS, _UNSAFE_STARTS, _yaml_imported
    import yaml

    try:  # libyaml's C parser where present: the speed of the whole check rests on it
        from yaml import CSafeLoader as _Loader
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeLoader as _Loader  # type: ignore[assignment]
    _RESOLVERS = _Loader.yaml_implicit_resolvers
    _UNSAFE_STARTS = {start for start, found in _RESOLVERS.items() if any(tag not in _SAFE_TAGS for tag, _ in found)}
    _yaml_imported = True


def ready() -> None:
    """PyYAML imported now (before worker processes are forked, so that each does not import it again)."""
    if not _yaml_imported:
        _import_yaml()


def __getattr__(name: str) -> Any:
    """`yamlsource._Loader` (and the rest of what `_import_yaml` binds) asked for before the first parse."""
    if name in ("yaml", "_Loader", "_RESOLVERS", "_UNSAFE_STARTS") and not _yaml_imported:
        _import_yaml()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _plain_tag(value: str, resolvers: list[tuple[str, Any]]) -> str:
    """The tag the composer resolves a plain (untagged, unquoted) scalar to, from the resolvers of its
    first character."""
    for tag, regexp in resolvers:
        if regexp.match(value):
            return tag
    return _STR


# The tags of plain scalars resolved so far: ids such as `thesis` and dates recur in every map, and each
# costs the resolvers' patterns of its first character. Bounded: a corpus's values are many.
_PLAIN_TAGS: dict[str, str] = {}
_KNOWN_TAGS = 4096


class _NotPlain(Exception):
    """The document is not plain: the composing path reads it (and says what is wrong with it)."""


Positions = dict[Path, tuple[int, int]]


def _plain_document(text: str, limits: Limits) -> tuple[Any, Positions, Positions] | None:
    """The value and positions of a plain document straight from libyaml's events, or None.

    Plain: one document, without anchors, aliases, tags or duplicate keys, within the limits: nearly every
    map. For it the result is what `_Builder` makes of the composed nodes, at about half the cost: no node
    objects, and no call of the resolver for each scalar. Anything else, a syntax error included, is None,
    and the composing path reads the file and says what is wrong with it.
    """
    if not _yaml_imported:
        _import_yaml()
    if _Loader.yaml_path_resolvers or None in _RESOLVERS:  # resolvers this path does not ask: the composer's
        return None
    try:
        loader = _Loader(text)
    except UnicodeEncodeError:
        return None
    try:
        return _from_events(loader.get_event, limits)
    except (yaml.YAMLError, UnicodeEncodeError, _NotPlain):
        return None
    finally:
        loader.dispose()


def _from_events(get: Any, limits: Limits) -> tuple[Any, Positions, Positions]:
    if type(get()) is not yaml.StreamStartEvent or type(get()) is not yaml.DocumentStartEvent:
        raise _NotPlain  # an empty file
    # Every name the loop reads is local, and paths grow by concatenation: this loop is most of the cost of
    # reading a map beyond libyaml's own (a quarter of check's CPU time).
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    resolvers_of, unsafe_starts, safe_tags, known_tags = _RESOLVERS.get, _UNSAFE_STARTS, _SAFE_TAGS, _PLAIN_TAGS
    max_nodes, max_depth = limits.max_nodes, limits.max_depth
    pos: Positions = {}
    keypos: Positions = {}
    nodes = 0
    root: Any = None
    # The open mapping or sequence (None: the root comes next), its path, and the path of its next value
    # (None: a mapping's key comes next). Each enclosing one waits on the stack, so len(stack) is the depth.
    container: dict[str, Any] | list[Any] | None = None
    in_mapping = False  # container is a dict
    key = ""  # the key of the mapping's value that comes next
    inside: Path = ()
    here: Path | None = ()
    stack: list[tuple[dict[str, Any] | list[Any] | None, Path]] = []
    while True:
        event = get()
        kind = type(event)
        if kind is mapping_end or kind is sequence_end:
            container, inside = stack.pop()
            if container is None:
                break
            in_mapping = type(container) is dict
            here = None if in_mapping else inside + (len(container),)  # noqa: RUF005
            continue
        if event.anchor is not None or event.tag is not None:  # an alias, an anchor or a tag
            raise _NotPlain
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        if here is None:  # a key of the open mapping
            if kind is not scalar_event:
                raise _NotPlain  # a key that is a mapping or a sequence
            key = event.value
            if key in container:  # type: ignore[operator]
                raise _NotPlain  # a duplicate
            if key[:1] in unsafe_starts and event.implicit[0] and \
                    _plain_tag(key, _RESOLVERS[key[:1]]) not in safe_tags:
                raise _NotPlain
            here = inside + (key,)  # noqa: RUF005
            keypos[here] = where
            continue
        nodes += 1
        if nodes > max_nodes or len(stack) > max_depth:
            raise _NotPlain
        pos[here] = where
        value: Any
        if kind is scalar_event:
            value = event.value
            resolvers = resolvers_of(value[:1])
            if resolvers is not None and event.implicit[0]:  # plain: typed as the composer types it
                tag = known_tags.get(value)
                if tag is None:
                    tag = _plain_tag(value, resolvers)
                    if len(known_tags) < _KNOWN_TAGS:
                        known_tags[value] = tag
                if tag != _STR:
                    if tag not in safe_tags:
                        raise _NotPlain
                    value = _scalar_value(value, tag)
            if container is None:
                root = value
                break
            if in_mapping:
                container[key] = value  # type: ignore[call-overload]
                here = None
            else:
                container.append(value)  # type: ignore[union-attr]
                here = inside + (len(container),)  # noqa: RUF005
            continue
        if kind is mapping_start:
            value = {}
        elif kind is sequence_start:
            value = []
        else:
            raise _NotPlain
        if container is None:
            root = value
        elif in_mapping:
            container[key] = value  # type: ignore[call-overload]
        else:
            container.append(value)  # type: ignore[union-attr]
        stack.append((container, inside))
        container, inside = value, here
        in_mapping = kind is mapping_start
        here = None if in_mapping else here + (0,)  # noqa: RUF005
    if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
        raise _NotPlain  # a second document
    return root, pos, keypos


def parse(text: str, display: str, limits: Limits) -> tuple[Document | None, list[Finding]]:
    """Parse one file's text into a Document, or the finding that says why not."""
    if not _yaml_imported:
        _import_yaml()
    try:
        # Deeper than _C_STACK_SAFE_DEPTH is never composed, whatever --max-depth says; and each composed
        # node costs a few hundred bytes, so count first when the text could hold too many (_node_bound: not
        # when its indicators show it cannot). Both in one pass.
        depth_limit = min(limits.max_depth, _C_STACK_SAFE_DEPTH)
        check_depth = depth_limit if _nesting_bound(text) > _C_STACK_SAFE_DEPTH else None
        check_nodes = limits.max_nodes if _node_bound(text, limits.max_nodes) > limits.max_nodes else None
        excess = _excess(text, check_depth, check_nodes) if check_depth or check_nodes else None
        if excess and excess[0] == "depth":
            return None, [_too_deep(display, excess[1], excess[2], depth_limit, limits)]
        if excess:
            return None, [LIMIT_EXCEEDED.at(
                display, *excess[1:], f"the document has more than {limits.max_nodes:,} nodes",
                "split the file, or raise --max-nodes if the file is genuine",
            )]
        plain = _plain_document(text, limits)
        if plain is not None:
            return Document(display, text, *plain), []
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = error.problem or "invalid YAML"
        if _PARSER_NESTING_ERROR in problem:
            return None, [_too_deep(display, line, column, min(limits.max_depth, _PARSER_MAX_DEPTH), limits)]
        if "expected a single document" in f"{problem} {error.context}":
            return None, [WRONG_SHAPE.at(display, line, column,
                                         "the file holds more than one YAML document",
                                         "keep one map per file; remove the extra '---'")]
        context = f" ({error.context})" if error.context else ""
        at = text[mark.index] if mark and 0 <= mark.index < len(text) else ""
        if at == "\t":
            problem += " (a tab)"
        return None, [YAML_SYNTAX.at(display, line, column, f"{problem}{context}",
                                     _syntax_hint(problem, at))]
    except UnicodeEncodeError as error:  # text handed in by a caller, with lone surrogates: files never have them
        line, column = _offset_to_line(text, error.start)
        return None, [NOT_UTF8.at(display, line, column, f"character {error.object[error.start]!r} is not valid Unicode",
                                  "re-save the file as UTF-8")]
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        mark = getattr(error, "problem_mark", None)
        position = getattr(error, "position", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else _offset_to_line(text, position)
        reason = getattr(error, "reason", None) or str(error).splitlines()[0]
        return None, [YAML_SYNTAX.at(display, line, column, f"cannot parse: {reason}",
                                     "remove control characters; maps are plain UTF-8 text")]
    if node is None:
        return None, [EMPTY_FILE.at(display, 0, 0, "the file holds no YAML document",
                                    "write the map, or delete the file")]
    builder = _Builder(display, limits)
    builder.root = node
    try:
        data = builder.build(node, (), 0)
    except _Stop as stop:
        return None, [*builder.findings, stop.finding]
    return Document(display, text, data, builder.pos, builder.keypos), builder.findings


def _too_deep(display: str, line: int, column: int, depth_limit: int, limits: Limits) -> Finding:
    """Y007 for nesting past `depth_limit`, whether argmap's pass or the parser itself stopped it."""
    return LIMIT_EXCEEDED.at(
        display, line, column, f"nesting deeper than {depth_limit} levels",
        "maps need only a few levels; raise --max-depth if the file is genuine"
        if depth_limit == limits.max_depth else f"argmap reads at most {depth_limit} levels",
    )


def _offset_to_line(text: str, offset: int | None) -> tuple[int, int]:
    if offset is None:
        return 0, 0
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _syntax_hint(problem: str, at: str = "") -> str:
    if "tab" in problem or at == "\t":
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "quote a text value that contains ': ' (or use `>-` for long text)"
    if "found undefined alias" in problem:
        return "an alias (*name) must follow its anchor (&name)"
    if "could not find expected ':'" in problem:
        return "each line of a mapping is `key: value`; check the indentation of this line"
    return "check quoting and indentation at this position"


def load(path: str, display: str, limits: Limits) -> tuple[Document | None, list[Finding]]:
    """Read and parse one file: the only place a map file's bytes are read."""
    text, findings = read_text(path, display, limits)
    if text is None:
        return None, findings
    document, more = parse(text, display, limits)
    return document, findings + more
