"""``l10n dashboard``: a static site (``reports/dashboard/``) from the state store and the
catalogs — progress by review state, scores and their trends, glossary adherence, the
worst entries, engine comparison and per-reviewer effort — plus ``scores.json`` and
``scores.csv``. Self-contained (no CDN), it opens from disk or any static host.

Everything that comes from a PO file or glossary is translators' text, i.e. untrusted:
Jinja2 autoescapes the HTML, and the JSON embedded in the page has ``<``, ``>`` and ``&``
written as ``\\u003c`` and so on, so no text can close the script element.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from l10n.dashboard.charts import STATE_COLOURS, line_chart, stacked_bars
from l10n.fileio import atomic_write
from l10n.glossary import Glossary
from l10n.project import Project
from l10n.repository import Catalogs
from l10n.review import build_queue
from l10n.status import summarize

TREND_METRICS = {
    "post-edit chrF++": lambda lang: (lang.get("post_edit") or {}).get("chrF++"),
    "post-edit TER": lambda lang: (lang.get("post_edit") or {}).get("TER"),
    "reference chrF++": lambda lang: _reference(lang, "chrF++"),
    "quality estimate (×100)": lambda lang: (
        None if lang.get("quality_mean") is None else round(100 * lang["quality_mean"], 1)
    ),
    "glossary adherence %": lambda lang: (lang.get("glossary") or {}).get("percent"),
}
CSV_COLUMNS = [
    "snapshot", "taken_at", "git_commit", "language", "reviewed", "approved", "awaiting_review",
    "post_edit_TER", "post_edit_chrF", "reference_chrF", "quality_mean", "glossary_percent",
]  # fmt: skip


def _reference(language_data: dict, metric: str) -> float | None:
    reference = language_data.get("reference") or {}
    systems = reference.get("systems") or []
    return systems[0]["scores"][metric]["score"] if systems else None


def script_json(data) -> str:
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


def _summary_row(snapshot: dict, language: str) -> dict:
    data = snapshot["languages"].get(language, {})
    states = data.get("states", {})
    return {
        "snapshot": snapshot["id"],
        "taken_at": snapshot["taken_at"],
        "git_commit": snapshot["git_commit"] or "",
        "language": language,
        "reviewed": states.get("reviewed", 0),
        "approved": states.get("approved", 0),
        "awaiting_review": sum(states.get(s, 0) for s in ("machine-draft", "needs-review", "rejected")),
        "post_edit_TER": TREND_METRICS["post-edit TER"](data),
        "post_edit_chrF": TREND_METRICS["post-edit chrF++"](data),
        "reference_chrF": TREND_METRICS["reference chrF++"](data),
        "quality_mean": data.get("quality_mean"),
        "glossary_percent": TREND_METRICS["glossary adherence %"](data),
    }


def build_dashboard(project: Project, glossary: Glossary, languages: list[str], articles: list[str]) -> Path:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    out = project.inside("reports", "dashboard")
    with Catalogs(project) as workspace:
        snapshots = [
            {
                "id": row[0],
                "taken_at": row[1],
                "git_commit": row[2],
                "glossary": row[3],
                "engines": json.loads(row[4]),
                **json.loads(row[5]),
            }
            for row in workspace.store.snapshots()
        ]
        queue = build_queue(workspace, glossary, languages, articles)
    states = {}
    for row in (r.as_dict() for r in summarize(project, languages, articles)):
        bucket = states.setdefault(row["language"], {})
        for state, count in row["states"].items():
            bucket[state] = bucket.get(state, 0) + count
    latest = snapshots[-1] if snapshots else None
    labels = [f"#{s['id']}" for s in snapshots]
    trends = [
        line_chart(
            name,
            labels,
            {lang: [metric(s["languages"].get(lang, {})) for s in snapshots] for lang in languages},
        )
        for name, metric in TREND_METRICS.items()
    ]
    summary = [_summary_row(latest, lang) for lang in languages] if latest else []
    data = {
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "languages": languages,
        "states": states,
        "snapshots": [
            {
                "id": s["id"],
                "taken_at": s["taken_at"],
                "git_commit": s["git_commit"],
                "rows": [_summary_row(s, lang) for lang in languages],
            }
            for s in snapshots
        ],
        "latest": summary,
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
        latest=latest,
        summary=summary,
        queue=queue[:25],
        queue_size=len(queue),
        worst_post_edits=(latest or {}).get("post_edit", {}).get("entries", [])[:15],
        reviewers=(latest or {}).get("post_edit", {}).get("reviewer", {}),
        project_name=project.root.name,
    )
    atomic_write(out / "index.html", html)
    for asset in ("dashboard.css", "dashboard.js"):
        atomic_write(
            out / "assets" / asset, (resources.files("l10n.dashboard") / "assets" / asset).read_bytes()
        )
    atomic_write(out / "scores.json", json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    atomic_write(out / "scores.csv", _csv([row for s in data["snapshots"] for row in s["rows"]]))
    return out / "index.html"


def _csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()
