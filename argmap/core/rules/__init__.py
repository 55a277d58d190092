"""Every rule argmap checks, one typed constant each with its examples, and the registry built from them.

A rule is a constant of this module, named as the rule (`missing-thesis` is MISSING_THESIS): its code and name
(the user's stable interface: suppressions, settings, SARIF, docs), default severity, summary, explanation, and
its examples, written as edits of the shared base of argmap/core/rules/example.py: the failing and the passing one
that `argmap explain` and docs/rules.md show, `at` the file and line of the failing one's finding, and `more`
failing forms of the defect for the tests. A check yields `MISSING_THESIS.at(...)`: mypy catches a misspelt
name. tests/test_rule_examples.py runs every example and checks the codes and names are unique.
"""

from __future__ import annotations

from argmap.core.rules.rule import FAMILIES as FAMILIES
from argmap.core.rules.rule import E, N, Rule, W

TYPE_CHECKING = False
# The examples are written in the words of argmap.core.rules.example (`pair`, `BASE_SECTIONS`, ...), named here
# for mypy only: the first example built brings them into this module (argmap.core.rules.rule._built), so
# that a check, which builds none, never imports them.
if TYPE_CHECKING:
    from typing import Final

    from argmap.core.rules.example import (
        ARTICLE,
        BASE_FILES,
        BASE_SECTIONS,
        BOB_AGENTS,
        BOB_CLAIMS,
        BOB_EVIDENCE,
        MAP,
        OTHER,
        QUICK,
        Symlink,
        block,
        claims,
        evidence,
        failing,
        grounds,
        links,
        pair,
        position,
        positions,
        said,
    )

# -- syntax: files that do not read as one YAML document -------------------------------------------

YAML_SYNTAX: Final = Rule(
    "Y001", "yaml-syntax", E, "The file is not valid YAML.",
    "The YAML parser stopped at the given line and column. Common causes: a tab used for "
    "indentation, an unclosed quote or bracket, a colon followed by text inside an unquoted "
    "value. Quote text values that contain ': ' or start with a special character.",
    lambda: pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("[thesis]", "[thesis")},
                 {}, show=("map.yaml:claims",), fails_note="a bracket left open", at="map.yaml:18",
                 more=(failing({"map.yaml:source": BASE_SECTIONS["source"].replace("  title:", "\ttitle:")}, "map.yaml:4", "a tab used for indentation"),
                       failing({"map.yaml:evidence": BASE_SECTIONS["evidence"].replace('works."', "works.")}, "map.yaml:29", "an unclosed double quote"))))

DUPLICATE_KEY: Final = Rule(
    "Y002", "duplicate-key", E, "A key appears twice in one mapping.",
    "YAML parsers keep only the last of two equal keys and silently drop the first value, so a "
    "map would lose data without anyone noticing. Remove or rename one of the keys.",
    lambda: pair({"map.yaml:claims": block("""
                      claims:
                        - id: cheap
                          text: The plan is cheap.
                          by: author
                          text: The plan costs little.
                          supports: [thesis]
                      """)},
                 {}, show=("map.yaml:claims",), at="map.yaml:17"))

EMPTY_FILE: Final = Rule(
    "Y003", "empty-file", E, "The file holds no YAML document.",
    "An empty map file (or one holding only comments) cannot be checked. Delete it or write the "
    "map: at least `argmap: 1`, `id`, `source` and `thesis`.",
    lambda: pair({MAP: "# the map of this article is still to be written\n"},
                 {}, show=("map.yaml:head", "map.yaml:source", "map.yaml:thesis"), at="map.yaml:0"))

NOT_UTF8: Final = Rule(
    "Y004", "not-utf8", E, "The file is not UTF-8 text.",
    "Maps are UTF-8 text. The finding points at the first byte that is not valid UTF-8; re-save "
    "the file as UTF-8 (a binary file in the corpus directory is reported the same way).",
    lambda: pair({"map.yaml:source": BASE_SECTIONS["source"].replace("the town", "the caf\u00e9").encode("latin-1")},
                 {"map.yaml:source": BASE_SECTIONS["source"].replace("the town", "the caf\u00e9")},
                 fails_note="saved as Latin-1: the byte \\xe9 stands for \u00e9", at="map.yaml:4"))

WRONG_SHAPE: Final = Rule(
    "Y005", "wrong-shape", E, "The document is not a mapping of the expected kind.",
    "A map or registry is a YAML mapping at the top level (`key: value` lines). A list, a bare "
    "string or several documents in one file are not maps.",
    lambda: pair({"map.yaml:second": "---\nargmap: 1\nid: second-map\n"},
                 {"other.yaml:head": "argmap: 1\nid: second-map\n"},
                 show=("map.yaml:positions", "map.yaml:second", "other.yaml:head"),
                 fails_note="a second map in the same file, after `---`",
                 passes_note="the second map in a file of its own", at="map.yaml:29",
                 more=(failing({MAP: "- argmap: 1\n- id: example\n"}, "map.yaml:1", "a list at the top level"),)))

UNSAFE_TAG: Final = Rule(
    "Y006", "unsafe-tag", E, "A YAML tag that argmap does not build.",
    "Tags such as `!!python/object` ask a loader to build objects and run code. argmap never "
    "does: it reads only plain strings, numbers, booleans, lists and mappings. Remove the tag.",
    lambda: pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace(
                      "text: The plan is cheap.", "text: !!python/object/apply:os.system [echo cheap]")},
                 {}, show=("map.yaml:claims",), at="map.yaml:15"))

LIMIT_EXCEEDED: Final = Rule(
    "Y007", "limit-exceeded", E, "The file exceeds a safety limit (size, nesting depth or aliases).",
    "To stay fast and safe on hostile input, argmap refuses files larger than `max-file-size` "
    "bytes, nested deeper than `max-depth`, or expanding YAML aliases into more than "
    "`max-nodes` nodes (a 'billion laughs' bomb). Raise the limit in [tool.argmap] or on the "
    "command line (--max-file-size, --max-depth, --max-nodes) if the file is genuine.",
    lambda: pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace(
                      "[thesis]", "[" * 70 + "thesis" + "]" * 70)},
                 {}, show=("map.yaml:claims",), fails_note="lists nested 70 deep (the limit is 64)", at="map.yaml:17"))

