"""The child process that extracts one page or PDF: `python -m argmap.files.sources.worker KIND MAX_PAGES MEMORY
SECONDS`, the file's bytes on standard input, one JSON object on standard output (the extraction, or
{"error", "hint"}). It limits its own memory and CPU time first, so a hostile file can only make it fail."""

from __future__ import annotations

import json
import sys
from typing import Any


def _limit(memory: int, seconds: int) -> None:
    try:
        import resource
    except ImportError:  # not on Windows: the parent's timeout still bounds the time
        return
    for which, value in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_CPU, seconds)):
        try:
            _soft, hard = resource.getrlimit(which)
            cap = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(which, (cap, hard))
        except (ValueError, OSError):
            continue


def main(argv: list[str]) -> int:
    kind, max_pages, memory, seconds = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    _limit(memory, seconds)
    data = sys.stdin.buffer.read()
    answer: dict[str, Any]
    try:
        if kind == "pdf":
            from argmap.files.sources.pdf import extract_pdf

            answer = extract_pdf(data, max_pages)
        else:
            from argmap.files.sources.html import extract_html

            answer = extract_html(data)
    except MemoryError:
        answer = {"error": "the file needs more memory to extract than argmap allows",
                  "hint": "save the article alone, or give it as a .txt file"}
    except RecursionError:
        answer = {"error": "the file is nested too deeply to extract",
                  "hint": "save the article alone, or give it as a .txt file"}
    except ImportError as error:
        answer = {"error": f"a library the extraction needs is missing ({error.name or error})",
                  "hint": "pip install 'argmap[web]' for pages, 'argmap[pdf]' for PDFs"}
    except Exception as error:  # a parser's own exception on a broken file: reported, never a traceback
        answer = {"error": f"the file cannot be extracted ({type(error).__name__}: {str(error)[:200]})",
                  "hint": "check that it opens in a browser or PDF reader; else give the article as a .txt file"}
    sys.stdout.write(json.dumps(answer, ensure_ascii=True))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":  # pragma: no cover - run as a child process
    raise SystemExit(main(sys.argv[1:]))
