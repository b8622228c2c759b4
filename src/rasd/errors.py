"""One error hierarchy with stable codes; the CLI and API turn these into one JSON shape."""

from __future__ import annotations


class RasdError(Exception):
    """Base of every error rasd raises on purpose. `code` is stable; `message` is for people."""

    code = "error"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_json(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message}


class InputError(RasdError):
    """A path or argument the user gave cannot be used."""

    code = "bad_input"
    exit_code = 2


class ReadError(RasdError):
    """A file could not be read as an article (empty, binary, undecodable, malformed)."""

    code = "unreadable"
    exit_code = 3

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class NotFound(RasdError):
    code = "not_found"
    exit_code = 4


class StoreError(RasdError):
    code = "store"
    exit_code = 5
