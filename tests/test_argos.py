"""The Argos engine through argostranslate's real package loading, with a tiny generated
package (random weights: garbage translations, real code path) and the network blocked."""

from __future__ import annotations

import json
import os
import resource
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES, msgfmt_check, run_l10n
from l10n.documents.segment import validate_placeholders
from support import state
from support.archives import zip_bomb
from support.argosmodel import build_package

PAIR_NAME = "translate-en_fr-1_0"


@pytest.fixture(scope="session")
def argos_package(tmp_path_factory) -> Path:
    lines = [line for path in SAMPLES.glob("*.md") for line in path.read_text().splitlines() if line.strip()]
    lines += ["The file snake_case_name.py defines TITR_CODE and max_batch_size."] * 20
    return build_package(tmp_path_factory.mktemp("argos"), lines * 3)


def packages_dir() -> Path:
    return Path(os.environ["ARGOS_PACKAGES_DIR"])


def short_decoding(project: Path, length: int = 48) -> None:
    """Random weights decode to the length limit: keep it small so tests stay quick."""
    config = project / "l10n.toml"
    config.write_text(
        config.read_text().replace("max_decoding_length = 256", f"max_decoding_length = {length}")
    )


@pytest.fixture
def installed(argos_package) -> Path:
    run_l10n("models", "install", str(argos_package))
    return argos_package


def test_install_then_list(installed):
    listed = json.loads(run_l10n("models", "list", "--format", "json").stdout)
    assert [(p["name"], p["from_code"], p["to_code"], p["usable"]) for p in listed] == [
        (PAIR_NAME, "en", "fr", True)
    ]
    assert (packages_dir() / PAIR_NAME / "model" / "model.bin").is_file()


def test_translate_with_argos_offline(project, installed):
    short_decoding(project)
    result = run_l10n("translate", "--engine", "argos", "--lang", "fr", "--format", "json", project=project)
    counts = json.loads(result.stdout)["fr"]
    assert counts["sent"] > 50 and result.stderr == ""
    drafts = {d.key[3]: d for d in state.drafts(project, "fr")}
    for path in sorted((project / "locales" / "fr").glob("*.po")):
        msgfmt_check(path)
        for entry in polib.pofile(str(path)):
            provenance = drafts[entry.msgid]
            assert provenance.engine == "argos" and provenance.route == PAIR_NAME
            assert "ctranslate2:" in provenance.engine_version and "int8" in provenance.engine_version
            validate_placeholders(entry.msgid, entry.msgstr)  # tags were put back, all of them
    again = json.loads(
        run_l10n("translate", "--engine", "argos", "--lang", "fr", "--format", "json", project=project).stdout
    )
    assert again["fr"]["sent"] == 0


def test_auto_uses_argos_where_a_package_is_installed(project, installed):
    short_decoding(project)
    run_l10n("translate", "--lang", "fr,es", "--article", "middle-corridor", project=project)
    engines_used = {}
    for language in ("fr", "es"):
        engines_used[language] = {d.engine for d in state.drafts(project, language)}
    assert engines_used == {"fr": {"argos"}, "es": {"apertium"}}


def engine_with_package(argos_package):
    from l10n.config import ArgosSettings, Config
    from l10n.engines.argos import ArgosEngine
    from l10n.engines.argos_packages import install_file

    install_file(argos_package)
    return ArgosEngine(Config(argos=ArgosSettings(max_decoding_length=24, max_batch_size=4)))


def test_batched_outputs_come_back_to_their_own_texts(argos_package):
    engine = engine_with_package(argos_package)
    texts = [
        "The G7 met in Astana.",
        "Ministers signed the joint communiqué on Monday.",
        "Trade grew by 18% last year.",
        "The <1>EU</1> and <2/> agreed on <3>new <4>rules</4></3>.",
        "Kazakhstan and Uzbekistan launched a pilot in January.",
        "The G7 met in Astana.",
        "Clean energy is a priority. Water is another one.",
    ]
    batched = engine.translate_batch(texts, "en", "fr")
    one_by_one = [engine.translate_batch([t], "en", "fr")[0] for t in texts]
    assert batched == one_by_one
    assert batched[0] == batched[5]
    assert len(set(batched)) == 6  # distinct inputs give distinct garbage: the check can fail
    split = engine.translate_batch(["Clean energy is a priority.", "Water is another one."], "en", "fr")
    assert batched[6] == " ".join(split)  # sentences of one entry are translated separately
    validate_placeholders(texts[3], batched[3])


def test_decoding_keeps_underscores(argos_package):
    from argostranslate.tokenizer import SentencePieceTokenizer

    from l10n.engines.argos import _decode, _Unit

    engine = engine_with_package(argos_package)
    model = engine.loaded("en", "fr")
    tokens = model.tokenizer.processor.encode("snake_case_name", out_type=str)
    assert "_" in "".join(tokens)
    assert _decode(model, _Unit(0, tokens, [], []), tokens, None) == "snake_case_name"
    tokenizer_path = model.path / "sentencepiece.model"
    assert SentencePieceTokenizer(tokenizer_path).decode(tokens).strip() == "snake case name"


def _zip(path: Path, members: dict[str, bytes], links: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return path


def _valid_members(top: str = "translate-en_de-1_0") -> dict[str, bytes]:
    metadata = {"from_code": "en", "to_code": "de", "type": "translate", "package_version": "1.0"}
    return {
        f"{top}/metadata.json": json.dumps(metadata).encode(),
        f"{top}/model/model.bin": b"x",
        f"{top}/model/config.json": b"{}",
        f"{top}/sentencepiece.model": b"x",
    }


@pytest.mark.parametrize(
    "case, expected",
    [
        ("not-a-zip", "not a zip archive"),
        ("two-tops", "exactly one top folder"),
        ("no-metadata", "no translate-en_de-1_0/metadata.json"),
        ("dot-dot", "would be written outside the package"),
        ("absolute", "would be written outside the package"),
        ("symlink", "is a symbolic link"),
        ("loose-file", "lies outside a package folder"),
    ],
)
def test_malformed_or_escaping_packages_are_refused(tmp_path, case, expected):
    archive = tmp_path / f"{case}.argosmodel"
    members = _valid_members()
    if case == "not-a-zip":
        archive.write_text("hello")
    elif case == "two-tops":
        _zip(archive, members | {"other/metadata.json": b"{}"})
    elif case == "no-metadata":
        members.pop("translate-en_de-1_0/metadata.json")
        _zip(archive, members)
    elif case == "dot-dot":
        _zip(archive, members | {"translate-en_de-1_0/../../evil.txt": b"owned"})
    elif case == "absolute":
        _zip(archive, members | {"/tmp/l10n-evil.txt": b"owned"})
    elif case == "symlink":
        _zip(archive, members, links=("translate-en_de-1_0/model/link",))
    elif case == "loose-file":
        _zip(archive, members | {"README.md": b"loose"})
    result = run_l10n("models", "install", str(archive), check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and expected in result.stderr
    assert not packages_dir().exists() or not any(packages_dir().iterdir())
    assert not Path("/tmp/l10n-evil.txt").exists()
    assert not (tmp_path.parent / "evil.txt").exists()


def test_a_broken_package_folder_does_not_hide_the_others(project, installed):
    (packages_dir() / "junk").mkdir()
    listed = json.loads(run_l10n("models", "list", "--format", "json").stdout)
    assert {p["name"]: p["usable"] for p in listed} == {"junk": False, PAIR_NAME: True}
    short_decoding(project, 16)
    run_l10n("translate", "--engine", "argos", "--lang", "fr", "--article", "sdg-financing", project=project)


def test_offline_index_lookup_fails_fast_with_a_clear_message():
    result = subprocess.run(
        [sys.executable, "-m", "l10n", "models", "install", "en", "fr"],
        capture_output=True,
        text=True,
        timeout=30,  # argostranslate's own lookup was seen to recurse for ~9 s offline
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: cannot reach the Argos package index")
    assert result.stderr.rstrip().endswith(
        "install a package file instead: l10n models install FILE.argosmodel"
    )


def test_the_network_is_blocked_for_child_processes():
    probe = "import urllib.request; urllib.request.urlopen('https://example.org', timeout=5)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=30)
    assert result.returncode != 0 and "network access blocked by the l10n test suite" in result.stderr


@st.composite
def tagged_sentence(draw):
    """A sentence with nested, adjacent, empty and atom placeholders."""
    words = ["The", "G7", "met", "in", "Astana", "on", "Monday", "with", "partners", "from", "Asia"]
    counter = iter(range(1, 100))

    def chunk(depth: int) -> str:
        parts = []
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(
                st.sampled_from(["word", "word", "word", "span", "atom", "empty"] if depth < 3 else ["word"])
            )
            if kind == "word":
                parts.append(draw(st.sampled_from(words)))
            elif kind == "atom":
                parts.append(f"<{next(counter)}/>")
            elif kind == "empty":
                number = next(counter)
                parts.append(f"<{number}></{number}>")
            else:
                number = next(counter)
                parts.append(f"<{number}>{chunk(depth + 1)}</{number}>")
        return " ".join(parts)

    return chunk(0) + "."


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sentences=st.lists(tagged_sentence(), min_size=1, max_size=4))
def test_tags_always_come_back_properly_nested(argos_package, sentences):
    engine = engine_with_package(argos_package)
    for source, output in zip(sentences, engine.translate_batch(sentences, "en", "fr"), strict=True):
        validate_placeholders(source, output)


def test_engines_with_other_settings_do_not_share_a_model(argos_package):
    from l10n.config import ArgosSettings, Config
    from l10n.engines.argos import ArgosEngine

    engine_with_package(argos_package)
    int8 = ArgosEngine(Config(argos=ArgosSettings(compute_type="int8", inter_threads=1)))
    float32 = ArgosEngine(Config(argos=ArgosSettings(compute_type="float32", inter_threads=1)))
    two_threads = ArgosEngine(Config(argos=ArgosSettings(compute_type="int8", inter_threads=2)))
    assert int8.loaded("en", "fr").translator.compute_type.startswith("int8")
    assert float32.loaded("en", "fr").translator.compute_type == "float32"
    assert int8.loaded("en", "fr").translator.num_translators == 1
    assert two_threads.loaded("en", "fr").translator.num_translators == 2
    same = ArgosEngine(Config(argos=ArgosSettings(compute_type="int8", inter_threads=1)))
    assert same.loaded("en", "fr") is int8.loaded("en", "fr")  # equal settings still share one


def test_listing_packages_loads_no_machine_learning_library(installed):
    probe = (
        "import sys; from l10n.engines.argos_packages import installed_packages; "
        "assert installed_packages()[0].usable; "
        "print(sorted(m for m in ('argostranslate', 'ctranslate2', 'sentencepiece', 'torch') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def refused(archive: Path, env=None) -> str:
    """Install ``archive`` through the CLI; it must fail with one line and install nothing."""
    result = run_l10n("models", "install", str(archive), check=False, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    assert not packages_dir().exists() or not [p for p in packages_dir().iterdir() if p.name != PAIR_NAME]
    return result.stderr


def test_a_zip_bomb_is_refused_before_anything_is_written(tmp_path):
    members = _valid_members()
    members.pop("translate-en_de-1_0/model/model.bin")
    archive = zip_bomb(tmp_path / "bomb.argosmodel", members, "translate-en_de-1_0/model/model.bin", 5 * 1024)
    assert archive.stat().st_size < 6 * 1024**2
    with zipfile.ZipFile(archive) as zipped:
        assert sum(m.file_size for m in zipped.infolist()) > 5 * 1024**3  # a real 5 GiB bomb
    assert "compression ratio over 100:1" in refused(archive)


def test_too_many_members_are_refused(tmp_path):
    members = _valid_members() | {f"translate-en_de-1_0/extra/{n}.txt": b"" for n in range(10_001)}
    assert "10005 members" in refused(_zip(tmp_path / "many.argosmodel", members))


@pytest.mark.parametrize(
    "metadata, expected",
    [
        ([], "must hold a JSON object, found a list"),
        ({"from_code": 5, "to_code": "de"}, "from_code must be a language code"),
        ({"from_code": "en", "to_code": ["de"]}, "to_code must be a language code"),
        ({"from_code": "en", "to_code": "de", "package_version": [1, 0]}, "package_version must be a string"),
        ({"from_code": "en", "to_code": "de", "target_prefix": {}}, "target_prefix must be a string"),
        ({"from_code": "en", "to_code": "de", "links": "http://x"}, "links must be a list"),
        ({"from_code": "en", "to_code": "de", "type": ["translate"]}, "type must be a string"),
        ({"from_code": "en", "to_code": "de", "type": "sbd"}, "not a translation package"),
    ],
)
def test_metadata_of_the_wrong_type_is_one_line_naming_the_file(tmp_path, metadata, expected):
    members = _valid_members() | {"translate-en_de-1_0/metadata.json": json.dumps(metadata).encode()}
    message = refused(_zip(tmp_path / "typed.argosmodel", members))
    assert "translate-en_de-1_0/metadata.json: " in message and expected in message, message


def _damaged(argos_package: Path, tmp_path: Path, member: str, data: bytes) -> Path:
    damaged = tmp_path / argos_package.name
    with zipfile.ZipFile(argos_package) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            target.writestr(info, data if info.filename == f"{PAIR_NAME}/{member}" else source.read(info))
    return damaged


@pytest.mark.parametrize("member", ["sentencepiece.model", "model/model.bin"])
def test_a_package_that_cannot_translate_is_refused_at_install(argos_package, tmp_path, member):
    damaged = _damaged(argos_package, tmp_path, member, b"\x00corrupt" * 64)
    message = refused(damaged)
    assert str(damaged) in message and "cannot" in message
    assert run_l10n("models", "list").stdout.startswith("no Argos packages installed")


def test_a_broken_package_installed_by_hand_fails_translate_in_one_line(project, argos_package, tmp_path):
    with zipfile.ZipFile(argos_package) as zipped:
        zipped.extractall(tmp_path / "unpacked")
    (tmp_path / "unpacked" / PAIR_NAME / "sentencepiece.model").write_bytes(b"\x00corrupt" * 64)
    packages_dir().mkdir(parents=True)
    shutil.move(tmp_path / "unpacked" / PAIR_NAME, packages_dir() / PAIR_NAME)
    result = run_l10n("translate", "--lang", "fr", "--article", "sdg-financing", project=project, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"error: {packages_dir() / PAIR_NAME}: cannot load the Argos package")


def test_a_full_disk_during_install_keeps_the_old_package(installed):
    """RLIMIT_FSIZE makes a write fail as a full disk does (EFBIG instead of ENOSPC)."""
    model = packages_dir() / PAIR_NAME / "model" / "model.bin"
    before = model.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "l10n", "models", "install", str(installed)],
        capture_output=True,
        text=True,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000)),
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "File too large (nothing was installed)" in result.stderr
    assert model.read_bytes() == before
    assert [p.name for p in packages_dir().iterdir()] == [PAIR_NAME]  # no staging folder left


def test_an_unusable_package_folder_is_one_line(argos_package, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    result = run_l10n(
        "models", "install", str(argos_package), check=False, env={"ARGOS_PACKAGES_DIR": str(blocker)}
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        result.stderr.startswith(f"error: {blocker}: cannot install here:") and result.stderr.count("\n") == 1
    )


def test_listing_a_package_with_mistyped_metadata_names_the_problem(installed):
    metadata = packages_dir() / PAIR_NAME / "metadata.json"
    metadata.write_text(json.dumps({"from_code": "en", "to_code": "fr", "package_version": 1.0}))
    listed = json.loads(run_l10n("models", "list", "--format", "json").stdout)
    assert listed[0]["usable"] is False and "package_version must be a string" in listed[0]["problem"]
