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


def label(value: int) -> str:
    return LABELS[value]


def signed(value: int) -> str:
    """'+2', '-1', '0': how stances are printed next to their label."""
    return f"{value:+d}" if value else "0"
