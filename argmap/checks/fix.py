"""`argmap fix`: the corrections that need no judgement, made in the file's own text.

Four kinds, each only when exactly one answer is close enough (docs/fix-and-cache.md):

* a quote not found in its article whose nearest passage differs only in punctuation, spacing or
  capitals, or by one letter inside a word of four letters or more (no digit), scores 95 or more, and
  is the only passage that close: the quote becomes the article's wording;
* an unknown key (S003) with a single known key within two edits: the key is renamed;
* a stance label (S004) with a single label within two edits: the label is corrected;
* an enumerated value off its list (S008: a position's `basis`, an agent's `kind`, a link's
  `relation`) with a single allowed value within two edits: the value is corrected.

Every other byte of the file stays: the edit replaces the scalar's own characters, written in the style
it had (plain, 'single' or "double" quoted; a value that style cannot hold, or a block or multi-line
scalar, is left and reported). The result must parse to the same data but for the fixed values, and
give no finding the file did not have; otherwise nothing is written.
"""

from __future__ import annotations

from typing import Any

from argmap.core.diagnostics import Finding
from argmap.core.folds import letters
from argmap.core.record import field, record
from argmap.core.words import percent
from argmap.files import textmatch
from argmap.model import schema
from argmap.syntax import yamledit
from argmap.syntax.yamlsource import Document, Limits, Path, parse

MIN_QUOTE_SCORE = 95.0  # the nearest passage's similarity, per cent
RIVAL_SCORE = 90.0  # a second passage this close makes the choice a judgement: no fix
MAX_NAME_EDITS = 2  # a key or label at most this many edits away (and no other as close)


@record(frozen=True)
class Change:
    """One correction: the value (or key) at `path`, on `line`, from `old` to `new`."""

    path: Path
    on_key: bool
    line: int
    old: str
    new: str
    rule: str


@record(frozen=True)
class Skipped:
    line: int
    what: str
    why: str


@record
class FileFix:
    """What fixing one file came to: its new text (None when unchanged), and what was changed or left."""

    path: str
    text: str
    fixed: str | None = None
    changes: list[Change] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


# -- what to change -----------------------------------------------------------------------------------


def _edits(a: str, b: str) -> int:
    from rapidfuzz.distance import DamerauLevenshtein  # a swapped pair of letters is one edit

    return int(DamerauLevenshtein.distance(a, b))


