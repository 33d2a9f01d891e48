"""Where engine batches run: in this process, in a pool of local processes, or on a Ray
cluster. The pipeline plans, asks an executor to translate batches, and writes the results
itself: whatever the executor, only the process that runs ``l10n`` touches PO files and
the history."""

from __future__ import annotations

import os

from l10n.errors import L10nError
from l10n.executors.base import Batch, EngineInfo, Executor

EXECUTORS = ("local", "ray")


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def make_executor(name: str = "local", jobs: int | None = None, address: str | None = None) -> Executor:
    """``local`` with ``jobs`` processes (1: in this process), or ``ray`` at ``address``."""
    if jobs is not None and jobs < 1:
        raise L10nError(f"--jobs must be at least 1, not {jobs}")
    if name == "ray":
        from l10n.executors.ray_cluster import RayExecutor

        return RayExecutor(address or "local", jobs)
    if name != "local":
        raise L10nError(f"unknown executor {name!r} (known: {', '.join(EXECUTORS)})")
    if address:
        raise L10nError("--ray-address needs --executor ray")
    jobs = default_jobs() if jobs is None else jobs
    if jobs == 1:
        from l10n.executors.base import InProcess

        return InProcess()
    from l10n.executors.processes import ProcessPool

    return ProcessPool(jobs)


__all__ = ["Batch", "EngineInfo", "Executor", "default_jobs", "make_executor"]
