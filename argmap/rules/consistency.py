"""Consistency (C): an agent's stances. Each rule with its failing and passing example."""

from __future__ import annotations

from typing import Final

from argmap.rules.example import BASE_FILES, BASE_SECTIONS, OTHER, pair, positions
from argmap.rules.rule import E, N, Rule, W

# A narrower question of plan-helps (C009's base): written as the last item of questions.yaml.
_HELPS_ALL = "  - id: plan-helps-all\n    proposition: The plan helps everyone.\n    refines: [plan-helps]\n"


CONFLICTING_STANCES: Final = Rule(
    "C001", "conflicting-stances", E, "One agent holds two different stances on one question in one map.",
    "In one article an agent has one stance on a question. Keep the one the text supports.",
    pair({"map.yaml:positions": positions("""
              - agent: author
                question: plan-works
                stance: neutral
                basis: stated
                grounds: [cheap]
              """)},
         {"map.yaml:positions": positions("""
              - agent: author
                question: plan-helps
                stance: neutral
                basis: stated
                grounds: [cheap]
              """)},
         show=("map.yaml:positions",)))

IMPLICATION_BROKEN: Final = Rule(
    "C002", "implication-broken", E, "An agent's stances break an `implies` relation.",
    "If question A implies B, an agent who agrees with A and disagrees with B contradicts "
    "themself (or the registry's relation is wrong).",
    pair({"map.yaml:positions": positions("""
              - agent: author
                question: plan-helps
                stance: disagree
                basis: stated
                grounds: [cheap]
              """)},
         {"map.yaml:positions": positions("""
              - agent: author
                question: plan-helps
                stance: agree
                basis: stated
                grounds: [cheap]
              """)},
         show=("questions.yaml", "map.yaml:positions")))

EXCLUSION_BROKEN: Final = Rule(
    "C003", "exclusion-broken", E, "An agent agrees with two questions that exclude each other.",
    "If question A excludes B, no agent can agree with both (or the relation is wrong).",
    pair({"map.yaml:positions": positions("""
              - agent: author
                question: plan-fails
                stance: agree
                basis: stated
                grounds: [cheap]
              """)},
         {"map.yaml:positions": positions("""
              - agent: author
                question: plan-fails
                stance: disagree
                basis: stated
                grounds: [cheap]
              """)},
         show=("questions.yaml", "map.yaml:positions")))

STANCE_MOVED: Final = Rule(
    "C004", "stance-moved", N, "An agent's stance on a question moved between two maps.",
    "Not an error: people change their minds. Reported so that the move is seen; "
    "`argmap timeline AGENT` shows the whole history.",
    pair({**OTHER, "other.yaml:positions": BASE_SECTIONS["positions"].replace("agree", "disagree")},
         {**OTHER, "other.yaml:positions": BASE_SECTIONS["positions"]},
         show=("map.yaml:positions", "other.yaml:head", "other.yaml:positions"),
         fails_note="information, not an error: people change their minds"))

DUPLICATE_POSITION: Final = Rule(
    "C005", "duplicate-position", W, "The same position is recorded twice in one map.",
    "Two entries for the same agent, question and stance add nothing; merge them and their grounds.",
    pair({"map.yaml:positions": positions("""
              - agent: author
                question: plan-works
                stance: agree
                basis: stated
                grounds: [cheap]
              """)},
         {"map.yaml:positions": BASE_SECTIONS["positions"].replace("[thesis]", "[thesis, cheap]")},
         show=("map.yaml:positions",)))

RELATION_UNKNOWN_QUESTION: Final = Rule(
    "C006", "relation-unknown-question", E, "A question relation names a question that does not exist.",
    "`implies`, `excludes` and `refines` in questions.yaml name other question ids.",
    pair({"questions.yaml": str(BASE_FILES["questions.yaml"]).replace("[plan-helps]", "[plan-help]")},
         {}, show=("questions.yaml",)))

RELATION_CONTRADICTION: Final = Rule(
    "C007", "relation-contradiction", E, "The question registry's relations contradict themselves.",
    "A question that implies another while excluding it (directly or through a chain of "
    "implications) can never be agreed with.",
    pair({"questions.yaml": str(BASE_FILES["questions.yaml"]).replace(
              "    implies: [plan-helps]\n", "    implies: [plan-helps]\n    excludes: [plan-helps]\n")},
         {}, show=("questions.yaml",)))

REFINEMENT_CYCLE: Final = Rule(
    "C008", "refinement-cycle", E, "Questions refine each other in a circle.",
    "`refines` makes a question a narrower form of a broader one, shown beneath it; a question "
    "cannot be narrower than itself, directly or through a chain. Remove one `refines` of the circle.",
    pair({"questions.yaml": str(BASE_FILES["questions.yaml"]).replace(
              "    proposition: The plan helps someone.\n",
              "    proposition: The plan helps someone.\n    refines: [plan-works]\n").replace(
              "    implies: [plan-helps]\n", "    implies: [plan-helps]\n    refines: [plan-helps]\n")},
         {"questions.yaml": str(BASE_FILES["questions.yaml"]).replace(
              "    implies: [plan-helps]\n", "    implies: [plan-helps]\n    refines: [plan-helps]\n")},
         show=("questions.yaml",)))

REFINEMENT_NOT_IMPLIED: Final = Rule(
    "C009", "refinement-not-implied", E, "A question refines a broader one that it does not imply.",
    "`refines: [B]` shows a question beneath B as a narrower form of it, and a reader takes an agent who "
    "agrees with the narrower question to agree with B. That holds only if the registry says so: "
    "`implies: [B]`, directly or through a chain of implications (then C002 checks the stances against "
    "it). Add B to `implies`, or drop `refines` if the question is a sibling rather than a narrower one.",
    pair({"questions.yaml": str(BASE_FILES["questions.yaml"]) + _HELPS_ALL},
         {"questions.yaml": str(BASE_FILES["questions.yaml"]) + _HELPS_ALL + "    implies: [plan-helps]\n"},
         show=("questions.yaml",),
         fails_note="helping everyone is helping someone, but the registry does not say so"))

POSITION_WITHOUT_BASIS: Final = Rule(
    "C010", "position-without-basis", W, "A position does not say how the stance is known.",
    "Every position says on what its stance rests: `basis: stated` (the speaker's own words state it: the "
    "author's voice, or the speaker quoted directly), `reported` (the author reports the view in the "
    "author's words), `act` (read from an act: a petition, a protest, a vote, a signature, a decision) "
    "or `inferred` (inferred from what the text says of causes, consequences or neighbouring claims). "
    "The format does not require it, so that older maps still load; this finding asks for it.",
    pair({"map.yaml:positions": BASE_SECTIONS["positions"].replace("    basis: stated\n", "")},
         {}, show=("map.yaml:positions",), fails_note="the position says nothing of how the stance is known",
         passes_note="the author's own voice states the stance: `stated`"))
