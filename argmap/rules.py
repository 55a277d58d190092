"""The one registry of rules: code, name, default severity, a sentence, and the long form.

`argmap rules` and `argmap explain` are generated from this table, and a test checks that every rule
has a unique code, a summary, an explanation and a broken-map fixture in tests/corpus/.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.diagnostics import Finding, Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    family: str = ""

    def at(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        hint: str = "",
        severity: Severity | None = None,
        suggestions: tuple[str, ...] = (),
    ) -> Finding:
        return Finding(path, line, column, self.code, severity or self.severity, message, hint,
                       suggestions=suggestions)


FAMILIES = {
    "Y": "syntax: files that do not read as one YAML document",
    "S": "schema: fields, types and values",
    "R": "references: ids that point nowhere or twice",
    "A": "structure: the shape of the argument",
    "C": "consistency: an agent's stances",
    "Q": "quotes: evidence checked against the article text",
    "L": "links: claims of different maps joined in links.yaml",
    "X": "suppressions: `# argmap: ignore[CODE] reason` comments that are malformed or unused",
}

_TABLE: list[tuple[str, str, Severity, str, str]] = [
    # -- syntax -------------------------------------------------------------------------------
    ("Y001", "yaml-syntax", E, "The file is not valid YAML.",
     "The YAML parser stopped at the given line and column. Common causes: a tab used for "
     "indentation, an unclosed quote or bracket, a colon followed by text inside an unquoted "
     "value. Quote text values that contain ': ' or start with a special character."),
    ("Y002", "duplicate-key", E, "A key appears twice in one mapping.",
     "YAML parsers keep only the last of two equal keys and silently drop the first value, so a "
     "map would lose data without anyone noticing. Remove or rename one of the keys."),
    ("Y003", "empty-file", E, "The file holds no YAML document.",
     "An empty map file (or one holding only comments) cannot be checked. Delete it or write the "
     "map: at least `argmap: 1`, `id`, `source` and `thesis`."),
    ("Y004", "not-utf8", E, "The file is not UTF-8 text.",
     "Maps are UTF-8 text. The finding points at the first byte that is not valid UTF-8; re-save "
     "the file as UTF-8 (a binary file in the corpus directory is reported the same way)."),
    ("Y005", "wrong-shape", E, "The document is not a mapping of the expected kind.",
     "A map or registry is a YAML mapping at the top level (`key: value` lines). A list, a bare "
     "string or several documents in one file are not maps."),
    ("Y006", "unsafe-tag", E, "A YAML tag that argmap does not build.",
     "Tags such as `!!python/object` ask a loader to build objects and run code. argmap never "
     "does: it reads only plain strings, numbers, booleans, lists and mappings. Remove the tag."),
    ("Y007", "limit-exceeded", E, "The file exceeds a safety limit (size, nesting depth or aliases).",
     "To stay fast and safe on hostile input, argmap refuses files larger than `max-file-size` "
     "bytes, nested deeper than `max-depth`, or expanding YAML aliases into more than "
     "`max-nodes` nodes (a 'billion laughs' bomb). Raise the limit in [tool.argmap] or on the "
     "command line (--max-file-size, --max-depth, --max-nodes) if the file is genuine."),
    ("Y008", "unreadable", E, "The file cannot be read.",
     "The operating system refused to read the file (permissions, a broken symlink, a "
     "directory loop). Fix the file system, or exclude the path."),
    ("Y009", "yaml-alias", W, "The map uses YAML anchors and aliases.",
     "Anchors (&name) and aliases (*name) make a map hard to read in a diff and can hide data; "
     "write the values out."),
    # -- schema -------------------------------------------------------------------------------
    ("S001", "missing-field", E, "A required field is missing.",
     "Every map needs `argmap`, `id` and `source`; every claim `id`, `text` and `by`; every "
     "evidence item `id`, `quote`, `speaker` and `grounds`; every position `agent`, `question`, "
     "`stance` and `grounds`. See docs/format.md."),
    ("S002", "wrong-type", E, "A value has the wrong type.",
     "For instance a list where text is expected, or a number where an id is expected. "
     "The message names the expected type."),
    ("S003", "unknown-key", E, "A key that the format does not define.",
     "Unknown keys are usually typos (`suports` for `supports`) and would be silently ignored. "
     "The hint suggests the closest known key."),
    ("S004", "stance-out-of-scale", E, "A stance outside the -2..+2 scale.",
     "Stances are -2 (strongly-disagree), -1 (disagree), 0 (neutral), 1 (agree) or "
     "2 (strongly-agree), written as the number or its label."),
    ("S005", "bad-date", E, "A date that is not YYYY, YYYY-MM, YYYY-MM-DD or `unknown`.",
     "Publication dates are as precise as the article supports: a year, a month or a day, "
     "and a real calendar date. Write `unknown` when the article does not say."),
    ("S006", "bad-id", E, "An id that is not lowercase words joined by hyphens.",
     "Ids match ^[a-z0-9]+(-[a-z0-9]+)*$ and are at most 80 characters, so they are stable in "
     "URLs, file names and diffs: `andrei-kazakevich`, `russia-seeks-annexation`."),
    ("S007", "bad-version", E, "The format version is missing or not supported.",
     "Every file starts with `argmap: 1`. This version of argmap reads format version 1."),
    ("S008", "bad-value", E, "A value outside the allowed set, or empty where text is needed.",
     "Enumerated fields (an agent's `kind`) take one of the listed values, and text fields "
     "may not be empty."),
    # -- references ---------------------------------------------------------------------------
    ("R001", "undefined-id", E, "A claim or evidence id is used but never defined in the map.",
     "`supports`, `attacks`, `grounds` and position `grounds` name ids defined in the same map. "
     "The hint suggests the closest defined id."),
    ("R002", "duplicate-id", E, "An id is defined twice in one map.",
     "Claim, thesis and evidence ids share one namespace per map; each must be unique."),
    ("R003", "duplicate-map-id", E, "Two maps have the same id.",
     "Map ids identify articles across the corpus and in every report; give each map its own."),
    ("R004", "unknown-question", E, "A position names a question that is not in the registry.",
     "Questions live in questions.yaml beside the maps. Add the question there or fix the id."),
    ("R005", "unknown-agent", E, "An agent id that is not in the agents registry.",
     "Agents live in agents.yaml beside the maps, one id per person across the corpus. Add the "
     "agent there (with the other spellings as aliases) or fix the id."),
    ("R006", "undeclared-agent", W, "An agent speaks in a map but is not listed in its agents.",
     "A map lists its author(s) in `source.authors` and everyone else who speaks in `agents`, "
     "so a reader sees at a glance who is in the article."),
    ("R007", "duplicate-registry-id", E, "An agent or question is defined twice in the registries.",
     "Each agent and each question is defined once across the corpus."),
    ("R008", "missing-registry", W, "No agents.yaml or questions.yaml was found for the maps.",
     "Registries are found by name in the checked directories or their parents. Without them "
     "agent and question ids cannot be checked."),
    ("R009", "ambiguous-author", E, "`author` is used in a map that has several authors.",
     "The reserved id `author` stands for the map's single author. With several authors, name "
     "the agent explicitly."),
    ("R010", "unused-agent", N, "An agent is listed in a map but never speaks in it.",
     "Every agent listed in `agents` should assert a claim, speak a quote or hold a position; "
     "otherwise remove it from the list."),
    ("R011", "confusable-agents", W, "Two agents in the registry whose names, aliases or ids look the same.",
     "A report shows agents by name, and names are found by their aliases. Two agents whose spellings "
     "are equal once case, hyphens, spaces, invisible characters and compatibility forms (NFKC) are set "
     "aside, or that differ only in Cyrillic or Greek letters drawn like Latin ones (Cyrillic `А` for "
     "`A`, Greek `ο` for `o`), would be printed alike and could be mistaken for one another. Merge them "
     "if they are one person; otherwise spell them apart. One agent's own spellings are never compared with "
     "each other: its names in other scripts and transliterations (`Лукашенко`, `Lukashenka`) are its aliases."),
    # -- structure ----------------------------------------------------------------------------
    ("A001", "missing-thesis", E, "The map has no thesis.",
     "Every map states the article's main conclusion as `thesis` (with id, text and by)."),
    ("A002", "cycle", E, "Claims support each other in a cycle.",
     "An argument is a tree (or a directed acyclic graph) leading to the thesis; a cycle of supports "
     "(A supports B supports A) is circular reasoning in the map, usually a wrong id. A cycle that "
     "contains an attack is a debate, not a defect (A012)."),
    ("A003", "orphan-claim", W, "A claim that supports or attacks nothing and that nothing targets.",
     "Each claim should connect to the thesis or to another claim; a disconnected claim "
     "carries no part of the argument."),
    ("A004", "ungrounding-evidence", W, "Evidence that grounds no claim.",
     "Every quote is attached to at least one claim through `grounds`."),
    ("A005", "supports-and-attacks", E, "A claim both supports and attacks the same target.",
     "A claim cannot be for and against the same claim; split it into two claims."),
    ("A006", "ungrounded-claim", W, "A claim (or the thesis) that no evidence grounds.",
     "Every claim should rest on at least one verbatim quote from the article."),
    ("A007", "self-reference", E, "A claim supports or attacks itself.",
     "A claim's `supports` and `attacks` name other claims."),
    ("A008", "thesis-has-relations", E, "The thesis supports or attacks something.",
     "The thesis is the root of the argument: claims point to it, not the other way."),
    ("A009", "long-quote", W, "A quote longer than the limit (default 600 characters).",
     "Evidence is a sentence or two, never whole paragraphs: quote only what grounds the claim. "
     "The limit is `max-quote-length` in the configuration."),
    ("A010", "position-grounds-other-agent", W,
     "A position is grounded only in claims and quotes of other agents.",
     "An agent's position rests on what that agent says. Ground it in the agent's own claims or "
     "quotes."),
    ("A011", "not-reaching-thesis", W, "A claim whose chain of supports and attacks never reaches the thesis.",
     "Claims may connect to each other, but every chain should end at the thesis; otherwise "
     "the group of claims is an argument about something else."),
    ("A012", "attack-cycle", N, "Claims attack each other in a cycle (through supports and at least one attack).",
     "Not an error: two sides answering each other (A attacks B, B attacks A; or A supports B, B "
     "attacks C, C attacks A) is what a debate looks like. Reported so that the cycle is seen: "
     "`argmap evaluate` shows which claims stand: a cycle of attacks alone leaves its claims undecided "
     "under grounded semantics, and preferred semantics chooses between the sides."),
    # -- consistency --------------------------------------------------------------------------
    ("C001", "conflicting-stances", E, "One agent holds two different stances on one question in one map.",
     "In one article an agent has one stance on a question. Keep the one the text supports."),
    ("C002", "implication-broken", E, "An agent's stances break an `implies` relation.",
     "If question A implies B, an agent who agrees with A and disagrees with B contradicts "
     "themself (or the registry's relation is wrong)."),
    ("C003", "exclusion-broken", E, "An agent agrees with two questions that exclude each other.",
     "If question A excludes B, no agent can agree with both (or the relation is wrong)."),
    ("C004", "stance-moved", N, "An agent's stance on a question moved between two maps.",
     "Not an error: people change their minds. Reported so that the move is seen; "
     "`argmap timeline AGENT` shows the whole history."),
    ("C005", "duplicate-position", W, "The same position is recorded twice in one map.",
     "Two entries for the same agent, question and stance add nothing; merge them and their grounds."),
    ("C006", "relation-unknown-question", E, "A question relation names a question that does not exist.",
     "`implies`, `excludes` and `refines` in questions.yaml name other question ids."),
    ("C007", "relation-contradiction", E, "The question registry's relations contradict themselves.",
     "A question that implies another while excluding it (directly or through a chain of "
     "implications) can never be agreed with."),
    ("C008", "refinement-cycle", E, "Questions refine each other in a circle.",
     "`refines` makes a question a narrower form of a broader one, shown beneath it; a question "
     "cannot be narrower than itself, directly or through a chain. Remove one `refines` of the circle."),
    ("C009", "refinement-not-implied", E, "A question refines a broader one that it does not imply.",
     "`refines: [B]` shows a question beneath B as a narrower form of it, and a reader takes an agent who "
     "agrees with the narrower question to agree with B. That holds only if the registry says so: "
     "`implies: [B]`, directly or through a chain of implications (then C002 checks the stances against "
     "it). Add B to `implies`, or drop `refines` if the question is a sibling rather than a narrower one."),
    ("C010", "position-without-basis", W, "A position does not say how the stance is known.",
     "Every position says on what its stance rests: `basis: stated` (the speaker's own words state it: the "
     "author's voice, or the speaker quoted directly), `reported` (the author reports the view in the "
     "author's words), `act` (read from an act: a petition, a protest, a vote, a signature, a decision) "
     "or `inferred` (inferred from what the text says of causes, consequences or neighbouring claims). "
     "The format does not require it, so that older maps still load; this finding asks for it."),
    # -- quotes -------------------------------------------------------------------------------
    ("Q001", "quote-not-found", E, "A quote is not in the article text.",
     "Quotes must be verbatim. Matching ignores typographic differences (curly or straight "
     "quotes, dashes, no-break spaces, line breaks, words hyphenated across a line end) and "
     "treats an ellipsis (… or [...]) as words left out of one paragraph, at most 300 characters "
     "by default; every part holds two words or more, on word boundaries, in order. The message "
     "names the rule a quote breaks; otherwise the hint shows the closest passage of the article "
     "and how close it is (docs/quotes.md)."),
    ("Q002", "source-missing", N, "The article text for a map is not in the sources directories.",
     "With --sources DIR, each map's `source.text` is looked up in DIR (the first directory of a "
     "search path that has it wins). Without the text the "
     "quotes cannot be checked. An error under --require-sources."),
    ("Q003", "source-unreadable", E, "The article text cannot be read as UTF-8 text, or a saved page's or PDF's "
     "text cannot be extracted.",
     "Convert the article text to UTF-8, or fix its permissions. A saved page (.html) or a PDF needs argmap's "
     "`web` or `pdf` extra, and must be within max-source-size (and a PDF within max-source-pages), not "
     "encrypted with a password, and extracted within extract-timeout seconds (docs/sources.md)."),
    ("Q004", "source-path-escapes", E, "`source.text` points outside the sources directory.",
     "`source.text` is a file name inside the sources directory; absolute paths and `..` are "
     "refused so that a map cannot make argmap read arbitrary files."),
    ("Q005", "lookalike-letter", E, "A quote differs from its article only in letters drawn alike in Latin and "
     "Cyrillic, or it mixes them in one word.",
     "A Latin `o` and a Cyrillic `о` print alike but are different letters, so a word that mixes them is not the "
     "word a reader or a search finds. argmap never reads one as the other: a quote that would match its article "
     "only if they were read alike fails (an error), and the message names the letter, its code point and where it "
     "stands, in the quote (its column) or in the article (line and column). A quote that matches but has such a "
     "letter inside a word of the other script (Latin `o` in \"пoлитика\", Cyrillic `е` in \"Lukashеnko\") is a "
     "warning: the article has the same letter, so the quote is verbatim, but whoever searches for the word will "
     "not find it. Retype the letter, or, if the article's copy has it, keep it and say so in a suppression comment. "
     "Cyrillic `ё` and `е`, and the forms of the apostrophe (' ’ ʼ ʻ ` ´), are read alike (docs/quotes.md)."),
    # -- links --------------------------------------------------------------------------------
    ("L001", "unknown-link-end", E, "A link names a map or a claim that does not exist.",
     "`from` and `to` in links.yaml are written MAP-ID#CLAIM-ID: the id of a map of the corpus, and "
     "the id of its thesis or of one of its claims. The hint suggests the closest id. When only some "
     "maps are checked (files named one by one), links to the maps left out are not reported."),
    ("L002", "self-link", E, "A link joins a claim to itself.",
     "A link relates two different claims; `from` and `to` name the same one, usually a copied line."),
    ("L003", "same-and-opposes", E, "Two claims are linked both `same` and `opposes`.",
     "`same` joins claims that make one point (in different words, by different people), `opposes` "
     "claims that contradict each other. Through a chain of `same` links both cannot hold: one of the "
     "links is wrong."),
    ("L004", "same-joins-attackers", E, "A chain of `same` links joins two claims of one map that attack each other.",
     "If A `same` B, and B `same` C, then A and C make one point; when A and C belong to one map where "
     "one attacks the other, a `same` link on the way is wrong (or the map's `attacks` is)."),
    ("L005", "duplicate-link", W, "A link is written twice.",
     "The same two claims with the same relation (in either order, for the symmetric `same` and "
     "`opposes`) appear twice in links.yaml; keep one, and merge the notes."),
    # -- suppressions -------------------------------------------------------------------------
    ("X001", "suppression-without-reason", W, "A suppression comment gives no reason, or is misplaced.",
     "`# argmap: ignore[A006] the article gives no source` accepts one finding where it lives; the "
     "reason after the brackets is what a reviewer reads, so it is required. `ignore-file` belongs "
     "in the comments that open a map."),
    ("X002", "suppression-unknown-rule", E, "A suppression comment names a rule that does not exist.",
     "Name rules by code (A006), prefix (A) or name (ungrounded-claim), as `argmap rules` lists them. "
     "A misspelt code would otherwise suppress nothing, silently."),
    ("X003", "suppression-unused", W, "A suppression comment suppresses nothing.",
     "The finding it was written for is gone (fixed, or moved to another line): remove the comment, "
     "so that suppressions do not outlive their reason. Like ruff's unused-noqa."),
]

RULES: dict[str, Rule] = {
    code: Rule(code, name, sev, summary, explanation, FAMILIES[code[0]].split(":")[0])
    for code, name, sev, summary, explanation in _TABLE
}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES.values()}


def get(code: str) -> Rule:
    return RULES[code]


def resolve(code_or_name: str) -> list[Rule]:
    """Rules named by a code ('S003'), a prefix ('S', 'S00'), a name ('unknown-key') or 'ALL'."""
    key = code_or_name.strip()
    if key.upper() == "ALL":
        return list(RULES.values())
    if key in BY_NAME:
        return [BY_NAME[key]]
    upper = key.upper()
    return [rule for code, rule in RULES.items() if code.startswith(upper)] if upper else []
