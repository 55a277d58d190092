"""Default values of the settings that a check module also needs on its own (one place for each)."""

MAX_QUOTE_LENGTH = 600  # characters of one quote before A007 asks for a shorter one
MAX_ELLIPSIS_GAP = 300  # characters one `...` in a quote may stand for, counted in the normalised article
