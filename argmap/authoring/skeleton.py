"""`argmap new`: a skeleton map for an article, ready to fill in.

What the text states is taken from it: a title (a short first paragraph or header line; one in capitals
is written in title case), a date (a dateline such as "Sep. 21, 2021" standing on its own line, after
"date" / "published", or inside a short header line such as "EUISS Brief 15, 15 Jul 2020"), and a byline
("By Dzianis Melyantsou", "by Anaïs Marin", "By JANE DOE", "Author: Jane Doe"). What is not found is
`unknown`, and `argmap new` warns about each. The skeleton passes `argmap check` with warnings only (the
thesis is still a placeholder that no quote grounds), so it can be committed at once and filled in under
the checker's eye.
"""

from __future__ import annotations

import datetime
import os
import re
import textwrap
from collections.abc import Iterable

from argmap.core.didyoumean import Suggester
from argmap.core.ids import is_id, slug
from argmap.core.record import field, record
from argmap.core.safetext import clean
from argmap.model.maps import UNKNOWN, Agent, Corpus

MODELINE = "# yaml-language-server: $schema={}"
DEFAULT_SCHEMA = "../schema/map.schema.json"  # as the real maps have it: maps/ beside schema/
THESIS_PLACEHOLDER = "TODO: the article's main conclusion, in one or two sentences of your own."
ADOPT = 88.0  # per cent: a name this close to a registered agent's is taken for that agent

