"""Other tools' argument maps in: Argdown (argdown) and AIF JSON (aif), built into a corpus by builder."""
