"""``l10n dashboard``: a static site (``reports/dashboard/``) from the score snapshots and
the catalogs — progress by review state, scores and their trends over time, glossary
adherence, the riskiest entries, engine comparison and per-reviewer effort — plus
``scores.json`` and ``scores.csv``. Self-contained (no CDN), it opens from disk or any
static host.

Everything that comes from a PO file or glossary is translators' text, i.e. untrusted:
Jinja2 autoescapes the HTML, and the JSON embedded in the page has ``<``, ``>`` and ``&``
written as ``\\u003c`` and so on, so no text can close the script element.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from l10n.dashboard.charts import STATE_COLOURS, line_chart, stacked_bars
from l10n.dashboard.data import (
    TREND_METRICS,
    csv_text,
    latest_per_language,
    script_json,
    signatures,
    snapshot_rows,
    summary_row,
)
from l10n.fileio import atomic_write
from l10n.glossary import Glossary
from l10n.project import Project
from l10n.repository import Catalogs
from l10n.review import QueueItem, build_queue, reason_kind
from l10n.scoring.report import ScoreReport
from l10n.status import summarize
from l10n.store import Store


def stored_reports(store: Store) -> list[ScoreReport]:
    """Every snapshot, oldest first, as the report it was made from."""
    return [
        ScoreReport.from_dict({**json.loads(data), "snapshot": id_, "taken_at": taken_at})
        for id_, taken_at, _commit, _glossary, _engines, data in store.snapshots()
    ]


def _time(report: ScoreReport) -> datetime:
    return datetime.strptime(report.taken_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def build_dashboard(project: Project, glossary: Glossary, languages: list[str], articles: list[str]) -> Path:
    out = project.inside("reports", "dashboard")
    with Catalogs(project) as workspace:
        reports = stored_reports(workspace.store)
        queue = build_queue(workspace, glossary, languages, articles)
    states: dict[str, dict[str, int]] = {}
    for row in (r.as_dict() for r in summarize(project, languages, articles)):
        bucket = states.setdefault(row["language"], {})
        for state, count in row["states"].items():
            bucket[state] = bucket.get(state, 0) + count
    times = [_time(report) for report in reports]
    trends = [
        line_chart(
            name,
            times,
            {
                lang: [metric(r.languages[lang]) if lang in r.languages else None for r in reports]
                for lang in languages
            },
        )
        for name, metric in TREND_METRICS.items()
    ]
    latest = latest_per_language(reports, languages)
    newest = reports[-1] if reports else None
    summary = [summary_row(report, language) for language, report in latest.items()]
    data: dict[str, Any] = {
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "languages": languages,
        "states": states,
        "snapshots": [
            {
                "id": r.snapshot,
                "taken_at": r.taken_at,
                "git_commit": r.git_commit,
                "rows": snapshot_rows(r, languages),
            }
            for r in reports
        ],
        "latest": summary,
        "signals": signal_counts(queue),
    }
    template_dir = resources.files("l10n.dashboard") / "templates"
    environment = Environment(
        loader=FileSystemLoader(str(template_dir)), autoescape=select_autoescape(["html", "j2"])
    )
    html = environment.get_template("index.html.j2").render(
        data=data,
        data_json=script_json(data),
        states=states,
        state_names=list(STATE_COLOURS),
        progress_chart=stacked_bars(states),
        trends=trends,
        newest=newest,
        latest=latest,
        summary=summary,
        signatures=signatures(latest),
        queue=queue[:25],
        queue_size=len(queue),
        signals=data["signals"],
        signal_kinds=sorted({kind for counts in data["signals"].values() for kind in counts}),
        worst_post_edits=newest.post_edit.entries[:15] if newest else [],
        reviewers=newest.post_edit.reviewer if newest else {},
        project_name=project.root.name,
    )
    atomic_write(out / "index.html", html)
    for asset in ("dashboard.css", "dashboard.js"):
        atomic_write(
            out / "assets" / asset, (resources.files("l10n.dashboard") / "assets" / asset).read_bytes()
        )
    atomic_write(out / "scores.json", json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    atomic_write(out / "scores.csv", csv_text([row for s in data["snapshots"] for row in s["rows"]]))
    return out / "index.html"


def signal_counts(queue: list[QueueItem]) -> dict[str, dict[str, int]]:
    """Per language, how many entries awaiting review each kind of reason (a check, a
    rejection, a low estimate) flags."""
    counts: dict[str, dict[str, int]] = {}
    for item in queue:
        bucket = counts.setdefault(item.language, {})
        for kind in dict.fromkeys(reason_kind(reason) for reason in item.reasons):
            bucket[kind] = bucket.get(kind, 0) + 1
    return counts
