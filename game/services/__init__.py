"""The one write path: every state change of a game goes through a function here.

Views, consumers, tasks and commands parse and check identity, then call these; each
runs in a transaction and queues its broadcasts with broadcast.on_commit (robust:
a failing step never skips the others)."""
