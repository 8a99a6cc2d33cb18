from game.models.events import Event
from game.models.play import Round, RulesVersion, Sheet, SheetRevision
from game.models.results import ProvinceResult, SeatResult
from game.models.session import GameSession, Participant, Province, Seat

__all__ = [
    "Event",
    "GameSession",
    "Participant",
    "Province",
    "ProvinceResult",
    "Round",
    "RulesVersion",
    "Seat",
    "SeatResult",
    "Sheet",
    "SheetRevision",
]
