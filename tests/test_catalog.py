"""Catalog updates like msgmerge, but never losing a person's translation."""

from pathlib import Path

import polib
import pytest

from conftest import msgfmt_check
from l10n import catalog, pofile
from l10n.documents import parse_markdown
from l10n.errors import L10nError
from l10n.model import Entry, State
from l10n.pofile import Catalog


def template_for(text: str) -> polib.POFile:
    document = parse_markdown(text, "articles/en/a.md")
    return catalog.build_template("articles/en/a.md", document.segments, "test")


def catalog_for(text: str) -> Catalog:
    template = template_for(text)
    po = pofile.parse_catalog(catalog.new_catalog(template, "fr"), "fr", "a")
    catalog.update_catalog(po, template)
    return po


def update(po: Catalog, text: str) -> catalog.UpdateResult:
    result, _ = catalog.update_catalog(po, template_for(text))
    return result


def find(po: Catalog, msgid: str) -> Entry:
    return next(e for e in po.entries if e.msgid == msgid)


def write(po: Catalog, path: Path) -> None:
    path.write_text(po.render(), encoding="utf-8")


def reread(path: Path) -> Catalog:
    return pofile.parse_catalog(pofile.read_po(path), "fr", "a")


def test_new_entries_are_untranslated_with_occurrences_and_notes():
    po = catalog_for("# Title here\n\nFirst sentence. Second *one*.\n")
    assert [e.msgid for e in po.entries] == ["Title here", "First sentence.", "Second <1>one</1>."]
    assert all(e.text == "" for e in po.entries)
    assert find(po, "First sentence.").po.occurrences == [("articles/en/a.md", "3")]
    assert find(po, "Second <1>one</1>.").po.comment == "paragraph\n<1>…</1> = em"


def test_repeated_sentence_is_one_entry_with_two_occurrences():
    po = catalog_for("Same words here.\n\nSame words here.\n")
    assert len(po.entries) == 1
    assert po.entries[0].po.occurrences == [("articles/en/a.md", "1"), ("articles/en/a.md", "3")]


def test_changed_source_keeps_a_human_translation_fuzzy_with_previous_msgid():
    po = catalog_for("The ministers met in Astana on Monday.\n")
    po.entries[0].set_text("Les ministres se sont réunis à Astana lundi.")
    result = update(po, "The ministers met in Astana on Tuesday.\n")
    assert result.carried == 1
    assert len(po.entries) == 1
    entry = po.entries[0]
    assert entry.msgid == "The ministers met in Astana on Tuesday."
    assert entry.text == "Les ministres se sont réunis à Astana lundi."
    assert entry.fuzzy
    assert entry.po.previous_msgid == "The ministers met in Astana on Monday."
    assert entry.needs_suggestion


def test_changed_source_drops_a_machine_draft_so_it_is_translated_again():
    po = catalog_for("The ministers met in Astana on Monday.\n")
    po.entries[0].set_machine_draft("Les ministres ont accompli à Astana lundi.")
    result = update(po, "The ministers met in Astana on Tuesday.\n")
    assert result.carried == 0 and result.added == 1 and result.dropped == 1
    assert [(e.msgid, e.text, e.obsolete) for e in po.entries] == [
        ("The ministers met in Astana on Tuesday.", "", False)
    ]


def test_removed_human_translation_becomes_obsolete_and_can_come_back():
    po = catalog_for("Kept sentence.\n\nRemoved later entirely.\n")
    find(po, "Removed later entirely.").set_text("Supprimé plus tard.")
    update(po, "Kept sentence.\n")
    removed = find(po, "Removed later entirely.")
    assert removed.obsolete and removed.text == "Supprimé plus tard."
    update(po, "Kept sentence.\n\nRemoved later entirely.\n")
    assert not find(po, "Removed later entirely.").obsolete


def test_untouched_entries_keep_their_state_across_updates():
    po = catalog_for("One sentence here. Another sentence there.\n")
    find(po, "One sentence here.").set_machine_draft("Une phrase ici.")
    find(po, "Another sentence there.").set_text("Une autre phrase là.")
    update(po, "One sentence here. Another sentence there. New one.\n")
    assert find(po, "One sentence here.").state is State.MACHINE_DRAFT
    assert find(po, "Another sentence there.").state is State.REVIEWED
    assert find(po, "New one.").state is State.UNTRANSLATED


def test_an_edited_machine_draft_counts_as_human_work():
    po = catalog_for("The ministers met.\n")
    entry = po.entries[0]
    entry.set_machine_draft("Les ministres ont accompli.")
    assert entry.is_machine_draft
    entry.set_text("Les ministres se sont réunis.")  # a translator edits, leaves it fuzzy
    assert not entry.is_machine_draft and entry.is_human
    update(po, "The ministers met again.\n")
    carried = po.entries[0]
    assert (
        carried.text == "Les ministres se sont réunis." and carried.po.previous_msgid == "The ministers met."
    )


def test_written_catalogs_pass_msgfmt_and_survive_a_reload(tmp_path: Path):
    po = catalog_for("# Title\n\nOne. Two *words*. Three.\n")
    find(po, "One.").set_machine_draft("Un.")
    find(po, "Two <1>words</1>.").set_text("Deux <1>mots</1>.")
    update(po, "# Title\n\nOne. Two *words* here. Four.\n")
    path = tmp_path / "fr.po"
    write(po, path)
    msgfmt_check(path)
    again = reread(path)
    assert find(again, "One.").state is State.MACHINE_DRAFT
    assert find(again, "Two <1>words</1> here.").po.previous_msgid == "Two <1>words</1>."


def test_a_catalog_that_says_the_same_apart_from_its_dates_is_the_same(tmp_path: Path):
    po = catalog_for("One sentence.\n")
    path = tmp_path / "fr.po"
    write(po, path)
    again = reread(path)
    again.po.metadata["PO-Revision-Date"] = "2031-01-01 00:00+0000"
    again.po.metadata["POT-Creation-Date"] = "2031-01-01 00:00+0000"
    assert pofile.same_but_dates(again.po, path.read_text(encoding="utf-8"))
    again.entries[0].set_text("Une phrase.")
    assert not pofile.same_but_dates(again.po, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "content, line, message",
    [
        ('msgid "a"\nmsgstr "b"\n\nmsgid "unterminated\nmsgstr "x"\n', 4, "not a valid PO line"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "duplicate msgid"),
        ('msgid "a"\nmsgstr "b"\ngarbage here\n', 3, "not a valid PO line"),
        (b'msgid "a"\nmsgstr "\xff"\n', 2, "not UTF-8"),
        ('msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=banana;\\n"\n', 3, "invalid Plural-Forms"),
    ],
)
def test_broken_po_files_are_reported_with_their_line(tmp_path: Path, content, line, message):
    path = tmp_path / "broken.po"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(L10nError) as error:
        pofile.read_po(path)
    assert (error.value.line, message in error.value.message) == (line, True)
