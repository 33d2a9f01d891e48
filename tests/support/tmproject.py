"""A small project for the translation-memory tests: one article translated, two of its
entries written by a person."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from conftest import run_l10n

GLOSSARY = """\
en,fr
UN,ONU
SDG|SDGs,ODD
Middle Corridor,corridor central
"""
REVIEWER = "Ann Reviewer <ann@example.org>"

FIRST = """\
---
title: Ministers meet
---

The foreign ministers met their counterparts in Astana on Friday.

Cargo volumes on the **Middle Corridor** doubled in two years.
"""
SECOND = """\
---
title: Ministers meet again
---

The foreign ministers met their counterparts in Astana on Friday.

The foreign ministers met their counterparts in Tashkent on Friday.

Foreign ministers from the region met their counterparts in Astana.

Nothing in this sentence resembles anything translated before.
"""
HUMAN = {
    "The foreign ministers met their counterparts in Astana on Friday.": (
        "Les ministres des affaires étrangères ont rencontré leurs homologues à Astana vendredi."
    ),
    "Cargo volumes on the <1>Middle Corridor</1> doubled in two years.": (
        "Le fret sur le <1>corridor central</1> a doublé en deux ans."
    ),
}


@pytest.fixture(name="small")
def small_project(tmp_path) -> Path:
    root = tmp_path / "small"
    run_l10n("init", str(root), "--lang", "fr")
    (root / "glossaries" / "g.csv").write_text(GLOSSARY, encoding="utf-8")
    (root / "articles" / "en" / "first.md").write_text(FIRST, encoding="utf-8")
    return root


def reviewed_first(root: Path) -> None:
    """Translate the first article and have a person write two of its translations."""
    run_l10n("translate", "--lang", "fr", project=root)
    for msgid, text in HUMAN.items():
        line = next(e.linenum for e in polib.pofile(str(root / "locales/fr/first.po")) if e.msgid == msgid)
        run_l10n("edit", f"locales/fr/first.po:{line}", "--text", text, "--reviewer", REVIEWER, project=root)
