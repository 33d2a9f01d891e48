"""The scoring package below the CLI: pure metrics checked against sacrebleu's own public
results, typed reports that survive a snapshot, and quality estimates through the engine
registry with real Apertium."""

import json

import pytest
from sacrebleu.metrics import CHRF

from conftest import REPO, run_l10n
from l10n.config import Config
from l10n.engines import EngineError
from l10n.glossary import Glossary
from l10n.project import Project
from l10n.references import read_reference_set
from l10n.scoring import estimate
from l10n.scoring.effort import Pair, post_edit_effort
from l10n.scoring.metrics import compare_systems, corpus_scores, new_metric, sentence_scores, spearman
from l10n.scoring.report import GlossaryAdherence, LanguageReport, ScoreReport

PAIRS = read_reference_set(REPO / "tests" / "data" / "reference" / "es.tsv")[:60]
REFERENCES = [reference for _, reference in PAIRS]


def degraded(texts: list[str]) -> list[str]:
    """Every other word dropped: clearly worse than the reference itself."""
    return [" ".join(text.split()[::2]) for text in texts]


def test_every_score_carries_its_signature_and_matches_sacrebleu():
    hypotheses = degraded(REFERENCES)
    scores = corpus_scores(hypotheses, REFERENCES)
    assert set(scores) == {"BLEU", "chrF++", "TER"}
    chrf = CHRF(word_order=2)
    assert scores["chrF++"].score == round(chrf.corpus_score(hypotheses, [REFERENCES]).score, 2)
    assert scores["chrF++"].signature == str(chrf.get_signature())
    assert scores["chrF++"].name == "chrF2++"
    assert scores["TER"].line().startswith("TER|nrefs:1|case:lc|tok:tercom|")
    assert scores["TER"].line().endswith(f" = {scores['TER'].score:.2f}")


def test_bootstrap_intervals_are_sacrebleus_own():
    hypotheses = degraded(REFERENCES)
    (baseline,) = compare_systems([("degraded", hypotheses)], REFERENCES, names=("chrF++",), n_bootstrap=200)
    score = baseline.scores["chrF++"]
    # sacrebleu's documented way: corpus_score(n_bootstrap=...) and the score's JSON format.
    metric = CHRF(word_order=2)
    result = metric.corpus_score(hypotheses, [REFERENCES], n_bootstrap=200)
    published = json.loads(result.format(signature=str(metric.get_signature()), is_json=True))
    assert score.score == pytest.approx(published["score"], abs=0.01)
    assert score.mean == pytest.approx(published["confidence_mean"], abs=0.01)
    assert score.ci95 == pytest.approx(published["confidence_var"], abs=0.01) and score.ci95 > 0
    assert "|bs:200|seed:12345|" in score.signature and score.p_value is None
    assert "(μ = " in score.line()


def test_the_paired_test_tells_a_real_difference_from_noise():
    good = list(REFERENCES)
    nearly = [*REFERENCES[:-1], degraded(REFERENCES[-1:])[0]]
    systems = compare_systems(
        [("reference", good), ("one sentence worse", nearly), ("every sentence worse", degraded(good))],
        REFERENCES,
        names=("chrF++", "TER"),
        n_bootstrap=300,
    )
    assert [s.system for s in systems] == ["reference", "one sentence worse", "every sentence worse"]
    assert systems[0].scores["chrF++"].p_value is None  # the baseline
    assert systems[1].scores["chrF++"].p_value > 0.05
    assert systems[2].scores["chrF++"].p_value < 0.01
    assert systems[2].scores["TER"].score > systems[0].scores["TER"].score == 0


def test_sentence_scores_never_include_bleu():
    scores = sentence_scores("La réunion a eu lieu.", "La réunion a eu lieu.")
    assert scores["TER"].score == 0 and scores["chrF"].score == 100
    assert scores["chrF"].signature == str(_used(CHRF()).get_signature())
    with pytest.raises(ValueError, match="sentence BLEU"):
        sentence_scores("a", "a", ("BLEU",))


def _used(metric):
    metric.sentence_score("x", ["x"])  # a signature needs the number of references
    return metric


@pytest.mark.parametrize(
    ("xs", "ys", "rho"),
    [
        ([1, 2, 3, 4], [10, 20, 30, 40], 1.0),
        ([1, 2, 3, 4], [4, 3, 2, 1], -1.0),
        ([1, 2, 2, 3], [1, 2, 3, 4], 0.949),  # ties share their mean rank
        ([1, 2], [1, 2], None),  # too few
        ([1, 1, 1], [1, 2, 3], None),  # no variation
    ],
)
def test_spearman(xs, ys, rho):
    assert spearman(xs, ys) == rho


