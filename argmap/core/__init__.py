"""The foundation: the vocabulary every layer shares (findings, rules, stances, words, ids, safe text); it imports nothing of argmap above it."""
