"""``l10n score``: the orchestration. It reads the catalogs and the store, runs the
quality-estimate pass, the post-edit effort and the reference sets through the pure
functions of this package, appends a snapshot and returns a :class:`ScoreReport`.

This is the only scoring module that knows catalogs, PO entries and the store.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace

from l10n.catalog import active_entries
from l10n.checks import entry_unit
from l10n.glossary import Glossary
from l10n.glossary.check import check_translation
from l10n.glossary.matcher import Matcher
from l10n.model import State
from l10n.project import Project
from l10n.references import reference_files
from l10n.repository import Catalogs
from l10n.scoring import estimate
from l10n.scoring.effort import Pair, post_edit_effort
from l10n.scoring.reference import reference_report
from l10n.scoring.report import (
    ArticleReport,
    GlossaryAdherence,
    LanguageReport,
    QualityEstimates,
    ScoreReport,
)
from l10n.status import summarize


def reviewed_pairs(workspace: Catalogs, languages: list[str], articles: list[str]) -> list[Pair]:
    """Every reviewed or approved entry whose machine draft the store kept."""
    project = workspace.project
    pairs = []
    for catalog, entry in workspace.entries(languages, articles):
        if not entry.state.done:
            continue
        draft = workspace.machine_draft(entry)
        if draft is None:
            continue
        who = workspace.who(State.REVIEWED, entry)
        path = project.po_path(catalog.language, catalog.article)
        pairs.append(
            Pair(
                catalog.language,
                catalog.article,
                f"{project.relative(path)}:{entry.line}",
                entry.msgid,
                draft.text,
                entry.text,
                draft.engine,
                str(who) if who else "unknown",
                draft.quality,
            )
        )
    return pairs


def estimate_drafts(
    workspace: Catalogs, glossary: Glossary, languages: list[str], articles: list[str], shared: bool = True
) -> dict[str, QualityEstimates]:
    """Estimate every stored draft still in a catalog and not estimated yet; the estimates
    are stored with the drafts (the review queue ranks by them)."""
    project = workspace.project
    source_language = project.config.source_language
    summary = {}
    for language in languages:
        drafts = workspace.store.latest_drafts(language)
        todo = []
        for _, entry in workspace.entries([language], articles):
            draft = drafts.get(entry.key)
            if draft is not None and draft.quality is None:
                todo.append((entry, draft))
        if not todo:
            summary[language] = QualityEstimates(0)
            continue
        try:
            engine = estimate.reverse_engine(project.config, language, source_language)
            matcher = Matcher(glossary)
            items = [(e.msgid, d.text, entry_unit(e, glossary, matcher)) for e, d in todo]
            second = estimate.second_engine(project.config, language, source_language)
            estimates = estimate.estimate(engine, glossary, source_language, language, items, second)
        except estimate.EngineError as exc:
            summary[language] = QualityEstimates(0, skipped=str(exc))
            continue
        workspace.store.set_qualities(
            [
                (draft.id, result.quality, json.dumps(result.detail()))
                for (_, draft), result in zip(todo, estimates, strict=True)
            ],
            shared=shared,
        )
        summary[language] = QualityEstimates(
            len(todo), estimate.method(engine, language, source_language, second)
        )
    return summary


def glossary_adherence(
    project: Project, glossary: Glossary, language: str, articles: list[str]
) -> GlossaryAdherence:
    matcher = Matcher(glossary)
    with_terms = passing = 0
    for po_entry in (e for article in articles for e in active_entries(project.po_path(language, article))):
        if not po_entry.msgstr or not matcher.find(po_entry.msgid):
            continue
        with_terms += 1
        passing += not check_translation(glossary, matcher, po_entry.msgid, po_entry.msgstr, language)
    return GlossaryAdherence(with_terms, passing)


def git_commit(project: Project) -> str | None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=project.root, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def score(
    project: Project, glossary: Glossary, languages: list[str], articles: list[str], snapshot: bool = True
) -> ScoreReport:
    """Score the selected languages and articles and, unless ``snapshot`` is False, append a
    snapshot of exactly those to the history; return the report (with its snapshot id)."""
    references = reference_files(project.root)
    with Catalogs(project) as workspace:
        estimated = estimate_drafts(workspace, glossary, languages, articles, shared=snapshot)
        effort = post_edit_effort(reviewed_pairs(workspace, languages, articles))
        drafts = {language: workspace.store.latest_drafts(language) for language in languages}
        states: dict[str, dict[str, int]] = {language: {} for language in languages}
        article_reports = {}
        for row in (r.as_dict() for r in summarize(project, languages, articles)):
            language, article = row["language"], row["article"]
            key = f"{language}/{article}"
            qualities = [
                d.quality for k, d in drafts[language].items() if k[1] == article and d.quality is not None
            ]
            article_reports[key] = ArticleReport(row["states"], effort.article.get(key), _mean(qualities))
            for state, count in row["states"].items():
                states[language][state] = states[language].get(state, 0) + count
        language_reports = {}
        engines: set[str] = set()
        for language in languages:
            qualities = [d.quality for d in drafts[language].values() if d.quality is not None]
            language_reports[language] = LanguageReport(
                states=dict(sorted(states[language].items())),
                post_edit=effort.language.get(language),
                quality_mean=_mean(qualities),
                quality_estimation=estimated[language],
                glossary=glossary_adherence(project, glossary, language, articles),
                reference=(
                    reference_report(project, glossary, language, references[language])
                    if language in references
                    else None
                ),
            )
            engines |= {f"{d.engine}:{d.route}:{d.engine_version}" for d in drafts[language].values()}
        report = ScoreReport(
            git_commit=git_commit(project),
            glossary_version=glossary.version,
            engines=sorted(engines),
            languages=language_reports,
            articles=article_reports,
            post_edit=effort,
        )
        if not snapshot:
            return report
        data = report.as_dict()
        del data["snapshot"]  # the store gives the id (and keeps the time)
        snapshot_id = workspace.store.add_snapshot(
            report.git_commit,
            glossary.version,
            json.dumps(report.engines),
            json.dumps(data, ensure_ascii=False),
        )
    return replace(report, snapshot=snapshot_id)
