"""Schema (S): fields, types and values. Each rule with its failing and passing example."""

from __future__ import annotations

from typing import Final

from argmap.rules.example import BASE_SECTIONS, grounds, pair
from argmap.rules.rule import E, Rule

MISSING_FIELD: Final = Rule(
    "S001", "missing-field", E, "A required field is missing.",
    "Every map needs `argmap`, `id` and `source`; every claim `id`, `text` and `by`; every "
    "evidence item `id`, `quote`, `speaker` and `grounds`; every position `agent`, `question`, "
    "`stance` and `grounds`. See docs/format.md.",
    pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("    text: The plan is cheap.\n", "")},
         {}, show=("map.yaml:claims",), fails_note="the claim has no `text`"))

WRONG_TYPE: Final = Rule(
    "S002", "wrong-type", E, "A value has the wrong type.",
    "For instance a list where text is expected, or a number where an id is expected. "
    "The message names the expected type.",
    pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace(
              "text: The plan is cheap.", "text: [The plan is cheap.]")},
         {}, show=("map.yaml:claims",)))

UNKNOWN_KEY: Final = Rule(
    "S003", "unknown-key", E, "A key that the format does not define.",
    "Unknown keys are usually typos (`suports` for `supports`) and would be silently ignored. "
    "The hint suggests the closest known key.",
    pair({"map.yaml:claims": BASE_SECTIONS["claims"] + "    notte: Said twice.\n"},
         {"map.yaml:claims": BASE_SECTIONS["claims"] + "    note: Said twice.\n"},
         show=("map.yaml:claims",)))

STANCE_OUT_OF_SCALE: Final = Rule(
    "S004", "stance-out-of-scale", E, "A stance outside the -2..+2 scale.",
    "Stances are -2 (strongly-disagree), -1 (disagree), 0 (neutral), 1 (agree) or "
    "2 (strongly-agree), written as the number or its label.",
    pair({"map.yaml:positions": BASE_SECTIONS["positions"].replace("stance: agree", "stance: 3")},
         {"map.yaml:positions": BASE_SECTIONS["positions"].replace("stance: agree", "stance: 2")},
         show=("map.yaml:positions",)))

BAD_DATE: Final = Rule(
    "S005", "bad-date", E, "A date that is not YYYY, YYYY-MM, YYYY-MM-DD or `unknown`.",
    "Publication dates are as precise as the article supports: a year, a month or a day, "
    "and a real calendar date. Write `unknown` when the article does not say.",
    pair({"map.yaml:source": BASE_SECTIONS["source"].replace("2021-09", "September 2021")},
         {}, show=("map.yaml:source",)))

BAD_ID: Final = Rule(
    "S006", "bad-id", E, "An id that is not lowercase words joined by hyphens.",
    "Ids match ^[a-z0-9]+(-[a-z0-9]+)*$ and are at most 80 characters, so they are stable in "
    "URLs, file names and diffs: `andrei-kazakevich`, `russia-seeks-annexation`.",
    pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("id: cheap", "id: Cheap_Plan"),
          "map.yaml:evidence": grounds("thesis", "Cheap_Plan")},
         {}, show=("map.yaml:claims", "map.yaml:evidence")))

BAD_VERSION: Final = Rule(
    "S007", "bad-version", E, "The format version is missing or not supported.",
    "Every file starts with `argmap: 1`. This version of argmap reads format version 1.",
    pair({"map.yaml:head": "argmap: 2\nid: example\n"}, {}, show=("map.yaml:head",)))

BAD_VALUE: Final = Rule(
    "S008", "bad-value", E, "A value outside the allowed set, or empty where text is needed.",
    "Enumerated fields (an agent's `kind`) take one of the listed values, and text fields "
    "may not be empty.",
    pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("text: The plan is cheap.", 'text: ""')},
         {}, show=("map.yaml:claims",)))
