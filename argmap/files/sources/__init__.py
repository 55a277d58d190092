"""Articles that are not plain text: a web page saved from a browser (`.html`, `.htm`) or a PDF.

The article's main text is extracted once (trafilatura for a page, pdfminer.six for a PDF), in a child process
with a time and memory budget, and cached by the file's content; the quote check then reads it as it
reads a `.txt`. The page's full visible text (navigation, adverts, comments) and a PDF's running headers
are kept beside it, so that a quote taken from them is reported as found there, outside the article.
docs/sources.md describes it. This module is light (the quote check imports it for every run); the
extraction is in argmap.files.sources.extract, imported when an article needs it.
"""

from __future__ import annotations

import os

# The file endings read by extraction, and the extra that installs each one's library.
EXTRA = {".html": "web", ".htm": "web", ".xhtml": "web", ".pdf": "pdf"}


def is_extracted(name: str) -> bool:
    """Whether the article `name` is read by extraction (a page or a PDF) rather than as text."""
    return os.path.splitext(name)[1].lower() in EXTRA


__all__ = ["EXTRA", "is_extracted"]
