"""Safe automatic fixes of machine drafts (issue 13): each reproduction from the issue and
the reference sets, drafts a rule cannot repair cleanly left alone and flagged, and fixed
drafts that the typography and numbers checks accept."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, run_l10n
from l10n.checks import Unit, run_checks
from l10n.checks.numbers import NumbersCheck
from l10n.checks.typography import TypographyCheck
from l10n.config import Config
from l10n.engines.apertium import ApertiumEngine
from l10n.fixes import RULES, Context, apply_fixes
from l10n.glossary import load_glossary
from l10n.glossary.enforce import Enforcer
from l10n.glossary.matcher import Matcher
from l10n.references import read_reference_set
from l10n.typography import localise

GLOSSARY = load_glossary(REPO / "glossaries")
MATCHER = Matcher(GLOSSARY)
CHECKED = [NumbersCheck(), TypographyCheck()]


def fix(language: str, source: str, draft: str):
    return apply_fixes(source, draft, Context(language, GLOSSARY, MATCHER))


CASES = [
    # amounts and currencies in the target language's words and order
    ("fr", "The G7 pledged $600 billion.", "Le G7 a promis $600 mil millions.",
     "Le G7 a promis 600 milliards de dollars.", "amounts"),
    ("fr", "The G7 pledged 600 billion US dollars.", "Le G7 a promis 600 milliers de millions les EE.UU. dollars.",
     "Le G7 a promis 600 milliards de dollars.", "amounts"),
    ("fr", "It costs 1.5 billion dollars.", "Il coûte 1.5 milliers de millions dollars.",
     "Il coûte 1,5 milliard de dollars.", "amounts"),
    ("fr", "€960 million", "€960 millions", "960 millions d'euros", "amounts"),
    ("it", "Projects are worth more than €10 billion.", "I progetti valgono più di €10 mille milioni.",
     "I progetti valgono più di 10 miliardi di euro.", "amounts"),
    ("es", "The G7 plans to mobilise $600 billion.", "El G7 planea movilizar $600 mil millones.",
     "El G7 planea movilizar 600 mil millones de dólares.", "amounts"),
    # determiners and prepositions agree with the term's gender and number
    ("fr", "The United Nations asked for more.", "La Nations unies a demandé plus.",
     "Les Nations unies a demandé plus.", "term-agreement"),
    ("fr", "The charter of the United Nations.", "La charte de la Nations unies.",
     "La charte des Nations unies.", "term-agreement"),
    # possessives around terms
    ("fr", "Kazakhstan's Deputy Minister of Foreign Affairs spoke.",
     "Kazakhstan vice-ministre des affaires étrangères a parlé.",
     "Le vice-ministre des affaires étrangères du Kazakhstan a parlé.", "possessive"),
    ("fr", "The EBRD's investments in the region doubled.", "La BERD investissements dans la région ont doublé.",
     "Les investissements de la BERD dans la région ont doublé.", "possessive"),
    # country names with their article and preposition
    ("fr", "A project in Kazakhstan.", "Un projet en Kazakhstan.", "Un projet au Kazakhstan.", "place-article"),
    ("fr", "Kazakhstan is a large country.", "Kazakhstan est un grand pays.",
     "Le Kazakhstan est un grand pays.", "place-article"),
    ("fr", "The Caspian Sea links Kazakhstan with Azerbaijan.", "La mer Caspienne relie Kazakhstan avec Azerbaïdjan.",
     "La mer Caspienne relie le Kazakhstan avec l'Azerbaïdjan.", "place-article"),
    ("it", "The EIB signed three agreements with Uzbekistan.", "La BEI ha firmato tre accordi con Uzbekistan.",
     "La BEI ha firmato tre accordi con l'Uzbekistan.", "place-article"),
    # sentence case after a name or a term at the start
    ("fr", "Kazakhstan has set a target.", "Kazakhstan A mis un objectif.",
     "Le Kazakhstan a mis un objectif.", "sentence-case"),
    ("fr", "Kazakhstan and Azerbaijan launched a pilot.", "Kazakhstan Et Azerbaïdjan a lancé un pilote.",
     "Le Kazakhstan et l'Azerbaïdjan a lancé un pilote.", "sentence-case"),
    ("fr", "PGII complements Global Gateway.", "PGII Complète Global Gateway.",
     "PGII complète Global Gateway.", "sentence-case"),
    # whitespace at placeholder edges
    ("fr", "More details are on the G7 <1>presidency website</1>.", "Plus de détails sur le <1> web de cime</1>.",
     "Plus de détails sur le <1>web de cime</1>.", "placeholder-space"),
    ("fr", "See <1>the site</1> now.", "Voir<1> le site </1>maintenant.", "Voir <1>le site</1> maintenant.",
     "placeholder-space"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "source", "draft", "expected", "rule"), CASES)
def test_each_rule_repairs_what_the_issue_saw(language, source, draft, expected, rule):
    fixed = fix(language, source, draft)
    assert fixed.text == expected
    assert rule in fixed.applied and fixed.unfixed == []


def test_a_rule_that_cannot_apply_cleanly_leaves_the_draft_and_says_why():
    # The amount is not in the draft: nothing to rewrite, and the reviewer is told.
    fixed = fix("fr", "The G7 pledged $600 billion.", "Le G7 a promis beaucoup d'argent.")
    assert fixed.text == "Le G7 a promis beaucoup d'argent."
    assert fixed.unfixed == ["amounts: 600 of the source is not in the draft"]
    # More scale words than the rule can read: not half-rewritten.
    draft = "Le G7 a promis $600 mil millions milliards."
    fixed = fix("fr", "The G7 pledged $600 billion.", draft)
    assert fixed.text == draft and fixed.unfixed and fixed.unfixed[0].startswith("amounts:")
    # The engine moved the currency sign away from the number: not rewritten around it.
    draft = "La Commission il €a ajouté 10 mil millions."
    fixed = fix("fr", "The Commission added €10 billion.", draft)
    assert fixed.text == draft and fixed.unfixed == [
        "amounts: a currency sign the engine moved away from its number"
    ]
    # A possessive whose noun no analyser can read: left as it is.
    draft = "L'UE zorglubs ont été discutés."
    fixed = fix("fr", "The EU's zorglubs were discussed.", draft)
    assert fixed.text == draft and fixed.unfixed[0].startswith("possessive:")


def test_human_like_text_is_left_alone():
    good = "Le Kazakhstan et l'Ouzbékistan ont signé un accord de 600 milliards de dollars au Kazakhstan."
    source = "Kazakhstan and Uzbekistan signed a $600 billion agreement in Kazakhstan."
    assert fix("fr", source, good).text == good


@pytest.mark.parametrize("language", ["fr", "es", "it"])
def test_the_checks_accept_every_fixed_reference_draft(language):
    """Regression over the reference sets, on real Apertium drafts: no rule makes the
    typography or numbers check find anything it did not find before, and an amount the
    rule rewrote always reads as the source's value."""
    pairs = read_reference_set(REPO / "tests" / "data" / "reference" / f"{language}.tsv")
    sources = [s for s, _ in pairs]
    enforcer = Enforcer(GLOSSARY, language, MATCHER)
    protected = [enforcer.protect(s) for s in sources]
    outputs = ApertiumEngine(Config()).translate_batch([p.text for p in protected], "en", language)
    changed = 0
    for source, shielded, output in zip(sources, protected, outputs, strict=True):
        raw = enforcer.restore(shielded, output, source).text
        fixed = fix(language, source, raw)
        before = {
            (f.check, f.message) for f in run_checks(source, localise(raw, language), Unit(language), CHECKED)
        }
        after = run_checks(source, localise(fixed.text, language), Unit(language), CHECKED)
        assert {(f.check, f.message) for f in after} <= before, (source, fixed.text)
        if "amounts" in fixed.applied:
            assert not [f for f in after if f.check == "numbers"], fixed.text
        changed += bool(fixed.applied)
    assert changed >= 3  # the rules really ran (glossary enforcement already repairs some cases)


