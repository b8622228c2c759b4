"""Names of places and actors: the gazetteer and its data files."""
