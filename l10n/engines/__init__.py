"""Machine-translation engines, one module each, loaded only when a command needs one."""

from __future__ import annotations

import importlib

from l10n.config import Config
from l10n.engines.base import Engine, EngineError

# name → "module:class". A new engine is one new module and one line here.
ENGINES = {
    "apertium": "l10n.engines.apertium:ApertiumEngine",
    "argos": "l10n.engines.argos:ArgosEngine",
    "libretranslate": "l10n.engines.libretranslate:LibreTranslateEngine",
}
AUTO = "auto"


def load_engine(name: str, config: Config) -> Engine:
    if name not in ENGINES:
        known = ", ".join(sorted(ENGINES))
        raise EngineError(f"unknown engine {name!r} (known: {known}, or {AUTO})")
    module_name, class_name = ENGINES[name].split(":")
    engine_class = getattr(importlib.import_module(module_name), class_name)
    return engine_class(config)


def check_engine_name(name: str) -> str:
    if name != AUTO and name not in ENGINES:
        known = ", ".join(sorted(ENGINES))
        raise EngineError(f"unknown engine {name!r} (known: {known}, or {AUTO})")
    return name


def choose_engine(config: Config, source: str, target: str, requested: str | None = None) -> Engine:
    """The engine for a pair: the requested one, the configured one, or with ``auto`` Argos
    when a package is installed and the configured fallback otherwise."""
    name = check_engine_name(requested or config.engine_for(target))
    candidates = ["argos", config.fallback_engine] if name == AUTO else [name]
    reasons = []
    for candidate in dict.fromkeys(candidates):
        engine = load_engine(candidate, config)
        if engine.supports(source, target):
            return engine
        reasons.append(engine.missing(source, target))
    raise EngineError(f"no engine can translate {source}→{target}: " + "; or ".join(reasons))


__all__ = ["ENGINES", "Engine", "EngineError", "check_engine_name", "choose_engine", "load_engine"]
