"""Treatments: several rule schedules played side by side in one session (docs/treatments.md).

Written `A=growth_tournament:6;B=collaborative_contest:6` (a switch midway:
`B=growth_tournament:3,collaborative_contest:3`). Provinces are assigned to them in
balanced alternation as they open; the instructor may move a province to another
treatment by hand until the first round opens."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from game.models import GameSession, Province, Round
from game.scenarios import parse_schedule
from game.services.errors import GameError, not_found
from game.services.treatment_labels import has_treatments, treatment_labels

MAX_TREATMENTS = 8
LABEL = re.compile(r"[A-Za-z0-9_-]{1,16}")


def _refuse(reason: str) -> GameError:
    return GameError("bad_treatments", _("The treatments are not valid: %(reason)s") % {"reason": reason})


def parse_treatments(text: str, presets: dict, total_rounds: int) -> list[dict[str, Any]]:
    """`A=growth_tournament:6;B=collaborative_contest:6` → [{"label", "schedule"}], each
    schedule one preset per round. Empty text → [] (no treatments). Every problem is a
    GameError naming the part at fault."""
    parts = [p.strip() for p in str(text or "").split(";") if p.strip()]
    if not parts:
        return []
    if len(parts) > MAX_TREATMENTS:
        raise _refuse(_("at most %(max)s treatments, %(n)s given.") % {"max": MAX_TREATMENTS, "n": len(parts)})
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for part in parts:
        label, equals, schedule = part.partition("=")
        label = label.strip()
        if not equals or not schedule.strip():
            raise _refuse(_("“%(part)s” should read LABEL=preset:rounds, e.g. A=growth_tournament:6.")
                          % {"part": part[:60]})
        if not LABEL.fullmatch(label):
            raise _refuse(_("the label “%(label)s” should be 1 to 16 letters, digits, “-” or “_”.")
                          % {"label": label[:20]})
        if label.upper() in seen:
            raise _refuse(_("the label “%(label)s” is used twice.") % {"label": label})
        seen.add(label.upper())
        counts = [c.partition(":")[2].strip() for c in schedule.split(",") if c.strip()]
        try:
            plan = parse_schedule(schedule, presets, total_rounds)
        except ValueError as exc:
            raise _refuse(_("treatment %(label)s: %(reason)s") % {"label": label, "reason": exc}) from None
        # Every entry counted: the counts must add up to the rounds played (an uncounted
        # last entry fills the rest, as in a plain schedule).
        if counts and all(counts):
            covered = sum(int(c) for c in counts)
            if covered != total_rounds:
                raise _refuse(_("treatment %(label)s covers %(n)s rounds, but the session plays %(rounds)s.")
                              % {"label": label, "n": covered, "rounds": total_rounds})
        out.append({"label": label, "schedule": plan})
    return out


def treatments_rounds(text: str) -> int | None:
    """The rounds the first treatment counts out (`A=growth_tournament:4;…` → 4), so a
    command given only treatments plays their length; None when it does not count every
    entry (an uncounted entry fills whatever the session plays). parse_treatments checks the rest."""
    first = next((p for p in str(text or "").split(";") if p.strip()), "")
    counts = [c.partition(":")[2].strip() for c in first.partition("=")[2].split(",") if c.strip()]
    if not counts or not all(c.isdigit() for c in counts):
        return None
    return sum(int(c) for c in counts)


def treatments_text(treatments: list[dict[str, Any]]) -> str:
    """The inverse of parse_treatments (runs of one preset counted), for forms and copies."""
    parts = []
    for t in treatments:
        runs: list[list] = []
        for preset in t["schedule"]:
            if runs and runs[-1][0] == preset:
                runs[-1][1] += 1
            else:
                runs.append([preset, 1])
        parts.append(f"{t['label']}=" + ",".join(f"{p}:{n}" for p, n in runs))
    return ";".join(parts)


def label_for_new_province(session: GameSession) -> str:
    """The treatment with the fewest provinces, the first defined on a tie: provinces
    alternate A, B, A, B… as they open, and stay balanced after a move by hand."""
    labels = treatment_labels(session)
    if not labels:
        return ""
    counts = dict.fromkeys(labels, 0)
    for label in session.provinces.values_list("treatment", flat=True):
        if label in counts:
            counts[label] += 1
    return min(labels, key=lambda label: (counts[label], labels.index(label)))


@transaction.atomic
def province_set_treatment(*, session: GameSession, user, province_id: int, label: str) -> Province:
    """Move one province to another treatment by hand: only before the first round opens
    (afterwards its history would mix two treatments)."""
    from game.services.announce import announce_session
    from game.services.sessions import check_owner, log

    check_owner(session, user)
    session = GameSession.objects.select_for_update().get(pk=session.pk)
    if not has_treatments(session):
        raise GameError("no_treatments", _("This session has no treatments."))
    labels = treatment_labels(session)
    if label not in labels:
        raise GameError("bad_treatment", _("Unknown treatment “%(label)s” (this session has: %(labels)s).")
                        % {"label": str(label)[:20], "labels": ", ".join(labels)})
    if session.status != GameSession.Status.LOBBY or session.rounds.exclude(status=Round.Status.DRAFT).exists():
        raise GameError("started", _("Provinces can change treatment only before the first round opens."))
    province = session.provinces.filter(pk=province_id).first()
    if province is None:
        raise not_found(_("That province"))
    if province.treatment != label:
        old = province.treatment
        province.treatment = label
        province.save(update_fields=["treatment"])
        log(session, "treatment_set", user.get_username(), province=province.number, old=old, new=label)
        announce_session(session, [province])
    return province
