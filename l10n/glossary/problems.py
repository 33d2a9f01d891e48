"""Problems found while reading or linting glossary files, always with file and line."""

from __future__ import annotations

from dataclasses import dataclass

from l10n.errors import L10nError


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class Collector:
    """Raise at the first problem (loading for translation), or collect them all (lint)."""

    def __init__(self, collect: bool = False):
        self.collect = collect
        self.problems: list[Problem] = []

    def report(self, path: str, line: int | None, message: str) -> None:
        if not self.collect:
            raise L10nError(message, path, line)
        self.problems.append(Problem(path, line, message))
