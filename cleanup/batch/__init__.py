"""Batches: one input through clean() to its output, and many inputs over worker processes."""
