"""The registry of CSV tables in an export, in the order they are written. A new table
(agreements, chat) is one module with a TABLE, added here."""

from game.services.exports.tables import (
    agreements,
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
    events.TABLE,
)
