"""Fit the quality estimate (``l10n.scoring.risk``) on the reference sets and measure it
on sentences it was not fitted on.

Calibration: the 120 sentences of ``tests/data/reference/<lang>.tsv`` for fr, es and it
(pooled, 360 drafts). Held out: the 48 sentences of ``<lang>.extra.tsv`` per language.
Each draft is made as ``l10n translate`` makes it (Apertium, glossary, fixes, typography),
translated back for the round-trip signal, drafted again by the second route (Catalan
pivot) for the agreement signal, and scored by sentence chrF against its
reference. Least-squares models (a little ridge) are fitted with numpy (with and without the round
trip and agreement with a second route's draft, each optional), written to
``l10n/scoring/risk_model.json``; the figures go to
``bench/risk_model.json``: Spearman's rho with sentence chrF on the held-out sentences
(target ≥ 0.6), per language and pooled, against the old estimate (round-trip chrF ×0.8
per failed check) and each signal alone, and how many of the worst quarter of drafts by
chrF land in the estimate's riskiest quarter.

Run: .venv/bin/python bench/risk_model.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from l10n.checks import run_checks  # noqa: E402
from l10n.config import Config  # noqa: E402
from l10n.engines.apertium import ApertiumEngine  # noqa: E402
from l10n.engines.second_route import second_opinion  # noqa: E402
from l10n.glossary import load_glossary  # noqa: E402
from l10n.glossary.matcher import Matcher  # noqa: E402
from l10n.references import read_reference_set  # noqa: E402
from l10n.scoring import risk  # noqa: E402
from l10n.scoring.metrics import chrf_similarity, spearman  # noqa: E402
from l10n.scoring.reference import translate_as_pipeline, worst_quarter_recall  # noqa: E402

LANGUAGES = ["fr", "es", "it"]
FOLDER = REPO / "tests" / "data" / "reference"
RIDGE = 0.01  # a little shrinkage: a few signals are rare in 360 drafts


def rows(engine, glossary, matcher, pairs, language) -> list[dict]:
    sources = [s for s, _ in pairs]
    drafts = translate_as_pipeline(engine, glossary, sources, "en", language, matcher)
    back = engine.translate_batch([d.text for d in drafts], language, "en")
    second = second_opinion(engine, "en", language)
    others = translate_as_pipeline(second, glossary, sources, "en", language, matcher) if second else drafts
    out = []
    for (source, reference), draft, round_trip, other in zip(pairs, drafts, back, others, strict=True):
        unit = draft.unit(language, glossary, matcher)
        failures = run_checks(source, draft.text, unit)
        trip = chrf_similarity(round_trip, source)
        agreement = chrf_similarity(draft.text, other.text) if second else None
        values = risk.signals(
            source, draft.text, unit, round_trip=trip, agreement=agreement, failures=failures
        )
        old = round(trip * 0.8 ** sum(f.severity == "error" for f in failures), 3)
        chrf = chrf_similarity(draft.text, reference)
        out.append({"language": language, "source": source, "draft": draft.text, "signals": values,
                    "old_estimate": old, "chrF": chrf})  # fmt: skip
    return out


def fit(data: list[dict], features: list[str]) -> dict:
    x = np.array([[row["signals"].get(f, 0.0) for f in features] for row in data])
    y = np.array([row["chrF"] for row in data])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    penalty = RIDGE * len(x) * np.eye(z.shape[1])
    penalty[0, 0] = 0
    weights = np.linalg.solve(z.T @ z + penalty, z.T @ y)
    coefficients = weights[1:] / scale
    intercept = weights[0] - float(np.sum(coefficients * mean))
    return {
        "intercept": round(float(intercept), 6),
        "coefficients": {f: round(float(c), 6) for f, c in zip(features, coefficients, strict=True)},
    }


def evaluate(data: list[dict], predict) -> dict:
    predicted = [predict(row) for row in data]
    chrf = [row["chrF"] for row in data]
    return {
        "sentences": len(data),
        "spearman": spearman(predicted, chrf),
        "worst_quarter": worst_quarter_recall(predicted, chrf),
        "quarter": len(data) // 4,
    }


def main() -> None:
    glossary = load_glossary(REPO / "glossaries")
    matcher = Matcher(glossary)
    engine = ApertiumEngine(Config())
    calibration, held_out = [], []
    for language in LANGUAGES:
        calibration += rows(
            engine, glossary, matcher, read_reference_set(FOLDER / f"{language}.tsv"), language
        )
        held_out += rows(
            engine, glossary, matcher, read_reference_set(FOLDER / f"{language}.extra.tsv"), language
        )
    basic = [f for f in risk.FEATURES if f not in risk.OPTIONAL]
    models = {}
    for optional in ([], ["round_trip"], ["route_agreement"], ["round_trip", "route_agreement"]):
        models[risk.model_name(optional)] = fit(calibration, basic + optional)
    model_file = {
        "version": 1,
        "target": "sentence chrF / 100 of the draft against a human reference",
        "fitted_on": f"{len(calibration)} drafts of tests/data/reference/{{fr,es,it}}.tsv by bench/risk_model.py",
        "models": models,
        "calibrated_on": sorted({risk.source_hash(row["source"]) for row in calibration}),
    }
    risk.MODEL_FILE.write_text(json.dumps(model_file, indent=1) + "\n", encoding="utf-8")
    risk.model_data.cache_clear()

    def full(row):
        return risk.quality(row["signals"])

    def cheap(row):
        return risk.model().predict(row["signals"])

    report: dict = {
        "calibration": len(calibration),
        "held_out": len(held_out),
        "models": models,
        "results": {},
    }
    for name, subset in [("pooled", held_out)] + [
        (lang, [r for r in held_out if r["language"] == lang]) for lang in LANGUAGES
    ]:
        report["results"][name] = {
            "estimate": evaluate(subset, full),
            "estimate_without_engine_signals": evaluate(subset, cheap),
            "old_estimate": evaluate(subset, lambda row: row["old_estimate"]),
            "signals_alone": {
                f: evaluate(subset, lambda row, f=f: -row["signals"].get(f, 0.0) if f != "round_trip" else row["signals"][f])["spearman"]
                for f in risk.FEATURES
            },
        }  # fmt: skip
    report["results"]["calibration_in_sample"] = evaluate(calibration, full)
    report["flags"] = {
        language: {
            f: sum(row["signals"][f] > 0 for row in calibration + held_out if row["language"] == language)
            for f in ("unknown_rate", "lexicon_rate", "leftover_rate", "errors", "warnings", "unenforced")
        }
        for language in LANGUAGES
    }
    (REPO / "bench" / "risk_model.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    for name, result in report["results"].items():
        print(
            name,
            json.dumps(result.get("estimate", result)),
            "old:",
            result.get("old_estimate", {}).get("spearman"),
        )


if __name__ == "__main__":
    main()
