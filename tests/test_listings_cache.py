"""``queue`` and ``check`` served from the local index (issue 16): a warm listing prints
exactly what a cold one prints, imports no PO parser when nothing changed, and follows
every change of what it depends on (a PO file edited outside l10n, a review, the
glossary)."""

from __future__ import annotations

import os
import shutil

import polib
import pytest

from conftest import NETBLOCK, REPO, run_l10n

TRAP = "raise ImportError('a warm listing imported {name}')\n"
LISTINGS = [
    ("queue", "--format", "json"),
    ("queue",),
    ("queue", "--summary"),
    ("check", "--format", "json"),
    ("check",),
]


def outputs(project, env=None) -> dict[tuple[str, ...], tuple[int, str, str]]:
    found = {}
    for args in LISTINGS:
        result = run_l10n(*args, project=project, env=env, check=False)
        found[args] = (result.returncode, result.stdout, result.stderr)
    return found


def cold(project) -> dict[tuple[str, ...], tuple[int, str, str]]:
    """What a first run prints: no index, no kept output."""
    shutil.rmtree(project / ".l10n", ignore_errors=True)
    return outputs(project)


@pytest.fixture
def translated(project):
    run_l10n("translate", "--lang", "fr,es", project=project)
    return project


def without(tmp_path, *modules: str) -> dict[str, str]:
    """An environment in which importing any of ``modules`` fails."""
    trap = tmp_path / "trap"
    trap.mkdir(exist_ok=True)
    for name in modules:
        (trap / f"{name}.py").write_text(TRAP.format(name=name))
    return {"PYTHONPATH": os.pathsep.join([str(trap), str(NETBLOCK), str(REPO)])}


def test_warm_listings_print_what_cold_ones_print_and_parse_nothing(translated, tmp_path):
    first = cold(translated)
    assert all(code == 0 for code, _, _ in first.values())
    assert first[("queue", "--format", "json")][1].count('"id"') > 10
    assert "error(s)" in first[("check",)][2]
    assert outputs(translated) == first  # from the per-catalog rows or the kept output
    trapped = without(tmp_path, "polib", "babel", "hunspell")
    assert outputs(translated, trapped) == first  # nothing changed: no PO file parsed


def test_per_catalog_rows_alone_give_the_cold_output(translated):
    first = cold(translated)
    shutil.rmtree(translated / ".l10n" / "listings")  # kept outputs gone, rows still there
    assert outputs(translated) == first


def test_a_po_file_edited_outside_l10n_changes_the_warm_listing(translated, tmp_path):
    first = cold(translated)
    path = translated / "locales" / "fr" / "middle-corridor.po"
    po = polib.pofile(str(path), wrapwidth=0)
    edited = next(e for e in po if e.msgstr and not e.obsolete and e.msgid.endswith("."))
    edited.msgstr = "Texte revu à la main sans point final"  # the end-punctuation check flags it
    po.save(str(path))
    warm = outputs(translated)
    assert warm != first
    assert "Texte revu à la main sans point final" in warm[("check", "--format", "json")][1]
    assert "Texte revu à la main sans point final" in warm[("queue",)][1]
    result = run_l10n("check", project=translated, env=without(tmp_path, "polib"), check=False)
    assert result.returncode == 0  # only that catalog is parsed again, and it was above
    assert warm == cold(translated)


def test_a_review_and_a_glossary_change_reach_the_warm_listing(translated):
    cold(translated)
    ids = [
        line.split()[1]
        for line in run_l10n("queue", project=translated).stdout.splitlines()
        if ":" in line.split()[0]
    ]
    run_l10n("approve", ids[0], "--reviewer", "Alice", project=translated)
    after_review = outputs(translated)
    assert ids[0] not in after_review[("queue",)][1]
    assert after_review == cold(translated)

    glossary = translated / "glossaries" / "extra.csv"
    glossary.write_text("en,fr,es,note\nministers,ministres du monde,ministros del mundo,\n")
    warm = outputs(translated)
    assert warm != after_review
    assert warm == cold(translated)


def test_consistency_across_catalogs_follows_an_edit_of_the_other_catalog(translated):
    """A finding of one catalog can come from another (the same sentence translated
    differently elsewhere): editing only the other file must change it."""
    first = cold(translated)
    fr = translated / "locales" / "fr"
    catalogs = {p.stem: polib.pofile(str(p), wrapwidth=0) for p in sorted(fr.glob("*.po"))}
    (one, po_one), (other, po_other) = list(catalogs.items())[:2]
    shared = next(e for e in po_one if e.msgstr and not e.obsolete)
    po_other.append(polib.POEntry(msgid=shared.msgid, msgstr=shared.msgstr + " (autrement)"))
    po_other.save(str(fr / f"{other}.po"))
    warm = outputs(translated)
    assert f"translated differently in {other}" in warm[("check",)][1]
    assert warm != first and warm == cold(translated)
