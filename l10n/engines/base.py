"""The interface every machine-translation engine implements.

An engine translates whole batches: the pipeline hands it every pending segment of a
language pair at once, in order, and gets the translations back in the same order. Texts
carry numbered placeholders (``<1>…</1>``, ``<2/>``) that must come back unchanged.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from l10n.config import Config
from l10n.errors import L10nError

Progress = Callable[[int], None]  # called with the number of texts just finished


class EngineError(L10nError):
    """An engine is missing, misconfigured or failed."""


def batch_timeout(config: Config, segments: int) -> float:
    """Seconds a batch of ``segments`` may take before the engine is taken to be hung
    (``[engines] timeout_base`` and ``timeout_per_segment`` in l10n.toml)."""
    return config.engine_timeout_base + config.engine_timeout_per_segment * segments


@dataclass(frozen=True)
class Translation:
    """One output with what the engine said about it: the words it could not translate,
    each with the engine's mark (``"*counterparts"``; see ``l10n.engines.marks``)."""

    text: str
    unknown: tuple[str, ...] = ()


class Engine(ABC):
    name: str = ""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()

    @abstractmethod
    def supports(self, source: str, target: str) -> bool:
        """Whether this engine can translate the pair on this machine now."""

    @abstractmethod
    def missing(self, source: str, target: str) -> str:
        """One line telling the user what to install for the pair."""

    @abstractmethod
    def route(self, source: str, target: str) -> str:
        """How the pair is translated (pivot modes, model name), for provenance."""

    @abstractmethod
    def version(self, source: str, target: str) -> str:
        """Versions of what produced the output, for provenance (no spaces)."""

    @abstractmethod
    def translate_batch(
        self, texts: Sequence[str], source: str, target: str, progress: Progress | None = None
    ) -> list[str]:
        """Translate ``texts``; the result has one translation per text, in order."""

    def translate_annotated(
        self, texts: Sequence[str], source: str, target: str, progress: Progress | None = None
    ) -> list[Translation]:
        """Like :meth:`translate_batch`, with each output's annotations (engines that have
        none to give return the bare outputs)."""
        return [Translation(text) for text in self.translate_batch(texts, source, target, progress)]