UNREADABLE: Final = Rule(
    "Y008", "unreadable", E, "The file cannot be read.",
    "The operating system refused to read the file (permissions, a broken symlink, a "
    "directory loop). Fix the file system, or exclude the path.",
    lambda: pair({MAP: Symlink("missing.yaml")}, {}, show=("map.yaml:head",),
                 fails_note="the link's target does not exist", passes_note="a file that can be read", at="map.yaml:0"))

YAML_ALIAS: Final = Rule(
    "Y009", "yaml-alias", W, "The map uses YAML anchors and aliases.",
    "Anchors (&name) and aliases (*name) make a map hard to read in a diff and can hide data; "
    "write the values out.",
    lambda: pair({"map.yaml:evidence": grounds("thesis, cheap").replace("grounds: [", "grounds: &both ["),
                  "map.yaml:positions": positions("""
                      - agent: author
                        question: plan-helps
                        stance: agree
                        basis: stated
                        grounds: *both
                      """)},
                 {"map.yaml:positions": positions(position("plan-helps", "agree", "thesis, cheap"))},
                 show=("map.yaml:evidence", "map.yaml:positions"), at="map.yaml:22"))

# -- schema: fields, types and values --------------------------------------------------------------

MISSING_FIELD: Final = Rule(
    "S001", "missing-field", E, "A required field is missing.",
    "Every map needs `argmap`, `id` and `source`; every claim `id`, `text` and `by`; every "
    "evidence item `id`, `quote`, `speaker` and `grounds`; every position `agent`, `question`, "
    "`stance` and `grounds`. See docs/format.md.",
    lambda: pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("    text: The plan is cheap.\n", "")},
                 {}, show=("map.yaml:claims",), fails_note="the claim has no `text`", at="map.yaml:14",
                 more=(failing({"map.yaml:source": ""}, "map.yaml:1", "no `source` mapping"),
                       failing({"map.yaml:positions": BASE_SECTIONS["positions"].replace("    grounds: [thesis]\n", "")},
                               "map.yaml:24", "a position without grounds"))))

WRONG_TYPE: Final = Rule(
    "S002", "wrong-type", E, "A value has the wrong type.",
    "For instance a list where text is expected, or a number where an id is expected. "
    "The message names the expected type.",
    lambda: pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace(
                      "text: The plan is cheap.", "text: [The plan is cheap.]")},
                 {}, show=("map.yaml:claims",), at="map.yaml:15",
                 more=(failing({"map.yaml:agents": "agents: bob-quoted\n", "map.yaml:claims": BOB_CLAIMS, "map.yaml:evidence": BOB_EVIDENCE}, "map.yaml:9",
                          "`agents` written as one id, not a list"),)))

UNKNOWN_KEY: Final = Rule(
    "S003", "unknown-key", E, "A key that the format does not define.",
    "Unknown keys are usually typos (`suports` for `supports`) and would be silently ignored. "
    "The hint suggests the closest known key.",
    lambda: pair({"map.yaml:claims": BASE_SECTIONS["claims"] + "    notte: Said twice.\n"},
                 {"map.yaml:claims": BASE_SECTIONS["claims"] + "    note: Said twice.\n"},
                 show=("map.yaml:claims",), at="map.yaml:18",
                 more=(failing({"map.yaml:comments": "comments: none\n"}, "map.yaml:29", "an unknown top-level key"),)))

STANCE_OUT_OF_SCALE: Final = Rule(
    "S004", "stance-out-of-scale", E, "A stance outside the -2..+2 scale.",
    "Stances are -2 (strongly-disagree), -1 (disagree), 0 (neutral), 1 (agree) or "
    "2 (strongly-agree), written as the number or its label.",
    lambda: pair({"map.yaml:positions": BASE_SECTIONS["positions"].replace("stance: agree", "stance: 3")},
                 {"map.yaml:positions": BASE_SECTIONS["positions"].replace("stance: agree", "stance: 2")},
                 show=("map.yaml:positions",), at="map.yaml:26",
                 more=(failing({"map.yaml:positions": BASE_SECTIONS["positions"].replace("stance: agree", "stance: agreed")},
                               "map.yaml:26", "an unknown stance label"),)))

BAD_DATE: Final = Rule(
    "S005", "bad-date", E, "A date that is not YYYY, YYYY-MM, YYYY-MM-DD or `unknown`.",
    "Publication dates are as precise as the article supports: a year, a month or a day, "
    "and a real calendar date. Write `unknown` when the article does not say.",
    lambda: pair({"map.yaml:source": BASE_SECTIONS["source"].replace("2021-09", "September 2021")},
                 {}, show=("map.yaml:source",), at="map.yaml:7",
                 more=(failing({"map.yaml:source": BASE_SECTIONS["source"].replace("2021-09", "2021-13")}, "map.yaml:7", "month 13"),)))

BAD_ID: Final = Rule(
    "S006", "bad-id", E, "An id that is not lowercase words joined by hyphens.",
    "Ids match ^[a-z0-9]+(-[a-z0-9]+)*$ and are at most 80 characters, so they are stable in "
    "URLs, file names and diffs: `andrei-kazakevich`, `russia-seeks-annexation`.",
    lambda: pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("id: cheap", "id: Cheap_Plan"),
                  "map.yaml:evidence": grounds("thesis", "Cheap_Plan")},
                 {}, show=("map.yaml:claims", "map.yaml:evidence"), at="map.yaml:14"))

BAD_VERSION: Final = Rule(
    "S007", "bad-version", E, "The format version is missing or not supported.",
    "Every file starts with `argmap: 1`. This version of argmap reads format version 1.",
    lambda: pair({"map.yaml:head": "argmap: 2\nid: example\n"}, {}, show=("map.yaml:head",), at="map.yaml:1",
                 more=(failing({"map.yaml:head": "argmap: true\nid: example\n"},
                               "map.yaml:1", "the version written as a boolean (true == 1 in Python, not in JSON)"),)))

BAD_VALUE: Final = Rule(
    "S008", "bad-value", E, "A value outside the allowed set, or empty where text is needed.",
    "Enumerated fields (an agent's `kind`) take one of the listed values, and text fields "
    "may not be empty.",
    lambda: pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("text: The plan is cheap.", 'text: ""')},
                 {}, show=("map.yaml:claims",), at="map.yaml:15",
                 more=(failing({"map.yaml:agents": "agents: [bob-quoted, bob-quoted]\n", "map.yaml:claims": BOB_CLAIMS, "map.yaml:evidence": BOB_EVIDENCE},
                               "map.yaml:9",
                          "an agent listed twice"),)))

