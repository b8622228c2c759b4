"""Extraction: entities, attributed claims and numeric facts, each with spans into `Article.raw`."""
