"""rasd over HTTP: a read-only JSON API (FastAPI, with its OpenAPI spec) for `rasd serve`."""
