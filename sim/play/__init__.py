"""What drives an engine: play and drive loops, par, command scripts, replay, the benchmark and the bots."""
