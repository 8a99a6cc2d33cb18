"""Property: a clearly higher composite never ranks worse, and tied groups share the prizes of
exactly the places they occupy (DESIGN §5.6)."""

from collections import defaultdict

from hypothesis import given
from hypothesis import strategies as st

from game.engine.ranking import TIE_EPSILON, rank_and_prizes
from tests.engine.strategies import PROPERTY, Round, rounds, score


def _check(composites, ranks, prizes_given, prize_of):
    n = len(composites)
    for i in range(n):
        for j in range(n):
            if composites[i] > composites[j] + TIE_EPSILON:
                assert ranks[i] < ranks[j]
    groups = defaultdict(list)
    for i, rank in enumerate(ranks):
        groups[rank].append(i)
    covered = 0
    for rank, members in sorted(groups.items()):
        assert rank == covered + 1  # groups tile the places 1..n
        covered += len(members)
        group = [composites[i] for i in members]
        assert max(group) - min(group) <= TIE_EPSILON
        pot = sum(prize_of(p) for p in range(rank - 1, rank - 1 + len(members)))
        assert abs(sum(prizes_given[i] for i in members) - pot) < 1e-9
        assert len({prizes_given[i] for i in members}) == 1
    assert covered == n


@PROPERTY
@given(rounds())
def test_ranks_and_prizes_in_a_scored_round(r: Round):
    result = score(r)
    _check(
        [c.composite for c in result.cities],
        [c.rank for c in result.cities],
        [c.points.rank_prize for c in result.cities],
        r.rules.prize,
    )


composite_values = st.sampled_from([0.0, 0.5, 0.5 + 4e-10, 0.5 + 3e-9, 1.0, 1.0 - 1e-10, 2.0])


@PROPERTY
@given(
    st.lists(composite_values, min_size=1, max_size=11),
    st.lists(st.sampled_from([0, 1, 2, 3, 5]), max_size=6),
)
def test_ranks_and_prizes_with_near_ties(composites, prizes):
    prizes = sorted(prizes, reverse=True)
    ranks, points = rank_and_prizes(composites, prizes)
    _check(composites, ranks, points, lambda p: prizes[p] if p < len(prizes) else 0)
