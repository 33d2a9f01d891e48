"""Scores, snapshots and the dashboard, opened in a real headless Chromium."""

import json
import re
from pathlib import Path

import pytest

from conftest import REPO, run_l10n
from l10n.review import reason_kind
from support.browser import Chromium

MALICIOUS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> </script><b>bold</b>'


@pytest.fixture(scope="module")
def browser():
    chromium = Chromium()
    yield chromium
    chromium.close()


def reviewed_project(project: Path) -> Path:
    (project / "glossaries" / "diplomatic.tbx").write_bytes(
        (REPO / "glossaries" / "diplomatic.tbx").read_bytes()
    )
    run_l10n("translate", "--lang", "fr,es", project=project)
    queue = json.loads(run_l10n("queue", "--lang", "fr", "--format", "json", project=project).stdout)
    for item in queue[:4]:
        run_l10n("approve", item["id"], "--reviewer", "Alice", project=project)
    run_l10n(
        "edit",
        queue[4]["id"],
        "--text",
        "Une traduction revue à la main.",
        "--reviewer",
        "Bob",
        project=project,
    )
    run_l10n("edit", queue[5]["id"], "--text", MALICIOUS, "--reviewer", "Mallory", project=project)
    return project


METRICS = ("BLEU", "chrF++", "TER", "chrF")


