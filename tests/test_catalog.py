"""Catalog updates like msgmerge, but never losing a person's translation."""

from pathlib import Path

import polib
import pytest

from conftest import msgfmt_check
from l10n import catalog, entries
from l10n.documents import parse_markdown
from l10n.entries import Provenance
from l10n.errors import L10nError

MT = Provenance("apertium", "eng-spa>es-fr", "test:1")


def template_for(text: str) -> polib.POFile:
    document = parse_markdown(text, "articles/en/a.md")
    return catalog.build_template("articles/en/a.md", document.segments, "test")


def catalog_for(text: str) -> polib.POFile:
    template = template_for(text)
    po = catalog.new_catalog(template, "fr")
    catalog.update_catalog(po, template)
    return po


def find(po: polib.POFile, msgid: str) -> polib.POEntry:
    return next(e for e in po if e.msgid == msgid)


def test_new_entries_are_untranslated_with_occurrences_and_notes():
    po = catalog_for("# Title here\n\nFirst sentence. Second *one*.\n")
    assert [e.msgid for e in po] == ["Title here", "First sentence.", "Second <1>one</1>."]
    assert all(e.msgstr == "" for e in po)
    assert find(po, "First sentence.").occurrences == [("articles/en/a.md", "3")]
    assert find(po, "Second <1>one</1>.").comment == "paragraph\n<1>…</1> = em"


def test_repeated_sentence_is_one_entry_with_two_occurrences():
    po = catalog_for("Same words here.\n\nSame words here.\n")
    assert len(po) == 1
    assert po[0].occurrences == [("articles/en/a.md", "1"), ("articles/en/a.md", "3")]


def test_changed_source_keeps_a_human_translation_fuzzy_with_previous_msgid():
    po = catalog_for("The ministers met in Astana on Monday.\n")
    po[0].msgstr = "Les ministres se sont réunis à Astana lundi."
    result = catalog.update_catalog(po, template_for("The ministers met in Astana on Tuesday.\n"))
    assert result.carried == 1
    assert len(po) == 1
    entry = po[0]
    assert entry.msgid == "The ministers met in Astana on Tuesday."
    assert entry.msgstr == "Les ministres se sont réunis à Astana lundi."
    assert entry.fuzzy
    assert entry.previous_msgid == "The ministers met in Astana on Monday."
    assert entries.needs_suggestion(entry)


def test_changed_source_drops_a_machine_draft_so_it_is_translated_again():
    po = catalog_for("The ministers met in Astana on Monday.\n")
    entries.set_machine_draft(po[0], "Les ministres ont accompli à Astana lundi.", MT)
    result = catalog.update_catalog(po, template_for("The ministers met in Astana on Tuesday.\n"))
    assert result.carried == 0 and result.added == 1 and result.dropped == 1
    assert [(e.msgid, e.msgstr, e.obsolete) for e in po] == [
        ("The ministers met in Astana on Tuesday.", "", False)
    ]


def test_removed_human_translation_becomes_obsolete_and_can_come_back():
    po = catalog_for("Kept sentence.\n\nRemoved later entirely.\n")
    find(po, "Removed later entirely.").msgstr = "Supprimé plus tard."
    catalog.update_catalog(po, template_for("Kept sentence.\n"))
    removed = find(po, "Removed later entirely.")
    assert removed.obsolete and removed.msgstr == "Supprimé plus tard."
    catalog.update_catalog(po, template_for("Kept sentence.\n\nRemoved later entirely.\n"))
    assert not find(po, "Removed later entirely.").obsolete


def test_untouched_entries_keep_their_state_across_updates():
    po = catalog_for("One sentence here. Another sentence there.\n")
    entries.set_machine_draft(find(po, "One sentence here."), "Une phrase ici.", MT)
    find(po, "Another sentence there.").msgstr = "Une autre phrase là."
    catalog.update_catalog(po, template_for("One sentence here. Another sentence there. New one.\n"))
    assert entries.state(find(po, "One sentence here.")) == "machine-draft"
    assert entries.state(find(po, "Another sentence there.")) == "reviewed"
    assert entries.state(find(po, "New one.")) == "untranslated"


def test_an_edited_machine_draft_counts_as_human_work():
    po = catalog_for("The ministers met.\n")
    entry = po[0]
    entries.set_machine_draft(entry, "Les ministres ont accompli.", MT)
    assert entries.is_machine_draft(entry)
    entry.msgstr = "Les ministres se sont réunis."  # a translator edits, leaves it fuzzy
    assert not entries.is_machine_draft(entry) and entries.is_human(entry)
    catalog.update_catalog(po, template_for("The ministers met again.\n"))
    assert po[0].msgstr == "Les ministres se sont réunis." and po[0].previous_msgid == "The ministers met."


def test_written_catalogs_pass_msgfmt_and_survive_a_reload(tmp_path: Path):
    po = catalog_for("# Title\n\nOne. Two *words*. Three.\n")
    entries.set_machine_draft(find(po, "One."), "Un.", MT)
    find(po, "Two <1>words</1>.").msgstr = "Deux <1>mots</1>."
    catalog.update_catalog(po, template_for("# Title\n\nOne. Two *words* here. Four.\n"))
    path = tmp_path / "fr.po"
    assert catalog.write_if_changed(po, path)
    msgfmt_check(path)
    again = catalog.read_catalog(path)
    assert entries.state(find(again, "One.")) == "machine-draft"
    assert find(again, "Two <1>words</1> here.").previous_msgid == "Two <1>words</1>."


def test_writing_the_same_catalog_twice_leaves_the_file_alone(tmp_path: Path):
    po = catalog_for("One sentence.\n")
    path = tmp_path / "fr.po"
    assert catalog.write_if_changed(po, path)
    before = path.read_bytes()
    assert not catalog.write_if_changed(catalog.read_catalog(path), path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content, line, message",
    [
        ('msgid "a"\nmsgstr "b"\n\nmsgid "unterminated\nmsgstr "x"\n', 4, "not a valid PO line"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "duplicate msgid"),
        ('msgid "a"\nmsgstr "b"\ngarbage here\n', 3, "not a valid PO line"),
        (b'msgid "a"\nmsgstr "\xff"\n', 2, "not UTF-8"),
    ],
)
def test_broken_po_files_are_reported_with_their_line(tmp_path: Path, content, line, message):
    path = tmp_path / "broken.po"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(L10nError) as error:
        catalog.read_catalog(path)
    assert (error.value.line, message in error.value.message) == (line, True)
