"""Presenting stored results: export formats and the views the CLI renders."""
