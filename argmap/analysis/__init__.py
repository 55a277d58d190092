"""Analyses of a loaded corpus: who argues what, who agrees with whom, and what changed.

Each module takes a `Corpus` (or two) and returns plain dataclasses; `argmap.outputs.analysis`
turns those into text, JSON or Markdown. Nothing here reads YAML or prints. The analyses of stances (positions,
agreement, compare, timeline, lookup) also take `positions.Stances`: only the stances of each map, which
the commands keep as each map is built instead of loading whole maps.

- `positions`: every agent's stance on a question, with its grounds and quotes.
- `agreement`: the agent × question stance matrix, pairwise agreement and per-question spread.
- `compare`: two agents (or two maps) side by side.
- `timeline`: one agent's stances in date order, marking every change.
- `diff`: the change in the argument between two versions of a corpus.
- `gitrev`: a corpus as it was at a git revision.
- `lookup`: resolving a question, agent or map named on the command line (with "did you mean").
"""
