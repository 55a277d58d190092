"""A PDF: its text page by page (pdfminer.six, whose layout analysis keeps kerned words whole and
columns apart), with ligatures and soft hyphens undone, words hyphenated across
lines joined, and running headers, footers and page numbers (lines at a page's edge repeated on most
pages, bare numbers) left out; the metadata for `argmap new`. Runs in the worker process."""

from __future__ import annotations

import re
from typing import Any

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st", "\u00ad": None, "\u200b": None})
_EDGE = 3  # lines at the top and at the bottom of a page where headers, footers and numbers stand
_SHORT = 100  # characters: a running header or footer is a short line, never a line of the text
_PAGE_NUMBER = re.compile(r"^[\W_]*(?:(?:page|p\.|seite|стр\.?)\s*)?(?:\d{1,5}|[ivxlcdm]{1,7})(?:\s*(?:of|/|из)\s*\d{1,5})?[\W_]*$",
                          re.IGNORECASE)
_HYPHENATED = re.compile(r"(\w)-\n(?=[a-zа-яё])")  # a lower-case letter goes on: one word split at the line's end
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def _clean(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.translate(_LIGATURES).splitlines()]


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def _edges(count: int) -> set[int]:
    return set(range(min(_EDGE, count))) | set(range(max(0, count - _EDGE), count))


def _edge_key(body: list[str], index: int) -> tuple[int, str]:
    """The line's place (from the top: 0, 1, 2; from the bottom: -1, -2, -3) and its text, digits aside."""
    place = index if index < _EDGE else index - len(body)
    return place, _key(body[index])


def strip_furniture(pages: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """Each page's lines without its running headers, footers and page numbers, and those left out."""
    # A running header stands at the same place of the page's top, a footer of its bottom (counted in
    # lines): a numbered paragraph that opens one page and comes second on the next is not one.
    edge_keys: dict[tuple[int, str], int] = {}
    for lines in pages:
        body = [line for line in lines if line]
        for key in {_edge_key(body, index) for index in _edges(len(body))}:
            edge_keys[key] = edge_keys.get(key, 0) + 1
    most = max(2, (len(pages) + 1) // 2)  # on half the pages or more (and on two at least)
    kept_pages, dropped_pages = [], []
    for lines in pages:
        body = [line for line in lines if line]
        edges = _edges(len(body))
        kept: list[str] = []
        dropped: list[str] = []
        for index, line in enumerate(body):
            furniture = index in edges and len(line) <= _SHORT and (_PAGE_NUMBER.match(line) is not None
                                            or (len(pages) >= 2 and edge_keys.get(_edge_key(body, index), 0) >= most))
            (dropped if furniture else kept).append(line)
        kept_pages.append(kept)
        dropped_pages.append(dropped)
    return kept_pages, dropped_pages


def join_pages(pages: list[list[str]]) -> tuple[str, list[int]]:
    """The pages' lines as one text (lines within a page by line breaks, pages too: a sentence goes on over
    a page break), words hyphenated across lines joined; and where each page starts in it."""
    text = ""
    starts: list[int] = []
    for lines in pages:
        page = _HYPHENATED.sub(r"\1", "\n".join(lines))
        if text and page and text.endswith("-") and len(text) > 1 and text[-2].isalpha() and page[0].islower():
            text = text[:-1]  # hyphenated across the page break
            starts.append(len(text))
            text += page
            continue
        if text and page:
            text += "\n"
        starts.append(len(text))
        text += page
    return text, starts


def _date(raw: object) -> str | None:
    found = _PDF_DATE.match(raw.strip()) if isinstance(raw, str) else None
    if not found:
        return None
    return "-".join(part for part in found.groups() if part)


def _text(value: object) -> str | None:
    """A metadata value as text (pdfminer gives the PDF's strings as bytes: UTF-16 with a BOM, else PDFDocEncoding)."""
    if isinstance(value, bytes):
        from pdfminer.utils import decode_text

        value = decode_text(value)
    if isinstance(value, str) and value.strip():
        return " ".join(value.replace("\x00", "").split())
    return None


def _metadata(info: dict[str, Any], first_page: list[str]) -> dict[str, Any]:
    from pdfminer.pdftypes import resolve1

    meta: dict[str, Any] = {}
    title = _text(resolve1(info.get("Title")))
    if title and not title.lower().endswith((".doc", ".docx", ".odt", ".tex", ".html", ".ms")):
        meta["title"] = title
    elif first_page:
        meta["title"] = first_page[0]  # the first line of the first page: a title, most often
    author = _text(resolve1(info.get("Author")))
    if author:
        meta["authors"] = [" ".join(a.split()) for a in re.split(r";|,|\band\b", author) if a.strip()]
    date = _date(_text(resolve1(info.get("CreationDate"))))
    if date:
        meta["date"] = date
    return meta


def extract_pdf(data: bytes, max_pages: int) -> dict[str, Any]:
    import io

    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSException

    try:
        # An empty password opens the many PDFs encrypted for their permissions only.
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        count = 0
        for _ in PDFPage.create_pages(document):  # walks the page tree only (pdfminer refuses a cycle in it)
            count += 1
            if count > max_pages:
                break
    except (PDFPasswordIncorrect, PDFEncryptionError):
        return {"error": "the PDF is encrypted with a password",
                "hint": "save a copy without a password (or its text as .txt) and name that"}
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        return {"error": f"the file is not a PDF argmap can read ({type(error).__name__}: {str(error)[:200]})",
                "hint": "check that it opens in a PDF reader, or give the article's text as a .txt file"}
    if count > max_pages:
        return {"error": f"the PDF has more than the {max_pages:,} pages argmap reads",
                "hint": "raise max-source-pages in [tool.argmap], or name a PDF of the article alone"}
    resources = PDFResourceManager()
    raw_pages = []
    for page in PDFPage.create_pages(document):
        out = io.StringIO()
        device = TextConverter(resources, out, laparams=LAParams())
        try:
            PDFPageInterpreter(resources, device).process_page(page)
        except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError):
            pass  # a broken page gives what it could: the others are read
        finally:
            device.close()
        raw_pages.append(_clean(out.getvalue()))
    if count == 0:
        return {"error": "the PDF has no pages", "hint": "check that it opens in a PDF reader"}
    kept, dropped = strip_furniture(raw_pages)
    text, starts = join_pages(kept)
    if not text.strip():
        return {"error": "the PDF has no text to extract (scanned pages are images: they need OCR first)",
                "hint": "run OCR on it (e.g. ocrmypdf), or give the article's text as a .txt file"}
    full_parts: list[str] = []
    regions: list[list[Any]] = []
    size = 0
    for page_kept, page_dropped in zip(kept, dropped, strict=True):
        for line in page_dropped:
            regions.append([size, size + len(line), "running headers, footers or page numbers"])
            full_parts.append(line)
            size += len(line) + 1
        chunk = "\n".join(page_kept)
        full_parts.append(chunk)
        size += len(chunk) + 1
    first = next((page for page in kept if page), [])
    info = document.info[0] if document.info and isinstance(document.info[0], dict) else {}
    return {"kind": "pdf", "text": text, "full": "\n".join(full_parts), "regions": regions, "pages": starts,
            "meta": _metadata(info, first)}
