"""Quotes (Q): evidence checked against the article text. Each rule with its failing and passing example."""

from __future__ import annotations

from typing import Final

from argmap.rules.example import ARTICLE, BASE_FILES, BASE_SECTIONS, pair
from argmap.rules.rule import E, N, Rule

_RUSSIAN_ARTICLE = str(BASE_FILES[ARTICLE]) + "\n\u041f\u043e-\u0440\u0443\u0441\u0441\u043a\u0438 \u043e\u043d\u0430 " \
    "\u043f\u0438\u0448\u0435\u0442: \u00ab\u041f\u043b\u0430\u043d \u0441\u0442\u043e\u0438\u0442 " \
    "\u043d\u0435\u0434\u043e\u0440\u043e\u0433\u043e \u0438 \u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442\u00bb.\n"


def _russian_evidence(plan: str) -> str:
    """The base evidence and a quote of the article's Russian sentence, `plan` spelling its first word."""
    return BASE_SECTIONS["evidence"] + (
        "  - id: e-cheap-ru\n"
        f"    quote: \"{plan} \u0441\u0442\u043e\u0438\u0442 \u043d\u0435\u0434\u043e\u0440\u043e\u0433\u043e \u0438 "
        "\u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442\"\n"
        "    translation: The plan costs little and works\n"
        "    speaker: author\n"
        "    grounds: [cheap]\n")


QUOTE_NOT_FOUND: Final = Rule(
    "Q001", "quote-not-found", E, "A quote is not in the article text.",
    "Quotes must be verbatim. Matching ignores typographic differences (curly or straight "
    "quotes, dashes, no-break spaces, line breaks, words hyphenated across a line end) and "
    "treats an ellipsis (… or [...]) as words left out of one paragraph, at most 300 characters "
    "by default; every part holds two words or more, on word boundaries, in order. The message "
    "names the rule a quote breaks; otherwise the hint shows the closest passage of the article "
    "and how close it is (docs/quotes.md).",
    pair({"map.yaml:evidence": BASE_SECTIONS["evidence"].replace("costs little", "costs nothing")},
         {}, show=(ARTICLE, "map.yaml:evidence")))

SOURCE_MISSING: Final = Rule(
    "Q002", "source-missing", N, "The article text for a map is not in the sources directories.",
    "With --sources DIR, each map's `source.text` is looked up in DIR (the first directory of a "
    "search path that has it wins). Without the text the "
    "quotes cannot be checked. An error under --require-sources.",
    pair({"map.yaml:source": BASE_SECTIONS["source"].replace("article.txt", "articel.txt")},
         {}, show=("map.yaml:source",), fails_note="there is no sources/articel.txt"))

SOURCE_UNREADABLE: Final = Rule(
    "Q003", "source-unreadable", E, "The article text cannot be read as UTF-8 text, or a saved page's or PDF's "
    "text cannot be extracted.",
    "Convert the article text to UTF-8, or fix its permissions. A saved page (.html) or a PDF needs argmap's "
    "`web` or `pdf` extra, and must be within max-source-size (and a PDF within max-source-pages), not "
    "encrypted with a password, and extracted within extract-timeout seconds (docs/sources.md).",
    pair({ARTICLE: str(BASE_FILES[ARTICLE]).replace("Ann Author writes", "Caf\u00e9 owner Ann Author writes")
          .encode("latin-1")},
         {ARTICLE: str(BASE_FILES[ARTICLE]).replace("Ann Author writes", "Caf\u00e9 owner Ann Author writes")},
         show=(ARTICLE,), fails_note="saved as Latin-1: the byte \\xe9 stands for \u00e9"))

SOURCE_PATH_ESCAPES: Final = Rule(
    "Q004", "source-path-escapes", E, "`source.text` points outside the sources directory.",
    "`source.text` is a file name inside the sources directory; absolute paths and `..` are "
    "refused so that a map cannot make argmap read arbitrary files.",
    pair({"map.yaml:source": BASE_SECTIONS["source"].replace("article.txt", "../article.txt")},
         {}, show=("map.yaml:source",)))

LOOKALIKE_LETTER: Final = Rule(
    "Q005", "lookalike-letter", E, "A quote differs from its article only in letters drawn alike in Latin and "
    "Cyrillic, or it mixes them in one word.",
    "A Latin `o` and a Cyrillic `о` print alike but are different letters, so a word that mixes them is not the "
    "word a reader or a search finds. argmap never reads one as the other: a quote that would match its article "
    "only if they were read alike fails (an error), and the message names the letter, its code point and where it "
    "stands, in the quote (its column) or in the article (line and column). A quote that matches but has such a "
    "letter inside a word of the other script (Latin `o` in \"пoлитика\", Cyrillic `е` in \"Lukashеnko\") is a "
    "warning: the article has the same letter, so the quote is verbatim, but whoever searches for the word will "
    "not find it. Retype the letter, or, if the article's copy has it, keep it and say so in a suppression comment. "
    "Cyrillic `ё` and `е`, and the forms of the apostrophe (' ’ ʼ ʻ ` ´), are read alike (docs/quotes.md).",
    pair({ARTICLE: _RUSSIAN_ARTICLE, "map.yaml:evidence": _russian_evidence("\u041f\u043b" "a" "\u043d")},
         {ARTICLE: _RUSSIAN_ARTICLE, "map.yaml:evidence": _russian_evidence("\u041f\u043b\u0430\u043d")},
         show=(ARTICLE, "map.yaml:evidence"),
         fails_note="the quote's third letter of \u041f\u043b" "a" "\u043d is the Latin a (U+0061), "
                    "drawn like the Cyrillic \u0430 (U+0430) the article has",
         passes_note="the quote keeps the article's Cyrillic words and carries a `translation`"))
