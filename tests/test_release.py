"""Releases as the docs promise them: one version, tags the docs name, a changelog, and install lines that
work. The README's pre-commit block and the files `argmap init` writes are run for real (pre-commit, pip in a
fresh virtual environment) against a local repository made from this checkout and tagged as the release, so
they pass before the tag exists upstream (the slow tests; CI runs them)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import argmap
from argmap.authoring import scaffold
from argmap.core import release

ROOT = Path(__file__).resolve().parent.parent

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def readme_block(heading: str, language: str) -> str:
    """The first fenced block of `language` after `heading` in README.md."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"{re.escape(heading)}\n.*?```{language}\n(.*?)```", text, re.S)
    assert found, f"README.md has no {language} block under {heading!r}"
    return found.group(1)


# -- one version, named alike everywhere -------------------------------------------------------------


def test_the_version_is_semantic_and_set_once() -> None:
    assert re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)", argmap.__version__)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "argmap._version.__version__"}
    assert project["project"]["urls"]["Repository"] == release.REPOSITORY
    assert release.TAG == f"v{argmap.__version__}"


def test_the_changelog_starts_with_this_version() -> None:
    headings = re.findall(r"^## (\S+)", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)
    assert headings[0] == argmap.__version__, "add a section for this version at the top of CHANGELOG.md"
    assert len(headings) == len(set(headings))


def test_the_readme_names_the_lines_argmap_init_writes() -> None:
    # README's pre-commit block is exactly the configuration init writes (less its comments).
    assert yaml.safe_load(readme_block("### In pre-commit", "yaml")) == yaml.safe_load(scaffold.pre_commit())
    steps = yaml.safe_load(readme_block("### In GitHub Actions", "yaml"))["jobs"]["argmap"]["steps"]
    assert {"run": release.pip_install()} in steps
    assert {"run": release.pip_install()} in yaml.safe_load(scaffold.workflow())["jobs"]["argmap"]["steps"]
    hooks_file = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert f"repo: {release.REPOSITORY}" in hooks_file and f"rev: {release.TAG}" in hooks_file
    # No line names another version's tag.
    for path in ("README.md", "docs/editors.md", ".pre-commit-hooks.yaml"):
        tags = set(re.findall(r"\bv\d+\.\d+\.\d+\b", (ROOT / path).read_text(encoding="utf-8")))
        assert tags <= {release.TAG}, f"{path} names {tags - {release.TAG}}"


def test_the_hook_installs_argmap_itself_and_shows_its_summary() -> None:
    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "argmap-check")
    assert hook["language"] == "python"  # pre-commit installs this repository: argmap need not be on PATH
    assert hook["verbose"] is True  # "Quotes not checked" is shown on a passing run too
    assert hook["pass_filenames"] is False and hook["args"] == ["maps"]


# -- argmap init's settings and message about quotes ---------------------------------------------------


