"""Output: render results (text, JSON, JSON Lines), atomic writes, output modes and the report."""
