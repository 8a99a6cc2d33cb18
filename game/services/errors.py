"""Domain errors with a stable code (for clients and tests) and a translated message."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


class GameError(Exception):
    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params

    def as_message(self) -> dict[str, Any]:
        return {"type": "error", "code": self.code, "message": self.message, "params": self.params}


class SheetRefused(GameError):
    """A sheet failed validation: `problems` lists every reason, each translated."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__("invalid_sheet", _("The sheet was not saved: %(reason)s") % {"reason": problems[0]["message"]})
        self.params = {"problems": problems}


def not_found(what: str) -> GameError:
    return GameError("not_found", _("%(what)s was not found.") % {"what": what})


def forbidden() -> GameError:
    return GameError("forbidden", _("You are not allowed to do that."))
