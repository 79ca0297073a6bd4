"""Per-site rules kept as data: find, load, validate and match site files (bundled ones live here too)."""
