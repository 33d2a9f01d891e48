"""The one exception type users see: a message tied to a file and line."""

from __future__ import annotations

from pathlib import Path


class L10nError(Exception):
    """Bad input or an unusable environment, reported as one line: ``file:line: message``."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __reduce__(self):
        # Keep path and line when the error crosses a process boundary (a worker's error).
        return (type(self), (self.message, self.path, self.line))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        return where + self.message
