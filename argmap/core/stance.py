"""The one stance scale of the whole tool: -2 strongly disagree .. +2 strongly agree."""

from __future__ import annotations

LABELS: dict[int, str] = {
    -2: "strongly-disagree",
    -1: "disagree",
    0: "neutral",
    1: "agree",
    2: "strongly-agree",
}
BY_LABEL: dict[str, int] = {label: value for value, label in LABELS.items()}
MIN, MAX = -2, 2


def parse(value: object) -> int | None:
    """The stance as an integer, or None when the value is not on the scale."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if MIN <= value <= MAX else None
    if isinstance(value, str):
        text = value.strip().lower().replace("_", "-").replace(" ", "-")
        if text in BY_LABEL:
            return BY_LABEL[text]
        try:
            number = int(text)
        except ValueError:
            return None
        return number if MIN <= number <= MAX else None
    return None


# How a stance is known: the one vocabulary of `basis` (docs/format.md), in order of directness.
BASES: dict[str, str] = {
    "stated": "the speaker's own words state it (the author's voice, or the speaker quoted directly)",
    "reported": "the author reports the speaker's view in the author's words, without quoting it",
    "act": "read from an act of the speaker (a petition, a protest, a vote, a signature, a decision)",
    "inferred": "inferred from what the text says of causes, consequences or neighbouring claims",
}
# The bases a careful reader would not sign without a second look: counted apart in the tallies.
INDIRECT = ("reported", "inferred")


def parse_basis(value: object) -> str | None:
    """The basis as one of BASES, or None when absent or not in the vocabulary (the schema reports it)."""
    return value if isinstance(value, str) and value in BASES else None


def label(value: int) -> str:
    return LABELS[value]


def signed(value: int) -> str:
    """'+2', '-1', '0': how stances are printed next to their label."""
    return f"{value:+d}" if value else "0"
