"""HTML mode: parse, page metadata, chrome marks and their vocabularies, container choice, DOM to lines.

The only package that imports lxml and readability-lxml.
"""