def unsigned_scores(data, where="") -> list[str]:
    """Every metric value in a JSON report that does not carry its sacrebleu signature."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in METRICS and not (
                isinstance(value, dict) and "|nrefs:" in "|" + value.get("signature", "")
            ):
                found.append(f"{where}/{key}")
            else:
                found += unsigned_scores(value, f"{where}/{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += unsigned_scores(value, f"{where}/{index}")
    return found


def unsigned_lines(text: str) -> list[str]:
    """Lines of ``l10n score`` that show a metric value without its signature."""
    metric = re.compile(r"\b(BLEU|chrF2?\+*|TER)\s*[:=]?\s*-?\d")
    return [line for line in text.splitlines() if metric.search(line) and "|nrefs:" not in line]


def test_score_reports_metrics_with_signatures_and_keeps_history(project):
    reviewed_project(project)
    first = json.loads(run_l10n("score", "--format", "json", project=project).stdout)
    fr = first["languages"]["fr"]
    assert fr["post_edit"]["entries"] == 6 and fr["post_edit"]["edited"] == 2
    assert first["post_edit"]["reviewer"]["Alice"]["TER"]["score"] == 0.0
    assert first["post_edit"]["reviewer"]["Alice"]["TER"]["signature"].startswith("nrefs:1|")
    assert unsigned_scores(first) == []
    assert fr["quality_estimation"]["estimated"] > 50
    assert first["git_commit"] is None  # works outside a git repository
    text = run_l10n("score", project=project).stdout
    assert "post-edit effort (6 reviewed, 2 edited):" in text
    assert "nrefs:1|case:lc|tok:tercom" in text  # TER signature
    assert unsigned_lines(text) == []
    second = json.loads(run_l10n("score", "--format", "json", project=project).stdout)
    snapshots = (project / "history" / "snapshots.jsonl").read_text().splitlines()
    assert len(snapshots) == 3 and json.loads(snapshots[0])["id"] == first["snapshot"]
    assert json.loads(snapshots[2])["id"] == second["snapshot"]  # appended, none overwritten
    assert "BLEU" not in json.dumps(second["post_edit"]["entries"])  # no sentence BLEU


def test_reference_scores_compare_engines_with_a_paired_test(project):
    (project / "references").mkdir()
    lines = (REPO / "tests" / "data" / "reference" / "es.tsv").read_text().splitlines()[:40]
    (project / "references" / "es.tsv").write_text("\n".join(lines) + "\n")
    extra = REPO / "tests" / "data" / "reference" / "es.extra.tsv"  # held out from the estimate's fit
    (project / "references" / "es.extra.tsv").write_bytes(extra.read_bytes())
    (project / "glossaries" / "diplomatic.tbx").write_bytes(
        (REPO / "glossaries" / "diplomatic.tbx").read_bytes()
    )
    report = json.loads(run_l10n("score", "--lang", "es", "--format", "json", project=project).stdout)
    reference = report["languages"]["es"]["reference"]
    assert reference["sentences"] == 40
    systems = [s["system"] for s in reference["systems"]]
    assert systems == ["apertium (eng-spa)", "apertium (eng-spa, no glossary)"]
    chrf = reference["systems"][0]["scores"]["chrF++"]
    assert chrf["signature"].startswith("nrefs:1|bs:1000|") and chrf["ci95"] > 0
    assert reference["baseline"] == "apertium (eng-spa)" and reference["samples"] == 1000
    p_value = reference["systems"][1]["scores"]["chrF++"]["p_value"]
    assert 0 <= p_value <= 1
    # How well the quality estimate ranks the engine's drafts of the reference sentences it
    # was not fitted on (the 40 of es.tsv were: only the 48 held-out ones count).
    estimate = reference["quality_estimate"]
    assert estimate["system"] == "apertium (eng-spa)" and estimate["sentences"] == 48
    assert estimate["left_out"] == 40 and estimate["quarter"] == 12
    assert -1 <= estimate["spearman"] <= 1 and "round trip via apertium" in estimate["method"]
    assert estimate["chrf_signature"].startswith("nrefs:1|")


def test_dashboard_renders_escapes_and_matches_its_json(project, browser):
    reviewed_project(project)
    run_l10n("score", project=project)
    run_l10n("score", project=project)
    page_path = project / run_l10n("dashboard", project=project).stdout.strip()
    html = page_path.read_text()
    assert "<script>window.__xss" not in html and "&lt;script&gt;window.__xss" in html
    embedded = html.split('<script id="scores-data" type="application/json">')[1].split("</script>")[0]
    assert "<" not in embedded

    page = browser.page()
    page.open(page_path.as_uri())
    assert page.errors == []
    assert page.evaluate("window.__xss === undefined")
    assert page.evaluate("document.querySelectorAll('img[onerror]').length") == 0
    assert page.evaluate(f"document.body.textContent.includes({json.dumps(MALICIOUS)})")
    assert page.evaluate("document.documentElement.getAttribute('data-snapshots')") == "2"
    assert page.evaluate("document.querySelectorAll('#trends svg circle').length") >= 2

    scores = json.loads((page_path.parent / "scores.json").read_text())
    assert len(scores["snapshots"]) == 2
    shown = page.evaluate(
        "Array.from(document.querySelectorAll('#scores td[data-metric]')).map(td => [td.dataset.language, td.dataset.metric, td.textContent.trim()])"
    )
    expected = [
        [row["language"], metric, "—" if row[metric] is None else str(row[metric])]
        for row in scores["latest"]
        for metric in (
            "post_edit_TER",
            "post_edit_chrF",
            "reference_chrF",
            "quality_mean",
            "glossary_percent",
        )
    ]
    assert shown == expected
    states = page.evaluate(
        "Array.from(document.querySelectorAll('#progress td[data-state]')).map(td => [td.dataset.language, td.dataset.state, Number(td.textContent)])"
    )
    assert all(scores["states"][lang].get(state, 0) == count for lang, state, count in states)
    csv_lines = (page_path.parent / "scores.csv").read_text().splitlines()
    assert (
        csv_lines[0].startswith("snapshot,taken_at,git_commit,language") and len(csv_lines) == 1 + 2 * 3
    )  # two snapshots × fr, es, it
    # Signals: per language, entries awaiting review each kind of reason flags, the same
    # counts as the queue the reviewers work from (read here through the CLI).
    queue = json.loads(run_l10n("queue", "--format", "json", project=project).stdout)
    expected_signals: dict = {}
    for item in queue:
        for kind in {reason_kind(r) for r in item["reasons"]}:
            bucket = expected_signals.setdefault(item["language"], {})
            bucket[kind] = bucket.get(kind, 0) + 1
    assert scores["signals"] == expected_signals and any(expected_signals.values())
    cells = page.evaluate(
        "Array.from(document.querySelectorAll('#signals td[data-signal]')).map(td => [td.dataset.language, td.dataset.signal, Number(td.textContent)])"
    )
    assert {(lang, kind): n for lang, kind, n in cells if n} == {
        (lang, kind): n for lang, counts in expected_signals.items() for kind, n in counts.items()
    }
    risks = page.evaluate(
        "Array.from(document.querySelectorAll('#worst td[data-risk]')).map(td => Number(td.textContent))"
    )
    assert risks == sorted(risks, reverse=True) or any("rejected" in r for i in queue for r in i["reasons"])
    screenshot = page.screenshot(project / "reports" / "dashboard" / "screenshot.png")
    assert screenshot.stat().st_size > 10_000


def test_trends_wear_series_colours_on_a_date_axis_and_snapshots_hold_only_the_languages_scored(
    project, browser
):
    reviewed_project(project)
    es_only = json.loads(run_l10n("score", "--lang", "es", "--format", "json", project=project).stdout)
    assert sorted(es_only["languages"]) == ["es"]
    run_l10n("score", project=project)
    page_path = project / run_l10n("dashboard", project=project).stdout.strip()
    scores = json.loads((page_path.parent / "scores.json").read_text())
    assert [[row["language"] for row in s["rows"]] for s in scores["snapshots"]] == [
        ["es"],
        ["fr", "es", "it"],
    ]
    csv_lines = (page_path.parent / "scores.csv").read_text().splitlines()
    assert [line.split(",")[3] for line in csv_lines[1:]] == ["es", "fr", "es", "it"]

    page = browser.page()
    page.open(page_path.as_uri())
    assert page.errors == []
    charts = page.evaluate(
        """Array.from(document.querySelectorAll('#trends svg')).map(svg => ({
            legend: Array.from(svg.querySelectorAll('text.legend')).map(
                t => [t.textContent, getComputedStyle(t).fill]),
            points: Array.from(svg.querySelectorAll('circle')).map(
                c => [c.querySelector('title').textContent.split(':')[0], getComputedStyle(c).fill]),
            times: Array.from(svg.querySelectorAll('text.time')).map(t => t.textContent),
        }))"""
    )
    dates = {s["taken_at"][:10] for s in scores["snapshots"]}
    plotted = [chart for chart in charts if chart["points"]]
    assert plotted, "no trend has data"
    for chart in plotted:
        point_colours = dict(chart["points"])
        legend = dict(chart["legend"])
        assert set(point_colours) <= set(legend)
        for series, colour in point_colours.items():
            assert legend[series] == colour, (series, legend, point_colours)
        assert len(set(legend.values())) == len(legend)  # one colour per series
        assert chart["times"], "the time axis has no labels"
        for label in chart["times"]:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d( \d\d:\d\d)?", label) and label[:10] in dates, label


def test_the_console_check_catches_a_script_error(tmp_path, browser):
    broken = tmp_path / "broken.html"
    broken.write_text(
        "<!doctype html><title>x</title><script>thisFunctionDoesNotExist();</script><p>page</p>"
    )
    page = browser.page()
    page.open(broken.as_uri())
    assert any("thisFunctionDoesNotExist" in error for error in page.errors)
