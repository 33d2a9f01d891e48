"""The Apertium engine, for real: batches map back one to one and placeholders survive."""

import os
from pathlib import Path

import polib
import pytest

from conftest import run_l10n
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


def fake_apertium(folder: Path, script: str) -> dict[str, str]:
    """An ``apertium`` executable first on PATH (a real process that misbehaves)."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "apertium"
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


def short_timeouts(project: Path) -> None:
    config = project / "l10n.toml"
    text = config.read_text().replace("timeout_base = 60", "timeout_base = 2")
    config.write_text(text.replace("timeout_per_segment = 2", "timeout_per_segment = 0.01"))


def test_a_hung_apertium_is_stopped_with_one_line_naming_engine_and_route(project, tmp_path):
    short_timeouts(project)
    script = 'cat > /dev/null\nsleep 300 &\necho $! >> "$(dirname "$0")/children"\nwait\n'
    env = fake_apertium(tmp_path / "bin", script)  # sleep: a child of the script, in its group
    result = run_l10n(
        "translate", "--lang", "fr", "--article", "sdg-financing", project=project, env=env, check=False
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("error: apertium (eng-spa>es-fr) gave no answer within 2 s; stopped")
    for child in (tmp_path / "bin" / "children").read_text().split():
        assert not running(int(child))  # the script's own children went with it
    assert not list((project / "locales" / "fr").glob("*.po")) or all(
        not e.msgstr for path in (project / "locales" / "fr").glob("*.po") for e in polib.pofile(str(path))
    )


def running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie lingers until init reaps it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def test_an_apertium_that_dies_is_one_line_with_its_message(project, tmp_path):
    env = fake_apertium(
        tmp_path / "bin", 'cat > /dev/null\necho "lt-proc: cannot open es-fr.bin" >&2\nexit 3\n'
    )
    result = run_l10n(
        "translate", "--lang", "fr", "--article", "sdg-financing", project=project, env=env, check=False
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == (
        "error: apertium (eng-spa>es-fr) failed in mode eng-spa: lt-proc: cannot open es-fr.bin (exit status 3)\n"
    )


def test_a_timeout_setting_must_be_a_positive_number(project):
    config = project / "l10n.toml"
    config.write_text(config.read_text().replace("timeout_base = 60", 'timeout_base = "soon"'))
    result = run_l10n("status", project=project, check=False)
    line = config.read_text().splitlines().index('timeout_base = "soon"') + 1
    assert result.stderr == f"error: {config}:{line}: timeout_base must be a positive number of seconds\n"


@pytest.mark.parametrize(
    "source",
    [
        "the<1/><2/>.is Monday",  # came back as "Thext1xxt2x.is Lundi"
        "G7 <1/> <2/>.ofreport",  # came back as "G7 <1/> Xt2x.ofreport"
        "<1/><2/>.Astana's Read",
        "Read<1/><2/> the report.",
    ],
)
def test_atoms_next_to_words_survive_the_french_route(engine, source):
    output = engine.translate_batch([source], "en", "fr")[0]
    assert sorted(placeholder_signature(output)) == sorted(placeholder_signature(source)), output
