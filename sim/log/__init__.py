"""The truth: typed events, the append-only event log with its listeners, recordings on disk, sim time."""
