"""Input: bytes to a page (decode, sniff, gzip) and sources (files, trees, lists, stdin, JSON Lines, WARC)."""
