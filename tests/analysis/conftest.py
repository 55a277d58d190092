"""A small corpus written for these tests (tests/analysis/corpus), and a way to run the CLI on it.

The corpus, by hand (latest stance of each agent; alice changes q-alpha from +2 in 2020-01 to +1 in 2021):

    agent                      q-alpha  q-beta  q-gamma
    alice-archer                  +1      -1      +2
    author@unknown-2021-anon       ·      +1       ·
    bob-baker                     -1      -1       0
    carol-cole (reported)         -2       ·       ·
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap.model.corpus import load_corpus
from argmap.model.maps import Corpus
from tests.clirun import Result, run_cli

CORPUS = Path(__file__).parent / "corpus"
REPO = Path(__file__).resolve().parents[2]


class Run:
    def __call__(self, *args: str, code: int = 0) -> Result:
        result = run_cli(*args, cwd=os.getcwd(), debug=True)
        assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
        return result


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    loaded, _, _ = load_corpus([str(CORPUS)])
    return loaded


@pytest.fixture
def corpus_path() -> str:
    return os.fspath(CORPUS)