# -- references: ids that point nowhere or twice ---------------------------------------------------

def _named() -> dict[str, str]:
    """A map of two authors that names the first one everywhere: R009's base."""
    return {"map.yaml:source": BASE_SECTIONS["source"].replace("[ann-author]", "[ann-author, bob-quoted]"),
            "map.yaml:thesis": BASE_SECTIONS["thesis"].replace("by: author", "by: ann-author"),
            "map.yaml:evidence": BASE_SECTIONS["evidence"].replace("speaker: author", "speaker: ann-author"),
            "map.yaml:positions": BASE_SECTIONS["positions"].replace("agent: author", "agent: ann-author")}


UNDEFINED_ID: Final = Rule(
    "R001", "undefined-id", E, "A claim or evidence id is used but never defined in the map.",
    "`supports`, `attacks`, `grounds` and position `grounds` name ids defined in the same map. "
    "The hint suggests the closest defined id.",
    lambda: pair({"map.yaml:positions": BASE_SECTIONS["positions"].replace("[thesis]", "[thesys]")},
                 {}, show=("map.yaml:thesis", "map.yaml:positions"), at="map.yaml:28",
                 more=(failing({"map.yaml:claims": BASE_SECTIONS["claims"].replace("[thesis]", "[thesis, e-cheap]")},
                               "map.yaml:17", "a claim supports an evidence id"),
                       failing({"map.yaml:evidence": grounds("thesis", "cheap", "dear")}, "map.yaml:22", "evidence grounds an undefined claim"),
                       failing({"map.yaml:claims": BASE_SECTIONS["claims"].replace("[thesis]", "[thesis, thesis-x]")},
                               "map.yaml:17", "a claim supports an undefined id"))))

DUPLICATE_ID: Final = Rule(
    "R002", "duplicate-id", E, "An id is defined twice in one map.",
    "Claim, thesis and evidence ids share one namespace per map; each must be unique.",
    lambda: pair({"map.yaml:evidence": evidence(said("e-cheap", "Nobody has a better plan.", "thesis"))},
                 {"map.yaml:evidence": evidence(said("e-better", "Nobody has a better plan.", "thesis"))},
                 show=("map.yaml:evidence",), at="map.yaml:23"))

DUPLICATE_MAP_ID: Final = Rule(
    "R003", "duplicate-map-id", E, "Two maps have the same id.",
    "Map ids identify articles across the corpus and in every report; give each map its own.",
    lambda: pair({"other.yaml:head": "argmap: 1\nid: example\n"}, OTHER,
                 show=("map.yaml:head", "other.yaml:head"), at="other.yaml:2"))

UNKNOWN_QUESTION: Final = Rule(
    "R004", "unknown-question", E, "A position names a question that is not in the registry.",
    "Questions live in questions.yaml beside the maps. Add the question there or fix the id.",
    lambda: pair({"map.yaml:positions": BASE_SECTIONS["positions"].replace("plan-works", "plan-wroks")},
                 {}, show=("questions.yaml", "map.yaml:positions"), at="map.yaml:25"))

UNKNOWN_AGENT: Final = Rule(
    "R005", "unknown-agent", E, "An agent id that is not in the agents registry.",
    "Agents live in agents.yaml beside the maps, one id per person across the corpus. Add the "
    "agent there (with the other spellings as aliases) or fix the id.",
    lambda: pair({"map.yaml:source": BASE_SECTIONS["source"].replace("[ann-author]", "[ann-autor]")},
                 {}, show=("agents.yaml", "map.yaml:source"), at="map.yaml:5",
                 more=(failing({"map.yaml:evidence": BASE_SECTIONS["evidence"].replace("speaker: author", "speaker: ann-autor")},
                               "map.yaml:21", "a misspelt speaker"),)))

UNDECLARED_AGENT: Final = Rule(
    "R006", "undeclared-agent", W, "An agent speaks in a map but is not listed in its agents.",
    "A map lists its author(s) in `source.authors` and everyone else who speaks in `agents`, "
    "so a reader sees at a glance who is in the article.",
    lambda: pair({"map.yaml:claims": BOB_CLAIMS, "map.yaml:evidence": BOB_EVIDENCE},
                 {"map.yaml:agents": BOB_AGENTS, "map.yaml:claims": BOB_CLAIMS,
                  "map.yaml:evidence": BOB_EVIDENCE},
                 show=("map.yaml:agents", "map.yaml:claims"), fails_note="no `agents` list", at="map.yaml:20"))

DUPLICATE_REGISTRY_ID: Final = Rule(
    "R007", "duplicate-registry-id", E, "An agent or question is defined twice in the registries.",
    "Each agent and each question is defined once across the corpus.",
    lambda: pair({"agents.yaml": str(BASE_FILES["agents.yaml"]) + "  - id: bob-quoted\n    name: Robert Quoted\n"},
                 {"agents.yaml": str(BASE_FILES["agents.yaml"]).replace(
                     "    name: Bob Quoted\n", "    name: Bob Quoted\n    aliases: [Robert Quoted]\n")}, at="agents.yaml:7"))

MISSING_REGISTRY: Final = Rule(
    "R008", "missing-registry", W, "No agents.yaml or questions.yaml was found for the maps.",
    "Registries are found by name in the checked directories or their parents. Without them "
    "agent and question ids cannot be checked.",
    lambda: pair({"agents.yaml": None, "questions.yaml": None}, {},
                 show=("agents.yaml", "questions.yaml"), at="map.yaml:0"))

AMBIGUOUS_AUTHOR: Final = Rule(
    "R009", "ambiguous-author", E, "`author` is used in a map that has several authors.",
    "The reserved id `author` stands for the map's single author. With several authors, name "
    "the agent explicitly.",
    lambda: pair({**_named(), "map.yaml:claims": BASE_SECTIONS["claims"]},
                 {**_named(), "map.yaml:claims": BASE_SECTIONS["claims"].replace("by: author", "by: ann-author")},
                 show=("map.yaml:source", "map.yaml:claims"),
                 fails_note="two authors (the rest of the map names ann-author)", at="map.yaml:16"))

