"""`quotes --find` and `--unquoted` on an article's furniture (issue 21): a footnote marker glued to a full
stop ends the sentence (it does not run on into the next, to be cut mid-clause), the article's own
truncation (`kee[...]`) is never offered as words to paste, and `--unquoted` leaves out header lines, the
dateline, headings and cut-off fragments. The article is written for these tests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from argmap.authoring import find as finder
from argmap.authoring import sentences
from argmap.files import textmatch

BRIEF = """THE RIVER COMPACT: WHAT NEIGHBOURS OWE EACH OTHER
by Élise Marchand
EUISS Brief 15, 15 Jul 2020

Two neighbouring states signed a compact on shared water last spring, and neither has kept it in full. \
The upstream state argued that the dams came first and the sharing later on.1 Should the downstream state \
wait, it would lose a whole growing season.12 The ministers promised to kee[...] the flow steady through the \
dry months, a promise the farmers doubt.

Why the compact stalled
The compact names no body that could settle a dispute between the two, and so each side waits.

the rest of a sentence cut off at the top of a page runs on here without its start.
Sep. 21, 2021.
"""

ARGUMENT = ["The compact stalled because the dams came first and the water sharing later; the downstream state "
            "would lose a growing season, and the ministers' promise to keep the flow steady is doubted.",
            "Neither neighbouring state kept the water compact; no body settles a dispute."]


def article() -> finder.Article:
    return finder.Article("brief.txt", "brief.txt", textmatch.normalise(BRIEF))


def test_a_footnote_marker_ends_the_sentence_and_belongs_to_neither() -> None:
    texts = [s.text for s in article().sentences]
    assert "The upstream state argued that the dams came first and the sharing later on." in texts
    assert "Should the downstream state wait, it would lose a whole growing season." in texts
    assert not any(t.startswith(("1 ", "12 ")) or " on.1 " in t for t in texts)
    # A number after a full stop and a space is a sentence of its own, not a footnote.
    plain = [s.text for s in sentences.split(textmatch.normalise("It rose in 2019. 15 Russian soldiers came."))]
    assert plain == ["It rose in 2019.", "15 Russian soldiers came."]
    decimal = [s.text for s in sentences.split(textmatch.normalise("It grew 3.5 Percent in a year."))]
    assert decimal == ["It grew 3.5 Percent in a year."]


def test_find_offers_a_whole_clause_not_a_footnote_run_on() -> None:
    hits = finder.find("the dams came first and the sharing later", [article()])
    assert hits[0].passage == "The upstream state argued that the dams came first and the sharing later on."
    hits = finder.find("it would lose a whole growing season", [article()])
    assert hits[0].passage == "Should the downstream state wait, it would lose a whole growing season."


def test_find_never_offers_the_articles_own_truncation() -> None:
    hits = finder.find("the ministers promised to keep the flow steady", [article()])
    assert hits and all("[...]" not in h.passage and "kee" not in h.passage.split() for h in hits)
    assert hits[0].passage in ("The ministers promised to",
                               "the flow steady through the dry months, a promise the farmers doubt.")
    assert all(h.verified for h in hits)


def test_unquoted_leaves_out_header_lines_datelines_headings_and_fragments() -> None:
    rows = finder.unquoted(article(), ARGUMENT, [], top=50)
    offered = [r.sentence for r in rows]
    assert offered
    for furniture in ("THE RIVER COMPACT", "by Élise", "EUISS Brief", "Why the compact stalled", "Sep. 21",
                      "the rest of a sentence", "kee[...]"):
        assert not any(furniture in s for s in offered), furniture
    assert "The compact names no body that could settle a dispute between the two, and so each side waits." in offered


@given(st.lists(st.sampled_from(["Words run here.", "on.1 Then", "kee[...] more", "It is 3.5 wide.", "by Ann Lee\n",
                                 "\n\n", "TITLE LINE\n", "… and so", "end."]), max_size=12),
       st.sampled_from(["words run", "then", "more", "wide", "kee"]))
def test_every_passage_found_pastes_as_a_quote_without_a_cut(parts: list[str], phrase: str) -> None:
    text = " ".join(parts)
    a = finder.Article("t.txt", "t.txt", textmatch.normalise(text))
    for hit in finder.find(phrase, [a]):
        assert hit.verified, hit.passage
        assert "[...]" not in hit.passage and "…" not in hit.passage
