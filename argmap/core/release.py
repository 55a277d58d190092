"""Where this version of argmap is published: the repository and the tag of the version, in one place.

Until argmap is on a package index, it installs from its repository at a tag: `argmap init` writes these
lines, README.md and .pre-commit-hooks.yaml repeat them, and tests/test_release.py keeps them equal and runs
them against a local clone (so they work before the tag exists upstream).
"""

from __future__ import annotations

from argmap._version import __version__

# The repository's public URL (also [project.urls] in pyproject.toml). OWNER stands for the account it is
# published under: replace it here, and tests/test_release.py names every other line that must follow.
REPOSITORY = "https://github.com/OWNER/argmap"
TAG = f"v{__version__}"  # every release is tagged vMAJOR.MINOR.PATCH on its commit (CHANGELOG.md)


def requirement(repository: str = REPOSITORY) -> str:
    """pip's requirement for this version: `pip install "argmap @ git+URL@vX.Y.Z"`."""
    return f"argmap @ git+{repository}@{TAG}"


def pip_install(repository: str = REPOSITORY) -> str:
    """The install line, as a shell runs it."""
    return f'pip install "{requirement(repository)}"'
