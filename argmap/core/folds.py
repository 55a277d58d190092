"""The named folds of text: each says what two spellings it makes one, so that a comparison picks its fold
by name instead of writing its own. The fold of an article for the quote check (spacing, quotes, dashes,
hyphenation, with a map back to the original) is `textmatch.normalise`; an id from any text is `ids.slug`;
look-alike letters are `checks.confusables.folded`."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # letters and digits of any script
_NOT_WORD = re.compile(r"[^\w]+")


def words(text: str) -> str:
    """Case, punctuation and spacing taken out: 'Russia’s "soft" annexation' -> 'russia s soft annexation'."""
    return " ".join(_WORD.findall(text.casefold()))


def letters(text: str) -> str:
    """Only the letters and digits, case taken out: 'Soft-annexation!' -> 'softannexation'."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def hyphenated(text: str) -> str:
    """A name, alias or id as one spelling: lowercase words joined by hyphens ('Ana  Antal' -> 'ana-antal')."""
    return _NOT_WORD.sub("-", text.casefold()).strip("-")
