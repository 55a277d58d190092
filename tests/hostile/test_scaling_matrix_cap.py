"""`matrix --format json`, capped by default (issue 22): it grows with the agents, not with their pairs."""

from __future__ import annotations

from argmap.analysis import agreement
from argmap.model.maps import Corpus
from argmap.outputs.analysis import render_json
from tests.hostile.growth import LIMIT, growth
from tests.hostile.test_scaling import Counting, stance_table


def test_capped_json_grows_with_the_agents_not_their_pairs() -> None:
    """One question answered by everyone: the capped document grows linearly (stances), not as the pairs."""

    def make(n: int) -> object:
        table = stance_table(n, shared=True)

        def work() -> None:
            render_json.matrix(table, agreement.agreements(table), agreement.divisiveness(table), Corpus(),
                               Counting(), limit=30)  # type: ignore[arg-type]  # a counting stream
        return work

    assert growth(make, 1_500, repeats=3) < LIMIT  # type: ignore[arg-type]
