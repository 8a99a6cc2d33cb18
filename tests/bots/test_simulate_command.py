"""`manage.py simulate`: tables, JSON, and one-line errors with exit status 2."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def simulate(*args):
    return subprocess.run(
        [sys.executable, "manage.py", "simulate", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_simulate_prints_a_round_table_and_final_standings():
    run = simulate(
        "--scenario",
        "central-cluster",
        "--rules",
        "growth_tournament",
        "--rounds",
        "3",
        "--strategy",
        "best_response",
        "--seed",
        "1",
    )
    assert run.returncode == 0, run.stderr
    assert "joint done" in run.stdout and "Final standings" in run.stdout
    assert run.stdout.count("growth_tournament") == 3
    for city in ("Taiyuan", "Jinzhong", "Xinzhou", "Yangquan", "Lüliang"):
        assert city in run.stdout


def test_simulate_json_has_per_round_figures_and_standings_and_is_deterministic():
    args = (
        "--scenario",
        "shanxi",
        "--rules",
        "growth_tournament:1,collaborative_contest:2",
        "--rounds",
        "3",
        "--strategy",
        "best_response:8,fair_share:3",
        "--seed",
        "4",
        "--json",
    )
    first, second = simulate(*args), simulate(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert [r["rules"] for r in data["rounds"]] == [
        "growth_tournament",
        "collaborative_contest",
        "collaborative_contest",
    ]
    for r in data["rounds"]:
        assert {"completion_rate", "welfare", "bid_spending", "cities", "leader"} <= set(r)
        assert len(r["cities"]) == 11
    assert len(data["standings"]) == 11
    assert list(data["strategies"].values()).count("fair_share") == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--scenario", "atlantis"), "unknown scenario 'atlantis'"),
        (("--rules", "anarchy"), "unknown rules 'anarchy'"),
        (("--rules", "growth_tournament:x"), "whole number"),
        (("--strategy", "lazy"), "unknown strategy 'lazy'"),
        (("--strategy", "best_response:2,fair_share:2"), "fills 4 seats but the scenario has 11"),
        (("--rounds", "eight"), "--rounds must be a whole number"),
        (("--rounds", "0"), "--rounds must be a whole number from 1 to 10"),
        (("--rounds", "99"), "from 1 to 10"),
        (("--seed", "-3"), "--seed must be a whole number"),
        (("--scenario", "missing.yaml"), "missing.yaml: cannot read the file"),
    ],
)
def test_bad_arguments_give_a_one_line_error_and_exit_status_2(args, message):
    run = simulate(*args)
    assert run.returncode == 2
    assert message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr
