"""Engines on reference sets: each available engine translates a language's reference
sources as the pipeline does (glossary enforced, local typography), and is scored with
bootstrap intervals and a paired test against the engine the pipeline would use. The
quality estimate of that engine's drafts is compared with their chrF (Spearman)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from l10n.drafting import translate_as_pipeline
from l10n.engines import ENGINES, Engine, EngineError, choose_engine, load_engine
from l10n.engines.second_route import second_opinion
from l10n.glossary import Glossary
from l10n.glossary.matcher import Matcher
from l10n.project import Project
from l10n.references import extra_set, read_reference_set
from l10n.scoring import estimate, risk
from l10n.scoring.metrics import N_BOOTSTRAP, compare_systems, sentence_scores, spearman
from l10n.scoring.report import EstimateCorrelation, ReferenceReport


def _engines(project: Project, source_language: str, language: str) -> list[Engine]:
    """The engine the pipeline would choose first, then every other one that can run."""
    engines = []
    with contextlib.suppress(EngineError):  # none chosen: still compare those that run
        engines.append(choose_engine(project.config, source_language, language))
    for name in ENGINES:
        if all(engine.name != name for engine in engines):
            engine = load_engine(name, project.config)
            if engine.supports(source_language, language):
                engines.append(engine)
    return engines


def reference_report(
    project: Project, glossary: Glossary, language: str, path: Path, n_bootstrap: int = N_BOOTSTRAP
) -> ReferenceReport | None:
    pairs = read_reference_set(path)
    sources = [s for s, _ in pairs]
    references = [r for _, r in pairs]
    source_language = project.config.source_language
    systems: list[tuple[str, list[str]]] = []
    first: Engine | None = None
    for engine in _engines(project, source_language, language):
        label = f"{engine.name} ({engine.route(source_language, language)})"
        drafts = translate_as_pipeline(engine, glossary, sources, source_language, language)
        first = first or engine
        systems.append((label, [d.text for d in drafts]))
        if engine.name == "apertium" and glossary.concepts:
            raw = engine.translate_batch(sources, source_language, language)
            systems.append((f"{label[:-1]}, no glossary)", raw))
    if not systems or first is None:
        return None
    extra = extra_set(path)
    held = pairs + (read_reference_set(extra) if extra else [])
    return ReferenceReport(
        reference_set=project.relative(path),
        sentences=len(sources),
        systems=compare_systems(systems, references, n_bootstrap=n_bootstrap),
        samples=n_bootstrap,
        quality_estimate=estimate_correlation(project, glossary, language, first, systems[0][0], held),
    )


def estimate_correlation(
    project: Project,
    glossary: Glossary,
    language: str,
    engine: Engine,
    system: str,
    pairs: list[tuple[str, str]],
) -> EstimateCorrelation | None:
    """Spearman's rho between each draft's quality estimate and its chrF against the
    reference, over the sentences the estimate was not fitted on: how well it would rank
    these drafts for review. Also: how many of the worst quarter of drafts by chrF the
    estimate ranks in its riskiest quarter."""
    source_language = project.config.source_language
    fitted = risk.calibration_sources()
    held = [(s, r) for s, r in pairs if risk.source_hash(s) not in fitted]
    if not held:
        return None
    sources = [s for s, _ in held]
    drafts = translate_as_pipeline(engine, glossary, sources, source_language, language)
    matcher = Matcher(glossary)
    try:
        reverse = estimate.reverse_engine(project.config, language, source_language)
        items = [
            (s, d.text, d.unit(language, glossary, matcher)) for s, d in zip(sources, drafts, strict=True)
        ]
        second = second_opinion(engine, source_language, language)
        estimates = estimate.estimate(reverse, glossary, source_language, language, items, second)
    except EngineError:
        return None
    chrf = [
        sentence_scores(d.text, reference, ("chrF",))["chrF"]
        for d, (_, reference) in zip(drafts, held, strict=True)
    ]
    qualities = [e.quality for e in estimates]
    return EstimateCorrelation(
        system=system,
        sentences=len(held),
        spearman=spearman(qualities, [s.score for s in chrf]),
        method=estimate.method(reverse, language, source_language, second),
        chrf_signature=chrf[0].signature if chrf else "",
        left_out=len(pairs) - len(held),
        worst_quarter=worst_quarter_recall(qualities, [s.score for s in chrf]),
        quarter=len(held) // 4,
    )


def worst_quarter_recall(estimates: list[float], chrf: list[float]) -> int:
    """How many of the quarter of drafts with the lowest chrF are among the quarter the
    estimate ranks lowest (ties broken by position)."""
    quarter = len(chrf) // 4
    worst = set(sorted(range(len(chrf)), key=lambda i: (chrf[i], i))[:quarter])
    riskiest = set(sorted(range(len(estimates)), key=lambda i: (estimates[i], i))[:quarter])
    return len(worst & riskiest)
