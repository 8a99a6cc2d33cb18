from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from game.bots import STRATEGIES
from game.services.scenarios import scenario_choices


def _scenario_options() -> list[tuple[str, str]]:
    return [(sid, f"{zh} / {en}") for sid, zh, en in scenario_choices()]


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120, required=False)
    scenario_id = forms.ChoiceField(label=_("Scenario"), choices=_scenario_options)
    total_rounds = forms.IntegerField(label=_("Rounds"), min_value=1, max_value=10, initial=9)
    round_seconds = forms.IntegerField(label=_("Round length (seconds)"), min_value=30, max_value=3600, initial=180)
    schedule = forms.CharField(
        label=_("Rule schedule"), initial="growth_tournament:3,implicit_coordination:3,collaborative_contest:3",
        help_text=_("Preset per round, e.g. growth_tournament:3,collaborative_contest:3"), max_length=400)
    treatments = forms.CharField(
        label=_("Treatments (optional)"), required=False, max_length=400,
        help_text=_("To compare rules between provinces in the same rounds: one schedule per treatment, e.g. "
                    "A=growth_tournament:6;B=collaborative_contest:6. Provinces alternate between them as they "
                    "fill; the rule schedule above is then not used."))
    students_per_seat = forms.IntegerField(label=_("Students per seat"), min_value=1, max_value=3, initial=1)
    fill_with_bots = forms.BooleanField(label=_("Fill empty seats with bots"), required=False, initial=True)
    bot_strategy = forms.ChoiceField(label=_("Bot strategy"), choices=[(s, s) for s in STRATEGIES],
                                     initial="best_response")
    auto_close = forms.BooleanField(label=_("Close a round as soon as every seat has saved"), required=False,
                                    initial=True)
    max_provinces = forms.IntegerField(label=_("At most this many provinces"), min_value=1, max_value=100, initial=12)
    absent_rounds = forms.IntegerField(
        label=_("A bot plays a seat whose students are gone for (rounds)"), min_value=0, max_value=10, initial=1,
        help_text=_("0: never. The first student to come back takes the seat back."))
