"""Min–max normalisation, the weighted composite, and ranks with shared prizes."""

from __future__ import annotations

from collections.abc import Sequence

TIE_EPSILON = 1e-9


def normalise(values: Sequence[float]) -> list[float]:
    lo, hi = min(values), max(values)
    if hi - lo <= TIE_EPSILON:
        return [0.5] * len(values)
    span = hi - lo
    return [(v - lo) / span for v in values]


def rank_and_prizes(composites: Sequence[float], prizes: Sequence[float]) -> tuple[list[int], list[float]]:
    """1-based ranks (a tied group shares its best rank) and rank prizes, where a tied
    group shares equally the prizes of the places it occupies."""
    n = len(composites)
    order = sorted(range(n), key=lambda i: -composites[i])
    ranks = [0] * n
    points = [0.0] * n
    place = 0
    while place < n:
        end = place + 1
        while end < n and composites[order[place]] - composites[order[end]] <= TIE_EPSILON:
            end += 1
        pot = sum(prizes[p] for p in range(place, min(end, len(prizes))))
        share = pot / (end - place)
        for p in range(place, end):
            ranks[order[p]] = place + 1
            points[order[p]] = share
        place = end
    return ranks, points
