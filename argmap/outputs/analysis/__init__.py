"""The analyses rendered as text, Markdown and JSON (and the shared formatting of their numbers)."""