def test_post_edit_effort_groups_and_ranks_entries():
    pairs = [
        Pair("fr", "a", "a.po:3", "One.", "Un.", "Un.", "apertium", "Alice", 0.9),
        Pair("fr", "a", "a.po:7", "Two.", "Deux chats.", "Deux.", "apertium", "Bob", 0.5),
        Pair("fr", "b", "b.po:3", "Three.", "Trois bleu.", "Trois.", "apertium", "Bob", 0.4),
    ]
    effort = post_edit_effort(pairs)
    assert effort.language["fr"].entries == 3 and effort.language["fr"].edited == 2
    assert effort.reviewer["Alice"].scores["TER"].score == 0
    assert set(effort.article) == {"fr/a", "fr/b"} and set(effort.engine) == {"fr/apertium"}
    assert [e.ref for e in effort.entries][0] != "a.po:3"  # most edited first
    assert effort.quality_vs_effort_spearman < 0  # lower estimate, more editing
    assert all(s.signature for e in effort.entries for s in e.scores.values())


def test_a_report_survives_a_snapshot_and_old_snapshots_still_read():
    effort = post_edit_effort([Pair("es", "a", "a.po:3", "One.", "Uno.", "Una.", "apertium", "Ana", 0.7)])
    (system,) = compare_systems([("apertium", degraded(REFERENCES))], REFERENCES, n_bootstrap=50)
    report = ScoreReport(
        git_commit=None,
        glossary_version="abc",
        engines=["apertium:eng-spa:1"],
        languages={
            "es": LanguageReport(
                {"reviewed": 1}, effort.language["es"], 0.7, glossary=GlossaryAdherence(4, 3)
            )
        },
        articles={},
        post_edit=effort,
        snapshot=3,
    )
    assert ScoreReport.from_dict(json.loads(json.dumps(report.as_dict()))) == report
    assert report.languages["es"].glossary.percent == 75.0
    assert system.scores["BLEU"].ci95 is not None
    old = {  # written by l10n 0.1: bare numbers
        "languages": {
            "fr": {"states": {"reviewed": 2}, "post_edit": {"entries": 2, "edited": 1, "TER": 12.5}}
        },
        "post_edit": {"reviewer": {"Alice": {"entries": 2, "edited": 1, "TER": 12.5, "chrF++": 80.0}}},
    }
    parsed = ScoreReport.from_dict(old)
    assert parsed.languages["fr"].post_edit.scores["TER"].score == 12.5
    assert parsed.post_edit.reviewer["Alice"].scores["chrF++"].signature == ""


def test_quality_estimate_falls_with_bad_signals():
    from l10n.scoring import risk

    clean = {"unknown_rate": 0.0, "leftover_rate": 0.0, "length_ratio": 0.1, "round_trip": 0.6}
    assert risk.quality({**clean, "unknown_rate": 0.2}) < risk.quality(clean)
    assert risk.quality({**clean, "leftover_rate": 0.2}) < risk.quality(clean)
    assert risk.quality({**clean, "round_trip": 0.3}) < risk.quality(clean)


def test_the_estimate_round_trips_through_the_engine_the_registry_chooses():
    engine = estimate.reverse_engine(Config(), "es", "en")
    assert engine.name == "apertium"  # no Argos package here: the fallback
    source = "The meeting was held in Madrid on Monday."
    good, bad = estimate.estimate(
        engine,
        Glossary([]),
        "en",
        "es",
        [(source, "La reunión se celebró en Madrid el lunes.", []), (source, "Xyzzy plugh frobnicar.", [])],
    )
    assert good.quality > 0.5 > bad.quality
    assert "Madrid" in good.round_trip and good.failed_checks == ()
    assert "apertium" in estimate.method(engine, "es", "en")


def test_the_estimate_engine_follows_the_configuration(project):
    config_path = project / "l10n.toml"
    config_path.write_text(
        config_path.read_text().replace("[engines.languages]\n", '[engines.languages]\nen = "argos"\n')
    )
    with pytest.raises(EngineError, match="argos"):
        estimate.reverse_engine(Project.open(project).config, "es", "en")
    run_l10n("translate", "--lang", "es", "--article", _one_article(project), project=project)
    report = json.loads(run_l10n("score", "--lang", "es", "--format", "json", project=project).stdout)
    quality = report["languages"]["es"]["quality_estimation"]
    assert quality["estimated"] == 0 and "argos" in quality["skipped"]


def _one_article(project) -> str:
    return sorted(project.glob("articles/en/*.md"))[0].stem


def test_unknown_metrics_are_refused():
    with pytest.raises(ValueError):
        new_metric("METEOR")
