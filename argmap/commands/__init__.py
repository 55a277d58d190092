"""Command groups beyond `check`: each module registers its typer commands on `argmap.cli.app`.

Modules here import only typer and the standard library at import time; the work of a command is
imported inside the command, so start-up stays small.
"""

# Set by argmap.entry when the command to run is defined in argmap.cli: then nothing here is imported.
CORE_ONLY = False
