"""Engines on reference sets: each available engine translates a language's reference
sources as the pipeline does (glossary enforced, local typography), and is scored with
bootstrap intervals and a paired test against the engine the pipeline would use. The
quality estimate of that engine's drafts is compared with their chrF (Spearman)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from l10n.engines import ENGINES, Engine, EngineError, choose_engine, load_engine
from l10n.fixes import Context as FixContext
from l10n.fixes import apply_fixes
from l10n.glossary import Glossary
from l10n.glossary.enforce import Enforcer
from l10n.project import Project
from l10n.references import read_reference_set
from l10n.scoring import estimate
from l10n.scoring.metrics import N_BOOTSTRAP, compare_systems, sentence_scores, spearman
from l10n.scoring.report import EstimateCorrelation, ReferenceReport
from l10n.typography import localise


def translate_as_pipeline(
    engine: Engine, glossary: Glossary, sources: list[str], source_language: str, language: str
) -> list[tuple[str, list[str]]]:
    """``(draft, unenforced terms)`` per source, made the way ``l10n translate`` makes them."""
    enforcer = Enforcer(glossary, language)
    protected = [enforcer.protect(s) for s in sources]
    outputs = engine.translate_batch([p.text for p in protected], source_language, language)
    context = FixContext(language, glossary, enforcer.matcher, source_language)
    drafts = []
    for shielded, output, source in zip(protected, outputs, sources, strict=True):
        enforced = enforcer.restore(shielded, output, source)
        fixed = apply_fixes(source, enforced.text, context)
        drafts.append((localise(fixed.text, language), enforced.unenforced))
    return drafts


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
    first_drafts: list[tuple[str, list[str]]] = []
    for engine in _engines(project, source_language, language):
        label = f"{engine.name} ({engine.route(source_language, language)})"
        drafts = translate_as_pipeline(engine, glossary, sources, source_language, language)
        first_drafts = first_drafts or drafts
        systems.append((label, [text for text, _ in drafts]))
        if engine.name == "apertium" and glossary.concepts:
            raw = engine.translate_batch(sources, source_language, language)
            systems.append((f"{label[:-1]}, no glossary)", raw))
    if not systems:
        return None
    return ReferenceReport(
        reference_set=project.relative(path),
        sentences=len(sources),
        systems=compare_systems(systems, references, n_bootstrap=n_bootstrap),
        samples=n_bootstrap,
        quality_estimate=estimate_correlation(
            project, glossary, language, systems[0][0], sources, first_drafts, references
        ),
    )


def estimate_correlation(
    project: Project,
    glossary: Glossary,
    language: str,
    system: str,
    sources: list[str],
    drafts: list[tuple[str, list[str]]],
    references: list[str],
) -> EstimateCorrelation | None:
    """Spearman's rho between each draft's quality estimate and its chrF against the
    reference: how well the estimate would rank these drafts for review."""
    source_language = project.config.source_language
    try:
        engine = estimate.reverse_engine(project.config, language, source_language)
        estimates = estimate.estimate(
            engine,
            glossary,
            source_language,
            language,
            [(source, text, unenforced) for source, (text, unenforced) in zip(sources, drafts, strict=True)],
        )
    except EngineError:
        return None
    chrf = [
        sentence_scores(text, reference, ("chrF",))["chrF"]
        for (text, _), reference in zip(drafts, references, strict=True)
    ]
    return EstimateCorrelation(
        system=system,
        sentences=len(sources),
        spearman=spearman([e.quality for e in estimates], [s.score for s in chrf]),
        method=estimate.method(engine, language, source_language),
        chrf_signature=chrf[0].signature if chrf else "",
    )
