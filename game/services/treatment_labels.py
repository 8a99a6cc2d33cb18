"""Which treatment a province plays, read off the session (docs/treatments.md).

Only the instructor's views may show these labels to anyone: a student payload never
carries another province's treatment (DESIGN §8)."""

from __future__ import annotations

from game.models import GameSession, Province


def treatment_labels(session: GameSession) -> list[str]:
    """The labels in the order the instructor defined them; [] when the session has no split."""
    return [t["label"] for t in session.treatments] if has_treatments(session) else []


def has_treatments(session: GameSession) -> bool:
    """Two or more treatments: a single one plays exactly like a session without any."""
    return len(session.treatments or []) > 1


def results_hidden(session: GameSession) -> bool:
    """Whether a screen the whole class sees must keep each province's results to itself:
    with two treatments or more, until the instructor reveals them (issue #13 item 3). Every
    result, standing and agreement count follows the rules its province plays (points per
    city, collaboration rewards, self-reported indicators, revealed bids...), so set side by
    side they would tell the class which province plays which treatment."""
    return has_treatments(session) and not session.treatments_revealed


def treatment_of(province: Province) -> str:
    """The label of the province's treatment, "" when its session has no split."""
    return province.treatment if has_treatments(province.session) else ""


def schedule_of(session: GameSession, label: str) -> list[str]:
    """The planned preset per round of one treatment (the session's own schedule for "")."""
    for t in session.treatments or []:
        if t["label"] == label:
            return list(t["schedule"])
    return list(session.schedule)