UNUSED_AGENT: Final = Rule(
    "R010", "unused-agent", N, "An agent is listed in a map but never speaks in it.",
    "Every agent listed in `agents` should assert a claim, speak a quote or hold a position; "
    "otherwise remove it from the list.",
    lambda: pair({"map.yaml:agents": BOB_AGENTS},
                 {"map.yaml:agents": BOB_AGENTS, "map.yaml:claims": BOB_CLAIMS,
                  "map.yaml:evidence": BOB_EVIDENCE},
                 show=("map.yaml:agents", "map.yaml:claims"),
                 passes_note="Bob Quoted asserts a claim (and is quoted for it)", at="map.yaml:9"))

CONFUSABLE_AGENTS: Final = Rule(
    "R011", "confusable-agents", W, "Two agents in the registry whose names, aliases or ids look the same.",
    "A report shows agents by name, and names are found by their aliases. Two agents whose spellings "
    "are equal once case, hyphens, spaces, invisible characters and compatibility forms (NFKC) are set "
    "aside, or that differ only in Cyrillic or Greek letters drawn like Latin ones (Cyrillic `А` for "
    "`A`, Greek `ο` for `o`), would be printed alike and could be mistaken for one another. Merge them "
    "if they are one person; otherwise spell them apart. One agent's own spellings are never compared with "
    "each other: its names in other scripts and transliterations (`Лукашенко`, `Lukashenka`) are its aliases.",
    lambda: pair({"agents.yaml": str(BASE_FILES["agents.yaml"]) + "  - id: ann-author-2\n    name: \u0410nn Author\n"},
                 {"agents.yaml": str(BASE_FILES["agents.yaml"]) + "  - id: ann-author-2\n    name: Ann Author Jr\n"},
                 fails_note="the second name begins with the Cyrillic letter \u0410 (U+0410), drawn like A", at="agents.yaml:7"))

# -- structure: the shape of the argument ----------------------------------------------------------

_LONG = ("Nobody has a better plan, and nobody has had one for years, not since the old bridge was "
         "closed and the ferry stopped running. The council has looked at every option there is: a new "
         "bridge, a tunnel, a bus that goes the long way round, a second ferry, a cable car, and even, "
         "for one afternoon, a zip line. Each was too dear, or too slow, or too ugly, or all three at "
         "once, and each was argued over in long meetings that ran late into the night and settled "
         "nothing. This plan is the first that the town can pay for, the first that the engineers "
         "believe in, and the first that people in the market talk about without laughing.")
def _long_quote() -> str:
    """A folded scalar (`>-`) joins its lines with spaces: the quote is _LONG, a paragraph of the article."""
    import textwrap

    return ("  - id: e-better\n    quote: >-\n" + textwrap.indent(textwrap.fill(_LONG, 88), " " * 6)
            + "\n    speaker: author\n    grounds: [thesis]\n")


MISSING_THESIS: Final = Rule(
    "A001", "missing-thesis", E, "The map has no thesis.",
    "Every map states the article's main conclusion as `thesis` (with id, text and by).",
    lambda: pair({"map.yaml:thesis": "",
                  "map.yaml:claims": block("""
                      claims:
                        - id: cheap
                          text: The plan is cheap.
                          by: author
                        - id: quick
                          text: The plan is quick.
                          by: author
                          supports: [cheap]
                      """),
                  "map.yaml:evidence": grounds("cheap", "quick"),
                  "map.yaml:positions": BASE_SECTIONS["positions"].replace("[thesis]", "[cheap]")},
                 {"map.yaml:thesis": BASE_SECTIONS["thesis"],
                  "map.yaml:claims": claims(QUICK.format("cheap")),
                  "map.yaml:evidence": grounds("thesis", "cheap", "quick")},
                 show=("map.yaml:thesis", "map.yaml:claims"), fails_note="no `thesis`", at="map.yaml:2"))

CYCLE: Final = Rule(
    "A002", "cycle", E, "Claims support each other in a cycle.",
    "An argument is a tree (or a directed acyclic graph) leading to the thesis; a cycle of supports "
    "(A supports B supports A) is circular reasoning in the map, usually a wrong id. A cycle that "
    "contains an attack is a debate, not a defect (A012).",
    lambda: pair({"map.yaml:claims": claims(QUICK.format("cheap")).replace("[thesis]", "[thesis, quick]", 1),
                  "map.yaml:evidence": grounds("thesis", "cheap", "quick")},
                 {"map.yaml:claims": claims(QUICK.format("cheap")),
                  "map.yaml:evidence": grounds("thesis", "cheap", "quick")},
                 show=("map.yaml:claims",), at="map.yaml:14"))

ORPHAN_CLAIM: Final = Rule(
    "A003", "orphan-claim", W, "A claim that supports or attacks nothing and that nothing targets.",
    "Each claim should connect to the thesis or to another claim; a disconnected claim "
    "carries no part of the argument.",
    lambda: pair({"map.yaml:claims": claims(QUICK.format("")).replace("    supports: []\n", ""),
                  "map.yaml:evidence": grounds("thesis", "cheap", "quick")},
                 {"map.yaml:claims": claims(QUICK.format("thesis")),
                  "map.yaml:evidence": grounds("thesis", "cheap", "quick")},
                 show=("map.yaml:claims",), at="map.yaml:18"))

UNGROUNDING_EVIDENCE: Final = Rule(
    "A004", "ungrounding-evidence", W, "Evidence that grounds no claim.",
    "Every quote is attached to at least one claim through `grounds`.",
    lambda: pair({"map.yaml:evidence": evidence(said("e-better", "Nobody has a better plan.", ""))},
                 {"map.yaml:evidence": evidence(said("e-better", "Nobody has a better plan.", "thesis"))},
                 show=("map.yaml:evidence",), at="map.yaml:23"))

SUPPORTS_AND_ATTACKS: Final = Rule(
    "A005", "supports-and-attacks", E, "A claim both supports and attacks the same target.",
    "A claim cannot be for and against the same claim; split it into two claims.",
    lambda: pair({"map.yaml:claims": BASE_SECTIONS["claims"] + "    attacks: [thesis]\n"},
                 {}, show=("map.yaml:claims",), at="map.yaml:18"))

