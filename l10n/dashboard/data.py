"""The dashboard's numbers, taken from score reports: trend values, one summary row per
snapshot and language scored, the CSV, and JSON that is safe inside a <script> element."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from l10n.model import AWAITING_REVIEW, State
from l10n.scoring.report import EffortGroup, LanguageReport, Score, ScoreReport


def _effort(metric: str) -> Callable[[LanguageReport], Score | None]:
    def read(language: LanguageReport) -> Score | None:
        group: EffortGroup | None = language.post_edit
        return group.scores.get(metric) if group else None

    return read


def _reference_chrf(language: LanguageReport) -> Score | None:
    reference = language.reference
    return reference.systems[0].scores.get("chrF++") if reference and reference.systems else None


SCORES: dict[str, Callable[[LanguageReport], Score | None]] = {
    "post_edit_TER": _effort("TER"),
    "post_edit_chrF": _effort("chrF++"),
    "reference_chrF": _reference_chrf,
}


def _quality(language: LanguageReport) -> float | None:
    return None if language.quality_mean is None else round(100 * language.quality_mean, 1)


def _glossary(language: LanguageReport) -> float | None:
    return language.glossary.percent if language.glossary else None


def _value(read: Callable[[LanguageReport], Score | None]) -> Callable[[LanguageReport], float | None]:
    def value(language: LanguageReport) -> float | None:
        score = read(language)
        return score.score if score else None

    return value


TREND_METRICS: dict[str, Callable[[LanguageReport], float | None]] = {
    "post-edit chrF++": _value(SCORES["post_edit_chrF"]),
    "post-edit TER": _value(SCORES["post_edit_TER"]),
    "reference chrF++": _value(SCORES["reference_chrF"]),
    "quality estimate (×100)": _quality,
    "glossary adherence %": _glossary,
}
CSV_COLUMNS = [
    "snapshot", "taken_at", "git_commit", "language", State.REVIEWED, State.APPROVED, "awaiting_review",
    "post_edit_TER", "post_edit_chrF", "reference_chrF", "quality_mean", "glossary_percent",
]  # fmt: skip


def summary_row(report: ScoreReport, language: str) -> dict[str, Any]:
    """One language of one snapshot; the language must have been scored in it."""
    data = report.languages[language]
    states = data.states
    return {
        "snapshot": report.snapshot,
        "taken_at": report.taken_at,
        "git_commit": report.git_commit or "",
        "language": language,
        State.REVIEWED.value: states.get(State.REVIEWED, 0),
        State.APPROVED.value: states.get(State.APPROVED, 0),
        "awaiting_review": sum(states.get(s, 0) for s in AWAITING_REVIEW),
        **{key: _value(read)(data) for key, read in SCORES.items()},
        "quality_mean": data.quality_mean,
        "glossary_percent": _glossary(data),
    }


def snapshot_rows(report: ScoreReport, languages: list[str]) -> list[dict[str, Any]]:
    """Rows for the languages this snapshot scored (among those shown), none for others."""
    return [summary_row(report, language) for language in languages if language in report.languages]


def latest_per_language(reports: list[ScoreReport], languages: list[str]) -> dict[str, ScoreReport]:
    """For each language, the newest snapshot that scored it."""
    latest: dict[str, ScoreReport] = {}
    for report in reports:
        for language in languages:
            if language in report.languages:
                latest[language] = report
    return {language: latest[language] for language in languages if language in latest}


def signatures(reports: dict[str, ScoreReport]) -> dict[str, str]:
    """The signature of each summary score, as ``column → name|signature``."""
    found = {}
    for language, report in reports.items():
        for key, read in SCORES.items():
            score = read(report.languages[language])
            if score and score.signature and key not in found:
                found[key] = f"{score.name}|{score.signature}"
    return found


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def csv_text(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()
