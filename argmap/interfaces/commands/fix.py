"""`argmap fix`: the corrections that need no judgement, made in place (argmap/checks/fix.py says which)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from argmap.interfaces.commands.base import (
    ConfigOpt,
    IsolatedOpt,
    PathsArg,
    SourcesOpt,
    app,
    corpus_errors,
    corpus_paths,
    settings,
    usage_error,
)


@app.command()
def fix(
    paths: PathsArg = None,
    sources: SourcesOpt = None,
    diff: Annotated[bool, typer.Option("--diff", help=(
        "Print a unified diff of the fixes and write nothing. Exits 1 when there is a diff, as diff(1) and "
        "`ruff format --diff` do, so a CI step fails while fixes are pending."))] = False,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Fix what needs no judgement, in place: quotes one typo or punctuation away from their article (with
    --sources), misspelt keys and stance labels with a single close match. Every other byte stays.

    Exit status (as `ruff check --fix`): 0 when no error remains after fixing (or nothing needed fixing),
    1 when errors remain (or warnings with --strict); with --diff, diff's convention (as `ruff format
    --diff`): 1 when it shows a diff (there is something to fix), 0 when there is none.
    2 usage error.
    """
    import difflib

    from argmap.checks import engine
    from argmap.checks import fix as fixing
    from argmap.core.safetext import clean
    from argmap.files.output import OutputError
    from argmap.model.corpus import discover, load_registries

    run = settings(config, isolated, sources=tuple(sources) if sources else None)
    targets = corpus_paths(paths)
    with corpus_errors():
        files = discover(targets)
    if not files.maps:
        usage_error(f"no map files found in {', '.join(targets)} (maps are .yaml or .yml files)")
    registries, _ = load_registries(files, run.limits)
    hook = engine.MapChecks(registries, run, keep_model=False)
    store = None
    if run.sources:
        from argmap.checks.quotes import Sources

        store = Sources(run.sources)
    fixed = files_changed = unwritten = 0
    for path in files.maps:
        outcome = fixing.fix_file(path, path, run.limits, hook, store, run.max_ellipsis_gap)
        for left in outcome.skipped:
            sys.stderr.write(clean(f"{path}:{left.line}: not fixed: {left.what}: {left.why}") + "\n")
        if outcome.fixed is None:
            continue
        if diff:
            files_changed += 1
            fixed += len(outcome.changes)
            sys.stdout.writelines(clean(line.rstrip("\n")) + "\n" for line in difflib.unified_diff(
                outcome.text.splitlines(keepends=True), outcome.fixed.splitlines(keepends=True),
                f"a/{path}", f"b/{path}"))
            continue
        try:
            fixing.write_in_place(path, outcome.fixed, outcome.text)
        except (OutputError, OSError) as error:
            sys.stderr.write(clean(f"{path}: not written: {error}") + "\n")
            unwritten += 1
            continue
        files_changed += 1  # counted once written: a fix refused here was not made
        fixed += len(outcome.changes)
        for change in outcome.changes:
            sys.stdout.write(clean(f"{path}:{change.line}: {change.old!r} -> {change.new!r} ({change.rule})") + "\n")
    if diff:
        sys.stderr.write(f"{fixed} fix{'es' if fixed != 1 else ''} in {files_changed} file"
                         f"{'s' if files_changed != 1 else ''} (not written: --diff)\n")
        raise typer.Exit(1 if fixed else 0)
    result = engine.run(targets, run, cache=True)
    remaining = len(result.findings)
    refused = f"; {unwritten} file{'s' if unwritten != 1 else ''} not written (above)" if unwritten else ""
    sys.stderr.write(f"Fixed {fixed} in {files_changed} file{'s' if files_changed != 1 else ''}{refused}; "
                     f"{remaining} finding{'s' if remaining != 1 else ''} left (`argmap check` lists them).\n")
    raise typer.Exit(max(result.exit_code, 1 if unwritten else 0))
