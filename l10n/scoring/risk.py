"""One risk score per machine draft, from the signals l10n has about it: the words the
engine marked as unknown, words outside the target lexicon, source or pivot words left
in, other check findings, glossary terms not placed, the length ratio, and (when ``l10n
score`` has translated the draft back) the round-trip chrF.

The signals are combined by a linear model fitted on the reference sets to predict each
draft's chrF against a human reference (``bench/risk_model.py`` fits it with numpy and
writes ``risk_model.json`` beside this module). The estimate is the predicted chrF on a
0–1 scale; the risk is its complement. The two signals that cost an engine call (the
round trip, and agreement with a second route's draft) are optional: a model is fitted for
each combination, so the queue can rank drafts ``l10n score`` has not estimated yet."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from l10n.checks import Failure, Unit, run_checks
from l10n.checks.words import words

MODEL_FILE = Path(__file__).with_name("risk_model.json")
WORD_SIGNALS = {"unknown_rate": "unknown-words", "lexicon_rate": "lexicon", "leftover_rate": "leftover"}
# Signals that cost an engine call: each model is fitted for the ones it can count on.
OPTIONAL = ("round_trip", "route_agreement")
FEATURES = (*WORD_SIGNALS, "errors", "warnings", "unenforced", "length_ratio", "term_coverage", *OPTIONAL)


def signals(
    source: str,
    draft: str,
    unit: Unit,
    round_trip: float | None = None,
    agreement: float | None = None,
    failures: Sequence[Failure] | None = None,
) -> dict[str, float]:
    """The signals of one draft: ``round_trip`` is the chrF (0–1) of the draft translated
    back against the source, ``agreement`` the chrF of the draft against a second route's
    draft; ``failures`` its check findings, if already known."""
    found = list(failures) if failures is not None else run_checks(source, draft, unit)
    count = max(len(words(draft)), 1)
    values = {name: sum(f.check == check for f in found) / count for name, check in WORD_SIGNALS.items()}
    other = [f for f in found if f.check not in WORD_SIGNALS.values()]
    values["errors"] = float(sum(f.severity == "error" for f in other))
    values["warnings"] = float(sum(f.severity != "error" for f in other))
    values["unenforced"] = float(len(unit.unenforced_terms))
    values["length_ratio"] = abs(math.log((len(draft) + 1) / (len(source) + 1)))
    # Terms are placed exactly as the glossary says: the more of the source they cover,
    # the less of the draft is left to the engine.
    covered = [m for m in unit.terms().find(source) if m.concept.target(unit.language, m.plural)]
    values["term_coverage"] = sum(m.end - m.start for m in covered) / max(len(source), 1)
    if round_trip is not None:
        values["round_trip"] = round_trip
    if agreement is not None:
        values["route_agreement"] = agreement
    return values


@dataclass(frozen=True)
class Model:
    intercept: float
    coefficients: dict[str, float]

    def predict(self, values: dict[str, float]) -> float:
        """The estimated quality (predicted chrF / 100), clipped to 0–1."""
        total = self.intercept + sum(w * values.get(name, 0.0) for name, w in self.coefficients.items())
        return round(min(max(total, 0.0), 1.0), 3)


@cache
def model_data(path: Path = MODEL_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def model_name(available: Sequence[str]) -> str:
    """ "round_trip+route_agreement", "round_trip", "route_agreement" or "basic"."""
    return "+".join(o for o in OPTIONAL if o in available) or "basic"


def model(available: Sequence[str] = ()) -> Model:
    """The model fitted for the optional signals ``available``."""
    data = model_data()["models"][model_name(available)]
    return Model(data["intercept"], data["coefficients"])


def quality(values: dict[str, float]) -> float:
    """The estimate for a draft's signals, with the model fitted for what is known."""
    return model(list(values)).predict(values)


def calibration_sources() -> frozenset[str]:
    """Hashes of the English sentences the model was fitted on (never used to judge it)."""
    return frozenset(model_data().get("calibrated_on", []))


def source_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def method() -> str:
    data = model_data()
    return f"linear model of the draft's signals fitted to sentence chrF ({data.get('fitted_on', '')})"


__all__ = [
    "FEATURES",
    "OPTIONAL",
    "Model",
    "calibration_sources",
    "method",
    "model",
    "model_name",
    "quality",
    "signals",
    "source_hash",
]
