"""rasd (رصد): Arabic-first news intelligence."""

__version__ = "0.1.0"
