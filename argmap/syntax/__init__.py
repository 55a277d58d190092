"""Positioned YAML: YAML read with the line and column of every key and value."""
