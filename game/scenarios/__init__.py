"""Scenario and rule-preset data files, loaded and validated into the engine's types."""

from game.scenarios.loader import (
    Preset,
    Scenario,
    ScenarioError,
    available_scenarios,
    load_presets,
    load_scenario,
    parse_schedule,
)

__all__ = [
    "Preset",
    "Scenario",
    "ScenarioError",
    "available_scenarios",
    "load_presets",
    "load_scenario",
    "parse_schedule",
]