_HEAD = 6000  # characters of the text searched for a dateline and a byline
_TITLE_MAX = 200  # a first paragraph longer than this is body text: the article has no title line
_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")), start=1) for name in names}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATES = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    re.compile(_MONTH.replace("(", "(?P<month>", 1) + r"\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?P<d>\d{1,2})\s+" + _MONTH.replace("(", "(?P<month>", 1) + r",?\s+(?P<y>\d{4})", re.IGNORECASE),
)
# A dateline: a date alone on its line (a time after it allowed), or after "date", "published" or "posted".
_DATE_ALONE = re.compile(r"^[ \t]*(?P<date>[^\n]{6,40}?)[ \t.,]*(?:\d{1,2}:\d{2}[^\n]{0,12})?$", re.MULTILINE)
_DATE_AFTER = re.compile(r"\b(?:date|dated|published|posted|updated)\b[ \t:]*(?P<date>[^\n]{6,40})", re.IGNORECASE)
# A byline: "By Jane Doe", "by Anaïs Marin", "BY JANE DOE", "Written by ...", "Author: ...", several
# names joined by "and" or commas. Each name is two to four words that start with a capital letter.
_NAME = r"[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){1,3}"
_BYLINE = re.compile(r"^[ \t]*(?:(?:written[ \t]+)?by|authors?[ \t]*:)[ \t]+(?P<name>" + _NAME
                     + r"(?:(?:[ \t]*,[ \t]*|[ \t]+(?:and|&)[ \t]+)" + _NAME + r")*)[ \t]*[.,]?[ \t]*$",
                     re.MULTILINE | re.IGNORECASE)
_NAME_SPLIT = re.compile(r"[ \t]*,[ \t]*|[ \t]+(?:and|&)[ \t]+", re.IGNORECASE)
_SMALL_WORDS = frozenset("a an and as at but by for from in into nor of on or over the to via vs with".split())
_HEADER_LINE = 90  # characters: a longer line is body text
_HEADER_WORDS = 12  # words: a header line (a brief's series and date, an outlet) is short


@record(frozen=True)
class Found:
    """A value taken from the article text, with where it stands (for the comment that says so)."""

    value: str
    shown: str  # as the text writes it
    line: int


@record
class Facts:
    title: Found | None = None
    date: Found | None = None
    byline: Found | None = None


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _is_title(flat: str) -> bool:
    words = flat.split()
    return (len(words) >= 3 and flat[-1] not in ".,;:" and not re.match(r"(?i)(?:written\s+)?by\s|authors?\s*:", flat)
            and any(w[:1].isupper() for w in words) and parse_date(flat) is None)


def in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def title_case(text: str) -> str:
    """A title or name written in capitals, in title case: "THE EU AND BELARUS" -> "The Eu and Belarus"
    (a person checks the acronyms; the comment says the text has it in capitals)."""
    words = text.lower().split(" ")
    out: list[str] = []
    for number, word in enumerate(words):
        if number and word in _SMALL_WORDS and not out[-1].endswith(":"):
            out.append(word)
        else:
            out.append(re.sub(r"(^|[-'’/(\"“])([^\W\d_])", lambda m: m.group(1) + m.group(2).upper(), word))
    return " ".join(out)


def header_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for the lines above the body: up to the first long line or full sentence."""
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text[:_HEAD].split("\n"):
        start, offset = offset, offset + len(line) + 1
        flat = " ".join(line.split())
        if not flat:
            continue
        if len(flat) > _HEADER_LINE or (len(flat.split()) > _HEADER_WORDS and flat[-1] in ".!?"):
            break
        out.append((start + len(line) - len(line.lstrip()), flat))
        if len(out) >= 20:
            break
    return out


def find_title(text: str) -> Found | None:
    """The first short paragraph, if it reads as a title and comes before any body text; where the
    header's lines are not set apart by blank lines, the first header line that reads as a title."""
    offset = 0
    for paragraph in re.split(r"\n[ \t\u00a0]*\n", text):
        start = offset
        offset += len(paragraph) + 2
        flat = " ".join(paragraph.split())
        if not flat:
            continue
        if len(flat) > _TITLE_MAX:
            break
        if _is_title(flat):
            return _title_found(flat, _line(text, start + len(paragraph) - len(paragraph.lstrip())))
    for start, flat in header_lines(text):
        if _is_title(flat):
            return _title_found(flat, _line(text, start))
    return None


def _title_found(flat: str, line: int) -> Found:
    return Found(title_case(flat) if in_capitals(flat) else flat, flat, line)


def parse_date(text: str) -> str | None:
    """YYYY-MM-DD for the first date written in full in `text`, if it is a calendar date."""
    found = [m for m in (p.search(text) for p in _DATES) if m is not None]
    if not found:
        return None
    match = min(found, key=lambda m: m.start())
    parts = match.groupdict()
    month = int(parts["m"]) if parts.get("m") else _MONTHS[parts["month"].lower()]
    try:
        day = datetime.date(int(parts["y"]), month, int(parts["d"]))
    except ValueError:
        return None
    return day.isoformat()


def find_date(text: str) -> Found | None:
    """A dateline near the top: a date alone on its line, or after "date", "published" or "posted". A
    date inside a sentence is an event's, not the article's, and is left alone; failing those, a date inside
    a short line of the header ("EUISS Brief 15, 15 Jul 2020")."""
    head = text[:_HEAD]
    found: list[Found] = []
    for pattern, alone in ((_DATE_ALONE, True), (_DATE_AFTER, False)):
        for line_match in pattern.finditer(head):
            shown = line_match.group("date")
            value = parse_date(shown)
            if value is None:
                continue
            date_match = next(m for m in (p.search(shown) for p in _DATES) if m is not None)
            if alone and len(shown.strip()) > len(date_match.group()) + 2:
                continue  # more than a date on the line: a sentence that mentions one
            if not alone and date_match.start() > 0:
                continue  # "the date was set for ...": a sentence, not a dateline
            found.append(Found(value, date_match.group(), _line(head, line_match.start())))
            break
    if not found:
        # A date inside a short header line ("EUISS Brief 15, 15 Jul 2020", "Policy Paper | 3 May 2021"):
        # a line of the header above the body, not a sentence.
        for start, flat in header_lines(text):
            value = parse_date(flat)
            if value is not None and flat[-1] not in ".!?":
                date_match = next(m for m in (p.search(flat) for p in _DATES) if m is not None)
                found.append(Found(value, date_match.group(), _line(head, start)))
                break
    return min(found, key=lambda f: f.line) if found else None


def find_byline(text: str) -> Found | None:
    """The byline's names, joined by " and " (a name in capitals in title case)."""
    for found in _BYLINE.finditer(text[:_HEAD]):
        names = [" ".join(n.split()) for n in _NAME_SPLIT.split(found.group("name").strip()) if n.strip()]
        names = [title_case(n) if in_capitals(n) else n for n in names]
        if names and len(names[-1].split()[-1]) > 3:  # "By Jane Doe." ends a sentence; "Jr." stays
            names[-1] = names[-1].rstrip(".")
        if all(_reads_as_name(n) for n in names):  # "by the way it went": no byline
            return Found(" and ".join(names), found.group().strip(), _line(text, found.start()))
    return None


_PARTICLES = frozenset("al bin da de del della der di du el ibn la le van von".split())


def _reads_as_name(name: str) -> bool:
    words = name.split()
    return (words[0][:1].isupper() and words[-1][:1].isupper()
            and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words))


def byline_names(found: Found) -> list[str]:
    return found.value.split(" and ")


def missing(facts: Facts) -> list[str]:
    """What the text did not give, for the warnings of `argmap new`."""
    return [what for what, value in (("title", facts.title), ("date", facts.date), ("author", facts.byline))
            if value is None]


def read_facts(text: str) -> Facts:
    return Facts(find_title(text), find_date(text), find_byline(text))


# -- agents ------------------------------------------------------------------------------------------


@record(frozen=True)
class Author:
    """One --author as resolved against agents.yaml."""

    given: str
    id: str | None  # the registered agent's id, or the proposed id of a new one
    agent: Agent | None  # the registered agent, None for a new one
    how: str  # "id", "name", "alias", "close" (the nearest registered agent), "new", "unknown"
    nearest: str = ""  # for a new one: the closest registered agent, worth a look

    @property
    def registered(self) -> bool:
        return self.agent is not None


def resolve_author(given: str, agents: dict[str, Agent]) -> Author:
    name = " ".join(given.split())
    if name.lower() == UNKNOWN:
        return Author(given, None, None, "unknown")
    if name in agents:
        return Author(given, name, agents[name], "id")
    folded = name.casefold()
    for agent in agents.values():
        if agent.name.casefold() == folded:
            return Author(given, agent.id, agent, "name")
    for agent in agents.values():
        if any(alias.casefold() == folded for alias in agent.aliases):
            return Author(given, agent.id, agent, "alias")
    if slug(name) in agents:
        return Author(given, slug(name), agents[slug(name)], "id")
    spellings: dict[str, str] = {}
    for agent in agents.values():
        for spelling in (agent.name, *agent.aliases, agent.id):
            spellings.setdefault(spelling, agent.id)
    close = Suggester(spellings, cutoff=ADOPT).closest(name)
    if close:
        agent_id = spellings[close[0]]
        return Author(given, agent_id, agents[agent_id], "close")
    nearest = Suggester(spellings).closest(name)
    proposed = slug(name) or "new-agent"
    number = 2
    base = proposed
    while proposed in agents:
        proposed = f"{base}-{number}"
        number += 1
    return Author(given, proposed, None, "new", spellings[nearest[0]] if nearest else "")


def stub_entry(author: Author, title: str | None, indent: str = "  ") -> str:
    """The agents.yaml entry for a new author, as YAML lines."""
    name = " ".join(author.given.split())
    lines = [f"{indent}- id: {author.id}", f"{indent}  name: {scalar(name)}", f"{indent}  kind: person"]
    if title:
        lines.append(f"{indent}  description: {scalar(f'Author of “{title}”.')}")
    return "\n".join(lines) + "\n"


# -- the map id ------------------------------------------------------------------------------------


def map_id(authors: list[Author], date: str, title: str | None, taken: Iterable[str]) -> str:
    """author-year-subject, as the corpus names its maps: the first author's family name, the year, and
    the three longest words of the title (in the title's order)."""
    first = next((a for a in authors if a.id), None)
    who = first.id.rsplit("-", 1)[-1] if first and first.id else UNKNOWN
    year = date[:4] if date != UNKNOWN else ""
    from argmap.core.words import STOPWORDS

    words = [w for w in slug(title or "").split("-") if w and w not in STOPWORDS and not w.isdigit()]
    longest = sorted(range(len(words)), key=lambda i: (-len(words[i]), i))[:3]
    subject = "-".join(dict.fromkeys(words[i] for i in sorted(longest))) or "untitled"
    base = "-".join(part for part in (who, year, subject) if part)[:80].strip("-")
    used = set(taken)
    candidate, number = base, 2
    while candidate in used:
        candidate = f"{base[:76]}-{number}"
        number += 1
    return candidate


# -- writing YAML --------------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z0-9][\w ,.'’“”()/&?!-]*[\w.)?!]|[A-Za-z0-9]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _printable(char: str) -> bool:
    """Printable in a YAML stream, and harmless on a terminal (no bidi controls, no line separators)."""
    code = ord(char)
    if code in (0x85, 0x2028, 0x2029) or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return False
    return (0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def scalar(text: str) -> str:
    """`text` as a YAML scalar that reads back as the same string: plain where that is safe, else
    double-quoted with every character outside YAML's printable set escaped."""
    import yaml

    if _PLAIN.fullmatch(text) and ": " not in text and " #" not in text:
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def comment(text: str) -> str:
    """Text for a YAML comment: one line, controls escaped (a newline would end the comment)."""
    flat = " ".join(clean(text).split())
    return "".join(char if _printable(char) else f"\\u{ord(char):04x}" for char in flat)


def _wrapped(text: str, prefix: str, then: str, width: int = 100) -> list[str]:
    return textwrap.wrap(comment(text), width=width, initial_indent=prefix, subsequent_indent=then,
                         break_on_hyphens=False, break_long_words=False) or [prefix.rstrip()]


_NOTE_COLUMN = 34


def _noted(line: str, note: str) -> str:
    """`line` with a comment, the comments of a block aligned where the lines allow."""
    return f"{line.ljust(_NOTE_COLUMN - 1)} # {note}" if note else line


@record
class Skeleton:
    """Everything the skeleton says, before it is written out."""

    id: str
    text_name: str
    facts: Facts
    authors: list[Author]
    title: str | None = None  # given on the command line (wins over the text's)
    date: str | None = None
    outlet: str | None = None
    questions: list[tuple[str, str]] = field(default_factory=list)  # (id, proposition)
    schema: str = DEFAULT_SCHEMA
    added: bool = False  # new authors were added to agents.yaml
    from_byline: bool = False  # the author is the text's byline (no --author)
    url: str | None = None  # the article's address and an archive copy's (a saved page's metadata)
    archived: str | None = None
    origin: str = ""  # where title, date and outlet came from when not the text ("the page's metadata")

    @property
    def source_title(self) -> str:
        return self.title or (self.facts.title.value if self.facts.title else UNKNOWN)

    @property
    def source_date(self) -> str:
        return self.date or (self.facts.date.value if self.facts.date else UNKNOWN)

    def in_map(self) -> list[Author]:
        """The authors the map can name: registered ones, and new ones once added to agents.yaml."""
        return [a for a in self.authors if a.id and (a.registered or (self.added and a.how == "new"))]

    def render(self) -> str:
        named = self.in_map()
        by = "author" if len(named) <= 1 else named[0].id or "author"
        out = [MODELINE.format(self.schema), "argmap: 1",
               _noted(f"id: {self.id}", "author, year, subject; name the file after it"), ""]
        out += self._source(named)
        out += [
            "",
            _noted("agents: []", "everyone else who speaks or is reported, by"),
            _noted("", "agents.yaml id: [vladimir-putin, ...]"),
            "",
            "# The article's main conclusion (rule A001): one claim, in your own words.",
            "thesis:",
            "  id: thesis",
            f"  text: {scalar(THESIS_PLACEHOLDER)}",
            _noted(f"  by: {by}", "`author`: the article's author" if by == "author" else
                   "with several authors, the one who asserts it"),
            "",
            "# The premises that carry the argument: each supports or attacks the thesis or another claim.",
            _noted("claims: []", "replace [] by the list:"),
            "  # - id: programs-are-technical",
            "  #   text: The programs harmonise regulation but create no common institutions.",
            _noted(f"  #   by: {by}", "or the agents.yaml id of whoever asserts it"),
            _noted("  #   supports: [thesis]", "or attacks: [...]"),
            "",
            "# Verbatim quotes from the article that ground the claims (checked with --sources DIR).",
            "# Find the words to paste:   argmap quotes --find \"what you remember\" --sources DIR",
            "# and what is left to quote: argmap quotes --unquoted THIS-MAP --sources DIR",
            _noted("evidence: []", "replace [] by the list:"),
            "  # - id: q-programs",
            "  #   quote: \"the programs contain no mention of supranational bodies\"   # … or [...] marks a cut",
            _noted(f"  #   speaker: {by}", "who says these words"),
            "  #   grounds: [programs-are-technical]",
            "",
        ]
        out += self._positions()
        return "\n".join(out) + "\n"

    def _source(self, named: list[Author]) -> list[str]:
        facts = self.facts
        title, date = self.source_title, self.source_date
        if self.title:
            title_note = ""
        elif title == UNKNOWN or not facts.title:
            title_note = "not found in the text: the title as printed, or unknown"
        elif facts.title.shown != facts.title.value:
            title_note = f"from line {facts.title.line} of the text, in capitals there: check the case"
        else:
            title_note = f"from line {facts.title.line} of the text"
        if self.title and self.origin:
            title_note = f"from {self.origin}"
        if self.date:
            date_note = f"from {self.origin}" if self.origin else ""
        elif facts.date:
            date_note = f"from {comment(facts.date.shown)!r} at line {facts.date.line}: the publication date?"
        else:
            date_note = "not found in the text: YYYY, YYYY-MM or YYYY-MM-DD, or unknown"
        if named:
            authors = "[" + ", ".join(a.id or "" for a in named) + "]"
        else:
            authors = UNKNOWN
        author_note = self._author_note()
        quoted_date = scalar(date) if date == UNKNOWN else f'"{date}"'
        return [
            "source:",
            _noted(f"  title: {scalar(title)}", title_note),
            _noted(f"  authors: {authors}", author_note),
            _noted(f"  outlet: {scalar(self.outlet) if self.outlet else UNKNOWN}", "" if self.outlet else "or where it was published"),
            _noted(f"  date: {quoted_date}", date_note),
            _noted(f"  url: {scalar(self.url) if self.url else UNKNOWN}",
                   f"from {self.origin}" if self.url else "or the address"),
            *([_noted(f"  archived: {scalar(self.archived)}", "an archive copy")] if self.archived else []),
            _noted(f"  text: {scalar(self.text_name)}", "the article text, looked up in the sources directories"),
        ]

    def _author_note(self) -> str:
        notes = []
        for a in self.authors:
            if a.how == "close":
                notes.append(f"{comment(a.given)!r} taken for {a.id}: check")
            elif a.how == "new" and not self.added:
                notes.append(f"{comment(a.given)!r}: add {a.id} to agents.yaml first (argmap new --add-agent)")
            elif a.how == "new":
                notes.append(f"{a.id} added to agents.yaml")
        if self.from_byline and self.facts.byline and self.authors:
            notes.insert(0, f"from the byline at line {self.facts.byline.line}")
        if not self.authors:
            notes.append("no byline found: agent ids from agents.yaml, or unknown" if not self.facts.byline
                         else "agent ids from agents.yaml, or unknown")
        return "; ".join(notes)

    def _positions(self) -> list[str]:
        out = ["# Stances on the shared questions of questions.yaml, on one scale: -2 strongly-disagree,",
               "# -1 disagree, 0 neutral, 1 agree, 2 strongly-agree. Add one for each question the article",
               "# answers (the author's, or another agent's), grounded in claim or evidence ids, with its",
               "# basis: stated (own words), reported (the author's paraphrase), act or inferred; where the",
               "# text takes no stance, record none.",
               _noted("positions: []", "replace [] by the list:")]
        if not self.questions:
            out.append("  # (no questions.yaml found for this corpus: no shared questions yet)")
        for qid, proposition in self.questions:
            out.append("  #")
            out += _wrapped(proposition, "  # Q: ", "  #    ")
            out += ["  # - agent: author",
                    f"  #   question: {comment(qid)}",
                    "  #   stance: neutral",
                    "  #   basis: stated",
                    "  #   grounds: [thesis]"]
        return out


def schema_modeline(directory: str) -> str:
    """The schema path for the modeline, relative to the map's directory: the nearest schema/ above it
    that holds map.schema.json, else what the real maps write."""
    here = os.path.abspath(directory)
    for _ in range(8):
        candidate = os.path.join(here, "schema", "map.schema.json")
        if os.path.isfile(candidate):
            return os.path.relpath(candidate, os.path.abspath(directory)).replace(os.sep, "/")
        if os.path.isdir(os.path.join(here, ".git")):
            break
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    return DEFAULT_SCHEMA


def build(text: str, text_name: str, corpus: Corpus, authors: list[str], title: str | None = None,
          date: str | None = None, outlet: str | None = None, schema: str = DEFAULT_SCHEMA) -> Skeleton:
    """The skeleton of a map for the article `text` (file name `text_name`) in `corpus`. Without
    --author, a byline in the text names the author."""
    facts = read_facts(text)
    given = authors or (byline_names(facts.byline) if facts.byline else [])
    resolved: list[Author] = []
    for name in given:
        author = resolve_author(name, corpus.agents)
        if author.how == "unknown" or (author.id and any(author.id == a.id for a in resolved)):
            continue
        resolved.append(author)
    skeleton = Skeleton("", text_name, facts, resolved, title, date, outlet,
                        [(q.id, q.proposition) for q in corpus.questions.values()], schema)
    skeleton.id = map_id(resolved, skeleton.source_date, skeleton.source_title if skeleton.source_title != UNKNOWN
                         else None, (m.id for m in corpus.maps))
    return skeleton


def valid_id(value: str) -> bool:
    return is_id(value)
