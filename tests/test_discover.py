"""discover names each map as display_path would (relative to the working directory when under it), though it
works that out once a directory rather than once a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap.model.corpus import Files, _walk, discover, display_path

SPELLINGS = ["maps", "./maps", "maps/", "maps//deep/..", "{abs}/maps", "{abs}/maps/", ".", "..", "../{name}/maps",
             "maps/sub", "{abs}/maps/sub/b.yml", "maps/a.yaml", "{abs}/elsewhere", "maps/linked"]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "work"
    for relative in ("maps/a.yaml", "maps/sub/b.yml", "maps/sub/inner/c.yaml", "maps/.hidden.yaml",
                     "maps/agents.yaml", "maps/deep/x.yaml", "elsewhere/d.yaml", "elsewhere/more/e.yaml"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("argmap: 1\n")
    (root / "maps" / "linked").symlink_to(root / "elsewhere")
    return root


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize("where", [".", "maps", "maps/sub", "..", "elsewhere"])
def test_the_maps_are_named_as_display_path_names_them(tree: Path, spelling: str, where: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree / where)
    path = os.path.relpath(tree, tree / where) + "/" + spelling.format(abs=tree, name=tree.name) \
        if not spelling.startswith("{abs}") else spelling.format(abs=tree, name=tree.name)
    expected = Files()
    if os.path.isdir(path):
        _walk(path, expected, set(), set())  # every file as walked, then named one by one
    else:
        expected.maps.append(path)
    assert discover([path]).maps == [display_path(p) for p in expected.maps]