UNGROUNDED_CLAIM: Final = Rule(
    "A006", "ungrounded-claim", W, "A claim (or the thesis) that no evidence grounds.",
    "Every claim should rest on at least one verbatim quote from the article.",
    lambda: pair({"map.yaml:evidence": grounds("thesis")}, {}, show=("map.yaml:claims", "map.yaml:evidence"), at="map.yaml:14"))

SELF_REFERENCE: Final = Rule(
    "A007", "self-reference", E, "A claim supports or attacks itself.",
    "A claim's `supports` and `attacks` name other claims.",
    lambda: pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("[thesis]", "[thesis, cheap]")},
                 {}, show=("map.yaml:claims",), at="map.yaml:17"))

THESIS_HAS_RELATIONS: Final = Rule(
    "A008", "thesis-has-relations", E, "The thesis supports or attacks something.",
    "The thesis is the root of the argument: claims point to it, not the other way.",
    lambda: pair({"map.yaml:thesis": BASE_SECTIONS["thesis"] + "  supports: [cheap]\n"},
                 {}, show=("map.yaml:thesis", "map.yaml:claims"), at="map.yaml:13"))

LONG_QUOTE: Final = Rule(
    "A009", "long-quote", W, "A quote longer than the limit (default 600 characters).",
    "Evidence is a sentence or two, never whole paragraphs: quote only what grounds the claim. "
    "The limit is `max-quote-length` in the configuration.",
    lambda: pair({"map.yaml:evidence": BASE_SECTIONS["evidence"] + _long_quote(),
                  ARTICLE: str(BASE_FILES[ARTICLE]) + "\nShe goes on: " + _LONG + "\n"},
                 {"map.yaml:evidence": evidence(said("e-better", "This plan is the first that the town can pay for", "thesis")),
                  ARTICLE: str(BASE_FILES[ARTICLE]) + "\nShe goes on: " + _LONG + "\n"},
                 show=("map.yaml:evidence",),
                 fails_note="a quote of 600 characters or more", passes_note="the words that ground the claim", at="map.yaml:24",
                 more=(failing({"map.yaml:evidence": BASE_SECTIONS["evidence"] + '  - id: e-better\n    quote: "' + _LONG
                                + '"\n    speaker: author\n    grounds: [thesis]\n',
                                ARTICLE: str(BASE_FILES[ARTICLE]) + "\nShe goes on: " + _LONG + "\n"},
                               "map.yaml:24", "the long quote on one line, in double quotes"),)))

POSITION_GROUNDS_OTHER_AGENT: Final = Rule(
    "A010", "position-grounds-other-agent", W, "A position is grounded only in claims and quotes of other agents.",
    "An agent's position rests on what that agent says. Ground it in the agent's own claims or "
    "quotes.",
    lambda: pair({"map.yaml:agents": BOB_AGENTS, "map.yaml:claims": BOB_CLAIMS,
                  "map.yaml:evidence": BOB_EVIDENCE,
                  "map.yaml:positions": positions(position("plan-works", "disagree", "thesis", agent="bob-quoted"))},
                 {"map.yaml:agents": BOB_AGENTS, "map.yaml:claims": BOB_CLAIMS,
                  "map.yaml:evidence": BOB_EVIDENCE,
                  "map.yaml:positions": positions(position("plan-works", "disagree", "fails", agent="bob-quoted"))},
                 show=("map.yaml:claims", "map.yaml:positions"), at="map.yaml:38"))

NOT_REACHING_THESIS: Final = Rule(
    "A011", "not-reaching-thesis", W, "A claim whose chain of supports and attacks never reaches the thesis.",
    "Claims may connect to each other, but every chain should end at the thesis; otherwise "
    "the group of claims is an argument about something else.",
    lambda: pair({"map.yaml:claims": claims(QUICK.format("slow"), """
                      - id: slow
                        text: Other plans are slow.
                        by: author
                      """),
                  "map.yaml:evidence": grounds("thesis", "cheap", "quick", "slow")},
                 {"map.yaml:claims": claims(QUICK.format("slow"), """
                      - id: slow
                        text: Other plans are slow.
                        by: author
                        attacks: [thesis]
                      """),
                  "map.yaml:evidence": grounds("thesis", "cheap", "quick", "slow")},
                 show=("map.yaml:claims",), at="map.yaml:18"))

ATTACK_CYCLE: Final = Rule(
    "A012", "attack-cycle", N, "Claims attack each other in a cycle (through supports and at least one attack).",
    "Not an error: two sides answering each other (A attacks B, B attacks A; or A supports B, B "
    "attacks C, C attacks A) is what a debate looks like. Reported so that the cycle is seen: "
    "`argmap evaluate` shows which claims stand: a cycle of attacks alone leaves its claims undecided "
    "under grounded semantics, and preferred semantics chooses between the sides.",
    lambda: pair({"map.yaml:claims": claims("""
                      - id: dear
                        text: The plan costs more than it says.
                        by: author
                        attacks: [cheap]
                      """).replace("    supports: [thesis]\n", "    supports: [thesis]\n    attacks: [dear]\n", 1),
                  "map.yaml:evidence": grounds("thesis", "cheap", "dear")},
                 {"map.yaml:claims": claims("""
                      - id: dear
                        text: The plan costs more than it says.
                        by: author
                        attacks: [cheap]
                      """),
                  "map.yaml:evidence": grounds("thesis", "cheap", "dear")},
                 show=("map.yaml:claims",), fails_note="`cheap` and `dear` attack each other: a rebuttal, reported as information", at="map.yaml:14"))

# -- consistency: an agent's stances ---------------------------------------------------------------

# A narrower question of plan-helps (C009's base): written as the last item of questions.yaml.
_HELPS_ALL = "  - id: plan-helps-all\n    proposition: The plan helps everyone.\n    refines: [plan-helps]\n"


CONFLICTING_STANCES: Final = Rule(
    "C001", "conflicting-stances", E, "One agent holds two different stances on one question in one map.",
    "In one article an agent has one stance on a question. Keep the one the text supports.",
    lambda: pair({"map.yaml:positions": positions(position("plan-works", "neutral", "cheap"))},
                 {"map.yaml:positions": positions(position("plan-helps", "neutral", "cheap"))},
                 show=("map.yaml:positions",), at="map.yaml:29"))

