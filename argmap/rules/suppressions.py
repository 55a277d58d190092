"""Suppressions (X): `# argmap: ignore[CODE] reason` comments that are malformed or unused. Each rule with its failing and passing example."""

from __future__ import annotations

from typing import Final

from argmap.rules.example import BASE_SECTIONS, QUICK, claims, pair
from argmap.rules.rule import E, Rule, W

SUPPRESSION_WITHOUT_REASON: Final = Rule(
    "X001", "suppression-without-reason", W, "A suppression comment gives no reason, or is misplaced.",
    "`# argmap: ignore[A006] the article gives no source` accepts one finding where it lives; the "
    "reason after the brackets is what a reviewer reads, so it is required. `ignore-file` belongs "
    "in the comments that open a map.",
    pair({"map.yaml:claims": claims(QUICK.format("thesis")).replace("- id: quick", "- id: quick  # argmap: ignore[A006]")},
         {"map.yaml:claims": claims(QUICK.format("thesis")).replace(
             "- id: quick", "- id: quick  # argmap: ignore[A006] the article gives no source for this")},
         show=("map.yaml:claims",), fails_note="the claim `quick` has no quote (A006), accepted without a reason"))

SUPPRESSION_UNKNOWN_RULE: Final = Rule(
    "X002", "suppression-unknown-rule", E, "A suppression comment names a rule that does not exist.",
    "Name rules by code (A006), prefix (A) or name (ungrounded-claim), as `argmap rules` lists them. "
    "A misspelt code would otherwise suppress nothing, silently.",
    pair({"map.yaml:claims": claims(QUICK.format("thesis")).replace(
              "- id: cheap", "- id: cheap  # argmap: ignore[A066] the article gives no source for this")
          .replace("- id: quick", "- id: quick  # argmap: ignore[A006] the article gives no source for this")},
         {"map.yaml:claims": claims(QUICK.format("thesis")).replace(
             "- id: quick", "- id: quick  # argmap: ignore[A006] the article gives no source for this")},
         show=("map.yaml:claims",), fails_note="A066 is no rule: a misspelt code would otherwise suppress nothing, silently"))

SUPPRESSION_UNUSED: Final = Rule(
    "X003", "suppression-unused", W, "A suppression comment suppresses nothing.",
    "The finding it was written for is gone (fixed, or moved to another line): remove the comment, "
    "so that suppressions do not outlive their reason. Like ruff's unused-noqa.",
    pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace(
              "- id: cheap", "- id: cheap  # argmap: ignore[A006] the article gives no source for this")},
         {}, show=("map.yaml:claims",), fails_note="`cheap` is grounded by a quote: nothing to suppress"))
