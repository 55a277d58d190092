"""What this process has read as input, which output (argmap.files.output) never writes over: here, apart from
the writer, so that reading a corpus (every command, `check` on every save) does not import it."""

from __future__ import annotations

# Every file this process has read as input (maps, registries, the configuration file): output is never
# written over one of them, whichever command writes and whether or not it passes `protect`. They are
# resolved only when something is written: `argmap check` on 10,000 maps writes nothing, and should not
# pay (in time or memory) for 10,000 resolved paths.
_INPUTS: list[str] = []
# Directories whose existing files are all inputs, registered by the main process: the article texts are
# read where the quotes are checked, in worker processes for a large corpus, whose `_INPUTS` never come
# back here.
_TREES: list[str] = []
# The configuration files read (the one in force above all): named as such when refused.
_CONFIGS: list[str] = []


def remember_inputs(paths: list[str]) -> None:
    """Files read by this process: never written over."""
    _INPUTS.extend(paths)


def remember_config(path: str) -> None:
    """A configuration file read by this process: never written over."""
    _CONFIGS.append(path)
