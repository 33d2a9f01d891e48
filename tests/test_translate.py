"""`l10n translate` end to end through the real CLI, with Apertium."""

import json
import os
import shutil
import sys
from pathlib import Path

import polib

from conftest import msgfmt_check, run_l10n
from l10n.model import State
from support import state


def translate_json(project: Path, *args: str, env=None) -> dict:
    result = run_l10n("translate", "--format", "json", *args, project=project, env=env)
    assert result.stderr == ""  # not a terminal: no progress, no logs
    return json.loads(result.stdout)


def po_files(project: Path) -> list[Path]:
    return sorted((project / "locales").glob("*/*.po"))


def path_without_apertium(tmp_path: Path) -> str:
    """PATH holding python and msgfmt but no apertium: any engine call would fail."""
    bin_dir = tmp_path / "bin-no-apertium"
    bin_dir.mkdir(exist_ok=True)
    for tool in ("msgfmt",):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    return str(bin_dir)


def test_translate_fills_review_ready_catalogs_then_does_nothing(project, tmp_path):
    first = translate_json(project, "--lang", "fr,es,it")
    assert set(first) == {"fr", "es", "it"}
    for counts in first.values():
        assert set(counts) == {"sent", "reused", "unchanged"}
        assert counts["sent"] > 50 and counts["unchanged"] == 0
    assert len(po_files(project)) == 9
    for path in po_files(project):
        msgfmt_check(path)
    for language in ("fr", "es", "it"):
        drafts = state.drafts(project, language)
        with state.open_catalogs(project) as catalogs:
            active = [e for _, e in catalogs.entries([language], sorted({p.stem for p in po_files(project)}))]
        assert active and all(e.state is State.MACHINE_DRAFT for e in active)
        assert {d.engine for d in drafts} == {"apertium"} and len(drafts) == len(active)
    before = {p: p.read_bytes() for p in po_files(project)}

    env = {"PATH": path_without_apertium(tmp_path)}
    second = translate_json(project, "--lang", "fr,es,it", env=env)
    for language, counts in second.items():
        assert counts == {"sent": 0, "reused": 0, "unchanged": sum(first[language].values())}
    assert {p: p.read_bytes() for p in po_files(project)} == before


def test_editing_one_sentence_sends_exactly_that_sentence(project):
    translate_json(project, "--lang", "fr,es,it")
    article = project / "articles" / "en" / "middle-corridor.md"
    text = article.read_text()
    old = "Three bottlenecks remain:"
    assert old in text
    article.write_text(text.replace(old, "Three serious bottlenecks remain:"))
    result = translate_json(project, "--lang", "fr,es,it")
    for counts in result.values():
        assert counts["sent"] == 1 and counts["reused"] == 0
    po = polib.pofile(str(project / "locales" / "fr" / "middle-corridor.po"))
    changed = state.entry(project, "fr", "middle-corridor", "Three serious bottlenecks remain:")
    assert changed.state is State.MACHINE_DRAFT
    assert not any(e.msgid == old for e in po)  # a machine draft of removed text is not kept


def test_a_human_translation_survives_a_source_change_with_a_suggestion(project):
    translate_json(project, "--lang", "fr")
    path = project / "locales" / "fr" / "middle-corridor.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid == "Three bottlenecks remain:")
    entry.msgstr = "Trois goulets d'étranglement subsistent :"
    entry.flags.remove("fuzzy")
    po.save(str(path))  # as a PO editor would

    article = project / "articles" / "en" / "middle-corridor.md"
    article.write_text(article.read_text().replace("Three bottlenecks", "Three major bottlenecks"))
    counts = translate_json(project, "--lang", "fr")["fr"]
    assert counts["sent"] == 1

    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid == "Three major bottlenecks remain:")
    assert entry.msgstr == "Trois goulets d'étranglement subsistent :"
    assert entry.fuzzy and entry.previous_msgid == "Three bottlenecks remain:"
    suggestion = state.entry(project, "fr", "middle-corridor", "Three major bottlenecks remain:").suggestion
    assert suggestion and suggestion != entry.msgstr
    msgfmt_check(path)
    again = translate_json(project, "--lang", "fr")["fr"]
    assert again["sent"] == 0  # the suggestion is there; nothing more to do


def test_identical_sentences_in_two_articles_are_sent_once(project):
    shutil.copy(project / "articles" / "en" / "middle-corridor.md", project / "articles" / "en" / "copy.md")
    counts = translate_json(project, "--lang", "es")["es"]
    unique = len(polib.pofile(str(project / "locales" / "es" / "copy.po")))
    assert counts["reused"] >= unique - 1  # every entry of the copy came from the other article
    assert counts["sent"] + counts["reused"] == sum(len(polib.pofile(str(p))) for p in po_files(project))


def test_article_option_limits_the_run(project):
    counts = translate_json(project, "--lang", "it", "--article", "sdg-financing")
    assert [p.name for p in po_files(project)] == ["sdg-financing.po"]
    assert counts["it"]["sent"] > 10


def test_text_output_names_the_engine_and_route(project):
    result = run_l10n("translate", "--lang", "fr", project=project)
    assert result.stdout.startswith("fr: ")
    assert "via apertium (eng-spa>es-fr)" in result.stdout


def test_progress_bars_appear_on_a_terminal(project):
    import pexpect

    child = pexpect.spawn(
        sys.executable,
        ["-m", "l10n", "--project", str(project), "translate", "--lang", "es", "--format", "json"],
        env={**os.environ, "COLUMNS": "100"},
        encoding="utf-8",
        timeout=120,
    )
    child.expect(pexpect.EOF)
    output = child.before
    assert "es (apertium)" in output  # the progress bar's label, drawn on the terminal
    assert '"sent"' in output
