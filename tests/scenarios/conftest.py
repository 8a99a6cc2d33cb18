"""Shared helpers: a small valid 3-city scenario to break one way per test, and a loader
call that insists on a ScenarioError (any other exception is a traceback and fails)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.scenarios import ScenarioError, load_scenario

# Budgets of 50 each; both joint projects need 70 (≥ 1.2 × 50, so no host can build one alone)
# and each member's fair share of the round is 2 × 70 / 3 ≈ 46.7 ≤ 50.
MINI: dict[str, Any] = {
    "id": "mini",
    "name": {"zh": "迷你省", "en": "Mini province"},
    "gdp_year": 2022,
    "local_return": 0.5,
    "default_schedule": "growth_tournament:1,collaborative_contest:1",
    "cities": [
        {
            "id": "taiyuan",
            "name": {"zh": "太原", "en": "Taiyuan"},
            "regions": ["central_cluster"],
            "neighbours": ["xinzhou", "yangquan"],
            "gdp": 500,
            "base_budget": 50,
        },
        {
            "id": "xinzhou",
            "name": {"zh": "忻州", "en": "Xinzhou"},
            "regions": ["central_cluster", "taixin_zone"],
            "neighbours": ["taiyuan", "yangquan"],
            "gdp": 140,
            "base_budget": 50,
        },
        {
            "id": "yangquan",
            "name": {"zh": "阳泉", "en": "Yangquan"},
            "regions": ["central_cluster"],
            "neighbours": ["taiyuan", "xinzhou"],
            "gdp": 95,
            "base_budget": 50,
        },
    ],
    "rounds": [
        {
            "industrial": [
                {
                    "id": "r1-nev",
                    "name": {"zh": "新能源汽车", "en": "New-energy vehicles"},
                    "sector": "nev",
                    "value": 40,
                    "fiscal_yield": 10,
                    "reserve": 10,
                }
            ],
            "joint": [
                {
                    "id": "rail-1",
                    "name": {"zh": "城际铁路", "en": "Intercity rail"},
                    "type": "infrastructure",
                    "members": ["taiyuan", "xinzhou", "yangquan"],
                    "host": "taiyuan",
                    "threshold": 70,
                    "spillover": 5,
                    "output": 20,
                    "fiscal_yield": 5,
                },
                {
                    "id": "river-1",
                    "name": {"zh": "流域生态补偿", "en": "River basin compensation"},
                    "type": "ecology",
                    "members": ["taiyuan", "xinzhou", "yangquan"],
                    "host": "yangquan",
                    "threshold": 70,
                    "spillover": 3,
                    "points": 6,
                },
            ],
        },
        {
            "industrial": [
                {
                    "id": "r2-data",
                    "name": {"zh": "数据中心", "en": "Data centres"},
                    "sector": "data",
                    "value": 30,
                    "reserve": 5,
                }
            ],
            "joint": [
                {
                    "id": "park-2",
                    "name": {"zh": "飞地园区", "en": "Enclave park"},
                    "type": "industry",
                    "members": ["xinzhou", "yangquan"],
                    "host": "xinzhou",
                    "threshold": 70,
                    "output": 30,
                }
            ],
        },
    ],
}


@pytest.fixture
def mini() -> dict[str, Any]:
    """A fresh, valid copy of the mini scenario to break."""
    return copy.deepcopy(MINI)


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[..., Path]:
    def write(data: Any, name: str = "mini.yaml") -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def problems_of() -> Callable[[Any], list[str]]:
    """The problems a refused file reports; fails if the file loads or raises anything else."""

    def problems(name_or_path: Any) -> list[str]:
        with pytest.raises(ScenarioError) as info:
            load_scenario(name_or_path)
        assert info.value.problems, "a refusal must say what is wrong"
        assert str(info.value) == "\n".join(info.value.problems)
        return info.value.problems

    return problems
