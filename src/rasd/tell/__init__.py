"""Tell the story: event titles, cited extractive summaries, story timelines and the report.

Library first: every function returns dataclasses whose spans index an article's `raw` text;
the CLI (`rasd summary`, `rasd timeline`, `rasd report`) and the report render them.
"""
