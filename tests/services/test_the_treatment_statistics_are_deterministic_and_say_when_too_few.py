"""The statistics of the comparison of treatments (game/services/treatment_stats.py): means
across provinces, a percentile bootstrap interval once a treatment has 3 provinces, the
difference of two treatments, the same numbers on every run and process."""

import math
import random
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from game.services.treatment_stats import MIN_PROVINCES, Estimate, compare_groups

COLLAB = [0.75, 1.0, 0.75, 0.5, 1.0, 0.75]
GROWTH = [0.0, 0.25, 0.0, 0.0, 0.25]
ROOT = Path(__file__).resolve().parents[2]


def test_each_treatment_gets_the_mean_of_its_provinces_and_an_interval_around_it():
    result = compare_groups([("B", COLLAB), ("A", GROWTH)], seed="s")
    b, a = result.group("B"), result.group("A")
    assert (b.n, a.n) == (6, 5)
    assert b.mean == pytest.approx(statistics.fmean(COLLAB)) and a.mean == pytest.approx(0.1)
    for estimate, values in ((b, COLLAB), (a, GROWTH)):
        assert min(values) <= estimate.low < estimate.mean < estimate.high <= max(values)
    assert [label for label, _e in result.groups] == ["B", "A"]  # the order given


def test_the_difference_is_first_minus_second_and_its_interval_excludes_zero_for_separate_worlds():
    d = compare_groups([("B", COLLAB), ("A", GROWTH)], seed="s").difference
    assert (d.first, d.second) == ("B", "A")
    assert d.mean == pytest.approx(statistics.fmean(COLLAB) - 0.1)
    assert 0 < d.low < d.mean < d.high


def test_the_interval_of_a_difference_between_like_treatments_includes_zero():
    d = compare_groups([("A", [1, 2, 3, 4, 5]), ("B", [2, 3, 4, 5, 1])], seed="s").difference
    assert d.mean == 0
    assert d.low < 0 < d.high


def test_the_bootstrap_interval_has_the_width_of_the_mean_s_sampling_spread():
    """With many provinces the percentile interval of a mean is close to mean ± 1.645 σ/√n (σ the
    provinces' own spread): the resampling measures the spread, not a constant."""
    rng = random.Random(7)
    values = [rng.gauss(50, 10) for _ in range(60)]
    e = compare_groups([("A", values)], seed="x", resamples=4000).group("A")
    half = 1.645 * statistics.pstdev(values) / math.sqrt(len(values))
    assert (e.high - e.low) / 2 == pytest.approx(half, rel=0.12)
    assert (e.low + e.high) / 2 == pytest.approx(e.mean, abs=0.25 * half)


def test_provinces_that_agree_have_no_spread():
    e = compare_groups([("A", [0.75] * 4)], seed="s").group("A")
    assert e.low == pytest.approx(0.75) and e.high == pytest.approx(0.75)


def test_the_same_inputs_give_the_same_interval_and_another_seed_another():
    groups = [("A", COLLAB), ("B", GROWTH)]
    first = compare_groups(groups, seed="session-1|round-2")
    again = compare_groups([("A", list(COLLAB)), ("B", list(GROWTH))], seed="session-1|round-2", resamples=2000)
    assert first == again
    spread = [("A", [0.13, 0.57, 0.91, 0.42, 0.77, 0.08, 0.66])]
    one, other = compare_groups(spread, seed="session-1|round-2"), compare_groups(spread, seed="session-1|round-3")
    assert (other.group("A").low, other.group("A").high) != (one.group("A").low, one.group("A").high)


def test_the_global_random_generator_is_neither_used_nor_advanced():
    random.seed(1)
    state = random.getstate()
    one = compare_groups([("A", COLLAB)], seed="g", resamples=300)
    assert random.getstate() == state
    random.seed(2)
    assert compare_groups([("A", COLLAB)], seed="g", resamples=300) == one


def test_another_process_with_another_hash_seed_draws_the_same_interval():
    code = ("from game.services.treatment_stats import compare_groups as c;"
            f"e=c([('A',{COLLAB!r})],seed='p',resamples=500).group('A');print(repr((e.low,e.high)))")
    here = compare_groups([("A", COLLAB)], seed="p", resamples=500).group("A")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "12345"}, cwd=ROOT).stdout.strip()
    assert out == repr((here.low, here.high))


def test_fewer_than_three_provinces_give_a_mean_but_no_interval():
    assert MIN_PROVINCES == 3
    result = compare_groups([("A", COLLAB), ("B", [0.0, 0.25])], seed="s")
    b = result.group("B")
    assert (b.n, b.mean, b.low, b.high, b.too_few) == (2, 0.125, None, None, True)
    assert not result.group("A").too_few
    d = result.difference
    assert d.mean == pytest.approx(statistics.fmean(COLLAB) - 0.125)
    assert (d.low, d.high, d.too_few) == (None, None, True)


def test_a_treatment_without_provinces_has_no_mean():
    result = compare_groups([("A", []), ("B", GROWTH)], seed="s")
    assert result.group("A") == Estimate(None, n=0)
    assert result.difference.mean is None


def test_three_treatments_have_no_single_difference():
    assert compare_groups([("A", COLLAB), ("B", GROWTH), ("C", COLLAB)], seed="s").difference is None


@pytest.mark.parametrize("kwargs", [{"resamples": 0}, {"level": 1.0}, {"level": 0}, {"min_n": 1}])
def test_bad_parameters_are_refused(kwargs):
    with pytest.raises(ValueError):
        compare_groups([("A", COLLAB)], seed="s", **kwargs)


def test_two_treatments_with_one_label_are_refused():
    with pytest.raises(ValueError, match="distinct"):
        compare_groups([("A", COLLAB), ("A", GROWTH)], seed="s")
