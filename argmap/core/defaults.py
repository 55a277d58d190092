"""Default values of the settings that a check module also needs on its own (one place for each)."""

MAX_QUOTE_LENGTH = 600  # characters of one quote before A007 asks for a shorter one
MAX_ELLIPSIS_GAP = 300  # characters one `...` in a quote may stand for, counted in the normalised article
MAX_SOURCE_SIZE = 50_000_000  # bytes of an article file: a text, a saved page or a PDF
MAX_SOURCE_PAGES = 2_000  # pages of a PDF article
EXTRACT_TIMEOUT = 60  # seconds to extract one page's or PDF's text (docs/sources.md)
# Agents shown in an agent-by-agent table or heat map (matrix, the report, plot agreement) unless --all or
# --limit: those answering the most questions. One number, so the three show the same agents.
AGENTS_SHOWN = 30
