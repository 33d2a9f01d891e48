"""The quality estimate that predicts (issue 13): the draft's signals in one fitted
estimate, judged on reference sentences it was not fitted on, and the queue ordered by it."""

from __future__ import annotations

import json
import shutil

from conftest import REPO, run_l10n
from l10n.config import Config
from l10n.glossary import load_glossary
from l10n.references import read_reference_set, reference_files
from l10n.scoring import estimate, risk

GLOSSARY = load_glossary(REPO / "glossaries")
FOLDER = REPO / "tests" / "data" / "reference"


def test_a_draft_with_a_pivot_word_is_not_estimated_perfect():
    """The old estimate (round-trip chrF) gave 1.0 to "… planifiée pour le muelle": the
    round trip through Spanish turns "muelle" back into "spring". The leftover is a signal."""
    source = "The next round of negotiations is planned for the spring."
    leftover = "La ronde prochaine de négociations est planifiée pour le muelle."
    clean = "La ronde prochaine de négociations est planifiée pour le printemps."
    engine = estimate.reverse_engine(Config(), "fr", "en")
    second = estimate.second_engine(Config(), "fr", "en")
    assert second is not None and "cat" in second.route("en", "fr")
    wrong, right = estimate.estimate(
        engine, GLOSSARY, "en", "fr", [(source, leftover, []), (source, clean, [])], second
    )
    assert wrong.quality < 0.7 and wrong.quality < right.quality
    assert wrong.signals["leftover_rate"] > 0 and wrong.risk > right.risk
    assert {"round_trip", "route_agreement", "term_coverage"} <= set(wrong.detail()["signals"])


def test_the_model_was_fitted_on_the_reference_sets_only():
    """Coefficients are data (bench/risk_model.py); the held-out sentences are not in them."""
    fitted = risk.calibration_sources()
    main = {risk.source_hash(s) for s, _ in read_reference_set(FOLDER / "fr.tsv")}
    extra = {risk.source_hash(s) for s, _ in read_reference_set(FOLDER / "fr.extra.tsv")}
    assert fitted == main and not fitted & extra and len(extra) == 48
    assert set(risk.model_data()["models"]) == {
        "basic",
        "round_trip",
        "route_agreement",
        "round_trip+route_agreement",
    }
    assert "fr.extra" not in reference_files(REPO)


def test_score_reports_the_estimate_on_held_out_sentences(project):
    """`l10n score` judges the estimate on the reference sentences it was not fitted on:
    Spearman's rho with sentence chrF (bench/risk_model.json: 0.601 for French) and how many
    of the worst quarter of drafts land in its riskiest quarter."""
    shutil.copy(REPO / "glossaries" / "diplomatic.tbx", project / "glossaries")
    references = project / "references"
    references.mkdir()
    for name in ("fr.tsv", "fr.extra.tsv"):
        shutil.copy(FOLDER / name, references / name)
    run_l10n("translate", "--lang", "fr", "--article", "sdg-financing", project=project)
    result = run_l10n("score", "--lang", "fr", "--no-snapshot", "--format", "json", project=project)
    quality = json.loads(result.stdout)["languages"]["fr"]["reference"]["quality_estimate"]
    assert quality["sentences"] == 48 and quality["left_out"] == 120
    assert quality["spearman"] >= 0.55
    assert quality["quarter"] == 12 and quality["worst_quarter"] >= 5
    text = run_l10n("score", "--lang", "fr", "--no-snapshot", project=project).stdout
    assert "not the 120 it was fitted on" in text and "riskiest quarter" in text


def test_the_queue_is_ordered_by_risk(project):
    run_l10n("translate", "--lang", "fr", project=project)
    items = json.loads(run_l10n("queue", "--lang", "fr", "--format", "json", project=project).stdout)
    risks = [item["risk"] for item in items]
    assert risks == sorted(risks, reverse=True) and len(set(risks)) > 10
    top = items[: len(items) // 4]
    # The riskiest quarter is where the engine's unknown words and leftovers are.
    flagged = [i for i in top if any(r.startswith(("unknown-words", "leftover")) for r in i["reasons"])]
    assert len(flagged) >= len(top) * 3 // 4
