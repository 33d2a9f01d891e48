"""`l10n engines`: what each engine reaches on this machine, through the real CLI."""

import json

from conftest import run_l10n
from support.argosmodel import build_package

EXPECTED_APERTIUM = {
    "ca": "eng-spa>spa-cat",
    "es": "eng-spa",
    "fr": "eng-spa>es-fr",
    "gl": "eng-spa>es-gl",
    "hr": "eng-hbs_HR",
    "it": "eng-spa>spa-ita",
    "pt": "eng-cat>cat-por",
    "sl": "eng-hbs_HR>hbs-slv",
}


def engines_json(*args: str, project=None) -> dict:
    result = run_l10n("engines", "--format", "json", *args, project=project)
    return json.loads(result.stdout)  # nothing but JSON on stdout


def test_engines_lists_apertium_routes_and_argos_without_packages(tmp_path):
    report = engines_json(project=tmp_path)  # no l10n.toml: the built-in routes
    by_name = {e["name"]: e for e in report["engines"]}
    assert set(by_name) >= {"apertium", "argos"}
    apertium = by_name["apertium"]
    assert apertium["available"] is True
    assert {r["language"]: r["route"] for r in apertium["reaches"]} == EXPECTED_APERTIUM
    assert all(
        r["version"].startswith("apertium-") and "unknown" not in r["version"] for r in apertium["reaches"]
    )
    assert apertium["not_reached"]["de"] == "Apertium has no route for en→de"
    # Every EU language is accounted for: reached or told why not.
    assert len(set(apertium["not_reached"]) | set(EXPECTED_APERTIUM)) == 23 + 2  # 23 EU targets + ca, gl
    argos = by_name["argos"]
    assert argos["available"] is False and argos["reaches"] == []
    assert "l10n models install" in argos["not_reached"]["fr"]


def test_engines_follows_the_project_routes_and_installed_packages(project, tmp_path):
    config = project / "l10n.toml"
    config.write_text(config.read_text().replace('pt = "eng-cat|cat-por"', 'pt = "eng-spa|es-pt"'))
    package = build_package(tmp_path / "argos", ["The ministers met in Astana.", "Trade grew."] * 40)
    run_l10n("models", "install", str(package))
    report = engines_json(project=project)
    by_name = {e["name"]: e for e in report["engines"]}
    assert {r["language"]: r["route"] for r in by_name["apertium"]["reaches"]}["pt"] == "eng-spa>es-pt"
    argos = by_name["argos"]
    assert argos["available"] is True
    assert [(r["language"], r["route"]) for r in argos["reaches"]] == [("fr", "translate-en_fr-1_0")]
    assert "ctranslate2:" in argos["reaches"][0]["version"]
    text = run_l10n("engines", project=project).stdout
    assert "apertium: 8 languages from en" in text
    assert "  pt  eng-spa>es-pt" in text
    assert "argos: 1 language from en" in text and "translate-en_fr-1_0" in text


def test_a_broken_config_is_one_line(tmp_path):
    (tmp_path / "l10n.toml").write_text('[apertium.routes]\npt = ""\n')
    result = run_l10n("engines", project=tmp_path, check=False)
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {tmp_path / 'l10n.toml'}:2: apertium route for pt must be a string like 'eng-spa|es-fr'\n"
    )
