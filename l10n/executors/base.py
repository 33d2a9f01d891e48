"""The executor interface, and the simplest executor: this process."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from l10n.articles import load_documents
from l10n.config import Config
from l10n.documents import Document
from l10n.engines.base import Translation
from l10n.executors import work
from l10n.executors.work import Batch, EngineInfo
from l10n.project import Project

Arrived = Callable[[int, int], None]  # (batch index, texts in it): a batch's result came back


class Executor:
    """Runs engine batches somewhere; the caller gets each batch's translations back, in
    the order of the batches, as soon as they (and all before them) are done."""

    name = "in-process"
    remote = False  # engines run on other machines: check them all before a file is touched
    jobs = 1

    def open(self, config: Config, root: str) -> None:
        """Start workers or connect; fails (one line) before the pipeline writes anything."""
        self.config = config

    def close(self, cancel: bool = False) -> None:
        """Stop workers; ``cancel``: drop batches not started (an error or Ctrl-C)."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.close(cancel=kind is not None)

    def engine_info(self, source: str, target: str, requested: str | None) -> EngineInfo:
        """The engine that will translate the pair where the batches run, or EngineError."""
        return work.engine_info(self.config, source, target, requested)

    def parse(self, project: Project, slugs: list[str]) -> list[Document]:
        """The articles' documents, in order (a malformed article raises its error)."""
        return load_documents(project, slugs)

    def translate(
        self, batches: Sequence[Batch], arrived: Arrived | None = None
    ) -> Iterator[list[Translation]]:
        for index, batch in enumerate(batches):
            outputs = work.translate_chunk(self.config, batch)
            if arrived:
                arrived(index, len(batch.texts))
            yield outputs


class InProcess(Executor):
    """Every batch in this process, one after the other (``--jobs 1``)."""


@dataclass
class Stats:
    """What an executor did, for tests and the bench."""

    batches: int = 0
    retries: int = 0


__all__ = ["Arrived", "Batch", "EngineInfo", "Executor", "InProcess", "Stats"]