IMPLICATION_BROKEN: Final = Rule(
    "C002", "implication-broken", E, "An agent's stances break an `implies` relation.",
    "If question A implies B, an agent who agrees with A and disagrees with B contradicts "
    "themself (or the registry's relation is wrong).",
    lambda: pair({"map.yaml:positions": positions(position("plan-helps", "disagree", "cheap"))},
                 {"map.yaml:positions": positions(position("plan-helps", "agree", "cheap"))},
                 show=("questions.yaml", "map.yaml:positions"), at="map.yaml:29"))

EXCLUSION_BROKEN: Final = Rule(
    "C003", "exclusion-broken", E, "An agent agrees with two questions that exclude each other.",
    "If question A excludes B, no agent can agree with both (or the relation is wrong).",
    lambda: pair({"map.yaml:positions": positions(position("plan-fails", "agree", "cheap"))},
                 {"map.yaml:positions": positions(position("plan-fails", "disagree", "cheap"))},
                 show=("questions.yaml", "map.yaml:positions"), at="map.yaml:29"))

STANCE_MOVED: Final = Rule(
    "C004", "stance-moved", N, "An agent's stance on a question moved between two maps.",
    "Not an error: people change their minds. Reported so that the move is seen; "
    "`argmap timeline AGENT` shows the whole history.",
    lambda: pair({**OTHER, "other.yaml:positions": BASE_SECTIONS["positions"].replace("agree", "disagree")},
                 {**OTHER, "other.yaml:positions": BASE_SECTIONS["positions"]},
                 show=("map.yaml:positions", "other.yaml:head", "other.yaml:positions"),
                 fails_note="information, not an error: people change their minds", at="other.yaml:24"))

DUPLICATE_POSITION: Final = Rule(
    "C005", "duplicate-position", W, "The same position is recorded twice in one map.",
    "Two entries for the same agent, question and stance add nothing; merge them and their grounds.",
    lambda: pair({"map.yaml:positions": positions(position("plan-works", "agree", "cheap"))},
                 {"map.yaml:positions": BASE_SECTIONS["positions"].replace("[thesis]", "[thesis, cheap]")},
                 show=("map.yaml:positions",), at="map.yaml:29"))

RELATION_UNKNOWN_QUESTION: Final = Rule(
    "C006", "relation-unknown-question", E, "A question relation names a question that does not exist.",
    "`implies`, `excludes` and `refines` in questions.yaml name other question ids.",
    lambda: pair({"questions.yaml": str(BASE_FILES["questions.yaml"]).replace("[plan-helps]", "[plan-help]")},
                 {}, show=("questions.yaml",), at="questions.yaml:5"))

RELATION_CONTRADICTION: Final = Rule(
    "C007", "relation-contradiction", E, "The question registry's relations contradict themselves.",
    "A question that implies another while excluding it (directly or through a chain of "
    "implications) can never be agreed with.",
    lambda: pair({"questions.yaml": str(BASE_FILES["questions.yaml"]).replace(
                      "    implies: [plan-helps]\n", "    implies: [plan-helps]\n    excludes: [plan-helps]\n")},
                 {}, show=("questions.yaml",), at="questions.yaml:7"))

REFINEMENT_CYCLE: Final = Rule(
    "C008", "refinement-cycle", E, "Questions refine each other in a circle.",
    "`refines` makes a question a narrower form of a broader one, shown beneath it; a question "
    "cannot be narrower than itself, directly or through a chain. Remove one `refines` of the circle.",
    lambda: pair({"questions.yaml": str(BASE_FILES["questions.yaml"]).replace(
                      "    proposition: The plan helps someone.\n",
                      "    proposition: The plan helps someone.\n    refines: [plan-works]\n").replace(
                      "    implies: [plan-helps]\n", "    implies: [plan-helps]\n    refines: [plan-helps]\n")},
                 {"questions.yaml": str(BASE_FILES["questions.yaml"]).replace(
                      "    implies: [plan-helps]\n", "    implies: [plan-helps]\n    refines: [plan-helps]\n")},
                 show=("questions.yaml",), at="questions.yaml:9"))

REFINEMENT_NOT_IMPLIED: Final = Rule(
    "C009", "refinement-not-implied", E, "A question refines a broader one that it does not imply.",
    "`refines: [B]` shows a question beneath B as a narrower form of it, and a reader takes an agent who "
    "agrees with the narrower question to agree with B. That holds only if the registry says so: "
    "`implies: [B]`, directly or through a chain of implications (then C002 checks the stances against "
    "it). Add B to `implies`, or drop `refines` if the question is a sibling rather than a narrower one.",
    lambda: pair({"questions.yaml": str(BASE_FILES["questions.yaml"]) + _HELPS_ALL},
                 {"questions.yaml": str(BASE_FILES["questions.yaml"]) + _HELPS_ALL + "    implies: [plan-helps]\n"},
                 show=("questions.yaml",),
                 fails_note="helping everyone is helping someone, but the registry does not say so", at="questions.yaml:13"))

POSITION_WITHOUT_BASIS: Final = Rule(
    "C010", "position-without-basis", W, "A position does not say how the stance is known.",
    "Every position says on what its stance rests: `basis: stated` (the speaker's own words state it: the "
    "author's voice, or the speaker quoted directly), `reported` (the author reports the view in the "
    "author's words), `act` (read from an act: a petition, a protest, a vote, a signature, a decision) "
    "or `inferred` (inferred from what the text says of causes, consequences or neighbouring claims). "
    "The format does not require it, so that older maps still load; this finding asks for it.",
    lambda: pair({"map.yaml:positions": BASE_SECTIONS["positions"].replace("    basis: stated\n", "")},
                 {}, show=("map.yaml:positions",), fails_note="the position says nothing of how the stance is known",
                 passes_note="the author's own voice states the stance: `stated`", at="map.yaml:24"))

# -- quotes: evidence checked against the article text ---------------------------------------------

def _russian_article() -> str:
    """The base article and a sentence of it in Russian."""
    return str(BASE_FILES[ARTICLE]) + "\n\u041f\u043e-\u0440\u0443\u0441\u0441\u043a\u0438 \u043e\u043d\u0430 " \
        "\u043f\u0438\u0448\u0435\u0442: \u00ab\u041f\u043b\u0430\u043d \u0441\u0442\u043e\u0438\u0442 " \
        "\u043d\u0435\u0434\u043e\u0440\u043e\u0433\u043e \u0438 \u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442\u00bb.\n"


