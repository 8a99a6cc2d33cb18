"""DESIGN §1/§5: the growth tournament ranks on GDP alone with host accounting; the
collaborative contest gives collaboration the largest weight, books by contribution, audits
reports and rewards collaboration; the middle preset turns reporting on without audits."""

from dataclasses import astuple

from game.scenarios import load_presets


def rules(preset_id):
    return load_presets()[preset_id].rules


def test_growth_tournament_weighs_only_gdp_growth():
    w = rules("growth_tournament").weights
    assert w.gdp_growth > 0
    assert (w.net_fiscal, w.collaboration, w.ecology, w.public_service) == (0, 0, 0, 0)


def test_growth_tournament_books_joint_output_and_taxes_to_the_host():
    r = rules("growth_tournament")
    assert r.gdp_accounting == "host"
    assert r.tax_sharing == "host"
    assert r.collaboration_reward == 0
    assert r.refund_failed is False


def test_collaborative_contest_gives_collaboration_the_largest_weight():
    w = rules("collaborative_contest").weights
    others = (w.gdp_growth, w.net_fiscal, w.ecology, w.public_service)
    assert all(w.collaboration > x for x in others), astuple(w)


def test_collaborative_contest_books_by_contribution_audits_and_rewards():
    r = rules("collaborative_contest")
    assert r.gdp_accounting == "contribution"
    assert r.tax_sharing == "contribution"
    assert r.reporting is True
    assert r.audit_probability > 0
    assert r.audit_penalty > 0
    assert r.collaboration_reward > 0
    assert r.collaboration_bar > 0


def test_implicit_coordination_reports_collaboration_but_never_audits():
    r = rules("implicit_coordination")
    assert r.reporting is True
    assert r.audit_probability == 0
    assert 0 < r.weights.collaboration < r.weights.gdp_growth


def test_collaboration_weight_rises_from_preset_to_preset():
    weights = [
        rules(p).weights.collaboration
        for p in ("growth_tournament", "implicit_coordination", "collaborative_contest")
    ]
    assert weights == sorted(weights) and weights[0] < weights[-1]
