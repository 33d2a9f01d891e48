"""Pure metric functions on sacrebleu's public API: texts in, :class:`Score` values out.

Every score carries its sacrebleu signature, so a number is never shown without the
settings that produced it. Confidence intervals and p-values come from
``sacrebleu.significance.PairedTest`` (paired bootstrap resampling), whose ``Result``
objects expose them publicly; a single system is a test with no contender.
BLEU is only ever computed on whole corpora: on one sentence it means nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric
from sacrebleu.significance import PairedTest, Result

from l10n.scoring.report import Score, SystemScores

N_BOOTSTRAP = 1000
CORPUS_METRICS = ("BLEU", "chrF++", "TER")
EFFORT_METRICS = ("chrF++", "TER")
SENTENCE_METRICS = ("TER", "chrF")  # never sentence BLEU


def new_metric(name: str) -> Metric:
    """A fresh sacrebleu metric for one of our metric names (instances cache references)."""
    if name == "BLEU":
        return BLEU()
    if name == "chrF++":
        return CHRF(word_order=2)
    if name == "chrF":
        return CHRF()
    if name == "TER":
        return TER()
    raise ValueError(f"unknown metric {name!r}")


def corpus_scores(
    hypotheses: Sequence[str], references: Sequence[str], names: Sequence[str] = CORPUS_METRICS
) -> dict[str, Score]:
    """Corpus-level scores of one system against one reference per segment."""
    scores = {}
    for name in names:
        metric = new_metric(name)
        result = metric.corpus_score(list(hypotheses), [list(references)])
        scores[name] = Score(result.name, round(result.score, 2), str(metric.get_signature()))
    return scores


def sentence_scores(
    hypothesis: str, reference: str, names: Sequence[str] = SENTENCE_METRICS
) -> dict[str, Score]:
    """Scores of one sentence against its reference (TER and chrF; never BLEU)."""
    if "BLEU" in names:
        raise ValueError("sentence BLEU is meaningless; use chrF or TER")
    scores = {}
    for name in names:
        metric = new_metric(name)
        result = metric.sentence_score(hypothesis, [reference])
        scores[name] = Score(result.name, round(result.score, 2), str(metric.get_signature()))
    return scores


def chrf_similarity(hypothesis: str, reference: str) -> float:
    """Sentence chrF as a fraction (0 to 1): how close a round trip or a second draft is."""
    return sentence_scores(hypothesis, reference, ("chrF",))["chrF"].score / 100


def compare_systems(
    systems: Sequence[tuple[str, Sequence[str]]],
    references: Sequence[str],
    names: Sequence[str] = CORPUS_METRICS,
    n_bootstrap: int = N_BOOTSTRAP,
) -> list[SystemScores]:
    """Each system's corpus scores with a bootstrap 95 % interval, and for every system but
    the first a paired bootstrap test against the first (the baseline)."""
    if not systems:
        return []
    scores: list[dict[str, Score]] = [{} for _ in systems]
    for name in names:
        # One test per metric, so each result column is unambiguously this metric.
        test = PairedTest(
            [(system, list(hyps)) for system, hyps in systems],
            {name: new_metric(name)},
            [list(references)],
            test_type="bs",
            n_samples=n_bootstrap,
        )
        signatures, columns = test()
        (column,) = [key for key in columns if key != "System"]
        signature = str(signatures[column])
        results = [r for r in columns[column] if isinstance(r, Result)]  # the rest are names
        for index, result in zip(range(len(systems)), results, strict=True):
            scores[index][name] = Score(
                column,
                round(float(result.score), 2),
                signature,
                mean=_rounded(result.mean, 2),
                ci95=_rounded(result.ci, 2),
                p_value=_rounded(result.p_value, 4),
            )
    return [SystemScores(system, score) for (system, _), score in zip(systems, scores, strict=True)]


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rank correlation (ties share their mean rank); None when undefined."""
    if len(xs) != len(ys):
        raise ValueError("spearman needs two sequences of the same length")
    if len(xs) < 3:
        return None
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return round(cov / (vx * vy), 3) if vx and vy else None


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2
        i = j + 1
    return ranks
