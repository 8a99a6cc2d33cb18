"""Reading exported round logs (log.json) back, without Django: the replay check."""
