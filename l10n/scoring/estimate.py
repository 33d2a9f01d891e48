"""Quality estimates without a reference: each machine draft is translated back into the
source language, and the round-trip chrF joins the draft's other signals (unknown words,
lexicon misses, leftovers, check findings; ``l10n.scoring.risk``) in one fitted estimate
of its chrF against a human translation.

The reverse engine is whichever the engine registry chooses for the pair (Argos when a
package is installed, the configured fallback otherwise, or what ``[engines.languages]``
asks for the source language).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from l10n.checks import Unit, run_checks
from l10n.config import Config
from l10n.drafting import translate_as_pipeline
from l10n.engines import Engine, EngineError, choose_engine
from l10n.engines.second_route import second_opinion
from l10n.glossary import Glossary
from l10n.glossary.matcher import Matcher
from l10n.scoring import risk
from l10n.scoring.metrics import chrf_similarity


@dataclass(frozen=True)
class Estimate:
    quality: float  # 0..1, higher is better: the predicted chrF / 100
    round_trip: str
    chrf: float  # round-trip chrF, 0..1
    failed_checks: tuple[str, ...]  # error-level checks the draft fails
    signals: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def risk(self) -> float:
        return round(1 - self.quality, 3)

    def detail(self) -> dict:
        return {
            "round_trip": self.round_trip,
            "chrF": self.chrf,
            "failed_checks": list(self.failed_checks),
            "signals": {name: round(value, 4) for name, value in self.signals.items()},
        }


def reverse_engine(config: Config, language: str, source_language: str) -> Engine:
    """The engine that translates drafts back; raises EngineError when none can."""
    return choose_engine(config, language, source_language)


def method(engine: Engine, language: str, source_language: str, second: Engine | None = None) -> str:
    route = engine.route(language, source_language)
    also = f"; second opinion by {second.route(source_language, language)}" if second else ""
    return f"{risk.method()}; round trip via {engine.name} ({route}){also}"


def second_engine(config: Config, language: str, source_language: str) -> Engine | None:
    """The engine on a second route of the pair the drafts were made on, if there is one."""
    try:
        return second_opinion(choose_engine(config, source_language, language), source_language, language)
    except EngineError:
        return None


def estimate(
    engine: Engine,
    glossary: Glossary,
    source_language: str,
    language: str,
    items: Sequence[tuple[str, str, Unit | Sequence[str]]],
    second: Engine | None = None,
) -> list[Estimate]:
    """Estimates for ``(source, draft, unit)`` items, in order (a list of unplaced glossary
    terms stands for a unit that knows nothing else). ``second``, when given, drafts each
    source by another route, and the agreement between the two drafts is one more signal.
    Raises EngineError when an engine fails."""
    if not items:
        return []
    back = engine.translate_batch([draft for _, draft, _ in items], language, source_language)
    matcher = Matcher(glossary)
    others: list[str | None] = [None] * len(items)
    if second is not None:
        sources = [source for source, _, _ in items]
        made = translate_as_pipeline(second, glossary, sources, source_language, language, matcher)
        others = [d.text for d in made]
    estimates = []
    for (source, draft, known), round_trip, other in zip(items, back, others, strict=True):
        unit = known if isinstance(known, Unit) else Unit(language, glossary, matcher, list(known))
        chrf = chrf_similarity(round_trip, source)
        agreement = None if other is None else chrf_similarity(draft, other)
        failures = run_checks(source, draft, unit)
        values = risk.signals(source, draft, unit, round_trip=chrf, agreement=agreement, failures=failures)
        failed = tuple(f.check for f in failures if f.severity == "error")
        estimates.append(Estimate(risk.quality(values), round_trip, round(chrf, 3), failed, values))
    return estimates


__all__ = ["EngineError", "Estimate", "estimate", "method", "reverse_engine", "second_engine"]
