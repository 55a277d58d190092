"""The JSON Schemas (draft-07) of the format, and a validator that reports with lines and columns.

The schemas are the one definition of the format's shape: `argmap schema` prints them, the copies in
schema/ are kept equal by a test, editors validate with them through the yaml-language-server, and
`validate` below interprets the subset of draft-07 they use against positioned YAML values.
`x-rule` names the rule a failure inside that part of the schema is reported under.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from argmap._version import FORMAT_VERSION
from argmap.core.diagnostics import Finding
from argmap.core.didyoumean import suggestion
from argmap.core.ids import ENDPOINT_PATTERN, ID_PATTERN, is_id, slug
from argmap.core.rules import (
    BAD_DATE,
    BAD_ID,
    BAD_VALUE,
    BAD_VERSION,
    MISSING_FIELD,
    RULES,
    STANCE_OUT_OF_SCALE,
    UNKNOWN_KEY,
    WRONG_SHAPE,
    WRONG_TYPE,
)
from argmap.core.rules.rule import Rule
from argmap.core.stance import BASES, LABELS
from argmap.syntax.yamlsource import Document, Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Patterns match the whole value. A JSON Schema `pattern` is a search in ECMA-262 regex, where `$` is
# the end of the text; in Python `$` also matches before a final newline, so "putin\n" would pass
# Python's `re` (and the jsonschema package) but not an editor. `$(?!\n)` is the end of the text in both
# dialects (`\Z` does not exist in ECMA-262), so argmap, jsonschema and editors agree. The id patterns
# live in argmap/core/ids.py, with the one slug.
DATE_PATTERN = r"^(unknown|[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)$(?!\n)"
# A BCP 47 language tag, loosely: a primary language and optional subtags (`ru`, `be`, `be-Latn`, `sr-Cyrl-RS`).
LANGUAGE_PATTERN = r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$(?!\n)"
SCHEMA_BASE = "https://argmap.invalid/schema"

_DEFS: dict[str, Any] = {
    "id": {
        "type": "string", "pattern": ID_PATTERN, "maxLength": 80, "x-rule": BAD_ID.code,
        "description": "Lowercase ASCII words joined by hyphens, e.g. andrei-kazakevich.",
    },
    "ids": {"type": "array", "items": {"$ref": "#/definitions/id"}, "uniqueItems": True},
    "text": {"type": "string", "minLength": 1, "pattern": r"\S", "x-rule-empty": BAD_VALUE.code},
    "version": {
        "const": FORMAT_VERSION, "x-rule": BAD_VERSION.code,
        "description": "Format version of the file. This argmap reads version 1.",
    },
}


def _mapping(required: list[str], properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    """A mapping of these keys, the `required` ones among them, and no other."""
    return {"type": "object", **({"description": description} if description else {}), "required": required,
            "additionalProperties": False, "properties": properties}


def _document(name: str, title: str, required: list[str], properties: dict[str, Any], definitions: dict[str, Any],
              description: str = "") -> dict[str, Any]:
    """The schema of a kind of file, published as NAME.schema.json."""
    return {"$schema": "http://json-schema.org/draft-07/schema#", "$id": f"{SCHEMA_BASE}/{name}.schema.json", "title": title,
            **({"description": description} if description else {}), **_mapping(required, properties), "definitions": definitions}


def _registry(kind: str, required: list[str], fields: dict[str, Any], description: str = "",
              definitions: dict[str, Any] = _DEFS) -> dict[str, Any]:
    """The schema of a registry file: `argmap: 1` and the list `kind` of mappings with these fields."""
    properties = {"argmap": {"$ref": "#/definitions/version"}, kind: {"type": "array", "items": _mapping(required, fields)}}
    return _document(kind, f"argmap {kind} registry", ["argmap", kind], properties, definitions, description)


MAP_SCHEMA = _document("map", "argmap map", ["argmap", "id", "source"], {
    "argmap": {"$ref": "#/definitions/version"},
    "id": {"$ref": "#/definitions/id", "description": "The map's id, unique in the corpus."},
    "source": {"$ref": "#/definitions/source"},
    "agents": {
        "$ref": "#/definitions/ids",
        "description": "Agents other than the author who speak or are reported in the article.",
    },
    "thesis": {"$ref": "#/definitions/claim", "description": "The article's main conclusion."},
    "claims": {"type": "array", "items": {"$ref": "#/definitions/claim"}},
    "evidence": {"type": "array", "items": {"$ref": "#/definitions/evidence"}},
    "positions": {"type": "array", "items": {"$ref": "#/definitions/position"}},
    "notes": {"$ref": "#/definitions/text"},
}, {
    **_DEFS,
    "source": _mapping(["title", "authors", "outlet", "date"], {
        "title": {"$ref": "#/definitions/text"},
        "authors": {
            "description": "Agent ids of the article's authors, or `unknown`.",
            "oneOf": [
                {"type": "array", "items": {"$ref": "#/definitions/id"},
                 "minItems": 1, "uniqueItems": True},
                {"type": "string", "const": "unknown"},
            ],
        },
        "outlet": {"$ref": "#/definitions/text"},
        "date": {
            "description": "YYYY, YYYY-MM, YYYY-MM-DD or `unknown`.",
            "type": ["string", "integer"], "pattern": DATE_PATTERN,
            "minimum": 1000, "maximum": 9999, "x-rule": BAD_DATE.code,
        },
        "url": {"$ref": "#/definitions/text"},
        "archived": {"$ref": "#/definitions/text"},  # an archive copy's address
        "language": {
            "type": "string", "pattern": LANGUAGE_PATTERN, "maxLength": 35, "x-rule": BAD_VALUE.code,
            "description": "The article's language, a BCP 47 tag: `ru`, `be`, `en`.",
        },
        "text": {
            "type": "string", "minLength": 1,
            "description": "File name of the article's text in the sources directory.",
        },
        "notes": {"$ref": "#/definitions/text"},
    }, "The article. Write `unknown` for what the article does not say."),
    "claim": _mapping(["id", "text", "by"], {
        "id": {"$ref": "#/definitions/id"},
        "text": {"$ref": "#/definitions/text"},
        "by": {"$ref": "#/definitions/id", "description": "Who asserts it: `author` or an agent id."},
        "supports": {"$ref": "#/definitions/ids", "description": "Ids this claim supports."},
        "attacks": {"$ref": "#/definitions/ids", "description": "Ids this claim attacks."},
        "note": {"$ref": "#/definitions/text"},
    }),
    "evidence": _mapping(["id", "quote", "speaker"], {
        "id": {"$ref": "#/definitions/id"},
        "quote": {
            "$ref": "#/definitions/text",
            "description": "Verbatim words from the article; … or [...] marks a cut.",
        },
        "speaker": {"$ref": "#/definitions/id", "description": "Who says these words."},
        "grounds": {"$ref": "#/definitions/ids", "description": "Claim ids this quote grounds."},
        "translation": {
            "$ref": "#/definitions/text",
            "description": "The quote in the map's language, when the quote keeps the article's own.",
        },
        "note": {"$ref": "#/definitions/text"},
    }),
    "position": _mapping(["agent", "question", "stance", "grounds"], {
        "agent": {"$ref": "#/definitions/id"},
        "question": {"$ref": "#/definitions/id"},
        "stance": {
            "description": "-2 strongly-disagree .. 2 strongly-agree, as the number or its label.",
            "x-rule": STANCE_OUT_OF_SCALE.code,
            "oneOf": [
                {"type": "integer", "minimum": -2, "maximum": 2},
                {"type": "string", "enum": list(LABELS.values())},
            ],
        },
        "basis": {
            "type": "string", "enum": list(BASES), "x-rule": BAD_VALUE.code,
            "description": "How the stance is known: stated (the speaker's own words), reported (the "
                           "author's paraphrase), act (a petition, vote, protest...) or inferred.",
        },
        "grounds": {
            "$ref": "#/definitions/ids", "minItems": 1,
            "description": "Claim or evidence ids that ground the stance.",
        },
        "note": {"$ref": "#/definitions/text"},
    }),
}, "One article's argument: source, agents, thesis, claims, evidence and positions.")

AGENTS_SCHEMA = _registry("agents", ["id", "name"], {
    "id": {"$ref": "#/definitions/id"},
    "name": {"$ref": "#/definitions/text"},
    "aliases": {"type": "array", "items": {"$ref": "#/definitions/text"}},
    "kind": {"type": "string", "enum": ["person", "organisation", "group"], "x-rule": BAD_VALUE.code},
    "description": {"$ref": "#/definitions/text"},
})

QUESTIONS_SCHEMA = _registry("questions", ["id", "proposition"], {
    "id": {"$ref": "#/definitions/id"},
    "proposition": {"$ref": "#/definitions/text", "description": "The question as one sentence."},
    "implies": {"$ref": "#/definitions/ids"},
    "excludes": {"$ref": "#/definitions/ids"},
    "refines": {"$ref": "#/definitions/ids", "description": "Broader questions this one narrows (shown beneath them)."},
    "note": {"$ref": "#/definitions/text"},
})

# A claim of a map, across the corpus: MAP-ID#CLAIM-ID (the thesis is `MAP-ID#thesis`, or its id):
# ids.ENDPOINT_PATTERN.

LINKS_SCHEMA = _registry("links", ["from", "to", "relation"], {
    "from": {"$ref": "#/definitions/endpoint"},
    "to": {"$ref": "#/definitions/endpoint"},
    "relation": {
        "type": "string", "enum": ["same", "opposes", "supports", "attacks"], "x-rule": BAD_VALUE.code,
        "description": "same and opposes are symmetric; supports and attacks go from `from` to `to`.",
    },
    "note": {"$ref": "#/definitions/text", "description": "Why: the two quotes, verbatim, and what joins them."},
}, "Relations between claims of different maps: the corpus read as one debate.", {
    **_DEFS,
    "endpoint": {
        "type": "string", "pattern": ENDPOINT_PATTERN, "maxLength": 161, "x-rule": BAD_ID.code,
        "description": "A claim of a map: MAP-ID#CLAIM-ID, e.g. melyantsou-2021-merger-fears#kremlin-prefers-stability.",
    },
})

SCHEMAS: dict[str, dict[str, Any]] = {
    "map": MAP_SCHEMA, "agents": AGENTS_SCHEMA, "questions": QUESTIONS_SCHEMA, "links": LINKS_SCHEMA,
}

_TYPE_NAMES = {
    "string": "text", "integer": "an integer", "number": "a number", "boolean": "true or false",
    "array": "a list", "object": "a mapping", "null": "nothing",
}


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


# The Python types of each JSON type, as yamlsource builds values (true is no integer, an integer is a number).
_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,), "array": (list,),
    "object": (dict,), "null": (type(None),),
}


def _integer(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is None and high is None:
        return None
    return lambda value: not ((low is not None and value < low) or (high is not None and value > high))


def _is(value: Any, kind: str) -> bool:
    actual = _type_of(value)
    return actual == kind or (kind == "number" and actual == "integer")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _label(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the document"


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    compiled = _PATTERNS.get(pattern)
    if compiled is None:
        compiled = _PATTERNS[pattern] = re.compile(pattern)
    return compiled


def matches(pattern: str, value: str) -> bool:
    """Whether `value` matches a schema `pattern` as JSON Schema means it: a search (our patterns are
    anchored at both ends, so a match of the whole value)."""
    return _compiled(pattern).search(value) is not None


# Predicates compiled from schema parts, by the part's id and the rule in force.
_COMPILED: dict[tuple[int, str | None], tuple[dict[str, Any], Callable[[Any], bool]]] = {}
# The predicates of parts that allow one type, as that type and the check of a value of it (_Validator.split).
_SPLIT: dict[Callable[[Any], bool], tuple[type, Callable[[Any], bool] | None]] = {}
# How many valid values of a pattern each predicate remembers.
_KNOWN_VALUES = 4096

# Resolved `$ref`s by the id of the (module-level, never freed) schema part that holds them.
# Names a schema finding suggests (the hint says the best): `argmap fix` applies one only when it alone is close.
_PICKS = 3
_RESOLVED: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}


class _Validator:
    def __init__(self, schema: dict[str, Any], doc: Document) -> None:
        self.root = schema
        self.doc = doc

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        if "$ref" not in schema:
            return schema
        key = id(schema)
        resolved = _RESOLVED.get(key)
        if resolved is None:
            original = schema
            while "$ref" in schema:
                name = schema["$ref"].rsplit("/", 1)[-1]
                merged = {k: v for k, v in schema.items() if k != "$ref"}
                schema = {**self.root["definitions"][name], **merged}
            resolved = _RESOLVED[key] = (original, schema)  # the original is kept so its id stays unique
        return resolved[1]

    def finding(self, rule: Rule, path: Path, message: str, hint: str, on_key: bool = False,
                suggestions: tuple[str, ...] = ()) -> Finding:
        line, column = self.doc.key_at(path) if on_key else self.doc.at(path)
        return rule.at(self.doc.path, line, column, message, hint, suggestions=suggestions)

    def valid(self, value: Any, schema: dict[str, Any], rule: str | None = None) -> bool:
        """Whether `check` would find nothing: the same rules as a predicate compiled once per schema
        part, so that findings (generators, labels, positions) are built only where something fails."""
        return self.compiled(schema, rule)(value)

    def compiled(self, schema: dict[str, Any], rule: str | None) -> Callable[[Any], bool]:
        key = (id(schema), rule)
        entry = _COMPILED.get(key)
        if entry is None:
            entry = _COMPILED[key] = (schema, self._compile(schema, rule))  # keeps the schema alive: ids stay unique
        return entry[1]

    def split(self, schema: dict[str, Any], rule: str | None) -> tuple[type | None, Callable[[Any], bool] | None]:
        """`compiled` as the one Python type a value must have and the check of a value of that type (None:
        none), where the part allows one type; else (None, the predicate). A mapping or a list tests the
        type of each of its values itself: one call per value, not two (the schema is a tenth of a check)."""
        predicate = self.compiled(schema, rule)
        return _SPLIT.get(predicate, (None, predicate))

    def _compile(self, schema: dict[str, Any], rule: str | None) -> Callable[[Any], bool]:
        schema = self.resolve(schema)
        rule = schema.get("x-rule", rule)
        has_const = "const" in schema and (rule == BAD_VERSION.code or "oneOf" not in schema)
        const = schema.get("const")
        options = schema.get("oneOf") or schema.get("anyOf")
        if options:
            alternatives = [self.compiled(option, rule) for option in options]

            def one_of(value: Any) -> bool:
                if has_const and not _same(value, const):
                    return False
                return any(alternative(value) for alternative in alternatives)

            return one_of
        kinds = schema.get("type")
        types = None if kinds is None else \
            {t for kind in (kinds if isinstance(kinds, list) else [kinds]) for t in _PYTHON_TYPES[kind]}
        enum = schema.get("enum")
        # The checks of one Python type, by the type: most values meet one test of their type and one check.
        checks = ((str, self._string(schema, rule)), (int, _integer(schema)), (list, self._array(schema, rule)),
                  (dict, self._object(schema)))
        by_type: dict[type, Callable[[Any], bool]] = {kind: check for kind, check in checks if check is not None}
        if not has_const and enum is None and types is not None and len(types) == 1:
            (only,) = types
            check = by_type.get(only)
            fused: Callable[[Any], bool] = (lambda value: type(value) is only) if check is None else \
                (lambda value: type(value) is only and check(value))
            _SPLIT[fused] = (only, check)
            return fused

        def valid(value: Any) -> bool:
            if has_const and not _same(value, const):
                return False
            if types is not None and type(value) not in types:
                return False
            if enum is not None and value not in enum:
                return False
            check = by_type.get(type(value))
            return check is None or check(value)

        return valid

    def _string(self, schema: dict[str, Any], rule: str | None) -> Callable[[Any], bool] | None:
        pattern = schema.get("pattern")
        nonblank = pattern == r"\S"
        regex = _compiled(pattern) if pattern and not nonblank else None
        min_length, max_length = schema.get("minLength", 0), schema.get("maxLength")
        calendar = rule == BAD_DATE.code
        if not (min_length or nonblank or regex or max_length is not None or calendar):
            return None

        def string(value: str) -> bool:
            if len(value) < min_length or (nonblank and not value.strip()):
                return False
            if max_length is not None and len(value) > max_length:
                return False
            if regex is not None and regex.search(value) is None:
                return False
            if calendar and value != "unknown":
                return not any(True for _ in self.check_calendar(value, ()))
            return True

        if regex is not None or calendar:
            # Ids and dates recur across maps (every claim is `by: author`, every map names its agents): a
            # value that passed once passes again without its pattern. Bounded: a corpus's ids are many.
            valid: set[str] = set()

            def known(value: str) -> bool:
                if value in valid:
                    return True
                if not string(value):
                    return False
                if len(valid) < _KNOWN_VALUES:
                    valid.add(value)
                return True

            return known

        return string

    def _array(self, schema: dict[str, Any], rule: str | None) -> Callable[[Any], bool] | None:
        min_items, unique = schema.get("minItems", 0), schema.get("uniqueItems", False)
        kind, items = self.split(schema["items"], rule) if "items" in schema else (None, None)
        if not (min_items or unique or items or kind):
            return None

        def array(value: list[Any]) -> bool:
            if len(value) < min_items:
                return False
            if kind is not None:
                for item in value:
                    if type(item) is not kind:
                        return False
            if items is not None:
                for item in value:
                    if not items(item):
                        return False
            return not unique or len(value) < 2 or len({repr(item) for item in value}) == len(value)

        return array

    def _object(self, schema: dict[str, Any]) -> Callable[[Any], bool] | None:
        required = schema.get("required", ())
        properties = {name: self.split(sub, None) for name, sub in schema.get("properties", {}).items()}
        closed = schema.get("additionalProperties") is False
        if not (required or properties or closed):
            return None

        def mapping(value: dict[str, Any]) -> bool:
            for name in required:
                if name not in value:
                    return False
            for name, item in value.items():
                part = properties.get(name)
                if part is None:
                    if closed:
                        return False
                    continue
                kind, check = part
                if kind is not None and type(item) is not kind:
                    return False
                if check is not None and not check(item):
                    return False
            return True

        return mapping

    def check(self, value: Any, schema: dict[str, Any], path: Path, rule: str | None = None) -> Iterator[Finding]:
        if self.valid(value, schema, rule):
            return
        schema = self.resolve(schema)
        rule = schema.get("x-rule", rule)
        if "const" in schema and not _same(value, schema["const"]):
            if rule == BAD_VERSION.code:
                yield self.finding(BAD_VERSION, path, f"format version {_show(value)} is not supported",
                                   f"write `argmap: {FORMAT_VERSION}`")
                return
            if "oneOf" not in schema:
                yield self.finding(_in_force(rule, BAD_VALUE), path, f"{_label(path)} must be {schema['const']!r}",
                                   f"write {schema['const']!r}")
                return
        if "oneOf" in schema or "anyOf" in schema:
            yield from self.check_alternatives(value, schema.get("oneOf") or schema["anyOf"], path, rule)
            return
        kinds = schema.get("type")
        if kinds is not None:
            allowed = kinds if isinstance(kinds, list) else [kinds]
            if not any(_is(value, kind) for kind in allowed):
                expected = " or ".join(_TYPE_NAMES[k] for k in allowed)
                code = rule if rule in (STANCE_OUT_OF_SCALE.code, BAD_DATE.code) else WRONG_TYPE.code
                yield self.finding(RULES[code], path, f"{_label(path)} must be {expected}, not {_TYPE_NAMES[_type_of(value)]}",
                                   _type_hint(schema, allowed))
                return
        if "enum" in schema and value not in schema["enum"]:
            choices = ", ".join(str(c) for c in schema["enum"])
            said = suggestion(str(value), [str(c) for c in schema["enum"]], f"use one of: {choices}", limit=_PICKS)
            yield self.finding(_in_force(rule, BAD_VALUE), path, f"{_label(path)} is {_show(value)}; allowed: {choices}", said.hint,
                               suggestions=said.picks)
            return
        if isinstance(value, str):
            yield from self.check_string(value, schema, path, rule)
        elif isinstance(value, int) and not isinstance(value, bool):
            low, high = schema.get("minimum"), schema.get("maximum")
            if (low is not None and value < low) or (high is not None and value > high):
                code = rule or BAD_VALUE.code
                yield self.finding(RULES[code], path, f"{_label(path)} is {value}, outside {low}..{high}",
                                   _range_hint(code))
        elif isinstance(value, list):
            yield from self.check_array(value, schema, path, rule)
        elif isinstance(value, dict):
            yield from self.check_object(value, schema, path)

    def check_alternatives(self, value: Any, options: list[dict[str, Any]], path: Path,
                           rule: str | None) -> Iterator[Finding]:
        resolved = [self.resolve(option) for option in options]
        for option in resolved:
            if not any(True for _ in self.check(value, option, path, rule)):
                return
        fitting = [o for o in resolved if "type" not in o or _is(value, o["type"])]
        if len(fitting) == 1 and not (rule == STANCE_OUT_OF_SCALE.code):
            yield from self.check(value, fitting[0], path, rule)
            return
        where = _label(path)
        if rule == STANCE_OUT_OF_SCALE.code:
            scale = "use -2, -1, 0, 1 or 2, or strongly-disagree, disagree, neutral, agree, strongly-agree"
            said = suggestion(value, LABELS.values(), quote="`", limit=_PICKS) if isinstance(value, str) else None
            yield self.finding(STANCE_OUT_OF_SCALE, path, f"stance {_show(value)} is not on the scale",
                               f"{said.hint} ({scale})" if said and said.hint else scale,
                               suggestions=said.picks if said else ())
            return
        expected = " or ".join(_describe(o) for o in resolved)
        yield self.finding(_in_force(rule, WRONG_TYPE), path, f"{where} must be {expected}, not {_show(value)}",
                           "see docs/format.md for this field")

    def check_string(self, value: str, schema: dict[str, Any], path: Path, rule: str | None) -> Iterator[Finding]:
        if len(value) < schema.get("minLength", 0) or (schema.get("pattern") == r"\S" and not value.strip()):
            yield self.finding(BAD_VALUE, path, f"{_label(path)} is empty", "write the text, or remove the field")
            return
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            yield self.finding(_in_force(rule, BAD_VALUE), path, f"{_label(path)} is longer than {schema['maxLength']} characters",
                               "shorten it")
            return
        pattern = schema.get("pattern")
        if pattern and pattern != r"\S" and not matches(pattern, value):
            if rule == BAD_DATE.code:
                yield self.finding(BAD_DATE, path, f"date {_show(value)} is not YYYY, YYYY-MM, YYYY-MM-DD or unknown",
                                   "write e.g. 2021, 2021-09 or 2021-09-21, or unknown")
            elif rule == BAD_ID.code and pattern == ENDPOINT_PATTERN:
                yield self.finding(BAD_ID, path, f"{_show(value)} is not a claim of a map",
                                   "write MAP-ID#CLAIM-ID, e.g. melyantsou-2021-merger-fears#thesis")
            elif rule == BAD_ID.code:
                made = slug(value)
                valid = is_id(made)
                hint = f"write {made!r}" if valid else "use lowercase letters, digits and single hyphens"
                yield self.finding(BAD_ID, path, f"{_show(value)} is not a valid id", hint,
                                   suggestions=(made,) if valid else ())
            else:
                yield self.finding(_in_force(rule, BAD_VALUE), path, f"{_label(path)} does not match {pattern}", "")
            return
        if rule == BAD_DATE.code and value != "unknown":
            yield from self.check_calendar(value, path)

    def check_calendar(self, value: str, path: Path) -> Iterator[Finding]:
        import datetime

        parts = [int(p) for p in value.split("-")]
        try:
            datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            yield self.finding(BAD_DATE, path, f"{value!r} is not a calendar date", "check the month and day")

    def check_array(self, value: list[Any], schema: dict[str, Any], path: Path, rule: str | None) -> Iterator[Finding]:
        if len(value) < schema.get("minItems", 0):
            yield self.finding(BAD_VALUE, path, f"{_label(path)} is empty", "list at least one item")
        items = schema.get("items")
        if items is not None:
            for index, item in enumerate(value):
                yield from self.check(item, items, (*path, index), rule)
        if schema.get("uniqueItems"):
            seen: set[str] = set()
            for index, item in enumerate(value):
                key = repr(item)
                if key in seen:
                    yield self.finding(BAD_VALUE, (*path, index), f"{_show(item)} is listed twice in {_label(path)}",
                                       "remove the repeated item")
                seen.add(key)

    def check_object(self, value: dict[str, Any], schema: dict[str, Any], path: Path) -> Iterator[Finding]:
        properties: dict[str, Any] = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                yield self.finding(MISSING_FIELD, path, f"{_label(path)} has no `{name}`",
                                   f"add `{name}:` (see docs/format.md)")
        for name, item in value.items():
            child = (*path, name)
            if name in properties:
                yield from self.check(item, properties[name], child)
            elif schema.get("additionalProperties") is False:
                said = suggestion(str(name), properties, f"known keys: {', '.join(properties)}", quote="`",
                                  limit=_PICKS)
                yield self.finding(UNKNOWN_KEY, child, f"unknown key `{name}` in {_label(path)}", said.hint, on_key=True,
                                   suggestions=said.picks)


def _same(value: Any, const: Any) -> bool:
    """JSON equality: `true` is not `1`, though Python says True == 1."""
    return value == const and isinstance(value, bool) == isinstance(const, bool)


def _describe(schema: dict[str, Any]) -> str:
    if "const" in schema:
        return repr(schema["const"])
    kind = schema.get("type", "value")
    return _TYPE_NAMES.get(kind, kind) if isinstance(kind, str) else "a value"


def _type_hint(schema: dict[str, Any], allowed: list[str]) -> str:
    if schema.get("x-rule") == BAD_DATE.code:
        return "write the date as text: \"2021-09\", or unknown"
    if allowed == ["array"]:
        return "write a list: [a, b] or one `- item` per line"
    if allowed == ["string"]:
        return "write the value as text (quote it if YAML reads it as something else)"
    if allowed == ["object"]:
        return "write a mapping of `key: value` lines"
    return "see docs/format.md for this field"


def _in_force(rule: str | None, default: Rule) -> Rule:
    """The rule a failure is reported under: the one the schema part names (`x-rule`), else `default`."""
    return RULES[rule] if rule else default


def _range_hint(code: str) -> str:
    return "write a year such as 2021, or a full date as text" if code == BAD_DATE.code else "see docs/format.md"


def validate(doc: Document, kind: str) -> list[Finding]:
    """Check a document against the schema of its kind ('map', 'agents' or 'questions')."""
    if not isinstance(doc.data, dict):
        return [WRONG_SHAPE.at(doc.path, *doc.at(()),
                               f"the document is {_TYPE_NAMES[_type_of(doc.data)]}, not a mapping",
                               "a map is a mapping of `key: value` lines starting with `argmap: 1`")]
    return list(_Validator(SCHEMAS[kind], doc).check(doc.data, SCHEMAS[kind], ()))
