"""The one id pattern and the one slug: what an id of a map, claim, agent or question may be, and how any
text becomes one (the importers, `argmap new`, the hint of S006). Imports nothing of argmap: every layer may
use it."""

from __future__ import annotations

from argmap.core.patterns import later

MAX_ID = 80  # characters: an id stays readable in a file name, a URL and a table
ID_WORDS = r"[a-z0-9]+(?:-[a-z0-9]+)*"  # lowercase letters and digits in words joined by single hyphens
ID_BODY = ID_WORDS.replace("(?:", "(")  # the same, as the JSON Schemas have always written it (schema/*.json)
# As a JSON Schema `pattern`, which is an ECMA-262 search: `$(?!\n)` is the end of the text in both dialects
# (Python's `$` also matches before a final newline; `\Z` does not exist in ECMA-262).
ID_PATTERN = rf"^{ID_BODY}$(?!\n)"
ENDPOINT_PATTERN = rf"^{ID_BODY}#{ID_BODY}$(?!\n)"  # a claim of a map across the corpus: MAP-ID#CLAIM-ID
_ID = later(ID_PATTERN)
_WORD = later(r"[a-z0-9]+")


def is_id(value: str) -> bool:
    """Whether `value` is a valid id (the pattern, and at most MAX_ID characters)."""
    return len(value) <= MAX_ID and _ID.match(value) is not None


def slug(text: str, fallback: str = "", words: int | None = None) -> str:
    """A valid id from any text: the ASCII letters and digits of its (first `words`) words, accents dropped,
    joined by hyphens, at most MAX_ID characters: 'Dzianis Melyantsou' -> 'dzianis-melyantsou'. `fallback`
    when nothing is left."""
    import unicodedata  # here: a check makes a slug only for the hint of a bad id

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    parts = _WORD.findall(ascii_text)
    return "-".join(parts[:words] if words is not None else parts)[:MAX_ID].strip("-") or fallback
