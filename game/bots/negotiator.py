"""The negotiator: a best responder that proposes agreements (game/bots/agreements.py),
so a class of mostly bots still shows negotiation on the coordination platform."""

from __future__ import annotations

from game.bots.best_response import BestResponse


class Negotiator(BestResponse):
    name = "negotiator"
    proposes = True
