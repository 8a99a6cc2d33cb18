"""Scenarios are data files; load each once per process."""

from __future__ import annotations

from functools import lru_cache

from game.scenarios import Scenario, available_scenarios, load_scenario


@lru_cache(maxsize=16)
def get_scenario(scenario_id: str) -> Scenario:
    return load_scenario(scenario_id)


def scenario_choices() -> list[tuple[str, str, str]]:
    """(id, zh name, en name) of every shipped scenario."""
    return [(s, get_scenario(s).name_zh, get_scenario(s).name_en) for s in available_scenarios()]
