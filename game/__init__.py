# Keep this file free of imports: game.engine must import without Django configured.