SCALES = {
    "million": ("millions", "millones", "milioni"),
    "billion": ("mil millions", "mil millones", "mila milioni"),
}


@settings(max_examples=150, deadline=None)
@given(
    language=st.sampled_from(["fr", "es", "it"]),
    whole=st.integers(1, 999),
    tenths=st.one_of(st.none(), st.integers(1, 9)),
    scale=st.sampled_from(sorted(SCALES)),
    symbol=st.sampled_from(["$", "€"]),
)
def test_every_rewritten_amount_passes_the_numbers_and_typography_checks(
    language, whole, tenths, scale, symbol
):
    number = f"{whole}.{tenths}" if tenths else str(whole)
    source = f"The fund holds {symbol}{number} {scale} for roads."
    calque = SCALES[scale][["fr", "es", "it"].index(language)]
    draft = f"Le fonds tient {symbol}{number} {calque} pour routes."
    fixed = fix(language, source, draft)
    assert fixed.applied == ["amounts"], fixed
    text = localise(fixed.text, language)
    assert symbol not in text
    assert run_checks(source, text, Unit(language), CHECKED) == [], text
    assert Decimal(number) > 0


def test_translate_records_the_fixes_with_the_draft(project):
    run_l10n("translate", "--lang", "fr", project=project)
    records = [
        json.loads(line)
        for path in (project / "history" / "fr").glob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    drafts = {r["msgid"]: r for r in records if r["type"] == "draft"}
    amount = next(r for m, r in drafts.items() if "$600 billion" in m)
    assert "amounts" in amount["fixes"] and "600 milliards de dollars" in amount["text"]
    assert sum(bool(r["fixes"]) for r in drafts.values()) >= 10
    rows = json.loads(run_l10n("check", "--lang", "fr", "--format", "json", project=project).stdout)
    assert not [
        (row["msgstr"], f["message"])
        for row in rows
        for f in row["failures"]
        if f["check"] in ("typography",) or (f["check"] == "numbers" and "milliard" in row["msgstr"])
    ]


def test_every_rule_is_measured():
    """bench/fix_rules.json holds chrF with and without each rule, per language, and a rule
    that lowers chrF is not enabled."""
    from l10n.fixes import enabled_rules

    bench = json.loads((REPO / "bench" / "fix_rules.json").read_text(encoding="utf-8"))
    for language, result in bench["languages"].items():
        assert set(result["rules"]) == {r.id for r in RULES}
        on = {r.id for r in enabled_rules(language)}
        for rule, row in result["rules"].items():
            if row["chrF_without_it"] > row["chrF_all_rules"]:
                assert rule not in on, (language, rule)