def _russian_evidence(plan: str) -> str:
    """The base evidence and a quote of the article's Russian sentence, `plan` spelling its first word."""
    return BASE_SECTIONS["evidence"] + (
        "  - id: e-cheap-ru\n"
        f"    quote: \"{plan} \u0441\u0442\u043e\u0438\u0442 \u043d\u0435\u0434\u043e\u0440\u043e\u0433\u043e \u0438 "
        "\u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442\"\n"
        "    translation: The plan costs little and works\n"
        "    speaker: author\n"
        "    grounds: [cheap]\n")


QUOTE_NOT_FOUND: Final = Rule(
    "Q001", "quote-not-found", E, "A quote is not in the article text.",
    "Quotes must be verbatim. Matching ignores typographic differences (curly or straight "
    "quotes, dashes, no-break spaces, line breaks, words hyphenated across a line end) and "
    "treats an ellipsis (… or [...]) as words left out of one paragraph, at most 300 characters "
    "by default; every part holds two words or more, on word boundaries, in order. The message "
    "names the rule a quote breaks; otherwise the hint shows the closest passage of the article "
    "and how close it is (docs/quotes.md).",
    lambda: pair({"map.yaml:evidence": BASE_SECTIONS["evidence"].replace("costs little", "costs nothing")},
                 {}, show=(ARTICLE, "map.yaml:evidence"), at="map.yaml:20",
                 more=(failing({"map.yaml:evidence": BASE_SECTIONS["evidence"].replace('"The plan costs little, and it works."',
                                                                                     '"and it works … The plan costs little"')},
                          "map.yaml:20", "an ellipsis joining parts out of order"),)))

SOURCE_MISSING: Final = Rule(
    "Q002", "source-missing", N, "The article text for a map is not in the sources directories.",
    "With --sources DIR, each map's `source.text` is looked up in DIR (the first directory of a "
    "search path that has it wins). Without the text the "
    "quotes cannot be checked. An error under --require-sources.",
    lambda: pair({"map.yaml:source": BASE_SECTIONS["source"].replace("article.txt", "articel.txt")},
                 {}, show=("map.yaml:source",), fails_note="there is no sources/articel.txt", at="map.yaml:8"))

SOURCE_UNREADABLE: Final = Rule(
    "Q003", "source-unreadable", E, "The article text cannot be read as UTF-8 text, or a saved page's or PDF's "
    "text cannot be extracted.",
    "Convert the article text to UTF-8, or fix its permissions. A saved page (.html) or a PDF needs argmap's "
    "`web` or `pdf` extra, and must be within max-source-size (and a PDF within max-source-pages), not "
    "encrypted with a password, and extracted within extract-timeout seconds (docs/sources.md).",
    lambda: pair({ARTICLE: str(BASE_FILES[ARTICLE]).replace("Ann Author writes", "Caf\u00e9 owner Ann Author writes")
                  .encode("latin-1")},
                 {ARTICLE: str(BASE_FILES[ARTICLE]).replace("Ann Author writes", "Caf\u00e9 owner Ann Author writes")},
                 show=(ARTICLE,), fails_note="saved as Latin-1: the byte \\xe9 stands for \u00e9", at="map.yaml:8"))

SOURCE_PATH_ESCAPES: Final = Rule(
    "Q004", "source-path-escapes", E, "`source.text` points outside the sources directory.",
    "`source.text` is a file name inside the sources directory; absolute paths and `..` are "
    "refused so that a map cannot make argmap read arbitrary files.",
    lambda: pair({"map.yaml:source": BASE_SECTIONS["source"].replace("article.txt", "../article.txt")},
                 {}, show=("map.yaml:source",), at="map.yaml:8",
                 more=(failing({"map.yaml:source": BASE_SECTIONS["source"].replace("article.txt", "../../../pyproject.toml")},
                               "map.yaml:8", "a path that climbs out of the project"),
                       failing({"map.yaml:source": BASE_SECTIONS["source"].replace("article.txt", "/etc/passwd")},
                               "map.yaml:8", "an absolute path"))))

LOOKALIKE_LETTER: Final = Rule(
    "Q005", "lookalike-letter", E, "A quote differs from its article only in letters drawn alike in Latin and "
    "Cyrillic, or it mixes them in one word.",
    "A Latin `o` and a Cyrillic `о` print alike but are different letters, so a word that mixes them is not the "
    "word a reader or a search finds. argmap never reads one as the other: a quote that would match its article "
    "only if they were read alike fails (an error), and the message names the letter, its code point and where it "
    "stands, in the quote (its column) or in the article (line and column). A quote that matches but has such a "
    "letter inside a word of the other script (Latin `o` in \"пoлитика\", Cyrillic `е` in \"Lukashеnko\") is a "
    "warning: the article has the same letter, so the quote is verbatim, but whoever searches for the word will "
    "not find it. Retype the letter, or, if the article's copy has it, keep it and say so in a suppression comment. "
    "Cyrillic `ё` and `е`, and the forms of the apostrophe (' ’ ʼ ʻ ` ´), are read alike (docs/quotes.md).",
    lambda: pair({ARTICLE: _russian_article(), "map.yaml:evidence": _russian_evidence("\u041f\u043b" "a" "\u043d")},
                 {ARTICLE: _russian_article(), "map.yaml:evidence": _russian_evidence("\u041f\u043b\u0430\u043d")},
                 show=(ARTICLE, "map.yaml:evidence"),
                 fails_note="the quote's third letter of \u041f\u043b" "a" "\u043d is the Latin a (U+0061), "
                            "drawn like the Cyrillic \u0430 (U+0430) the article has",
                 passes_note="the quote keeps the article's Cyrillic words and carries a `translation`", at="map.yaml:24"))

# -- links: claims of different maps joined in links.yaml ------------------------------------------

UNKNOWN_LINK_END: Final = Rule(
    "L001", "unknown-link-end", E, "A link names a map or a claim that does not exist.",
    "`from` and `to` in links.yaml are written MAP-ID#CLAIM-ID: the id of a map of the corpus, and "
    "the id of its thesis or of one of its claims. The hint suggests the closest id. When only some "
    "maps are checked (files named one by one), links to the maps left out are not reported.",
    lambda: pair({**OTHER, "links.yaml": links("example#cheap other#cheep same")},
                 {**OTHER, "links.yaml": links("example#cheap other#cheap same")},
                 show=("other.yaml:head", "links.yaml"), at="links.yaml:4"))

