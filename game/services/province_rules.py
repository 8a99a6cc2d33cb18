"""The rules each province plays a round under (docs/treatments.md).

Without treatments every province plays `Round.rules`. With treatments a round maps each
label to a RulesVersion (`Round.treatment_rules`) and a province plays its own label's.
Every reader of a province's rules goes through here."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from game.engine import Rules
from game.engine.serialize import rules_from_data
from game.models import Province, Round, RulesVersion


@lru_cache(maxsize=256)
def engine_rules(version_id: int) -> Rules:
    """The engine Rules of a version: a version never changes once written (a change makes
    a new version), so it is read once per process."""
    return rules_from_data(RulesVersion.objects.values_list("rules", flat=True).get(pk=version_id))


def version_id_for(rnd: Round, label: str) -> int:
    """The RulesVersion id a province of treatment `label` plays `rnd` under."""
    return (rnd.treatment_rules or {}).get(label, rnd.rules_id)


def versions_by_label(rnd: Round) -> dict[str, RulesVersion]:
    """Label → version ({"": Round.rules} without treatments), in one query."""
    ids = dict(rnd.treatment_rules or {}) or {"": rnd.rules_id}
    found = {v.id: v for v in RulesVersion.objects.filter(pk__in=set(ids.values()))}
    return {label: found[vid] for label, vid in ids.items()}


def version_for(rnd: Round, label: str) -> RulesVersion:
    vid = version_id_for(rnd, label)
    if vid == rnd.rules_id:
        return rnd.rules
    return RulesVersion.objects.get(pk=vid)


def versions_by_province(rnd: Round, provinces: Iterable[Province]) -> dict[int, RulesVersion]:
    """Province id → the version it plays `rnd` under."""
    if not rnd.treatment_rules:
        return {p.id: rnd.rules for p in provinces}
    by_label = versions_by_label(rnd)
    return {p.id: by_label.get(p.treatment) or rnd.rules for p in provinces}


def province_version(rnd: Round, province: Province) -> RulesVersion:
    return version_for(rnd, province.treatment) if rnd.treatment_rules else rnd.rules


def shown_numbers(rnd: Round, labels: Iterable[str]) -> dict[str, int]:
    """Label → the rules version number its provinces are told for `rnd` ({} without
    treatments: then the session's own numbers are told). The stored numbers run across the
    whole session, so a treatment's would show that another treatment exists and when its
    rules changed; a treatment's students count only their own versions instead: the n-th
    distinct version its rounds have used up to `rnd` (issue #13 item 3)."""
    if not rnd.treatment_rules:
        return {}
    earlier = [r for r in Round.objects.filter(session_id=rnd.session_id, number__lt=rnd.number)
               .order_by("number").only("rules_id", "treatment_rules")] + [rnd]
    out = {}
    for label in set(labels):
        order = list(dict.fromkeys(version_id_for(r, label) for r in earlier))
        out[label] = order.index(version_id_for(rnd, label)) + 1
    return out


def shown_by_province(rnd: Round, provinces: Iterable[Province], played: dict[int, RulesVersion]) -> dict[int, int]:
    """Province id → the number of the version it played `rnd` under, as its students see it."""
    provinces = list(provinces)
    numbers = shown_numbers(rnd, {p.treatment for p in provinces})
    return {p.id: numbers.get(p.treatment, played[p.id].version) for p in provinces}
