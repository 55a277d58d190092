"""Syntax (Y): files that do not read as one YAML document. Each rule with its failing and passing example."""

from __future__ import annotations

from typing import Final

from argmap.rules.example import BASE_SECTIONS, MAP, Symlink, block, grounds, pair, positions
from argmap.rules.rule import E, Rule, W

YAML_SYNTAX: Final = Rule(
    "Y001", "yaml-syntax", E, "The file is not valid YAML.",
    "The YAML parser stopped at the given line and column. Common causes: a tab used for "
    "indentation, an unclosed quote or bracket, a colon followed by text inside an unquoted "
    "value. Quote text values that contain ': ' or start with a special character.",
    pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("[thesis]", "[thesis")},
         {}, show=("map.yaml:claims",), fails_note="a bracket left open"))

DUPLICATE_KEY: Final = Rule(
    "Y002", "duplicate-key", E, "A key appears twice in one mapping.",
    "YAML parsers keep only the last of two equal keys and silently drop the first value, so a "
    "map would lose data without anyone noticing. Remove or rename one of the keys.",
    pair({"map.yaml:claims": block("""
              claims:
                - id: cheap
                  text: The plan is cheap.
                  by: author
                  text: The plan costs little.
                  supports: [thesis]
              """)},
         {}, show=("map.yaml:claims",)))

EMPTY_FILE: Final = Rule(
    "Y003", "empty-file", E, "The file holds no YAML document.",
    "An empty map file (or one holding only comments) cannot be checked. Delete it or write the "
    "map: at least `argmap: 1`, `id`, `source` and `thesis`.",
    pair({MAP: "# the map of this article is still to be written\n"},
         {}, show=("map.yaml:head", "map.yaml:source", "map.yaml:thesis")))

NOT_UTF8: Final = Rule(
    "Y004", "not-utf8", E, "The file is not UTF-8 text.",
    "Maps are UTF-8 text. The finding points at the first byte that is not valid UTF-8; re-save "
    "the file as UTF-8 (a binary file in the corpus directory is reported the same way).",
    pair({"map.yaml:source": BASE_SECTIONS["source"].replace("the town", "the caf\u00e9").encode("latin-1")},
         {"map.yaml:source": BASE_SECTIONS["source"].replace("the town", "the caf\u00e9")},
         fails_note="saved as Latin-1: the byte \\xe9 stands for \u00e9"))

WRONG_SHAPE: Final = Rule(
    "Y005", "wrong-shape", E, "The document is not a mapping of the expected kind.",
    "A map or registry is a YAML mapping at the top level (`key: value` lines). A list, a bare "
    "string or several documents in one file are not maps.",
    pair({"map.yaml:second": "---\nargmap: 1\nid: second-map\n"},
         {"other.yaml:head": "argmap: 1\nid: second-map\n"},
         show=("map.yaml:positions", "map.yaml:second", "other.yaml:head"),
         fails_note="a second map in the same file, after `---`",
         passes_note="the second map in a file of its own"))

UNSAFE_TAG: Final = Rule(
    "Y006", "unsafe-tag", E, "A YAML tag that argmap does not build.",
    "Tags such as `!!python/object` ask a loader to build objects and run code. argmap never "
    "does: it reads only plain strings, numbers, booleans, lists and mappings. Remove the tag.",
    pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace(
              "text: The plan is cheap.", "text: !!python/object/apply:os.system [echo cheap]")},
         {}, show=("map.yaml:claims",)))

LIMIT_EXCEEDED: Final = Rule(
    "Y007", "limit-exceeded", E, "The file exceeds a safety limit (size, nesting depth or aliases).",
    "To stay fast and safe on hostile input, argmap refuses files larger than `max-file-size` "
    "bytes, nested deeper than `max-depth`, or expanding YAML aliases into more than "
    "`max-nodes` nodes (a 'billion laughs' bomb). Raise the limit in [tool.argmap] or on the "
    "command line (--max-file-size, --max-depth, --max-nodes) if the file is genuine.",
    pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace(
              "[thesis]", "[" * 70 + "thesis" + "]" * 70)},
         {}, show=("map.yaml:claims",), fails_note="lists nested 70 deep (the limit is 64)"))

UNREADABLE: Final = Rule(
    "Y008", "unreadable", E, "The file cannot be read.",
    "The operating system refused to read the file (permissions, a broken symlink, a "
    "directory loop). Fix the file system, or exclude the path.",
    pair({MAP: Symlink("missing.yaml")}, {}, show=("map.yaml:head",),
         fails_note="the link's target does not exist", passes_note="a file that can be read"))

YAML_ALIAS: Final = Rule(
    "Y009", "yaml-alias", W, "The map uses YAML anchors and aliases.",
    "Anchors (&name) and aliases (*name) make a map hard to read in a diff and can hide data; "
    "write the values out.",
    pair({"map.yaml:evidence": grounds("thesis, cheap").replace("grounds: [", "grounds: &both ["),
          "map.yaml:positions": positions("""
              - agent: author
                question: plan-helps
                stance: agree
                basis: stated
                grounds: *both
              """)},
         {"map.yaml:positions": positions("""
              - agent: author
                question: plan-helps
                stance: agree
                basis: stated
                grounds: [thesis, cheap]
              """)},
         show=("map.yaml:evidence", "map.yaml:positions")))
