"""`argmap export --to csl`: the corpus's sources as CSL-JSON (the Citation Style Language's input data),
which Zotero imports and citation processors (citeproc-js, pandoc's citeproc) read.

One item per map, its id the map's id. What argmap does not know is left out, never guessed: no
`issued` for an unknown date, no `author` for unknown authors. The item type follows from what the
source says (docs/data.md): a PDF report is `report`, an article with an outlet `article-newspaper`,
a page with only a URL `webpage`, anything else `article`.
"""

from __future__ import annotations

import os
from typing import Any

from argmap.model.maps import UNKNOWN, Corpus, Map


def _known(value: str) -> str:
    value = value.strip()
    return "" if value == UNKNOWN else value


def item_type(m: Map) -> str:
    if os.path.splitext(m.source.text)[1].lower() == ".pdf":
        return "report"
    if _known(m.source.outlet):
        return "article-newspaper"
    if _known(m.source.url):
        return "webpage"
    return "article"


def name(corpus: Corpus, agent_id: str) -> dict[str, str]:
    """A person as {family, given} (the last word is the family name); an organisation, a one-word name or
    an agent missing from the registry as {literal}: a name argmap cannot split is not split."""
    agent = corpus.agents.get(agent_id)
    if agent is None:
        return {"literal": agent_id}
    words = agent.name.split()
    if agent.kind != "person" or len(words) < 2:
        return {"literal": " ".join(words) or agent_id}
    return {"family": words[-1], "given": " ".join(words[:-1])}


def date_parts(date: str) -> list[int] | None:
    """[Y], [Y, M] or [Y, M, D] of YYYY, YYYY-MM or YYYY-MM-DD; None for anything else."""
    parts = date.strip().split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    numbers = [int(p) for p in parts]
    if (len(numbers) > 1 and not 1 <= numbers[1] <= 12) or (len(numbers) > 2 and not 1 <= numbers[2] <= 31):
        return None
    return numbers


def item(corpus: Corpus, m: Map) -> dict[str, Any]:
    out: dict[str, Any] = {"id": m.id, "type": item_type(m)}
    if _known(m.source.title):
        out["title"] = m.source.title.strip()
    if m.source.authors:
        out["author"] = [name(corpus, ref.id) for ref in m.source.authors if ref.id]
    if _known(m.source.outlet):
        out["container-title"] = m.source.outlet.strip()
    parts = date_parts(m.source.date)
    if parts:
        out["issued"] = {"date-parts": [parts]}
    if _known(m.source.url):
        out["URL"] = m.source.url.strip()
    archived = getattr(m.source, "archived", "")  # source.archived: the schema's once issue 24's web sources land
    if isinstance(archived, str) and _known(archived):
        out["archive_location"] = archived.strip()
        out["note"] = f"Archived copy: {archived.strip()}"
    return out


def render(corpus: Corpus) -> list[dict[str, Any]]:
    """One CSL-JSON item per map (the first of maps sharing an id), in the corpus's order."""
    seen: set[str] = set()
    out = []
    for m in corpus.maps:
        if m.id and m.id not in seen:
            seen.add(m.id)
            out.append(item(corpus, m))
    return out
