"""Text stage: units, line and block rules, the article finder, and the engine that applies rules."""