SELF_LINK: Final = Rule(
    "L002", "self-link", E, "A link joins a claim to itself.",
    "A link relates two different claims; `from` and `to` name the same one, usually a copied line.",
    lambda: pair({**OTHER, "links.yaml": links("example#cheap example#cheap same")},
                 {**OTHER, "links.yaml": links("example#cheap other#cheap same")},
                 show=("other.yaml:head", "links.yaml"), at="links.yaml:4"))

SAME_AND_OPPOSES: Final = Rule(
    "L003", "same-and-opposes", E, "Two claims are linked both `same` and `opposes`.",
    "`same` joins claims that make one point (in different words, by different people), `opposes` "
    "claims that contradict each other. Through a chain of `same` links both cannot hold: one of the "
    "links is wrong.",
    lambda: pair({**OTHER, "links.yaml": links("example#cheap other#cheap same", "other#cheap example#cheap opposes")},
                 {**OTHER, "links.yaml": links("example#cheap other#cheap same")},
                 show=("other.yaml:head", "links.yaml"), at="links.yaml:6"))

SAME_JOINS_ATTACKERS: Final = Rule(
    "L004", "same-joins-attackers", E, "A chain of `same` links joins two claims of one map that attack each other.",
    "If A `same` B, and B `same` C, then A and C make one point; when A and C belong to one map where "
    "one attacks the other, a `same` link on the way is wrong (or the map's `attacks` is).",
    lambda: pair({**OTHER, "map.yaml:agents": BOB_AGENTS, "map.yaml:claims": BOB_CLAIMS,
                  "map.yaml:evidence": BOB_EVIDENCE, "links.yaml": links("example#fails other#thesis same", "other#thesis example#thesis same")},
                 {**OTHER, "map.yaml:agents": BOB_AGENTS, "map.yaml:claims": BOB_CLAIMS,
                  "map.yaml:evidence": BOB_EVIDENCE, "links.yaml": links("example#fails other#thesis opposes", "other#thesis example#thesis same")},
                 show=("map.yaml:claims", "other.yaml:head", "links.yaml"), at="links.yaml:6"))

DUPLICATE_LINK: Final = Rule(
    "L005", "duplicate-link", W, "A link is written twice.",
    "The same two claims with the same relation (in either order, for the symmetric `same` and "
    "`opposes`) appear twice in links.yaml; keep one, and merge the notes.",
    lambda: pair({**OTHER, "links.yaml": links("example#cheap other#cheap same", "other#cheap example#cheap same")},
                 {**OTHER, "links.yaml": links("example#cheap other#cheap same")},
                 show=("other.yaml:head", "links.yaml"), at="links.yaml:6"))

# -- suppressions: comments that are malformed or unused -------------------------------------------

SUPPRESSION_WITHOUT_REASON: Final = Rule(
    "X001", "suppression-without-reason", W, "A suppression comment gives no reason, or is misplaced.",
    "`# argmap: ignore[A006] the article gives no source` accepts one finding where it lives; the "
    "reason after the brackets is what a reviewer reads, so it is required. `ignore-file` belongs "
    "in the comments that open a map.",
    lambda: pair({"map.yaml:claims": claims(QUICK.format("thesis")).replace("- id: quick", "- id: quick  # argmap: ignore[A006]")},
                 {"map.yaml:claims": claims(QUICK.format("thesis")).replace(
                     "- id: quick", "- id: quick  # argmap: ignore[A006] the article gives no source for this")},
                 show=("map.yaml:claims",), fails_note="the claim `quick` has no quote (A006), accepted without a reason", at="map.yaml:18"))

SUPPRESSION_UNKNOWN_RULE: Final = Rule(
    "X002", "suppression-unknown-rule", E, "A suppression comment names a rule that does not exist.",
    "Name rules by code (A006), prefix (A) or name (ungrounded-claim), as `argmap rules` lists them. "
    "A misspelt code would otherwise suppress nothing, silently.",
    lambda: pair({"map.yaml:claims": claims(QUICK.format("thesis")).replace(
                      "- id: cheap", "- id: cheap  # argmap: ignore[A066] the article gives no source for this")
                  .replace("- id: quick", "- id: quick  # argmap: ignore[A006] the article gives no source for this")},
                 {"map.yaml:claims": claims(QUICK.format("thesis")).replace(
                     "- id: quick", "- id: quick  # argmap: ignore[A006] the article gives no source for this")},
                 show=("map.yaml:claims",), fails_note="A066 is no rule: a misspelt code would otherwise suppress nothing, silently", at="map.yaml:14"))

SUPPRESSION_UNUSED: Final = Rule(
    "X003", "suppression-unused", W, "A suppression comment suppresses nothing.",
    "The finding it was written for is gone (fixed, or moved to another line): remove the comment, "
    "so that suppressions do not outlive their reason. Like ruff's unused-noqa.",
    lambda: pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace(
                      "- id: cheap", "- id: cheap  # argmap: ignore[A006] the article gives no source for this")},
                 {}, show=("map.yaml:claims",), fails_note="`cheap` is grounded by a quote: nothing to suppress", at="map.yaml:14"))


# -- the registry -----------------------------------------------------------------------------------


def _registry(rules: list[Rule]) -> dict[str, Rule]:
    registry = {rule.code: rule for rule in sorted(rules, key=lambda rule: (list(FAMILIES).index(rule.code[0]), rule.code))}
    assert len(registry) == len(rules), "two rules share a code"
    return registry


# Every constant above, in the order of FAMILIES and code (the order of `argmap rules` and docs/rules.md).
RULES: dict[str, Rule] = _registry([value for value in list(globals().values()) if isinstance(value, Rule)])
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES.values()}


def resolve(code_or_name: str) -> list[Rule]:
    """Rules named by a code ('S003'), a prefix ('S', 'S00'), a name ('unknown-key') or 'ALL'."""
    key = code_or_name.strip()
    if key.upper() == "ALL":
        return list(RULES.values())
    if key in BY_NAME:
        return [BY_NAME[key]]
    upper = key.upper()
    return [rule for code, rule in RULES.items() if code.startswith(upper)] if upper else []
