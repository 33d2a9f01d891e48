"""Quality estimates without a reference: the round-trip chrF of a draft translated back
into the source language, lowered by ×0.8 for each failed check.

The reverse engine is whichever the engine registry chooses for the pair (Argos when a
package is installed, the configured fallback otherwise, or what ``[engines.languages]``
asks for the source language).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from l10n.checks import Unit, run_checks
from l10n.config import Config
from l10n.engines import Engine, EngineError, choose_engine
from l10n.glossary import Glossary
from l10n.glossary.matcher import Matcher
from l10n.scoring.metrics import sentence_scores

CHECK_PENALTY = 0.8


@dataclass(frozen=True)
class Estimate:
    quality: float  # 0..1, higher is better
    round_trip: str
    chrf: float  # round-trip chrF, 0..1
    failed_checks: tuple[str, ...]

    def detail(self) -> dict:
        return {"round_trip": self.round_trip, "chrF": self.chrf, "failed_checks": list(self.failed_checks)}


def quality(round_trip_chrf: float, failed_checks: int) -> float:
    """The estimate from its two signals (pure)."""
    return round(round_trip_chrf * CHECK_PENALTY**failed_checks, 3)


def reverse_engine(config: Config, language: str, source_language: str) -> Engine:
    """The engine that translates drafts back; raises EngineError when none can."""
    return choose_engine(config, language, source_language)


def method(engine: Engine, language: str, source_language: str) -> str:
    route = engine.route(language, source_language)
    return f"round-trip chrF via {engine.name} ({route}), x{CHECK_PENALTY} per failed check"


def estimate(
    engine: Engine,
    glossary: Glossary,
    source_language: str,
    language: str,
    items: Sequence[tuple[str, str, Sequence[str]]],
) -> list[Estimate]:
    """Estimates for ``(source, draft, unenforced glossary terms)`` items, in order.
    Raises EngineError when the reverse engine fails."""
    if not items:
        return []
    back = engine.translate_batch([draft for _, draft, _ in items], language, source_language)
    matcher = Matcher(glossary)
    estimates = []
    for (source, draft, unenforced), round_trip in zip(items, back, strict=True):
        chrf = sentence_scores(round_trip, source, ("chrF",))["chrF"].score / 100
        unit = Unit(language, glossary, matcher, list(unenforced))
        failed = tuple(f.check for f in run_checks(source, draft, unit) if f.severity == "error")
        estimates.append(Estimate(quality(chrf, len(failed)), round_trip, round(chrf, 3), failed))
    return estimates


__all__ = ["CHECK_PENALTY", "EngineError", "Estimate", "estimate", "method", "quality", "reverse_engine"]
