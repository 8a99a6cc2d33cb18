"""The statistics of the comparison of treatments (issue #13, docs/treatments.md): the mean of
one measure across a treatment's provinces, a percentile bootstrap interval of that mean, and
the difference between two treatments with its interval.

Pure: no Django, no clock, no global random. Each call seeds its own random.Random from a
string (hashed with SHA-512 by `random`, so the same on every process whatever
PYTHONHASHSEED), hence the same inputs give the same interval on every server, in the
export and in the tests."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

# Below this many provinces a treatment's bootstrap interval says more about the resampling
# than about the class: two provinces give at most three distinct resampled means.
MIN_PROVINCES = 3
LEVEL = 0.90
RESAMPLES = 2000


@dataclass(frozen=True, slots=True)
class Interval:
    """A mean with its interval; `low`/`high` None when there were too few provinces."""

    mean: float | None
    low: float | None = None
    high: float | None = None

    @property
    def too_few(self) -> bool:
        return self.low is None


@dataclass(frozen=True, slots=True)
class Estimate(Interval):
    """The mean of one treatment's `n` provinces; an interval from MIN_PROVINCES on."""

    n: int = field(kw_only=True)


@dataclass(frozen=True, slots=True)
class Difference(Interval):
    """mean(first) − mean(second); the interval only when both have MIN_PROVINCES or more."""

    first: str = field(kw_only=True)
    second: str = field(kw_only=True)


@dataclass(frozen=True, slots=True)
class Comparison:
    groups: tuple[tuple[str, Estimate], ...]  # in the order given
    difference: Difference | None  # exactly two groups only

    def group(self, label: str) -> Estimate:
        return dict(self.groups)[label]


def compare_groups(groups: Sequence[tuple[str, Sequence[float]]], *, seed: str, resamples: int = RESAMPLES,
                   level: float = LEVEL, min_n: int = MIN_PROVINCES) -> Comparison:
    """`groups`: (label, one value per province) in display order. Each group is resampled
    with its own generator seeded from `seed` and its label; the difference pairs the two
    groups' resampled means replicate by replicate (independent draws, so the pairs are a
    bootstrap of the difference of two independent means)."""
    if resamples < 1 or not 0 < level < 1 or min_n < 2:
        raise ValueError("resamples ≥ 1, 0 < level < 1 and min_n ≥ 2")
    frozen = tuple((label, tuple(float(v) for v in values)) for label, values in groups)
    if len({label for label, _ in frozen}) != len(frozen):
        raise ValueError("labels must be distinct")
    return _compare(frozen, seed, resamples, level, min_n)


# The same scored rounds are compared again after every change in the session (every view
# of the panel and projector carries the comparison): only a new scoring brings new inputs.
# Memoising a pure function of its inputs is safe in every process; it keeps no game state.
@lru_cache(maxsize=256)
def _compare(groups: tuple[tuple[str, tuple[float, ...]], ...], seed: str, resamples: int, level: float,
             min_n: int) -> Comparison:
    tail = (1 - level) / 2
    estimates: list[tuple[str, Estimate]] = []
    replicates: dict[str, list[float]] = {}
    for label, values in groups:
        n = len(values)
        if n == 0:
            estimates.append((label, Estimate(None, n=0)))
            continue
        mean = math.fsum(values) / n
        if n < min_n:
            estimates.append((label, Estimate(mean, n=n)))
            continue
        rng = random.Random(f"{seed}|{label}")
        means = [math.fsum(rng.choices(values, k=n)) / n for _ in range(resamples)]
        replicates[label] = means
        estimates.append((label, Estimate(mean, *_percentiles(means, tail), n=n)))
    difference = None
    if len(groups) == 2:
        (a, first), (b, second) = estimates
        mean = first.mean - second.mean if first.mean is not None and second.mean is not None else None
        if a in replicates and b in replicates:
            diffs = [x - y for x, y in zip(replicates[a], replicates[b], strict=True)]
            difference = Difference(mean, *_percentiles(diffs, tail), first=a, second=b)
        else:
            difference = Difference(mean, first=a, second=b)
    return Comparison(tuple(estimates), difference)


def _percentiles(values: list[float], tail: float) -> tuple[float, float]:
    ordered = sorted(values)
    return _quantile(ordered, tail), _quantile(ordered, 1 - tail)


def _quantile(ordered: list[float], q: float) -> float:
    """Linear interpolation between order statistics (numpy's default, "type 7")."""
    position = q * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (position - below) * (ordered[above] - ordered[below])
