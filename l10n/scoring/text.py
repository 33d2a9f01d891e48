"""The score report as lines of text for ``l10n score``: every score with its signature,
in sacrebleu's own notation (``chrF2++|nrefs:1|…|version:2.6.0 = 63.20``)."""

from __future__ import annotations

from collections.abc import Iterator

from l10n.scoring.report import LanguageReport, ReferenceReport, ScoreReport


def report_lines(report: ScoreReport) -> Iterator[str]:
    commit, version = report.git_commit or "-", report.glossary_version or "-"
    yield f"snapshot {report.snapshot or '-'}  commit {commit}  glossary {version}"
    for language, data in report.languages.items():
        yield ""
        yield from language_lines(language, data)
    entries = report.post_edit.entries
    rho = report.post_edit.quality_vs_effort_spearman
    if rho is not None and entries:
        yield ""
        ter = entries[0].scores["TER"]
        yield f"quality estimate vs post-edit {ter.name}|{ter.signature} of each reviewed entry:"
        yield f"  Spearman's rho {rho} over {sum(e.quality is not None for e in entries)} entries"


def language_lines(language: str, data: LanguageReport) -> Iterator[str]:
    states = ", ".join(f"{state} {count}" for state, count in sorted(data.states.items()))
    yield f"{language}: {states or 'no entries'}"
    effort = data.post_edit
    if effort:
        yield f"  post-edit effort ({effort.entries} reviewed, {effort.edited} edited):"
        for score in effort.scores.values():
            yield f"    {score.line()}"
    estimated = data.quality_estimation
    if estimated and estimated.skipped:
        yield f"  quality estimate skipped: {estimated.skipped}"
    elif estimated and estimated.estimated:
        yield f"  quality estimate: {estimated.estimated} drafts estimated by {estimated.method}"
    if data.quality_mean is not None:
        yield f"  quality estimate (mean of all drafts): {data.quality_mean}"
    glossary = data.glossary
    if glossary and glossary.percent is not None:
        share, count = glossary.percent, glossary.entries_with_terms
        yield f"  glossary adherence: {share} % of {count} entries with terms"
    if data.reference:
        yield from reference_lines(data.reference)


def reference_lines(reference: ReferenceReport) -> Iterator[str]:
    yield (
        f"  against {reference.reference_set} ({reference.sentences} sentences;"
        f" 95 % bootstrap intervals, {reference.test} against the first, {reference.samples} samples):"
    )
    for system in reference.systems:
        yield f"    {system.system}:"
        for score in system.scores.values():
            yield f"      {score.line()}"
    estimate = reference.quality_estimate
    if estimate:
        yield f"  quality estimate of {estimate.system} vs sentence chrF2|{estimate.chrf_signature}:"
        left = f" (not the {estimate.left_out} it was fitted on)" if estimate.left_out else ""
        yield f"    Spearman's rho {estimate.spearman} over {estimate.sentences} sentences{left}"
        if estimate.worst_quarter is not None:
            yield (
                f"    worst quarter by chrF in the estimate's riskiest quarter: "
                f"{estimate.worst_quarter} of {estimate.quarter}"
            )
        yield f"    estimated by {estimate.method}"
