"""Evaluation against gold files: seeds fields, clustering, claims, and the metrics they share."""
