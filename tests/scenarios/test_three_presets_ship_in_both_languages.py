"""DESIGN §1/§5: the three rule presets ship with zh and en names and plain-language summaries,
and every scenario offers them."""

import pytest

from game.engine import Rules
from game.scenarios import load_presets, load_scenario

PRESET_IDS = ("growth_tournament", "implicit_coordination", "collaborative_contest")


def test_the_three_presets_exist():
    assert set(load_presets()) == set(PRESET_IDS)


@pytest.mark.parametrize("preset_id", PRESET_IDS)
def test_each_preset_has_zh_and_en_names_and_summaries(preset_id):
    preset = load_presets()[preset_id]
    assert preset.id == preset_id
    for text in (preset.name_zh, preset.name_en, preset.summary_zh, preset.summary_en):
        assert isinstance(text, str) and text.strip()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in preset.name_zh + preset.summary_zh)
    assert preset.name_en.isascii()
    assert isinstance(preset.rules, Rules)


@pytest.mark.parametrize("scenario", ["shanxi", "central-cluster"])
def test_every_shipped_scenario_offers_the_three_presets(scenario):
    assert set(PRESET_IDS) <= set(load_scenario(scenario).presets)
