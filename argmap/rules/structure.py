"""Structure (A): the shape of the argument. Each rule with its failing and passing example."""

from __future__ import annotations

import textwrap
from typing import Final

from argmap.rules.example import (
         ARTICLE,
         BASE_FILES,
         BASE_SECTIONS,
         BOB_AGENTS,
         BOB_CLAIMS,
         BOB_EVIDENCE,
         QUICK,
         block,
         claims,
         evidence,
         grounds,
         pair,
         positions,
)
from argmap.rules.rule import E, N, Rule, W

_LONG = ("Nobody has a better plan, and nobody has had one for years, not since the old bridge was "
         "closed and the ferry stopped running. The council has looked at every option there is: a new "
         "bridge, a tunnel, a bus that goes the long way round, a second ferry, a cable car, and even, "
         "for one afternoon, a zip line. Each was too dear, or too slow, or too ugly, or all three at "
         "once, and each was argued over in long meetings that ran late into the night and settled "
         "nothing. This plan is the first that the town can pay for, the first that the engineers "
         "believe in, and the first that people in the market talk about without laughing.")
# A folded scalar (`>-`) joins its lines with spaces: the quote is _LONG, a paragraph of the article.
_LONG_QUOTE = ("  - id: e-better\n    quote: >-\n" + textwrap.indent(textwrap.fill(_LONG, 88), " " * 6)
               + "\n    speaker: author\n    grounds: [thesis]\n")


MISSING_THESIS: Final = Rule(
    "A001", "missing-thesis", E, "The map has no thesis.",
    "Every map states the article's main conclusion as `thesis` (with id, text and by).",
    pair({"map.yaml:thesis": "",
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
         show=("map.yaml:thesis", "map.yaml:claims"), fails_note="no `thesis`"))

CYCLE: Final = Rule(
    "A002", "cycle", E, "Claims support each other in a cycle.",
    "An argument is a tree (or a directed acyclic graph) leading to the thesis; a cycle of supports "
    "(A supports B supports A) is circular reasoning in the map, usually a wrong id. A cycle that "
    "contains an attack is a debate, not a defect (A012).",
    pair({"map.yaml:claims": claims(QUICK.format("cheap")).replace("[thesis]", "[thesis, quick]", 1),
          "map.yaml:evidence": grounds("thesis", "cheap", "quick")},
         {"map.yaml:claims": claims(QUICK.format("cheap")),
          "map.yaml:evidence": grounds("thesis", "cheap", "quick")},
         show=("map.yaml:claims",)))

ORPHAN_CLAIM: Final = Rule(
    "A003", "orphan-claim", W, "A claim that supports or attacks nothing and that nothing targets.",
    "Each claim should connect to the thesis or to another claim; a disconnected claim "
    "carries no part of the argument.",
    pair({"map.yaml:claims": claims(QUICK.format("")).replace("    supports: []\n", ""),
          "map.yaml:evidence": grounds("thesis", "cheap", "quick")},
         {"map.yaml:claims": claims(QUICK.format("thesis")),
          "map.yaml:evidence": grounds("thesis", "cheap", "quick")},
         show=("map.yaml:claims",)))

UNGROUNDING_EVIDENCE: Final = Rule(
    "A004", "ungrounding-evidence", W, "Evidence that grounds no claim.",
    "Every quote is attached to at least one claim through `grounds`.",
    pair({"map.yaml:evidence": evidence("""
                - id: e-better
                  quote: "Nobody has a better plan."
                  speaker: author
                  grounds: []
              """)},
         {"map.yaml:evidence": evidence("""
                - id: e-better
                  quote: "Nobody has a better plan."
                  speaker: author
                  grounds: [thesis]
              """)},
         show=("map.yaml:evidence",)))

SUPPORTS_AND_ATTACKS: Final = Rule(
    "A005", "supports-and-attacks", E, "A claim both supports and attacks the same target.",
    "A claim cannot be for and against the same claim; split it into two claims.",
    pair({"map.yaml:claims": BASE_SECTIONS["claims"] + "    attacks: [thesis]\n"},
         {}, show=("map.yaml:claims",)))

UNGROUNDED_CLAIM: Final = Rule(
    "A006", "ungrounded-claim", W, "A claim (or the thesis) that no evidence grounds.",
    "Every claim should rest on at least one verbatim quote from the article.",
    pair({"map.yaml:evidence": grounds("thesis")}, {}, show=("map.yaml:claims", "map.yaml:evidence")))

SELF_REFERENCE: Final = Rule(
    "A007", "self-reference", E, "A claim supports or attacks itself.",
    "A claim's `supports` and `attacks` name other claims.",
    pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("[thesis]", "[thesis, cheap]")},
         {}, show=("map.yaml:claims",)))

