"""Helping an author write a map: a skeleton from an article (`argmap new`), the words to paste
(`argmap quotes --find`, `--unquoted`), and the shared questions a map leaves open (`check --show-unanswered`)."""
