"""The version, apart from the package root: every layer imports it, and the root imports the library API
(lazily), so taking it from `argmap` tied every module to the top of the house."""

__version__ = "0.4.1"  # the one place of the version (pyproject.toml reads it); semantic versioning, tag v0.4.1
FORMAT_VERSION = 1
