"""Batches in a pool of local worker processes (``--jobs N``).

Each worker loads an engine (a model) the first time a batch needs it and keeps it for
every later batch. Workers get the same settings as a single process except CTranslate2's
``inter_threads``, shared out between them so that N workers do not ask for N times the
cores; that setting changes only how many batches run at once, never a translation.
Workers ignore Ctrl-C: the parent stops them, so that an interrupt is handled in one place.
"""

from __future__ import annotations

import copy
import multiprocessing
import signal
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from l10n.articles import load_documents
from l10n.config import Config
from l10n.documents import Document
from l10n.engines.base import Translation
from l10n.executors import work
from l10n.executors.base import Arrived, Batch, EngineInfo, Executor, Stats
from l10n.project import Project

PARSE_IN_PARALLEL = 20  # fewer articles parse faster than workers start


def _start_worker(config: Config, root: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    work.forbid_writes(root)
    global _CONFIG
    _CONFIG = config


_CONFIG: Config | None = None


def _translate(batch: Batch) -> list[Translation]:
    assert _CONFIG is not None
    return work.translate_chunk(_CONFIG, batch)


def _probe() -> tuple[int, list[str]]:
    import os

    return os.getpid(), work.loaded_modules()


def worker_config(config: Config, jobs: int) -> Config:
    shared = copy.deepcopy(config)
    shared.argos.inter_threads = max(1, config.argos.inter_threads // jobs)
    return shared


class ProcessPool(Executor):
    name = "processes"

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
        self.stats = Stats()

    def open(self, config: Config, root: str) -> None:
        super().open(config, root)
        self.root = root

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            # forkserver: workers are forked from a clean server process, not from this one
            # (which may hold locks of threads, such as the progress bar's, at fork time).
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["l10n.executors.work"])
            self.pool = ProcessPoolExecutor(
                self.jobs,
                mp_context=context,
                initializer=_start_worker,
                initargs=(worker_config(self.config, self.jobs), self.root),
            )
        return self.pool

    def parse(self, project: Project, slugs: list[str]) -> list[Document]:
        """Articles parsed by the workers, a share each (parsing is mostly pysbd)."""
        if len(slugs) < PARSE_IN_PARALLEL:
            return super().parse(project, slugs)
        shares = [slugs[i :: self.jobs * 4] for i in range(self.jobs * 4)]
        parsed = list(self._pool().map(load_documents, [project] * len(shares), shares))
        by_slug = {
            slug: doc
            for share, docs in zip(shares, parsed, strict=True)
            for slug, doc in zip(share, docs, strict=True)
        }
        return [by_slug[slug] for slug in slugs]

    def engine_info(self, source: str, target: str, requested: str | None) -> EngineInfo:
        return work.engine_info(self.config, source, target, requested)  # same machine

    def translate(
        self, batches: Sequence[Batch], arrived: Arrived | None = None
    ) -> Iterator[list[Translation]]:
        if len(batches) < 2 and self.pool is None:  # nothing to share out: skip starting workers
            yield from super().translate(batches, arrived)
            return
        pool = self._pool()
        futures: list[Future] = [pool.submit(_translate, batch) for batch in batches]
        self.stats.batches += len(futures)
        for index, future in enumerate(futures):
            outputs = future.result()
            if arrived:
                arrived(index, len(batches[index].texts))
            yield outputs

    def probe(self) -> list[tuple[int, list[str]]]:
        """Each worker's pid and loaded l10n modules (for tests)."""
        pool = self._pool()
        return [f.result() for f in [pool.submit(_probe) for _ in range(self.jobs)]]

    def close(self, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=cancel)
            self.pool = None
