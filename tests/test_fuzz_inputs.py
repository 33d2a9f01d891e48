"""Property-based fuzzing of the commands that read untrusted files: generated CSV and TBX
glossaries (``glossary lint`` and ``glossary import``) and zip archives (``models install
FILE``). Whatever the input: no traceback, exit 0 or one ``error:`` line, the input file
untouched, nothing half-written.

The commands run in-process through click's runner (the real CLI group, with its error
handling), so that each example costs milliseconds, not a Python start-up. Examples per
format in one run: CSV 60, TBX 60, zip 40.
"""

from __future__ import annotations

import io
import json
import stat
import tempfile
import zipfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.cli import main

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TOP = "translate-en_de-1_0"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=True)


def assert_clean(result, allowed=(0, 1)) -> None:
    """No traceback; a failure is one ``error:`` line (lint's own report aside)."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in allowed, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    if result.stderr.startswith("error: "):
        assert result.stderr.count("\n") == 1, result.stderr


def new_project(folder: str) -> Path:
    root = Path(folder) / "project"
    assert run("init", str(root)).exit_code == 0
    return root


# -- glossaries ------------------------------------------------------------------------------

CELLS = st.one_of(
    st.sampled_from(
        ["UN", "SDG|SDGs", "ONU", "", "forbidden", "do-not-translate", "m", "f|m", "plural", "a||b"]
    ),
    st.text(max_size=12),
    st.text(alphabet='",|\n\r ;-’\ufeff', max_size=6),
)
HEADERS = st.lists(
    st.sampled_from(["en", "fr", "es", "status", "note", "fr.gender", "fr.number", "xx-YY", "colour", "en"]),
    min_size=1,
    max_size=6,
)


@st.composite
def csv_bytes(draw) -> bytes:
    header = draw(HEADERS)
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 1), max_size=6))
    out = io.StringIO()
    out.write(",".join(header) + "\n")
    for row in rows:
        out.write(",".join(draw(st.sampled_from([c, f'"{c}"', f'"{c}'])) for c in row) + "\n")
    data = out.getvalue().encode("utf-8")
    return draw(st.sampled_from([data, b"\xef\xbb\xbf" + data, data[: len(data) // 2], data + b"\xff\xfe"]))


STATUSES = st.sampled_from(
    ["preferredTerm-admn-sts", "deprecatedTerm-admn-sts", "admittedTerm-admn-sts", "bogus"]
)


@st.composite
def tbx_bytes(draw) -> bytes:
    concepts = []
    for number in range(draw(st.integers(0, 4))):
        sections = []
        for _ in range(draw(st.integers(0, 3))):
            language = draw(st.sampled_from(["en", "fr", "es", "", "x y"]))
            term = draw(st.one_of(st.sampled_from(["UN", "SDGs", "ODD", ""]), st.text(max_size=10)))
            term = draw(st.sampled_from([term, term.replace("&", "&amp;").replace("<", "&lt;")]))
            note = f'<termNote type="administrativeStatus">{draw(STATUSES)}</termNote>'
            sections.append(
                f'<langSec xml:lang="{language}"><termSec><term>{term}</term>{note}</termSec></langSec>'
            )
        concepts.append(f'<conceptEntry id="c{number}">{"".join(sections)}</conceptEntry>')
    body = "".join(concepts)
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic">'
        f"<text><body>{body}</body></text></tbx>\n"
    )
    data = text.encode("utf-8")
    return draw(st.sampled_from([data, data[: len(data) * 2 // 3], data.replace(b"<tbx", b"<martif"), b""]))


def fuzz_glossary(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        check_glossary(new_project(folder), data, suffix)


def check_glossary(project: Path, data: bytes, suffix: str) -> None:
    source = project.parent / f"input{suffix}"
    source.write_bytes(data)
    existing = project / "glossaries" / "input.tbx"

    (project / "glossaries" / f"linted{suffix}").write_bytes(data)
    lint = run("--project", str(project), "glossary", "lint")
    assert_clean(lint)
    (project / "glossaries" / f"linted{suffix}").unlink()

    imported = run("--project", str(project), "glossary", "import", str(source))
    assert_clean(imported)
    assert source.read_bytes() == data  # the input is never touched
    if imported.exit_code == 0:  # what was written reads back cleanly
        assert_clean(run("--project", str(project), "glossary", "lint"))
        before = existing.read_bytes()
        again = run("--project", str(project), "glossary", "import", str(source))
        assert again.exit_code == 1 and existing.read_bytes() == before  # refused, not replaced
    else:
        assert not existing.exists()
    assert not list((project / "glossaries").glob(".*.tmp"))


@FUZZ
@given(data=csv_bytes())
def test_generated_csv_glossaries_never_crash_lint_or_import(data):
    fuzz_glossary(data, ".csv")


@FUZZ
@given(data=tbx_bytes())
def test_generated_tbx_glossaries_never_crash_lint_or_import(data):
    fuzz_glossary(data, ".tbx")


# -- model archives --------------------------------------------------------------------------

NAMES = st.sampled_from(
    [
        f"{TOP}/metadata.json",
        f"{TOP}/model/model.bin",
        f"{TOP}/model/config.json",
        f"{TOP}/sentencepiece.model",
        f"{TOP}/",
        f"{TOP}/README.md",
        f"{TOP}/../evil.txt",
        "/tmp/l10n-fuzz-evil.txt",
        "other/metadata.json",
        "loose.txt",
        f"{TOP}\\model\\x",
        f"{TOP}/model/../../escape.txt",
    ]
)
VALUES = st.one_of(
    st.sampled_from(["en", "de", "translate", "sbd", "1.0", ""]),
    st.integers(),
    st.lists(st.integers()),
    st.none(),
)
METADATA = st.one_of(
    st.fixed_dictionaries(
        {"from_code": st.sampled_from(["en", "e/n", 5]), "to_code": st.just("de")},
        optional={k: VALUES for k in ("type", "package_version", "target_prefix", "links", "languages")},
    ),
    st.dictionaries(st.sampled_from(["from_code", "to_code", "type"]), VALUES),
    st.lists(st.integers(), max_size=2),
)


@st.composite
def archive_bytes(draw) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(
        buffer, "w", draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
    ) as zipped:
        required = [f"{TOP}/metadata.json", f"{TOP}/model/model.bin", f"{TOP}/model/config.json"]
        required.append(f"{TOP}/sentencepiece.model")
        names = draw(st.lists(NAMES, max_size=7, unique=True))
        if draw(st.booleans()):  # half look like a package, so the deeper checks run too
            names = required + [n for n in names if n not in required]
        for name in names:
            if name.endswith("metadata.json"):
                data = json.dumps(draw(METADATA)).encode()
            else:
                data = draw(st.binary(max_size=64))
            info = zipfile.ZipInfo(name)
            if draw(st.integers(0, 9)) == 0:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zipped.writestr(info, data)
    data = buffer.getvalue()
    cut = draw(st.sampled_from([len(data), len(data) - 1, len(data) // 2, 0]))
    return data[:cut]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=archive_bytes())
def test_generated_archives_never_crash_install_or_escape(data, monkeypatch, tmp_path_factory):
    work = tmp_path_factory.mktemp("archive")
    packages = work / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    archive = work / "fuzz.argosmodel"
    archive.write_bytes(data)
    result = run("models", "install", str(archive))
    assert_clean(result, allowed=(1,))  # nothing generated here can translate
    assert result.stderr.startswith("error: ")
    assert archive.read_bytes() == data
    assert not packages.exists() or list(packages.iterdir()) == []  # no package, no staging left
    assert not Path("/tmp/l10n-fuzz-evil.txt").exists()
    assert not (work / "evil.txt").exists() and not (work / "escape.txt").exists()
