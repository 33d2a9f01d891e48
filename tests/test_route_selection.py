"""Per-sentence route selection (issue 13): French drafts come from whichever of the two
Apertium routes the quality estimate prefers, sentence by sentence, and the provenance
says which; languages where the bench found no gain keep their single route."""

from __future__ import annotations

import json
from collections import Counter

from conftest import REPO, run_l10n
from l10n import route_selection
from l10n.config import Config


def routes_of(project, language: str) -> Counter:
    return Counter(
        record["route"]
        for path in (project / "history" / language).glob("*.jsonl")
        for record in map(json.loads, path.read_text(encoding="utf-8").splitlines())
        if record["type"] == "draft"
    )


def test_french_drafts_come_from_the_better_route_per_sentence(project):
    shown = run_l10n("translate", "--lang", "fr,es", project=project).stdout
    french = routes_of(project, "fr")
    assert set(french) == {"eng-spa>es-fr", "eng-cat>cat-fra"}, french
    assert sum(french.values()) == 86
    # The report says how many drafts came from the other route (distinct texts: 86 entries).
    kept = int(shown.split("fr: 86 sent via apertium (eng-spa>es-fr), ")[1].split(" of them kept")[0])
    assert 0 < kept <= french["eng-cat>cat-fra"]
    assert "kept from eng-cat>cat-fra by route selection" in shown
    assert set(routes_of(project, "es")) == {"eng-spa"}


def test_route_selection_is_on_only_where_the_bench_measured_a_gain():
    bench = json.loads((REPO / "bench" / "route_selection.json").read_text(encoding="utf-8"))
    for language, result in bench.items():
        sets = [v for k, v in result.items() if k.endswith(".tsv")]
        gains = [row["selected_with_round_trip"] - max(row["primary"], row["second"]) for row in sets]
        assert (language in Config().route_selection) == all(
            gain >= route_selection.MIN_GAIN for gain in gains
        ), (language, gains)


def test_route_selection_can_be_turned_off_in_the_configuration(project):
    config = project / "l10n.toml"
    config.write_text(config.read_text().replace('route_selection = ["fr"]', "route_selection = []"))
    run_l10n("translate", "--lang", "fr", project=project)
    assert set(routes_of(project, "fr")) == {"eng-spa>es-fr"}


def test_a_route_selection_language_that_is_not_a_language_is_a_located_error(project):
    config = project / "l10n.toml"
    text = config.read_text().replace('route_selection = ["fr"]', 'route_selection = ["fr", "xx-bogus"]')
    config.write_text(text)
    result = run_l10n("translate", "--lang", "fr", project=project, check=False)
    line = text.splitlines().index('route_selection = ["fr", "xx-bogus"]') + 1
    assert result.returncode != 0
    assert f"l10n.toml:{line}:" in result.stderr and "xx-bogus" in result.stderr
    assert "Traceback" not in result.stderr
