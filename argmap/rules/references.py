"""References (R): ids that point nowhere or twice. Each rule with its failing and passing example."""

from __future__ import annotations

from typing import Final

from argmap.rules.example import BASE_FILES, BASE_SECTIONS, BOB_AGENTS, BOB_CLAIMS, BOB_EVIDENCE, OTHER, evidence, pair
from argmap.rules.rule import E, N, Rule, W

# A map of two authors that names the first one everywhere: R009's base.
_NAMED = {"map.yaml:source": BASE_SECTIONS["source"].replace("[ann-author]", "[ann-author, bob-quoted]"),
          "map.yaml:thesis": BASE_SECTIONS["thesis"].replace("by: author", "by: ann-author"),
          "map.yaml:evidence": BASE_SECTIONS["evidence"].replace("speaker: author", "speaker: ann-author"),
          "map.yaml:positions": BASE_SECTIONS["positions"].replace("agent: author", "agent: ann-author")}


UNDEFINED_ID: Final = Rule(
    "R001", "undefined-id", E, "A claim or evidence id is used but never defined in the map.",
    "`supports`, `attacks`, `grounds` and position `grounds` name ids defined in the same map. "
    "The hint suggests the closest defined id.",
    pair({"map.yaml:positions": BASE_SECTIONS["positions"].replace("[thesis]", "[thesys]")},
         {}, show=("map.yaml:thesis", "map.yaml:positions")))

DUPLICATE_ID: Final = Rule(
    "R002", "duplicate-id", E, "An id is defined twice in one map.",
    "Claim, thesis and evidence ids share one namespace per map; each must be unique.",
    pair({"map.yaml:evidence": evidence("""
                - id: e-cheap
                  quote: "Nobody has a better plan."
                  speaker: author
                  grounds: [thesis]
              """)},
         {"map.yaml:evidence": evidence("""
                - id: e-better
                  quote: "Nobody has a better plan."
                  speaker: author
                  grounds: [thesis]
              """)},
         show=("map.yaml:evidence",)))

DUPLICATE_MAP_ID: Final = Rule(
    "R003", "duplicate-map-id", E, "Two maps have the same id.",
    "Map ids identify articles across the corpus and in every report; give each map its own.",
    pair({"other.yaml:head": "argmap: 1\nid: example\n"}, OTHER,
         show=("map.yaml:head", "other.yaml:head")))

UNKNOWN_QUESTION: Final = Rule(
    "R004", "unknown-question", E, "A position names a question that is not in the registry.",
    "Questions live in questions.yaml beside the maps. Add the question there or fix the id.",
    pair({"map.yaml:positions": BASE_SECTIONS["positions"].replace("plan-works", "plan-wroks")},
         {}, show=("questions.yaml", "map.yaml:positions")))

UNKNOWN_AGENT: Final = Rule(
    "R005", "unknown-agent", E, "An agent id that is not in the agents registry.",
    "Agents live in agents.yaml beside the maps, one id per person across the corpus. Add the "
    "agent there (with the other spellings as aliases) or fix the id.",
    pair({"map.yaml:source": BASE_SECTIONS["source"].replace("[ann-author]", "[ann-autor]")},
         {}, show=("agents.yaml", "map.yaml:source")))

UNDECLARED_AGENT: Final = Rule(
    "R006", "undeclared-agent", W, "An agent speaks in a map but is not listed in its agents.",
    "A map lists its author(s) in `source.authors` and everyone else who speaks in `agents`, "
    "so a reader sees at a glance who is in the article.",
    pair({"map.yaml:claims": BOB_CLAIMS, "map.yaml:evidence": BOB_EVIDENCE},
         {"map.yaml:agents": BOB_AGENTS, "map.yaml:claims": BOB_CLAIMS,
          "map.yaml:evidence": BOB_EVIDENCE},
         show=("map.yaml:agents", "map.yaml:claims"), fails_note="no `agents` list"))

DUPLICATE_REGISTRY_ID: Final = Rule(
    "R007", "duplicate-registry-id", E, "An agent or question is defined twice in the registries.",
    "Each agent and each question is defined once across the corpus.",
    pair({"agents.yaml": str(BASE_FILES["agents.yaml"]) + "  - id: bob-quoted\n    name: Robert Quoted\n"},
         {"agents.yaml": str(BASE_FILES["agents.yaml"]).replace(
             "    name: Bob Quoted\n", "    name: Bob Quoted\n    aliases: [Robert Quoted]\n")}))

MISSING_REGISTRY: Final = Rule(
    "R008", "missing-registry", W, "No agents.yaml or questions.yaml was found for the maps.",
    "Registries are found by name in the checked directories or their parents. Without them "
    "agent and question ids cannot be checked.",
    pair({"agents.yaml": None, "questions.yaml": None}, {},
         show=("agents.yaml", "questions.yaml")))

AMBIGUOUS_AUTHOR: Final = Rule(
    "R009", "ambiguous-author", E, "`author` is used in a map that has several authors.",
    "The reserved id `author` stands for the map's single author. With several authors, name "
    "the agent explicitly.",
    pair({**_NAMED, "map.yaml:claims": BASE_SECTIONS["claims"]},
         {**_NAMED, "map.yaml:claims": BASE_SECTIONS["claims"].replace("by: author", "by: ann-author")},
         show=("map.yaml:source", "map.yaml:claims"),
         fails_note="two authors (the rest of the map names ann-author)"))

UNUSED_AGENT: Final = Rule(
    "R010", "unused-agent", N, "An agent is listed in a map but never speaks in it.",
    "Every agent listed in `agents` should assert a claim, speak a quote or hold a position; "
    "otherwise remove it from the list.",
    pair({"map.yaml:agents": BOB_AGENTS},
         {"map.yaml:agents": BOB_AGENTS, "map.yaml:claims": BOB_CLAIMS,
          "map.yaml:evidence": BOB_EVIDENCE},
         show=("map.yaml:agents", "map.yaml:claims"),
         passes_note="Bob Quoted asserts a claim (and is quoted for it)"))

CONFUSABLE_AGENTS: Final = Rule(
    "R011", "confusable-agents", W, "Two agents in the registry whose names, aliases or ids look the same.",
    "A report shows agents by name, and names are found by their aliases. Two agents whose spellings "
    "are equal once case, hyphens, spaces, invisible characters and compatibility forms (NFKC) are set "
    "aside, or that differ only in Cyrillic or Greek letters drawn like Latin ones (Cyrillic `А` for "
    "`A`, Greek `ο` for `o`), would be printed alike and could be mistaken for one another. Merge them "
    "if they are one person; otherwise spell them apart. One agent's own spellings are never compared with "
    "each other: its names in other scripts and transliterations (`Лукашенко`, `Lukashenka`) are its aliases.",
    pair({"agents.yaml": str(BASE_FILES["agents.yaml"]) + "  - id: ann-author-2\n    name: \u0410nn Author\n"},
         {"agents.yaml": str(BASE_FILES["agents.yaml"]) + "  - id: ann-author-2\n    name: Ann Author Jr\n"},
         fails_note="the second name begins with the Cyrillic letter \u0410 (U+0410), drawn like A"))
