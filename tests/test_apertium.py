"""The Apertium engine, for real: batches map back one to one and placeholders survive."""

import pytest

from l10n.config import Config
from l10n.documents.segment import placeholder_signature
from l10n.engines import EngineError, choose_engine
from l10n.engines.apertium import ApertiumEngine, from_html, to_html


@pytest.fixture(scope="module")
def engine():
    return ApertiumEngine(Config())


@pytest.mark.parametrize("target", ["fr", "es", "it"])
def test_batch_outputs_map_back_to_their_inputs(engine, target):
    texts = [f"The delegation number {n} arrived in Astana on Monday." for n in range(1, 41)]
    outputs = engine.translate_batch(texts, "en", target)
    assert len(outputs) == len(texts)
    for number, output in enumerate(outputs, start=1):
        assert f" {number} " in f" {output} ", output
        assert "Astan" in output and output != texts[number - 1]


def test_placeholders_survive_translation(engine):
    texts = [
        "The <1>G7</1> ministers met in <2>Astana</2> on Monday.",
        "Use <1/> to read the <2>joint communiqué</2> & its annex.",
    ]
    for source, output in zip(texts, engine.translate_batch(texts, "en", "fr"), strict=True):
        assert sorted(placeholder_signature(output)) == sorted(placeholder_signature(source)), output
    assert "&" in engine.translate_batch(["Trade & investment grew."], "en", "es")[0]


def test_progress_counts_every_text(engine):
    seen = []
    engine.translate_batch(["One sentence.", "Two sentences."], "en", "es", progress=seen.append)
    assert sum(seen) == 2


def test_html_round_trip_and_split_spans_are_joined():
    assert from_html(to_html("a <1>b</1> <2/> & <c>")) == "a <1>b</1> <2/> & <c>"
    split = '<span id="l10n-1">el comunicado</span> de <span id="l10n-1">junta</span> XT2X XT2X'
    assert from_html(split) == "<1>el comunicado de junta</1> <2/>"


def test_versions_name_the_debian_packages(engine):
    version = engine.version("en", "fr")
    assert "apertium-eng-spa:" in version and "apertium-fr-es:" in version and "unknown" not in version


def test_a_pair_without_a_route_gets_an_install_hint():
    with pytest.raises(EngineError) as error:
        choose_engine(Config(), "en", "de", "apertium")
    assert "no route for en→de" in str(error.value)


def test_a_missing_mode_names_the_packages_to_install():
    engine = ApertiumEngine(Config(apertium_routes={"fr": "eng-spa|es-xx"}))
    assert not engine.supports("en", "fr")
    assert "es-xx" in engine.missing("en", "fr") and "apt-get install" in engine.missing("en", "fr")


def test_sentence_initial_capital_follows_the_source(engine):
    from l10n.engines.apertium import match_initial_case

    assert (
        match_initial_case("Central Asia and the G7", "l'Asie centrale et le G7")
        == "L'Asie centrale et le G7"
    )
    assert match_initial_case("<1>Central</1> Asia", "<1>l'Asie</1> centrale") == "<1>L'Asie</1> centrale"
    assert match_initial_case("the ministers", "les ministres") == "les ministres"
    assert engine.translate_batch(["Central Asia and the G7 met."], "en", "fr")[0].startswith("L'Asie")
