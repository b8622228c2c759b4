"""Property test of the HTTP API against its own OpenAPI spec (schemathesis, bounded examples):
whatever parameters the spec allows or forbids, no answer is a server error, every answer matches
the spec, and every error has the one shape {"error", "message"}."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from rasd.web.api import create_app

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis not installed (pip install -e .[dev])")
EXAMPLES = 10  # per operation and mode: bounded, so the test stays a few seconds


@pytest.fixture(scope="module")
def api_schema(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = tmp_path_factory.mktemp("schema") / "seeds.db"
    shutil.copyfile(seeds_db, db)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db))


def error_shape(ctx: Any, response: Any, case: Any) -> bool | None:
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error", "message"}, body
        assert isinstance(body["error"], str) and isinstance(body["message"], str)
    return None


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_api_keeps_its_spec(api_schema: Any, mode: str) -> None:
    # the pytest plugin's lazy schemas break on pytest 9, so each operation's strategy is run here
    generation = schemathesis.GenerationMode(mode)
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12
    if generation is schemathesis.GenerationMode.NEGATIVE:  # only a query can break the spec's rules
        operations = [op for op in operations if len(op.query)]
    for op in operations:

        @given(case=op.as_strategy(generation_mode=generation))
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        def check(case: Any) -> None:
            case.call_and_validate(additional_checks=[error_shape])

        try:
            check()
        except Unsatisfiable:  # nothing the spec forbids (an operation with only a free-text path id)
            assert generation is schemathesis.GenerationMode.NEGATIVE, op.label