def run_argmap(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_init_without_sources_says_quotes_will_not_be_checked(tmp_path: Path) -> None:
    done = run_argmap("init", "corpus", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Quotes are not checked until `sources`" in done.stdout
    settings = (tmp_path / "corpus" / "argmap.toml").read_text(encoding="utf-8")
    assert "# sources = " in settings and "Quotes not checked" in settings
    checked = run_argmap("check", "maps", cwd=tmp_path / "corpus")
    assert checked.returncode == 0 and "Quotes not checked: 2 quotes" in checked.stdout


def test_init_sources_sets_the_article_texts(tmp_path: Path) -> None:
    texts = tmp_path / "texts with space"
    texts.mkdir()
    (texts / "ann-2024-bridge.txt").write_text("The ferry is full every morning. We simply cannot afford it.\n")
    done = run_argmap("init", "corpus", "--sources", "texts with space", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Quotes are not checked" not in done.stdout
    settings = tomllib.loads((tmp_path / "corpus" / "argmap.toml").read_text(encoding="utf-8"))
    assert settings["sources"] == ["../texts with space"]
    checked = run_argmap("check", "maps", cwd=tmp_path / "corpus")
    assert checked.returncode == 0, checked.stdout
    assert "2 of 2 quotes verified in 1 article." in checked.stdout
    refused = run_argmap("init", "other", "--sources", "nowhere", cwd=tmp_path)
    assert refused.returncode == 2 and "nowhere" in refused.stderr and not (tmp_path / "other").exists()


def test_init_sources_goes_into_an_existing_pyproject(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert run_argmap("init", ".", "--sources", "texts", cwd=tmp_path).returncode == 0
    assert tomllib.loads((tmp_path / "pyproject.toml").read_text())["tool"]["argmap"]["sources"] == ["texts"]


# -- the install lines, run for real --------------------------------------------------------------------


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed")
    return found


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without this checkout on the import path: what is run must use what it installed."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ARGMAP_DEBUG", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(extra)
    return env


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.name=argmap tests", "-c", "user.email=tests@argmap.invalid",
                    "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def local_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository of this checkout's files (as they would be committed), tagged as this release: what
    the repository will hold once the release is tagged."""
    tool("git")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, timeout=120)
    if listed.returncode != 0:
        pytest.skip("this checkout is not a git repository")
    repo = tmp_path_factory.mktemp("release") / "argmap"
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():  # a file deleted but not yet committed is listed too
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "release", cwd=repo)
    git("tag", release.TAG, cwd=repo)
    return repo


def new_corpus(where: Path) -> Path:
    """`argmap init` in a new git repository, all of it staged (pre-commit looks at what git tracks)."""
    where.mkdir()
    assert run_argmap("init", str(where), cwd=ROOT).returncode == 0
    git("init", "-q", cwd=where)
    git("add", "-A", cwd=where)
    return where


@pytest.mark.slow
def test_the_pre_commit_blocks_pass_and_fail_as_the_check_does(local_release: Path, tmp_path: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (the test extra has it)")
    corpus = new_corpus(tmp_path / "corpus")
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never")

    def pre_commit() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=corpus, env=env,
                              capture_output=True, text=True, timeout=900)

    # The file argmap init wrote, pointed at the local repository.
    config = corpus / ".pre-commit-config.yaml"
    config.write_text(config.read_text().replace(release.REPOSITORY, str(local_release)))
    passed = pre_commit()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "argmap check" in passed.stdout and "Passed" in passed.stdout
    assert "Quotes not checked: 2 quotes" in passed.stdout  # verbose: the summary shows on a pass

    # The README's block, on a map with an unknown stance label: the commit is refused.
    config.write_text(readme_block("### In pre-commit", "yaml").replace(release.REPOSITORY, str(local_release)))
    example = corpus / "maps" / "ann-2024-bridge.yaml"
    example.write_text(example.read_text().replace("stance: agree ", "stance: agre "))
    git("add", "-A", cwd=corpus)
    failed = pre_commit()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and "S004" in failed.stdout and "did you mean" in failed.stdout


@pytest.mark.slow
def test_the_workflows_install_line_installs_this_release(local_release: Path, tmp_path: Path) -> None:
    tool("git")
    corpus = new_corpus(tmp_path / "corpus")
    steps = yaml.safe_load((corpus / ".github" / "workflows" / "argmap.yml").read_text())["jobs"]["argmap"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[0] == release.pip_install()  # the README's line too (test_the_readme_names_...)
    venv = tmp_path / "venv"
    # A fresh environment with a current pip, as setup-python gives the workflow: virtualenv (which
    # pre-commit brings) seeds it from its cache in under a second, where `python -m venv` takes about 6 s.
    subprocess.run([sys.executable, "-m", "virtualenv", "-q", str(venv)], check=True, timeout=300)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    env = clean_env(PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", VIRTUAL_ENV=str(venv))
    # file://localhost/...: older pips (the 23.x that venv brings) refuse a direct reference to file:///...
    install = runs[0].replace(release.REPOSITORY, f"file://localhost{local_release.as_posix()}")
    done = subprocess.run(install, shell=True, cwd=corpus, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    version = subprocess.run([str(bin_dir / "argmap"), "--version"], env=env, capture_output=True, text=True, timeout=120)
    assert version.stdout.strip() == f"argmap {argmap.__version__}"
    # The workflow's next step, with the argmap that was installed.
    checked = subprocess.run(runs[1], shell=True, cwd=corpus, env=env, capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    where = subprocess.run([str(bin_dir / "python"), "-c", "import argmap; print(argmap.__file__)"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, timeout=120)
    assert str(venv) in where.stdout  # not this checkout
