"""Bad input gets one line naming the file and line, a non-zero exit, and no half-written files."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_l10n


def fails(project: Path | None, *args: str) -> str:
    result = run_l10n(*args, project=project, check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".l10n" not in p.parts
    }


def test_malformed_front_matter_names_file_and_line_and_writes_nothing(project):
    run_l10n("translate", "--lang", "es", project=project)
    before = snapshot(project)
    bad = project / "articles" / "en" / "zz-bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\n\nBody text.\n")
    before["articles/en/zz-bad.md"] = bad.read_bytes()
    line = fails(project, "translate", "--lang", "es")
    assert line.startswith("error: articles/en/zz-bad.md:3: malformed front matter")
    assert snapshot(project) == before


def test_hand_mangled_po_file_names_file_and_line(project):
    run_l10n("translate", "--lang", "fr", "--article", "middle-corridor", project=project)
    po = project / "locales" / "fr" / "middle-corridor.po"
    lines = po.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith('msgstr "') and len(line) > 12)
    lines[index] = lines[index][:-1]  # drop the closing quote
    po.write_text("\n".join(lines) + "\n")
    before = po.read_bytes()
    line = fails(project, "translate", "--lang", "fr")
    assert line == f"error: {po}:{index + 1}: not a valid PO line: {lines[index].strip()[:40]!r}"
    assert po.read_bytes() == before


def test_unknown_language_code(project):
    assert fails(project, "translate", "--lang", "fr,xx") == "error: unknown language code: 'xx'"


def test_missing_engine_says_what_to_install(project):
    line = fails(project, "translate", "--lang", "de")
    assert line.startswith("error: no engine can translate en→de:")
    assert "l10n models install en de" in line


def test_unknown_engine_name(project):
    assert "unknown engine 'deepl'" in fails(project, "translate", "--engine", "deepl")


def test_unwritable_output_folder(project):
    (project / "output").write_text("a file where a folder should be\n")
    line = fails(project, "build", "--lang", "fr", "--allow-source")
    assert line == f"error: {project / 'output' / 'fr'}: cannot write here: Not a directory"


def test_no_project_here(tmp_path):
    assert "no l10n.toml here" in fails(tmp_path, "status")


def test_bad_config_value_names_its_line(project):
    config = project / "l10n.toml"
    config.write_text(
        config.read_text().replace('target_languages = ["fr", "es", "it"]', 'target_languages = ["fr", "zz"]')
    )
    assert fails(project, "status") == f"error: {config}:5: unknown language code: 'zz'"


@pytest.mark.parametrize("command", [["--help"], ["translate", "--help"], ["status", "--help"]])
def test_help_imports_nothing_heavy(command):
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "l10n", *command],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {
        line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line
    }
    heavy = {
        "argostranslate",
        "torch",
        "ctranslate2",
        "polib",
        "markdown_it",
        "rich",
        "yaml",
        "babel",
        "lxml",
        "pysbd",
        "sacrebleu",
        "jinja2",
    }
    assert not imported & heavy


def test_translate_help_names_every_engine():
    from l10n.engines import ENGINES

    shown = " ".join(run_l10n("translate", "--help").stdout.split())
    for name in ENGINES:
        assert name in shown
