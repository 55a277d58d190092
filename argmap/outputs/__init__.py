"""Outputs: check's reporters, the analyses rendered, diagrams, plots and the exports other tools read."""
