"""Apertium's unknown-word marks (issue 13): kept as a signal, never left in a draft.

Without ``-u`` Apertium marks what it could not translate (``*word``, ``@word``,
``#word``); l10n strips the marks from the draft, keeps the words with the draft's record
in the history and as ``#. l10n unknown to the engine`` notes, and the ``unknown-words``
check points at them."""

from __future__ import annotations

import json
import re

import polib
import pytest

from conftest import run_l10n
from l10n.checks import Unit, run_checks
from l10n.checks.unknown_words import EngineUnknownWordsCheck
from l10n.config import Config
from l10n.documents.segment import placeholder_signature
from l10n.engines.apertium import ApertiumEngine
from l10n.engines.marks import strip_marks

MARK_BEFORE_WORD = re.compile(r"[*#@]\w")


@pytest.fixture(scope="module")
def engine():
    return ApertiumEngine(Config())


@pytest.mark.parametrize("target", ["fr", "es", "it"])
def test_marked_words_come_back_beside_a_clean_output(engine, target):
    [result] = engine.translate_annotated(
        ["The ministers met their counterparts to discuss hydropower."], "en", target
    )
    assert not MARK_BEFORE_WORD.search(result.text), result.text
    assert {"*counterparts", "*hydropower"} <= set(result.unknown)
    assert "counterparts" in result.text and "hydropower" in result.text
    assert engine.translate_batch(["The ministers met their counterparts."], "en", target) == [
        engine.translate_annotated(["The ministers met their counterparts."], "en", target)[0].text
    ]


def test_placeholders_and_html_survive_the_marks(engine):
    """A mark before an opaque placeholder (a glossary term, inline code) or inside a span
    is removed without damage and is not an unknown word."""
    source = "The <1>hydropower</1> plan of <901/> and <2/> helps the <3>shippers</3> & co."
    [result] = engine.translate_annotated([source], "en", "fr")
    assert sorted(placeholder_signature(result.text)) == sorted(placeholder_signature(source))
    assert not re.search(r"[*#@]", result.text), result.text
    assert "&" in result.text
    assert set(result.unknown) >= {"*hydropower", "*shippers"}
    assert not any("XT" in word or "901" in word for word in result.unknown)


def test_a_source_with_its_own_mark_characters_is_not_misread(engine):
    """ "#1", "@user" and "3*4" are the author's: that text goes through Apertium with -u,
    and its characters stay as the engine wrote them."""
    texts = ["Rank #1 for @example users, 3*4 counterparts.", "The counterparts met."]
    plain, marked = engine.translate_annotated(texts, "en", "es")
    assert "#1" in plain.text and "@" in plain.text and "3*4" in plain.text
    assert plain.unknown == ()
    assert marked.unknown == ("*counterparts",)


def test_strip_marks_keeps_the_first_stage_mark():
    text, words = strip_marks("Les **counterparts de #Ue et @foo d'**hydropower *<901/> 2*x.")
    assert text == "Les counterparts de Ue et foo d'hydropower <901/> 2x."
    assert words == ("*counterparts", "#Ue", "@foo", "*hydropower")


def test_the_check_points_at_the_words_still_in_the_text():
    unit = Unit("fr", unknown_words=["*counterparts", "@lancha", "*hydropower"])
    target = "Ils ont rencontré leurs counterparts sur une lancha."
    failures = run_checks(
        "They met their counterparts on a launch.", target, unit, [EngineUnknownWordsCheck()]
    )
    assert [(f.check, f.severity, target[f.span[0] : f.span[1]]) for f in failures] == [
        ("unknown-words", "warning", "counterparts"),
        ("unknown-words", "warning", "lancha"),
    ]
    assert "analyser" in failures[0].message and "bilingual" in failures[1].message


def test_translate_keeps_the_marks_as_a_signal(project):
    """On the sample articles: no draft carries a mark, about half the French units have
    unknown words, and they reach the PO notes, the history and `l10n check`."""
    run_l10n("translate", "--lang", "fr", project=project)
    entries = [
        e for path in sorted((project / "locales" / "fr").glob("*.po")) for e in polib.pofile(str(path))
    ]
    assert entries and not [e.msgstr for e in entries if MARK_BEFORE_WORD.search(e.msgstr)]
    noted = [e for e in entries if "l10n unknown to the engine: " in (e.comment or "")]
    # 43 of 86 through the Spanish pivot when measured for the issue; route selection takes
    # some sentences from the Catalan pivot, which knows more words (34 measured).
    assert 28 <= len(noted) <= 50, len(noted)
    records = [
        json.loads(line)
        for path in (project / "history" / "fr").glob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert sum(bool(r.get("unknown")) for r in records if r["type"] == "draft") == len(noted)
    rows = json.loads(run_l10n("check", "--lang", "fr", "--format", "json", project=project).stdout)
    flagged = {
        row["msgstr"][f["span"][0] : f["span"][1]]
        for row in rows
        for f in row["failures"]
        if f["check"] == "unknown-words"
    }
    assert {"counterparts", "shippers", "hydropower"} <= flagged
