"""What a worker runs, in a local process pool or a Ray actor: engines, loaded once per
process and kept for every later batch, translating texts and returning them.

This module reads and writes no PO file and no history: it imports nothing of l10n that
can (tests check a worker's loaded modules), and :func:`forbid_writes` makes a worker's
every attempt to write inside the project raise.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from l10n.config import Config
from l10n.engines import Engine, EngineError, choose_engine, load_engine
from l10n.engines.base import Translation
from l10n.engines.second_route import on_route

_ENGINES: dict[tuple[str, str], Engine] = {}  # (engine, route) → loaded engine


@dataclass(frozen=True)
class Batch:
    """Texts for one engine call (placeholders and glossary terms already protected)."""

    engine: str
    source: str
    target: str
    texts: tuple[str, ...]
    route: str = ""  # another route of the engine than the configured one (route selection)


@dataclass(frozen=True)
class EngineInfo:
    name: str
    route: str
    version: str


def engine_info(config: Config, source: str, target: str, requested: str | None) -> EngineInfo:
    engine = choose_engine(config, source, target, requested)
    _ENGINES.setdefault((engine.name, ""), engine)
    return EngineInfo(engine.name, engine.route(source, target), engine.version(source, target))


def translate_chunk(config: Config, batch: Batch) -> list[Translation]:
    engine = _ENGINES.get((batch.engine, batch.route))
    if engine is None:
        routed = on_route(config, batch.target, batch.route) if batch.route else config
        engine = _ENGINES[batch.engine, batch.route] = load_engine(batch.engine, routed)
    if not engine.supports(batch.source, batch.target):
        raise EngineError(engine.missing(batch.source, batch.target))
    return engine.translate_annotated(list(batch.texts), batch.source, batch.target)


def loaded_modules() -> list[str]:
    """The l10n modules this process has imported (what a worker could possibly run)."""
    return sorted(name for name in sys.modules if name == "l10n" or name.startswith("l10n."))


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_PATH_EVENTS = {"os.rename": 2, "os.remove": 1, "os.rmdir": 1, "os.mkdir": 1, "shutil.rmtree": 1}
_guarded: list[str] = []


def forbid_writes(root: str) -> None:
    """From now on, opening a file under ``root`` for writing, or renaming, removing or
    creating anything there, raises PermissionError in this process (an audit hook: it
    cannot be removed, so only ever call it in a worker)."""
    prefix = os.path.join(os.path.abspath(root), "")
    if prefix in _guarded:
        return
    _guarded.append(prefix)

    def inside(path) -> bool:
        if isinstance(path, int):
            return False
        path = os.fsdecode(path)
        return os.path.join(os.path.abspath(path), "").startswith(prefix)

    def hook(event: str, args: tuple) -> None:
        if event == "open":
            path, mode, flags = args
            writing = any(c in mode for c in "wax+") if isinstance(mode, str) else bool(flags & _WRITE_FLAGS)
            if writing and inside(path):
                raise PermissionError(f"a worker may not write in the project: {path}")
        elif event in _PATH_EVENTS:
            if any(inside(p) for p in args[: _PATH_EVENTS[event]] if p is not None):
                raise PermissionError(f"a worker may not change files in the project: {args[0]}")
        elif event == "sqlite3.connect" and args and inside(args[0]):
            raise PermissionError(f"a worker may not open the project's index: {args[0]}")

    sys.addaudithook(hook)
