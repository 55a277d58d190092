"""Helping an author write a map: a skeleton from an article (`argmap new`), the words to paste
(`argmap quotes --find`, `--unquoted`), the shared questions a map leaves open (`check --show-unanswered`), other tools' maps imported (importers) and a
new corpus's files (`argmap init`, scaffold)."""
