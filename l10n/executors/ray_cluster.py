"""Batches on a Ray cluster (``--executor ray [--ray-address HOST:PORT]``).

Each actor holds an engine (a loaded model) and translates the batches sent to it; results
come back one batch at a time, in order, and this process alone writes them. An actor
whose process dies is restarted by Ray and its unfinished batches sent again
(``max_restarts``, ``max_task_retries``). Actors run :func:`work.forbid_writes` on the
project's path and import nothing of l10n that writes files.

``local`` starts a Ray instance on this machine, on loopback, for this run only.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator, Sequence

from l10n.config import Config
from l10n.engines import EngineError
from l10n.engines.base import Translation
from l10n.errors import L10nError
from l10n.executors import work
from l10n.executors.base import Arrived, Batch, EngineInfo, Executor, Stats

RETRIES = 3  # restarts of a dead actor, and resends of each of its batches
CONNECT_TIMEOUT_S = 5.0
INSTALL_HINT = "pip install 'l10n[ray]'"
LOOPBACK_ONLY = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"  # "0": the node's address is 127.0.0.1


class EngineActor:
    """A Ray actor: one engine process, loaded once, reused for every batch."""

    def __init__(self, config: Config, root: str):
        work.forbid_writes(root)
        self.config = config

    def engine_info(self, source: str, target: str, requested: str | None):
        try:
            return work.engine_info(self.config, source, target, requested)
        except EngineError as exc:
            return f"{exc}"

    def translate(self, batch: Batch) -> list[Translation]:
        return work.translate_chunk(self.config, batch)

    def probe(self) -> tuple[int, list[str], list[str]]:
        """This actor's pid, loaded l10n modules and write-protected folders (for tests)."""
        return os.getpid(), work.loaded_modules(), list(work._guarded)


def _ray(local: bool = False):
    if local and "ray" not in sys.modules:
        # A run's own instance listens on loopback only (Ray otherwise binds the machine's
        # address, as a cluster head would). Ray reads this when it is first imported.
        os.environ.setdefault(LOOPBACK_ONLY, "0")
    try:
        import ray
    except ImportError:
        raise L10nError(f"--executor ray needs Ray: {INSTALL_HINT}") from None
    return ray


def check_reachable(address: str, timeout: float = CONNECT_TIMEOUT_S) -> None:
    """Ray would retry an unreachable address for minutes: fail at once, naming it."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        raise L10nError(f"Ray address {address!r} is not HOST:PORT (or 'local')")
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as exc:
        raise L10nError(f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}") from None


class RayExecutor(Executor):
    name = "ray"
    remote = True

    def __init__(self, address: str = "local", jobs: int | None = None):
        self.address = address
        self.requested_jobs = jobs
        self.actors: list = []
        self.started_here = False
        self.stats = Stats()
        self.on_result = None  # tests: called with (batch index, actor) as each result arrives

    def open(self, config: Config, root: str) -> None:
        super().open(config, root)
        ray = _ray(local=self.address == "local")
        if not ray.is_initialized():
            if self.address == "local":
                try:
                    ray.init(
                        num_cpus=self.requested_jobs or work_default_cpus(),
                        include_dashboard=False,
                        log_to_driver=False,
                        _node_ip_address="127.0.0.1",
                        logging_level="ERROR",
                    )
                except Exception as exc:  # Ray raises bare Exception when its processes fail to start
                    raise L10nError(f"cannot start a local Ray instance: {_first_line(exc)}") from None
                self.started_here = True
            else:
                check_reachable(self.address)
                try:
                    ray.init(address=self.address, log_to_driver=False, logging_level="ERROR")
                except Exception as exc:  # Ray raises bare Exception when its processes fail to start
                    raise L10nError(
                        f"cannot join the Ray cluster at {self.address}: {_first_line(exc)}"
                    ) from None
                self.started_here = True
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.jobs = max(1, min(self.requested_jobs or cpus, cpus))
        remote = ray.remote(num_cpus=1, max_restarts=RETRIES, max_task_retries=RETRIES)(EngineActor)
        self.actors = [remote.remote(config, root) for _ in range(self.jobs)]

    def engine_info(self, source: str, target: str, requested: str | None) -> EngineInfo:
        answer = _ray().get(self.actors[0].engine_info.remote(source, target, requested))
        if isinstance(answer, str):
            raise EngineError(f"on the Ray cluster at {self.address}: {answer}")
        return answer

    def translate(
        self, batches: Sequence[Batch], arrived: Arrived | None = None
    ) -> Iterator[list[Translation]]:
        ray = _ray()
        assigned = [self.actors[i % len(self.actors)] for i in range(len(batches))]
        pending = [actor.translate.remote(batch) for actor, batch in zip(assigned, batches, strict=True)]
        self.stats.batches += len(pending)
        for index, ref in enumerate(pending):
            try:
                outputs = ray.get(ref)
            except ray.exceptions.RayTaskError as exc:
                cause = exc.cause if isinstance(exc.cause, L10nError) else None
                if cause is not None:
                    raise cause from None
                raise L10nError(f"Ray batch {index} failed: {exc}") from None
            except ray.exceptions.RayActorError as exc:
                raise L10nError(f"Ray batch {index}: its worker died {RETRIES + 1} times ({exc})") from None
            if self.on_result:
                self.on_result(index, assigned[index])
            if arrived:
                arrived(index, len(batches[index].texts))
            yield outputs

    def probe(self) -> list[tuple[int, list[str], list[str]]]:
        return _ray().get([actor.probe.remote() for actor in self.actors])

    def close(self, cancel: bool = False) -> None:
        if not self.actors and not self.started_here:
            return
        ray = _ray()
        for actor in self.actors:
            ray.kill(actor)
        self.actors = []
        if self.started_here:
            ray.shutdown()
            self.started_here = False


def work_default_cpus() -> int:
    from l10n.executors import default_jobs

    return default_jobs()


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
