"""Sessions split into treatments with known scored results, for the comparison tests.

Until sessions are created with treatments by the treatments service, the split is written
onto the session directly (the data contract: GameSession.treatments, Province.treatment)."""

from __future__ import annotations

from game.engine import initial_state
from game.engine.serialize import to_data
from game.models import GameSession, Province, ProvinceResult, Round, SeatResult
from game.services.selectors import scenario_for
from game.services.sessions import province_add

GROWTH = "growth_tournament"
COLLAB = "collaborative_contest"


def totals(completed: int, offered: int = 4, *, gdp: float = 100.0, ecology: float = 0.0,
           public_service: float = 0.0, bids: float = 0.0) -> dict:
    return {"gdp_gain": gdp, "bid_spending": bids, "bid_waste": 0.0, "joint_completed": completed,
            "joint_offered": offered, "ecology": ecology, "public_service": public_service}


def split(session: GameSession, instructor, labels: list[str], rounds: int) -> list[Province]:
    """One province per entry of `labels` (in number order), each playing that treatment."""
    session.treatments = [{"label": "A", "schedule": [GROWTH] * rounds},
                          {"label": "B", "schedule": [COLLAB] * rounds}]
    session.save(update_fields=["treatments"])
    provinces = [province_add(session=session, user=instructor) for _ in labels]
    for province, label in zip(provinces, labels, strict=True):
        province.treatment = label
        province.save(update_fields=["treatment"])
    return provinces


def score(session: GameSession, number: int, results: dict[Province, dict]) -> Round:
    """Round `number` scored with these province totals (as the engine stores them)."""
    first = session.rounds.get(number=1)
    # The other screens and the debrief read these rows too: a well-formed state (the
    # start's), no projects, and each seat ranked by its position.
    state = to_data(initial_state(scenario_for(session).province, session.total_rounds))
    rnd, _ = Round.objects.get_or_create(session=session, number=number, defaults={"rules": first.rules})
    for province, data in results.items():
        ProvinceResult.objects.create(round=rnd, province=province, state_after=state, data={
            "totals": data, "industrial": [], "joint": [], "pledges": [], "public_cities": {"table": [], "rows": []}})
        SeatResult.objects.bulk_create(
            SeatResult(round=rnd, seat=seat, rank=seat.position + 1, points=0.0, composite=0.0,
                       data={"contributions": {}}) for seat in province.seats.all())
    rnd.status = Round.Status.SCORED
    rnd.save(update_fields=["status"])
    return rnd
