"""The registry of CSV tables in an export, in the order they are written. A new table is
one module with a TABLE, added here."""

from game.services.exports.tables import (
    agreements,
    chat,
    decisions,
    events,
    outcomes,
    participants,
    projects,
    revisions,
    rules,
)

TABLES = (
    decisions.TABLE,
    revisions.TABLE,
    outcomes.TABLE,
    projects.TABLE,
    rules.TABLE,
    participants.TABLE,
    agreements.TABLE,
    chat.TABLE,
    events.TABLE,
)
