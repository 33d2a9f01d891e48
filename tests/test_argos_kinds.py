"""Argos packages of every published kind through the batched CTranslate2 engine: BPE
packages (``bpe.model``: subword-nmt codes over Moses tokens, read as argostranslate reads
them) and multilingual packages told their target by a ``target_prefix``. Each kind is a
tiny generated package (random weights: garbage translations, the real code path),
installed and run offline; argostranslate's own tokenizers and CTranslate2 itself are the
oracles."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import polib
import pytest

from conftest import SAMPLES, msgfmt_check, run_l10n
from l10n.documents.segment import validate_placeholders
from support import state
from support.argosmodel import build_package

PAIR_NAME = "translate-en_fr-1_0"
SENTENCES = [
    "The G7 met in Astana on Monday.",
    "Ministers signed the joint communiqué, and trade grew by 18% last year.",
    'The EU\'s partners & allies agreed on "new rules" for 2030.',
    "Kazakhstan and Uzbekistan launched a pilot in January.",
]
KINDS = {
    "bpe": {"tokenizer": "bpe"},
    "prefix": {"tokenizer": "sentencepiece", "target_prefix": "__fr__"},
    "bpe-prefix": {"tokenizer": "bpe", "target_prefix": "__fr__"},
}


def training_lines() -> list[str]:
    lines = [line for path in SAMPLES.glob("*.md") for line in path.read_text().splitlines() if line.strip()]
    return (lines + SENTENCES) * 3


@pytest.fixture(scope="session")
def packages(tmp_path_factory) -> dict[str, Path]:
    """One package file per kind, built once."""
    root = tmp_path_factory.mktemp("argos-kinds")
    return {kind: build_package(root / kind, training_lines(), **options) for kind, options in KINDS.items()}


def packages_dir() -> Path:
    return Path(os.environ["ARGOS_PACKAGES_DIR"])


def short_decoding(project: Path, length: int = 32) -> None:
    """Random weights decode to the length limit: keep it small so tests stay quick."""
    config = project / "l10n.toml"
    config.write_text(
        config.read_text().replace("max_decoding_length = 256", f"max_decoding_length = {length}")
    )


def engine_with(package: Path):
    from l10n.config import ArgosSettings, Config
    from l10n.engines.argos import ArgosEngine
    from l10n.engines.argos_packages import install_file

    install_file(package)
    return ArgosEngine(Config(argos=ArgosSettings(max_decoding_length=24, max_batch_size=4)))


def refused(archive: Path) -> str:
    """Install ``archive`` through the CLI: one line, non-zero exit, nothing installed."""
    result = run_l10n("models", "install", str(archive), check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    assert not packages_dir().exists() or not list(packages_dir().iterdir())
    return result.stderr


def rewritten(package: Path, tmp_path: Path, changes: dict[str, bytes | None]) -> Path:
    """A copy of ``package`` with members replaced (bytes) or left out (None)."""
    copy = tmp_path / package.name
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(copy, "w") as target:
        for info in source.infolist():
            member = info.filename.removeprefix(f"{PAIR_NAME}/")
            if member in changes and changes[member] is None:
                continue
            target.writestr(info, changes.get(member) or source.read(info))
    return copy


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_translates_a_project_through_the_cli(project, packages, kind):
    run_l10n("models", "install", str(packages[kind]))
    listed = json.loads(run_l10n("models", "list", "--format", "json").stdout)
    assert [(p["name"], p["kind"], p["usable"]) for p in listed] == [
        (PAIR_NAME, KINDS[kind]["tokenizer"], True)
    ]
    short_decoding(project)
    result = run_l10n(
        "translate",
        "--engine",
        "argos",
        "--lang",
        "fr",
        "--article",
        "sdg-financing",
        "--format",
        "json",
        project=project,
    )
    assert json.loads(result.stdout)["fr"]["sent"] > 5 and result.stderr == ""
    drafts = {d.key[3]: d for d in state.drafts(project, "fr")}
    path = project / "locales" / "fr" / "sdg-financing.po"
    msgfmt_check(path)
    for entry in polib.pofile(str(path)):
        assert drafts[entry.msgid].engine == "argos" and drafts[entry.msgid].route == PAIR_NAME
        validate_placeholders(entry.msgid, entry.msgstr)
        assert "@@" not in entry.msgstr and "__fr__" not in entry.msgstr and "&amp;" not in entry.msgstr


def test_bpe_tokens_are_the_ones_argostranslate_gives(packages):
    from argostranslate.package import Package

    engine = engine_with(packages["bpe"])
    model = engine.loaded("en", "fr")
    theirs = Package(packages_dir() / PAIR_NAME).tokenizer
    assert type(theirs).__name__ == "BPETokenizer"
    for sentence in SENTENCES:
        ours = model.tokenizer.encode(sentence)
        assert ours == theirs.encode(sentence)
        assert any(token.endswith("@@") for token in ours) or sentence == SENTENCES[0]
        assert model.tokenizer.decode(ours) == theirs.decode(ours)
    assert any(any(t.endswith("@@") for t in model.tokenizer.encode(s)) for s in SENTENCES)


@pytest.mark.parametrize("kind", ["bpe", "bpe-prefix"])
def test_bpe_batches_come_back_to_their_own_texts(packages, kind):
    engine = engine_with(packages[kind])
    texts = [*SENTENCES, "The <1>EU</1> and <2/> agreed on <3>new <4>rules</4></3>.", SENTENCES[0]]
    batched = engine.translate_batch(texts, "en", "fr")
    assert batched == [engine.translate_batch([t], "en", "fr")[0] for t in texts]
    # Random weights may collapse two inputs onto one output, but not all of them.
    assert batched[0] == batched[-1] and len(set(batched)) > 2
    validate_placeholders(texts[4], batched[4])
    assert not any("@@" in output for output in batched)


@pytest.mark.parametrize("kind", ["prefix", "bpe-prefix"])
def test_the_target_prefix_leads_the_decoding_and_is_stripped(packages, kind):
    engine = engine_with(packages[kind])
    model = engine.loaded("en", "fr")
    settings = engine.config.argos
    outputs = engine.translate_batch(SENTENCES, "en", "fr")
    for sentence, output in zip(SENTENCES, outputs, strict=True):
        tokens = model.tokenizer.encode(sentence)

        def decode(tokens: list[str], **options) -> list[str]:
            result = model.translator.translate_batch(
                [tokens],
                beam_size=settings.beam_size,
                max_decoding_length=settings.max_decoding_length,
                replace_unknowns=True,
                **options,
            )
            return list(result[0].hypotheses[0])

        prefixed = decode(tokens, target_prefix=[["__fr__"]])
        assert prefixed[0] == "__fr__"
        expected = model.tokenizer.decode([t for t in prefixed[1:] if model.tokenizer.usable(t)]).strip()
        assert output == expected and "__fr__" not in output
        assert decode(tokens) != prefixed[1:]  # the prefix changes the decoding: the check can fail


def test_a_package_without_a_tokenizer_is_refused_naming_the_files(packages, tmp_path):
    broken = rewritten(packages["bpe"], tmp_path, {"bpe.model": None})
    message = refused(broken)
    assert str(broken) in message
    assert f"{PAIR_NAME}/bpe.model" in message and f"{PAIR_NAME}/sentencepiece.model" in message


@pytest.mark.parametrize(
    "codes, expected",
    [
        (b"#version: 0.2\nt h\nth e</w> x\n", "bpe.model:3: "),
        (b"#version: 0.2\n\xff\xfe\n", "bpe.model: "),
    ],
)
def test_a_damaged_bpe_codes_file_is_refused_in_one_line(packages, tmp_path, codes, expected):
    """argostranslate's BPE reader prints two lines and calls sys.exit on a bad line."""
    broken = rewritten(packages["bpe"], tmp_path, {"bpe.model": codes})
    message = refused(broken)
    assert expected in message and str(broken) in message, message


