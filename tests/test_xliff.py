"""XLIFF exchange: our files read by translate-toolkit, its files (po2xliff) imported here, a
file edited as a CAT tool would updates the PO entry, conflicts are visible, and bad input
is refused whole."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest
from lxml import etree
from translate.storage import xliff as tt_xliff

from conftest import msgfmt_check, run_l10n
from l10n.model import State
from support import state
from support.tmproject import REVIEWER, reviewed_first, small_project  # noqa: F401

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
TRANSLATOR = "Tess Translator <tess@agency.example>"
CORRIDOR = "Cargo volumes on the <1>Middle Corridor</1> doubled in two years."
MEETING = "The foreign ministers met their counterparts in Astana on Friday."
TITLE = "Ministers meet"


def export(root: Path, out: Path) -> Path:
    run_l10n("xliff", "export", "--lang", "fr", "-o", str(out), project=root)
    return out / "first.fr.xlf"


def unit_of(tree: etree._ElementTree, source_start: str) -> etree._Element:
    for unit in tree.iterfind(".//x:trans-unit", NS):
        if "".join(unit.find("x:source", NS).itertext()).startswith(source_start):
            return unit
    raise AssertionError(source_start)


def set_target(unit: etree._Element, parts: list, state_value: str) -> None:
    """What a CAT tool does: new target content (text and inline tags), a new state."""
    target = unit.find("x:target", NS)
    for child in list(target):
        target.remove(child)
    target.text = parts[0]
    for tag, text, tail in parts[1:]:
        element = etree.SubElement(target, f"{{{NS['x']}}}{tag}", id="1")
        element.text, element.tail = text, tail
    target.set("state", state_value)
    target.attrib.pop("state-qualifier", None)


def test_export_maps_states_placeholders_and_notes_and_translate_toolkit_reads_it(small, tmp_path):
    reviewed_first(small)
    path = export(small, tmp_path / "out")
    tree = etree.parse(str(path))
    file = tree.find("x:file", NS)
    assert (file.get("source-language"), file.get("target-language"), file.get("original")) == (
        "en", "fr", "articles/en/first.md",
    )  # fmt: skip
    corridor = unit_of(tree, "Cargo volumes")
    source = corridor.find("x:source", NS)
    assert [(g.get("id"), g.text) for g in source.iterfind("x:g", NS)] == [("1", "Middle Corridor")]
    target = corridor.find("x:target", NS)
    assert (target.get("state"), corridor.get("approved")) == ("signed-off", "yes")
    notes = {(n.get("from"), n.text) for n in corridor.iterfind("x:note", NS)}
    assert ("glossary", "glossary: Middle Corridor → corridor central") in notes
    assert any(who == "machine" and text.startswith("machine draft (apertium") for who, text in notes)
    title = unit_of(tree, TITLE).find("x:target", NS)
    assert (title.get("state"), title.get("state-qualifier")) == ("needs-review-translation", "leveraged-mt")

    store = tt_xliff.xlifffile.parsefile(str(path))
    units = {u.source: u for u in store.units if not u.isheader()}
    assert set(units) == {TITLE, MEETING, "Cargo volumes on the Middle Corridor doubled in two years."}
    rich = units["Cargo volumes on the Middle Corridor doubled in two years."].rich_source[0]
    assert "G" in repr(rich) and 'id="1"' in repr(rich)
    assert units[MEETING].isapproved() and not units[MEETING].isfuzzy()
    assert units[TITLE].isfuzzy() and not units[TITLE].isapproved()


def test_a_target_changed_in_a_cat_tool_updates_the_po_entry(small, tmp_path):
    run_l10n("translate", "--lang", "fr", project=small)
    path = export(small, tmp_path / "out")
    tree = etree.parse(str(path))
    set_target(
        unit_of(tree, "Cargo volumes"),
        ["Le volume du fret sur le ", ("g", "corridor central", " a doublé.")],
        "translated",
    )
    set_target(unit_of(tree, TITLE), ["Réunion des ministres"], "needs-review-translation")
    header = tree.find("x:file/x:header", NS)
    group = etree.SubElement(header, f"{{{NS['x']}}}phase-group")
    etree.SubElement(
        group,
        f"{{{NS['x']}}}phase",
        {
            "phase-name": "t1",
            "process-name": "translation",
            "contact-name": "Tess Translator",
            "contact-email": "tess@agency.example",
        },
    )
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")

    result = run_l10n("xliff", "import", str(path), project=small)
    assert "1 reviewed, 1 edited (awaiting review), 1 unchanged, 0 conflicts" in result.stdout
    corridor = state.entry(small, "fr", "first", CORRIDOR)
    assert corridor.text == "Le volume du fret sur le <1>corridor central</1> a doublé."
    assert corridor.state is State.REVIEWED and state.reviewer(small, corridor) == TRANSLATOR
    title = state.entry(small, "fr", "first", TITLE)
    assert (title.text, title.state) == ("Réunion des ministres", State.NEEDS_REVIEW)
    events = [e for e in state.events(small, "fr") if e.action.startswith("xliff")]
    assert {(e.action, e.reviewer, e.email) for e in events} == {
        ("xliff-edit", "Tess Translator", "tess@agency.example")
    }
    msgfmt_check(small / "locales/fr/first.po")
    # Importing the same file again records nothing new.
    again = run_l10n("xliff", "import", str(path), project=small)
    assert "0 reviewed, 0 edited (awaiting review), 3 unchanged, 0 conflicts" in again.stdout
    assert len([e for e in state.events(small, "fr") if e.action.startswith("xliff")]) == 2


def test_a_newer_human_edit_is_never_overwritten(small, tmp_path):
    reviewed_first(small)
    path = export(small, tmp_path / "out")
    tree = etree.parse(str(path))
    set_target(unit_of(tree, "The foreign ministers"), ["Les ministres se sont réunis."], "final")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    line = next(e.linenum for e in polib.pofile(str(small / "locales/fr/first.po")) if e.msgid == MEETING)
    newer = "Les chefs de la diplomatie ont rencontré leurs homologues à Astana vendredi."
    run_l10n("edit", f"locales/fr/first.po:{line}", "--text", newer, "--reviewer", REVIEWER, project=small)

    result = run_l10n("xliff", "import", str(path), "--translator", TRANSLATOR, project=small, check=False)
    assert result.returncode == 1
    conflicts = [line for line in result.stderr.splitlines() if line.startswith("conflict:")]
    unit_id = unit_of(tree, "The foreign ministers").get("id")
    assert len(conflicts) == 1 and f"conflict: {path}:" in conflicts[0] and f"unit {unit_id}:" in conflicts[0]
    assert state.entry(small, "fr", "first", MEETING).text == newer


def test_a_po2xliff_file_imports_here(small, tmp_path):
    run_l10n("translate", "--lang", "fr", project=small)
    po_path = small / "locales/fr/first.po"
    work = tmp_path / "agency"
    work.mkdir()
    catalog = polib.pofile(str(po_path))
    entry = catalog.find(CORRIDOR)
    entry.msgstr, entry.flags = "Le fret du <1>corridor central</1> a doublé en deux ans.", []
    catalog.save(str(work / "first.po"))
    subprocess.run(
        [str(Path(sys.executable).parent / "po2xliff"), str(work / "first.po"), str(work / "first.xlf")],
        check=True,
        capture_output=True,
    )
    result = run_l10n("xliff", "import", str(work / "first.xlf"), "--translator", TRANSLATOR, project=small)
    assert "1 reviewed" in result.stdout and "0 conflicts" in result.stdout
    found = state.entry(small, "fr", "first", CORRIDOR)
    assert found.text == entry.msgstr and found.state is State.REVIEWED


def edited_copy(small_root: Path, tmp_path: Path, change) -> Path:  # noqa: ANN001
    path = export(small_root, tmp_path / "out")
    tree = etree.parse(str(path))
    change(tree)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    return path


def _retarget(tree, start, text, lang=None):
    set_target(unit_of(tree, start), [text], "translated")
    if lang:
        tree.find("x:file", NS).set("target-language", lang)


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda t: _retarget(t, "Cargo", "Le fret a doublé."),
            "the placeholders do not match the source: missing <1>, </1>",
        ),
        (
            lambda t: _retarget(t, "Cargo", "Le <1>fret</1> a doublé.", lang="de"),
            "wrong languages: target-language 'de'",
        ),
        (
            lambda t: (
                unit_of(t, "Cargo").set("id", "ffffffff"),
                unit_of(t, "Cargo")
                .find("x:source", NS)
                .insert(0, etree.Element("{urn:oasis:names:tc:xliff:document:1.2}x", id="9")),
            ),
            "no entry with this id or English",
        ),
        (
            lambda t: t.find("x:file", NS).set("original", "articles/en/nowhere.md"),
            "no catalog for the file's original",
        ),
    ],
)
def test_bad_xliff_is_refused_whole(small, tmp_path, change, message):
    run_l10n("translate", "--lang", "fr", project=small)
    good = edited_copy(small, tmp_path / "a", lambda t: _retarget(t, TITLE, "Réunion"))
    bad = edited_copy(small, tmp_path / "b", change)
    before = (small / "locales/fr/first.po").read_bytes()
    result = run_l10n(
        "xliff", "import", str(good), str(bad), "--translator", TRANSLATOR, project=small, check=False
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}:") and message in lines[0], result.stderr
    assert (small / "locales/fr/first.po").read_bytes() == before  # the good file was not imported either


@pytest.mark.parametrize(
    "text, message",
    [
        ("not xml at all", "not well-formed XML"),
        (
            '<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]><xliff version="1.2"/>',
            "entity declarations are not allowed",
        ),
        (
            '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>',
            "XLIFF 2.0 is not supported",
        ),
    ],
)
def test_unreadable_xliff_is_one_line(small, tmp_path, text, message):
    path = tmp_path / "bad.xlf"
    path.write_text(text)
    result = run_l10n("xliff", "import", str(path), "--translator", TRANSLATOR, project=small, check=False)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: {path}") and message in result.stderr


def test_without_a_translator_the_import_asks_who(small, tmp_path):
    run_l10n("translate", "--lang", "fr", project=small)
    path = edited_copy(small, tmp_path, lambda t: _retarget(t, TITLE, "Réunion"))
    result = run_l10n("xliff", "import", str(path), project=small, check=False)
    assert result.returncode == 1 and "who translated this file?" in result.stderr
