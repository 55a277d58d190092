"""R011: two agents in the registry that a reader cannot tell apart.

A report shows an agent by its name (and finds it by its aliases). Two agents whose names, aliases or ids
are the same once case, compatibility forms (NFKC: fullwidth letters, ligatures), invisible characters,
hyphens and spaces are set aside, or once the Cyrillic and Greek letters that look like Latin ones are
read as Latin (Cyrillic `А` for `A`, Greek `ο` for `o`), would be two people printed alike: a hostile or
careless registry could hide one behind the other. The skeleton below is a small, deliberate subset of
Unicode's confusables (UTS #39): the letters of the two scripts that the corpus's names mix with Latin.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.core.diagnostics import Finding
from argmap.core.patterns import later
from argmap.core.rules import CONFUSABLE_AGENTS
from argmap.model.maps import Agent, Corpus

# Cyrillic and Greek letters drawn like a Latin letter in common fonts, mapped before case folding (an
# uppercase Greek Nu looks like N, its lowercase like v).
_HOMOGLYPHS = str.maketrans({
    # Cyrillic capitals and small letters
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I", "Ү": "Y",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ѵ": "v", "ү": "y",
    # Greek capitals and small letters
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "α": "a", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "υ": "u", "ϲ": "c", "ϳ": "j",
    # Latin look-alikes NFKC keeps
    "ı": "i",
})
# Characters that print as nothing: soft hyphen, zero-width space and joiners, word joiner, BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Ids join words with hyphens where names have spaces: `vladimir-putin` and "Vladimir Putin" are one
# spelling. NFKC has already turned the non-breaking hyphen into U+2010.
_SEPARATORS = later(r"[\s\-_\u2010\u2012-\u2015\u2212]+")


def folded(text: str) -> str:
    """`text` as a reader compares it: NFKC, invisible characters dropped, case folded, and hyphens,
    underscores and runs of spaces as one space."""
    # unicodedata (a third of a millisecond to import) here, not with the module: a check whose registries'
    # findings come from the cache folds no name.
    import unicodedata

    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).casefold()
    return _SEPARATORS.sub(" ", text).strip()


def skeleton(text: str) -> str:
    """`folded(text)` with the Cyrillic and Greek look-alikes of Latin letters read as those letters."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_HOMOGLYPHS)
    return folded(text)


def _spellings(agent: Agent) -> list[tuple[str, str]]:
    """(what it is, the spelling) for every way the agent is written; the name first, so that a
    message quotes the name where the name and the id fold alike."""
    out = [("name", agent.name), *(("alias", alias) for alias in agent.aliases), ("id", agent.id)]
    return [(kind, text) for kind, text in out if text and text.strip()]


def _lookalikes(text: str) -> str:
    """The characters of `text` that the skeleton reads as Latin letters, named for the message."""
    import unicodedata

    chars = sorted({c for c in unicodedata.normalize("NFKC", text) if ord(c) in _HOMOGLYPHS or ord(c) in _INVISIBLE})
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}" for c in chars)


def check_agents(corpus: Corpus) -> Iterator[Finding]:
    """One R011 per pair of agents that share a skeleton, on the later of the two (registry order)."""
    seen: dict[str, tuple[Agent, str, str]] = {}
    for agent in corpus.agents.values():
        reported: set[str] = set()
        mine: dict[str, tuple[str, str]] = {}
        for kind, text in _spellings(agent):
            key = skeleton(text)
            if not key:
                continue
            mine.setdefault(key, (kind, text))
            first = seen.get(key)
            if first is None or first[0].id in reported:  # `seen` holds earlier agents only
                continue
            other, other_kind, other_text = first
            reported.add(other.id)
            yield _finding(agent, kind, text, other, other_kind, other_text)
        for key, (kind, text) in mine.items():
            seen.setdefault(key, (agent, kind, text))


def _finding(agent: Agent, kind: str, text: str, other: Agent, other_kind: str, other_text: str) -> Finding:
    where = f"{other_kind} {other_text!r} of agent {other.id!r}"
    if folded(text) == folded(other_text):
        how = "are the same spelling (ignoring case, hyphens and spaces)"
    else:
        how = f"differ only in look-alike characters ({_lookalikes(text + other_text)})"
    return CONFUSABLE_AGENTS.at(
        agent.path, agent.line, agent.column,
        f"agent {agent.id!r} cannot be told from agent {other.id!r}: its {kind} {text!r} and the {where} {how}",
        "if they are one person, merge the two entries (other spellings as aliases); "
        "if not, spell the names apart in Latin letters")
