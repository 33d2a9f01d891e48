"""`l10n build`: translated articles and .mo files from the catalogs."""

import gettext
import json

import polib
from markdown_it import MarkdownIt

from conftest import run_l10n
from l10n.build import SOURCE_MARK


def block_types(text: str) -> list[str]:
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    return [t.type for t in tokens]


def test_build_writes_translated_articles_with_their_structure(project):
    run_l10n("translate", "--lang", "fr,es,it", project=project)
    report = json.loads(run_l10n("build", "--format", "json", project=project).stdout)
    assert len(report) == 9
    source = (project / "articles" / "en" / "central-asia-g7-dialogue.md").read_text()
    french = (project / "output" / "fr" / "central-asia-g7-dialogue.md").read_text()
    assert block_types(french) == block_types(source)
    assert "<!-- Editors: check the funding table" in french  # comments are not translated
    assert "(https://www.example.org/g7/central-asia" in french  # URLs stay
    assert "**" in french and "*partners" not in french
    assert "Ministres" in french or "ministres" in french
    entry = next(r for r in report if r["language"] == "fr" and r["slug"] == "central-asia-g7-dialogue")
    assert entry["unreviewed"] == entry["segments"] and entry["reviewed"] == 0 and entry["problems"] == []


def test_mo_files_hold_reviewed_translations_only(project):
    run_l10n("translate", "--lang", "fr", "--article", "middle-corridor", project=project)
    path = project / "locales" / "fr" / "middle-corridor.po"
    po = polib.pofile(str(path))
    reviewed = next(e for e in po if e.msgid == "Three bottlenecks remain:")
    reviewed.msgstr = "Trois goulets d'étranglement subsistent :"
    reviewed.flags.remove("fuzzy")
    draft = next(e for e in po if e.fuzzy)
    po.save(str(path))
    run_l10n("build", "--lang", "fr", project=project)
    with open(project / "output" / "fr" / "LC_MESSAGES" / "middle-corridor.mo", "rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    assert catalog.gettext("Three bottlenecks remain:") == "Trois goulets d'étranglement subsistent :"
    assert catalog.gettext(draft.msgid) == draft.msgid  # a machine draft is not shipped in .mo


def test_reviewed_only_build_keeps_unreviewed_text_in_english_and_marks_it(project):
    run_l10n("translate", "--lang", "fr", "--article", "middle-corridor", project=project)
    path = project / "locales" / "fr" / "middle-corridor.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid == "Three bottlenecks remain:")
    entry.msgstr = "Trois goulets d'étranglement subsistent :"
    entry.flags.remove("fuzzy")
    po.save(str(path))
    run_l10n("build", "--lang", "fr", "--reviewed-only", project=project)
    text = (project / "output" / "fr" / "middle-corridor.md").read_text()
    assert "Trois goulets d'étranglement subsistent :" in text
    assert f"{SOURCE_MARK}Why it matters" in text
    assert 'title: "The Middle Corridor gains momentum"' in text  # front matter cannot carry a mark


def test_build_of_an_untranslated_language_fails_unless_the_source_is_allowed(project):
    refused = run_l10n("build", "--lang", "it", "--article", "sdg-financing", project=project, check=False)
    assert refused.returncode == 1 and "nothing is translated into 'it'" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and not (project / "output" / "it").exists()
    run_l10n("build", "--lang", "it", "--article", "sdg-financing", "--allow-source", project=project)
    text = (project / "output" / "it" / "sdg-financing.md").read_text()
    assert "# Financing the SDGs in Central Asia" in text
