"""Articles that are not plain text: a web page saved from a browser (`.html`, `.htm`) or a PDF.

The article's main text is extracted once (trafilatura for a page, pypdf for a PDF), in a child process
with a time and memory budget, and cached by the file's content; the quote check then reads it as it
reads a `.txt`. The page's full visible text (navigation, adverts, comments) and a PDF's running headers
are kept beside it, so that a quote taken from them is reported as found there, outside the article.
docs/sources.md describes it.
"""

from __future__ import annotations

from argmap.sources.extract import (
    EXTRA,
    Extraction,
    ExtractionError,
    ExtractLimits,
    extract_file,
    is_extracted,
)

__all__ = ["EXTRA", "ExtractLimits", "Extraction", "ExtractionError", "extract_file", "is_extracted"]
