"""Seeded draws. Each draw has its own stream named by what it decides, so adding a
project or an audit never shifts another draw (and no global random is touched)."""

from __future__ import annotations

import random


def stream(seed: int, round_no: int, purpose: str, key: str) -> random.Random:
    # A string seed is hashed with SHA-512 by random.Random: stable across processes.
    return random.Random(f"{seed}/{round_no}/{purpose}/{key}")


def tie_break(seed: int, round_no: int, project_id: str, tied: list[str]) -> str:
    return stream(seed, round_no, "tie", project_id).choice(sorted(tied))


def audited(seed: int, round_no: int, city_id: str, probability: float) -> bool:
    if probability <= 0:
        return False
    if probability >= 1:
        return True
    return stream(seed, round_no, "audit", city_id).random() < probability
