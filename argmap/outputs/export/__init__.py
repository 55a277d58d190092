"""Exports that other argument tools read: JSON (json_export), Argdown (argdown), AIF (aif)."""