def test_a_target_prefix_the_model_does_not_know_is_refused(packages, tmp_path):
    with zipfile.ZipFile(packages["prefix"]) as zipped:
        metadata = json.loads(zipped.read(f"{PAIR_NAME}/metadata.json"))
    metadata["target_prefix"] = "__xx__"
    broken = rewritten(packages["prefix"], tmp_path, {"metadata.json": json.dumps(metadata).encode()})
    message = refused(broken)
    assert "target_prefix '__xx__' is not in the model's target vocabulary" in message, message


def test_an_installed_bpe_package_that_lost_its_codes_fails_translate_in_one_line(project, packages):
    run_l10n("models", "install", str(packages["bpe"]))
    (packages_dir() / PAIR_NAME / "bpe.model").unlink()
    listed = json.loads(run_l10n("models", "list", "--format", "json").stdout)
    assert listed[0]["usable"] is False and "bpe.model" in listed[0]["problem"]
    result = run_l10n(
        "translate",
        "--engine",
        "argos",
        "--lang",
        "fr",
        "--article",
        "sdg-financing",
        project=project,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert str(packages_dir() / PAIR_NAME) in result.stderr and "bpe.model" in result.stderr
    assert not (project / "locales" / "fr" / "sdg-financing.po").exists()


def test_an_installed_bpe_package_with_damaged_codes_fails_translate_in_one_line(project, packages):
    run_l10n("models", "install", str(packages["bpe"]))
    (packages_dir() / PAIR_NAME / "bpe.model").write_text("#version: 0.2\na b c\n")
    short_decoding(project)
    result = run_l10n("translate", "--lang", "fr", "--article", "sdg-financing", project=project, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"error: {packages_dir() / PAIR_NAME / 'bpe.model'}:2: ")


def test_a_package_kind_is_read_without_loading_a_model(packages):
    run_l10n("models", "install", str(packages["bpe"]))
    shutil.rmtree(packages_dir() / PAIR_NAME / "model")
    listed = json.loads(run_l10n("models", "list", "--format", "json").stdout)
    assert listed[0]["kind"] == "bpe" and "model/model.bin" in listed[0]["problem"]