THESIS_HAS_RELATIONS: Final = Rule(
    "A008", "thesis-has-relations", E, "The thesis supports or attacks something.",
    "The thesis is the root of the argument: claims point to it, not the other way.",
    pair({"map.yaml:thesis": BASE_SECTIONS["thesis"] + "  supports: [cheap]\n"},
         {}, show=("map.yaml:thesis", "map.yaml:claims")))

LONG_QUOTE: Final = Rule(
    "A009", "long-quote", W, "A quote longer than the limit (default 600 characters).",
    "Evidence is a sentence or two, never whole paragraphs: quote only what grounds the claim. "
    "The limit is `max-quote-length` in the configuration.",
    pair({"map.yaml:evidence": BASE_SECTIONS["evidence"] + _LONG_QUOTE,
          ARTICLE: str(BASE_FILES[ARTICLE]) + "\nShe goes on: " + _LONG + "\n"},
         {"map.yaml:evidence": evidence("""
                - id: e-better
                  quote: "This plan is the first that the town can pay for"
                  speaker: author
                  grounds: [thesis]
              """),
          ARTICLE: str(BASE_FILES[ARTICLE]) + "\nShe goes on: " + _LONG + "\n"},
         show=("map.yaml:evidence",),
         fails_note="a quote of 600 characters or more", passes_note="the words that ground the claim"))

POSITION_GROUNDS_OTHER_AGENT: Final = Rule(
    "A010", "position-grounds-other-agent", W, "A position is grounded only in claims and quotes of other agents.",
    "An agent's position rests on what that agent says. Ground it in the agent's own claims or "
    "quotes.",
    pair({"map.yaml:agents": BOB_AGENTS, "map.yaml:claims": BOB_CLAIMS,
          "map.yaml:evidence": BOB_EVIDENCE,
          "map.yaml:positions": positions("""
              - agent: bob-quoted
                question: plan-works
                stance: disagree
                basis: stated
                grounds: [thesis]
              """)},
         {"map.yaml:agents": BOB_AGENTS, "map.yaml:claims": BOB_CLAIMS,
          "map.yaml:evidence": BOB_EVIDENCE,
          "map.yaml:positions": positions("""
              - agent: bob-quoted
                question: plan-works
                stance: disagree
                basis: stated
                grounds: [fails]
              """)},
         show=("map.yaml:claims", "map.yaml:positions")))

NOT_REACHING_THESIS: Final = Rule(
    "A011", "not-reaching-thesis", W, "A claim whose chain of supports and attacks never reaches the thesis.",
    "Claims may connect to each other, but every chain should end at the thesis; otherwise "
    "the group of claims is an argument about something else.",
    pair({"map.yaml:claims": claims(QUICK.format("slow"), """
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
         show=("map.yaml:claims",)))

ATTACK_CYCLE: Final = Rule(
    "A012", "attack-cycle", N, "Claims attack each other in a cycle (through supports and at least one attack).",
    "Not an error: two sides answering each other (A attacks B, B attacks A; or A supports B, B "
    "attacks C, C attacks A) is what a debate looks like. Reported so that the cycle is seen: "
    "`argmap evaluate` shows which claims stand: a cycle of attacks alone leaves its claims undecided "
    "under grounded semantics, and preferred semantics chooses between the sides.",
    pair({"map.yaml:claims": claims("""
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
         show=("map.yaml:claims",), fails_note="`cheap` and `dear` attack each other: a rebuttal, reported as information"))
