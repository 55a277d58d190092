"""A saved web page: its article's main text (trafilatura), every visible word with the parts of the page
they stand in (navigation, adverts, comments: to say where a quote that is not the article's was found),
and the page's metadata for `argmap new`. Runs in the worker process (argmap.files.sources.worker)."""

from __future__ import annotations

import re
from typing import Any

# Elements whose text is never shown by a browser.
_HIDDEN = {"script", "style", "noscript", "template", "head", "iframe", "object", "embed", "svg", "math", "canvas"}
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section", "article",
           "aside", "nav", "header", "footer", "main", "blockquote", "pre", "figure", "figcaption", "table", "tr",
           "td", "th", "form", "br", "hr", "address", "details", "summary", "body", "caption"}
_BY_TAG = {"nav": "navigation", "aside": "sidebar", "form": "form", "header": "header", "footer": "footer"}
_BY_ROLE = {"navigation": "navigation", "banner": "header", "contentinfo": "footer", "complementary": "sidebar",
            "search": "search box"}
# Words in an element's class or id, and what part of a page they name (checked in this order).
_BY_NAME = (
    (("comment", "discussion", "disqus", "replies"), "comments"),
    (("cookie", "cookies", "consent", "gdpr"), "cookie notice"),
    (("ad", "ads", "advert", "advertisement", "adslot", "sponsor", "sponsored", "promo", "banner", "dfp"), "adverts"),
    (("related", "recommended", "recommend", "trending", "popular", "morestories", "readmore", "outbrain", "taboola"),
     "related links"),
    (("nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "navigation", "topbar"), "navigation"),
    (("share", "social", "sharing"), "sharing links"),
    (("newsletter", "subscribe", "signup", "paywall"), "subscription box"),
    (("sidebar", "rail", "widget"), "sidebar"),
    (("footer",), "footer"),
    (("header", "masthead"), "header"),
)
_ARCHIVES = re.compile(r"^https?://(?:[a-z0-9-]+\.)*(?:web\.archive\.org|archive\.org/web|archive\.today|archive\.ph|"
                       r"archive\.is|archive\.li|archive\.vn|archive\.md|webcitation\.org|ghostarchive\.org|perma\.cc)(?:/|$)",
                       re.IGNORECASE)
_WAYBACK_ORIGINAL = re.compile(r"/web/\d{4,14}[a-z_]*/(https?://\S+)$", re.IGNORECASE)
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+)\s*-->", re.IGNORECASE)
_SINGLEFILE = re.compile(rb"<!--\s*Page saved with SingleFile\s*\n\s*url:\s*(https?://\S+)", re.IGNORECASE)


def _label(element: Any, inside_article: bool) -> str | None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    role = (element.get("role") or "").lower()
    if role in _BY_ROLE and not (inside_article and role in ("banner", "contentinfo")):
        return _BY_ROLE[role]
    words = set(re.split(r"[^a-z0-9]+", f"{element.get('class') or ''} {element.get('id') or ''}".lower())) - {""}
    for names, label in _BY_NAME:
        if words & set(names) or (label == "comments" and any("comment" in w for w in words)):
            if inside_article and label in ("header", "footer"):
                continue  # an article's own header holds its title and byline
            return label
    if tag in _BY_TAG and not (inside_article and tag in ("header", "footer")):
        return _BY_TAG[tag]
    return None


def visible_text(root: Any) -> tuple[str, list[tuple[int, int, str]]]:
    """Every visible word of the page, blocks on lines of their own, and the spans of the parts of the page
    that are not its article (each part that names itself; a part inside another has a span inside its
    span, and Extraction.region takes the innermost). Walks the tree without recursion: a page nested 100,000 deep is a long loop, not a crash."""
    from lxml import etree  # type: ignore[import-untyped]

    pieces: list[str] = []
    size = 0
    regions: list[tuple[int, int, str]] = []
    stack: list[tuple[tuple[int, str] | None, bool, bool]] = []  # (label opened here and where, hidden, article)
    hidden = article = False

    def add(text: str) -> None:
        nonlocal size
        pieces.append(text)
        size += len(text)

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            opened = None
            here_hidden = hidden or tag in _HIDDEN or not tag
            here_article = article or tag in ("article", "main")
            if not here_hidden:
                label = _label(element, article)
                opened = (size, label) if label is not None else None
            stack.append((opened, hidden, article))
            hidden, article = here_hidden, here_article
            if not hidden:
                if tag in _BLOCKS:
                    add("\n")
                if element.text:
                    add(element.text)
            continue
        opened, hidden, article = stack.pop()
        if tag in _BLOCKS and not hidden:
            add("\n")
        if opened is not None:
            regions.append((opened[0], size, opened[1]))
        if element.tail and not hidden:
            add(element.tail)
    return _blocks("".join(pieces), regions)


def _blocks(text: str, regions: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    """The text with whitespace collapsed inside lines and blank lines between blocks, the region offsets
    carried over."""
    out: list[str] = []
    mapping: list[int] = []  # offset in the output of each input offset
    at = 0
    last_blank = True
    for line in text.split("\n"):
        collapsed = " ".join(line.split())
        if collapsed:
            if not last_blank:
                out.append("\n\n")
                at += 2
            start = at
            out.append(collapsed)
            at += len(collapsed)
            mapping.extend([start] * (len(line) + 1))
            last_blank = False
        else:
            mapping.extend([at] * (len(line) + 1))
    mapping.append(at)
    full = "".join(out)
    moved = [(mapping[min(s, len(mapping) - 1)], mapping[min(e, len(mapping) - 1)] + 1, label) for s, e, label in regions]
    return full, [(s, min(e, len(full)), label) for s, e, label in moved if s < e]


def _url(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not re.match(r"^https?://[^\s<>\"']+$", value, re.IGNORECASE) or len(value) > 2000:
        return None
    return value


def page_urls(data: bytes, root: Any, metadata_url: str | None) -> dict[str, str]:
    """url (the article's address) and archived (an archive copy's), from what the page says: its canonical
    link, og:url, and the address a browser or SingleFile noted when saving it."""
    candidates: list[str] = []
    for path in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        try:
            candidates += [str(v) for v in root.xpath(path)]
        except Exception:  # an odd tree: no address from it
            continue
    head = data[:4096]
    for pattern in (_SAVED_FROM, _SINGLEFILE):
        found = pattern.search(head)
        if found:
            candidates.append(found.group(1).decode("ascii", "replace"))
    if metadata_url:
        candidates.append(metadata_url)
    out: dict[str, str] = {}
    for candidate in candidates:
        url = _url(candidate)
        if url is None:
            continue
        if _ARCHIVES.match(url):
            out.setdefault("archived", url)
            original = _WAYBACK_ORIGINAL.search(url)
            if original and _url(original.group(1)) and not _ARCHIVES.match(original.group(1)):
                out.setdefault("url", original.group(1))
        else:
            out.setdefault("url", url)
    return out


def _metadata(data: bytes, root: Any) -> dict[str, Any]:
    import copy

    from trafilatura import extract_metadata

    meta: dict[str, Any] = {}
    document = extract_metadata(copy.deepcopy(root))
    found = document.as_dict() if document is not None else {}
    for key, field in (("title", "title"), ("date", "date"), ("outlet", "sitename")):
        value = found.get(field)
        if isinstance(value, str) and value.strip():
            meta[key] = " ".join(value.split())
    author = found.get("author")
    if isinstance(author, str) and author.strip():
        meta["authors"] = [" ".join(a.split()) for a in re.split(r";|\band\b", author) if a.strip()]
    meta.update(page_urls(data, root, found.get("url") if isinstance(found.get("url"), str) else None))
    return meta


# Parts a page names as not its article that trafilatura may keep when they stand inside the article's
# element (an advert between two paragraphs): taken out before it looks.
_PRUNED = {"adverts", "comments", "related links", "sharing links", "subscription box", "cookie notice"}


def prune(root: Any) -> Any:
    """The tree without the elements that name themselves adverts, comments, related links, sharing links,
    subscription boxes or cookie notices (the article's own header and footer are kept)."""
    from lxml import etree

    doomed = []
    inside: list[bool] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            inside.pop()
            continue
        article = bool(inside and inside[-1]) or (isinstance(element.tag, str) and element.tag.lower() in ("article", "main"))
        inside.append(article)
        if isinstance(element.tag, str) and _label(element, article) in _PRUNED:
            doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            tail, previous = element.tail, element.getprevious()
            parent.remove(element)
            if tail and tail.strip():  # the text after it is the parent's: kept
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
    return root


def extract_html(data: bytes) -> dict[str, Any]:
    import copy

    from trafilatura import extract
    from trafilatura.utils import load_html

    root = load_html(data)
    if root is None:
        return {"error": "the file is not an HTML page argmap can read", "hint": "check that it opens in a browser"}
    main = extract(prune(copy.deepcopy(root)), include_comments=False, include_tables=True, include_images=False,
                   include_links=False, include_formatting=False, deduplicate=False, output_format="txt")
    if not main or not main.strip():
        return {"error": "no article text was found in the page (only navigation or boilerplate)",
                "hint": "save the article's own page, or give its text as a .txt file"}
    text = "\n\n".join(" ".join(line.split()) for line in main.splitlines() if line.strip())
    full, regions = visible_text(root)
    return {"kind": "html", "text": text, "full": full, "regions": [list(r) for r in regions], "pages": [],
            "meta": _metadata(data, root)}