def _single_close(name: str, candidates: list[str]) -> str | None:
    """The one candidate within MAX_NAME_EDITS of `name` (ignoring case) and strictly closer than all others."""
    folded = name.casefold()
    ranked = sorted((_edits(folded, c.casefold()), c) for c in candidates)
    if not ranked or ranked[0][0] > min(MAX_NAME_EDITS, max(1, len(name) // 3)):
        return None
    if len(ranked) > 1 and ranked[1][0] <= ranked[0][0]:
        return None  # two equally close: which one was meant is a judgement
    return ranked[0][1]


def _one_letter_in_a_word(old: str, new: str) -> bool:
    """The two differ by one letter (changed, added, dropped, or two swapped) inside one word of four
    letters or more, with no digit involved: a typo, not another word or number."""
    a, b = old.split(), new.split()
    if len(a) != len(b):
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if letters(x) != letters(y)]
    if len(differing) != 1:
        return False
    x, y = (letters(w) for w in differing[0])
    if min(len(x), len(y)) < 4 or any(ch.isdigit() for ch in x + y):
        return False
    return _edits(x, y) == 1 and letters(" ".join(a)).replace(x, "", 1) == letters(" ".join(b)).replace(y, "", 1)


def quote_fix(quote: str, article: textmatch.Normalised, max_gap: int) -> tuple[str | None, str]:
    """The article's wording for a quote that is not found, when the choice needs no judgement; else
    (None, why not)."""
    if textmatch.has_ellipsis(quote):
        return None, "a quote with an ellipsis is not rewritten"
    near = textmatch.nearest(quote, article)
    if near is None or near.score < MIN_QUOTE_SCORE:
        return None, f"the closest passage is {percent(near.score)} similar" if near else "no passage is close"
    new = near.passage
    same_words = letters(quote) == letters(new)
    if not same_words and not _one_letter_in_a_word(quote, new):
        return None, "the closest passage differs by more than punctuation, spacing, capitals or one letter"
    # The passage is whole words: keep the quote's own opening and closing punctuation where the article has it.
    stripped = quote.strip()
    head = stripped[:len(stripped) - len(stripped.lstrip("\"'([.,;:!?-"))]
    tail = stripped[len(stripped.rstrip("\"')].,;:!?-")):]
    for candidate in (f"{head}{new}{tail}", f"{new}{tail}", f"{head}{new}", new):
        if textmatch.find(candidate, article, max_gap) is not None:
            new = candidate
            break
    else:
        return None, "the closest passage cannot be quoted as it stands (a line-end hyphen?)"
    if len(textmatch.mixed_letters(new)) > len(textmatch.mixed_letters(quote)):
        return None, "the article's passage mixes Latin and Cyrillic letters drawn alike in a word (Q005)"
    if _rival(quote, article, new):
        return None, "more than one passage is that close"
    return new, ""


def _rival(quote: str, article: textmatch.Normalised, chosen: str) -> bool:
    """Whether another place of the article comes as close to the quote as the chosen passage."""
    found = textmatch.find(chosen, article)
    if found is None:
        return True
    blanked = article.original[:found.start] + " " * (found.end - found.start) + article.original[found.end:]
    other = textmatch.nearest(quote, textmatch.normalise(blanked))
    return other is not None and other.score >= RIVAL_SCORE


def plan(doc: Document, kind: str, quotes: list[tuple[Path, str]]) -> list[Change]:
    """The keys and stance labels to correct in `doc`, and the quotes given as (path, new text): the
    schema's own findings, with the names they suggest (Finding.suggestions), so the fixes follow exactly
    the findings `check` reports. A name is changed only when one suggestion alone is close (_single_close)."""
    keys = {doc.key_at(path): path for path in doc.keypos}
    values = {doc.at(path): path for path in doc.pos if isinstance(_get(doc.data, path), str)}
    changes: list[Change] = []
    for finding in schema.validate(doc, kind) if isinstance(doc.data, dict) else []:
        if not finding.suggestions or finding.code not in ("S003", "S004", "S008"):
            continue
        at = (finding.line, finding.column)
        if finding.code == "S003":
            path = keys.get(at)
            if path is None or not path:
                continue
            name = str(path[-1])
            target = _single_close(name, list(finding.suggestions))
            parent = _get(doc.data, path[:-1])
            if target is not None and isinstance(parent, dict) and target not in parent:
                changes.append(Change(path, True, doc.key_at(path)[0], name, target, "S003"))
            continue
        path = values.get(at)
        value = _get(doc.data, path) if path is not None else None
        if path is None or not isinstance(value, str):
            continue
        target = _single_close(value.strip(), list(finding.suggestions))
        if target is not None and target != value:
            changes.append(Change(path, False, doc.at(path)[0], value, target, finding.code))
    for path, new in quotes:
        old = _get(doc.data, path)
        if isinstance(old, str) and old != new:
            changes.append(Change(path, False, doc.at(path)[0], old, new, "Q001"))
    return sorted(changes, key=lambda c: c.line)


def _get(data: Any, path: Path) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


# -- making the change in the text --------------------------------------------------------------------


render = yamledit.scalar  # a value in a scalar style, or None: the one editor's, under the name fix has had


def apply(text: str, changes: list[Change], limits: Limits | None = None) -> tuple[str, list[Change], list[Skipped]]:
    """`text` with each change made in place; the changes that could not be made are returned as skipped."""
    try:
        source = yamledit.Source(text, limits)
    except yamledit.EditError as error:
        return text, [], [Skipped(c.line, f"{c.old!r} -> {c.new!r}", str(error)) for c in changes]
    edits: list[tuple[yamledit.Edit, Change]] = []
    skipped: list[Skipped] = []
    for change in changes:
        try:
            edits.append((source.replace_scalar(change.path, change.on_key, change.old, change.new), change))
        except yamledit.EditError as error:
            skipped.append(Skipped(change.line, f"{change.old!r} -> {change.new!r}", str(error)))
    text = yamledit.apply(text, [edit for edit, _ in edits])
    return text, sorted((change for _, change in edits), key=lambda c: c.line), skipped


def _set(data: Any, path: Path, on_key: bool, new: str) -> Any:
    """A copy of `data` with the change made, for comparing with what the new text parses to."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        if not rest and on_key:
            return {(new if k == head else k): v for k, v in data.items()}
        return {k: (_set(v, rest, on_key, new) if k == head else v) for k, v in data.items()}
    if isinstance(data, list):
        return [(_set(v, rest, on_key, new) if i == head else v) for i, v in enumerate(data)]
    return data


def verify(old: Document, new_text: str, changes: list[Change], display: str, limits: Limits) -> str | None:
    """Why `new_text` must not be written, or None: it must parse to the old data with exactly the
    changes made (no other value moved, no key lost)."""
    doc, _ = parse(new_text, display, limits)
    if doc is None:
        return "the result does not parse"
    expected = old.data
    for change in changes:
        expected = _set(expected, change.path, change.on_key, change.new)
    if not yamledit.same(doc.data, expected):
        return "the result does not hold the same data"
    return None


def finding_counts(findings: list[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    return counts


def gained(before: list[Finding], after: list[Finding]) -> list[str]:
    """The rules that have more findings after than before."""
    was, now = finding_counts(before), finding_counts(after)
    return sorted(code for code, n in now.items() if n > was.get(code, 0))


# -- one file ------------------------------------------------------------------------------------------


def fix_file(path: str, display: str, limits: Limits, hook: Any, sources: Any, max_gap: int) -> FileFix:
    """The fixes of the map at `path`, checked; `hook` runs the per-map checks (engine.MapChecks), `sources`
    the article texts (None: quotes are not fixed)."""
    from argmap.model import maps as model
    from argmap.model.corpus import load_one
    from argmap.syntax.yamlsource import read_text

    text, _ = read_text(path, display, limits)
    result = FileFix(display, text or "")
    if text is None:
        return result
    doc, _ = parse(text, display, limits)
    if doc is None or not isinstance(doc.data, dict):
        return result
    before = load_one(path, "map", limits, hook, text)[1]
    quotes: list[tuple[Path, str]] = []
    if sources is not None:
        m = model.build_map(doc)
        article = sources.get(m) if m.source.text else None
        if isinstance(article, textmatch.Normalised):
            for i, item in enumerate(m.evidence):
                if not item.quote.strip() or textmatch.find(item.quote, article, max_gap) is not None:
                    continue
                new, why = quote_fix(item.quote, article, max_gap)
                if new is None:
                    result.skipped.append(Skipped(item.quote_line, f"quote of {item.id!r}", why))
                elif _get(doc.data, ("evidence", i, "quote")) == item.quote:
                    quotes.append((("evidence", i, "quote"), new))
    changes = plan(doc, "map", quotes)
    if not changes:
        return result
    _, made, skipped = apply(text, changes, limits)
    result.skipped.extend(skipped)
    state = (text, doc, before)
    # All together first; if the whole is refused, one at a time, keeping each that passes on its own.
    for group in [made] if len(made) == 1 else [made, *([c] for c in made)]:
        attempt, done, _ = apply(state[0], group, limits)
        outcome = _accept(state, attempt, done, path, display, limits, hook)
        if isinstance(outcome, tuple):
            state = outcome
            result.changes.extend(done)
            if group is made:
                break
        elif len(group) == 1:
            result.skipped.append(Skipped(group[0].line, f"{group[0].old!r} -> {group[0].new!r}", outcome))
    if result.changes:
        result.fixed = state[0]
        result.changes.sort(key=lambda c: c.line)
    return result


def _accept(state: tuple[str, Document, list[Finding]], text: str, done: list[Change], path: str, display: str,
            limits: Limits, hook: Any) -> tuple[str, Document, list[Finding]] | str:
    """The new state if `text` holds exactly the changes `done` and gains no finding; else why not."""
    from argmap.model.corpus import load_one

    if not done:
        return "not made"
    why = verify(state[1], text, done, display, limits)
    if why is not None:
        return why
    after = load_one(path, "map", limits, hook, text)[1]
    more = gained(state[2], after)
    if more:
        return f"it would add a finding ({', '.join(more)})"
    doc = parse(text, display, limits)[0]
    assert doc is not None  # verify parsed it
    return text, doc, after


def write_in_place(path: str, text: str, read: str) -> None:
    """Replace the map at `path` by `text`, atomically; its byte order mark, if it had one, stays. `read`:
    the text the fixes were made in. If the file no longer holds it (saved while argmap worked), nothing
    is written: OutputError says so."""
    from argmap.files.output import OutputError, replace_file

    try:
        with open(path, "rb") as handle:
            current = handle.read()
    except OSError as error:
        raise OutputError(f"cannot read {path} again: {error.strerror or error}") from None
    bom = current.startswith(b"\xef\xbb\xbf")
    if current != (b"\xef\xbb\xbf" if bom else b"") + read.encode("utf-8", "surrogatepass"):
        raise OutputError(f"not rewriting {path}: it changed since it was read (saved meanwhile?); "
                          "nothing was written: run the command again")
    replace_file(path, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"), expected=current)
