"""Portuguese, Croatian, Slovenian, Galician and Catalan: Apertium routes, the glossary's
forms and agreement, case-safe enforcement, and `l10n translate` end to end."""

import pytest

from conftest import REPO, msgfmt_check, run_l10n
from l10n.config import DEFAULT_TOML, Config
from l10n.engines.apertium import ApertiumEngine
from l10n.glossary import load_glossary
from l10n.glossary.check import check_translation
from l10n.glossary.enforce import Enforcer, leaked_markers
from l10n.glossary.grammar import agree
from l10n.glossary.inflection import contains_inflected
from l10n.glossary.matcher import Matcher
from l10n.model import State
from support import state

NEW_LANGUAGES = ["pt", "hr", "sl", "gl", "ca"]


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(REPO / "glossaries", REPO)


def test_the_glossary_has_every_concept_in_the_new_languages(glossary):
    for concept in glossary.concepts:
        for language in NEW_LANGUAGES:
            assert concept.approved(language), (concept.id, language)


@pytest.mark.parametrize("language", NEW_LANGUAGES)
def test_every_new_language_has_a_default_route_that_runs_here(language):
    engine = ApertiumEngine(Config())  # no l10n.toml: the built-in routes
    assert engine.supports("en", language), engine.missing("en", language)
    assert f"\n{language} = " in DEFAULT_TOML.split("[apertium.routes]")[1].split("[")[0]
    assert engine.translate_batch(["The ministers met in <1>March</1>."], "en", language)[0].count("<1>") == 1


# -- agreement -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, before, term, gender, plural, expected",
    [
        # Portuguese: article and the fused prepositions de, em, a, por
        ("pt", "O ", "Ásia Central", "f", False, "A "),
        ("pt", "membros do ", "ONU", "f", False, "membros da "),
        ("pt", "progressos nos ", "ODS", "m", True, "progressos nos "),
        ("pt", "compromisso com o ", "Carta das Nações Unidas", "f", False, "compromisso com a "),
        ("pt", "aderiu ao ", "União Europeia", "f", False, "aderiu à "),
        ("pt", "adotada pelo ", "Assembleia Geral das Nações Unidas", "f", False, "adotada pela "),
        ("pt", "o apoio das ", "Nações Unidas", "f", True, "o apoio das "),
        ("pt", "visitou ", "Bisqueque", "f", False, "visitou "),  # no article: left alone
        ("pt", "terminou com um ", "declaração conjunta", "f", False, "terminou com uma "),
        ("pt", "A ", "Nações Unidas", "f", True, "As "),
        # Galician: like Portuguese, with "co" for con and "polo" for por
        ("gl", "O ", "Comisión Europea", "f", False, "A "),
        ("gl", "membros do ", "ONU", "f", False, "membros da "),
        ("gl", "compromiso co ", "Carta das Nacións Unidas", "f", False, "compromiso coa "),
        ("gl", "aprobada polo ", "Asemblea Xeral das Nacións Unidas", "f", False, "aprobada pola "),
        ("gl", "avances nos ", "ODS", "m", True, "avances nos "),
        ("gl", "rematou cun ", "declaración conxunta", "f", False, "rematou cunha "),
        ("pt", "num ", "reunião ministerial", "f", False, "numa "),
        ("gl", "é un ", "reunión ministerial", "f", False, "é unha "),
        # Catalan: elision before a vowel or h, except feminine before unstressed i/u
        ("ca", "El ", "Àsia Central", "f", False, "L'"),
        ("ca", "membres de la ", "ONU", "f", False, "membres de l'"),
        ("ca", "El ", "Unió Europea", "f", False, "La "),
        ("ca", "respecte a el ", "integritat territorial", "f", False, "respecte a la "),
        ("ca", "compromís amb el ", "Carta de les Nacions Unides", "f", False, "compromís amb la "),
        ("ca", "aprovada per el ", "Assemblea General de les Nacions Unides", "f", False, "aprovada per l'"),
        ("ca", "avenços en el ", "ODS", "m", True, "avenços en els "),
        ("ca", "oficina de ", "Astana", "f", False, "oficina d'"),
        ("ca", "inversions del ", "BERD", "m", False, "inversions del "),
        ("ca", "inversions del ", "Equip Europa", "m", False, "inversions de l'"),
        ("ca", "amb un ", "declaració conjunta", "f", False, "amb una "),
        ("ca", "un ", "estudi de viabilitat", "m", False, "un "),
        # Croatian and Slovenian have no articles: nothing to change
        ("hr", "u ", "Europska unija", "f", False, "u "),
    ],
)
def test_articles_agree_in_the_new_languages(language, before, term, gender, plural, expected):
    assert agree(language, before, term, gender, plural) == expected


# -- case-inflected languages ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, form, expected",
    [
        ("Vijeće Europske unije donijelo je zaključke.", "Europska unija", True),
        ("zaključke o Srednjoj Aziji", "Srednja Azija", True),
        ("na sljedećem ministarskom sastanku", "ministarski sastanak", True),  # fleeting a
        ("globalnih lanaca opskrbe", "lanac opskrbe", True),
        ("na Kaspijskem jezeru", "Kaspijsko jezero", True),
        ("Inicijative Tima Europa", "Tim Europa", True),
        ("države članice EU-a", "EU", True),
        ("Evropska komisija", "Evropska unija", False),
        ("Srednji koridor", "Srednja Azija", False),
        ("Europskoj", "Europska unija", False),
        ("države članice EIB-a", "EU", False),
    ],
)
def test_inflection_aware_matching(text, form, expected):
    assert contains_inflected(text, form) is expected


def test_a_correctly_inflected_term_passes_the_check_in_croatian(glossary):
    matcher = Matcher(glossary)
    source = "The Council of the European Union adopted its conclusions on Central Asia."
    good = "Vijeće Europske unije donijelo je zaključke o Srednjoj Aziji."
    assert check_translation(glossary, matcher, source, good, "hr") == []
    bad = "Vijeće Europske unije donijelo je zaključke o Središnjoj Aziji."
    assert [i.expected for i in check_translation(glossary, matcher, source, bad, "hr")] == ["Srednja Azija"]


@pytest.mark.parametrize("language", ["hr", "sl"])
def test_case_languages_enforce_only_invariant_terms_and_flag_the_rest(glossary, language):
    enforcer = Enforcer(glossary, language)
    source = "Roman Vassilenko met the EU and the G7 in Central Asia."
    shielded = enforcer.protect(source)
    # Names and acronyms become placeholders; "Central Asia" (declined) is left to the engine.
    assert [m.text for m in shielded.matches.values()] == ["Roman Vassilenko", "EU", "G7"]
    assert "Central Asia" in shielded.text
    output = ApertiumEngine(Config()).translate_batch([shielded.text], "en", language)[0]
    enforced = enforcer.restore(shielded, output, source)
    assert leaked_markers(enforced.text) == []
    assert "Roman Vassilenko" in enforced.text and "EU" in enforced.text and "G7" in enforced.text
    issues = check_translation(glossary, enforcer.matcher, source, enforced.text, language)
    assert [i.kind for i in issues] in ([], ["missing"])  # only the declined term may be missing
    assert enforced.unenforced == [f"{i.source} → {i.expected}" for i in issues]


def test_a_case_language_never_gets_a_nominative_forced_into_the_sentence(glossary):
    """An engine that already declined the term is left alone (no nominative pasted in)."""
    enforcer = Enforcer(glossary, "hr")
    source = "The ministers discussed Central Asia."
    shielded = enforcer.protect(source)
    assert shielded.matches == {}
    enforced = enforcer.restore(shielded, "Ministri su raspravljali o Srednjoj Aziji.", source)
    assert enforced.text == "Ministri su raspravljali o Srednjoj Aziji."
    assert enforced.unenforced == []


# -- the whole thing, offline ----------------------------------------------------------------


def test_translate_portuguese_croatian_slovenian_offline(project):
    (project / "glossaries" / "diplomatic.tbx").write_bytes(
        (REPO / "glossaries" / "diplomatic.tbx").read_bytes()
    )
    run_l10n("translate", "--lang", "pt,hr,sl", project=project)
    glossary = load_glossary(project / "glossaries", project)
    matcher = Matcher(glossary)
    flagged = {"pt": 0, "hr": 0, "sl": 0}
    articles = sorted(p.stem for p in (project / "articles" / "en").glob("*.md"))
    for language in flagged:
        for article in articles:
            msgfmt_check(project / "locales" / language / f"{article}.po")
        with state.open_catalogs(project) as catalogs:
            active = [entry for _, entry in catalogs.entries([language], articles)]
        assert active
        for entry in active:
            assert entry.state is State.MACHINE_DRAFT
            assert leaked_markers(entry.text) == []
            issues = check_translation(glossary, matcher, entry.msgid, entry.text, language)
            # Names and acronyms are always in place, as written.
            assert [i for i in issues if i.kind == "altered-name"] == [], entry.text
            for match in matcher.find(entry.msgid):
                if match.concept.do_not_translate:
                    assert match.concept.english()[0].text in entry.text
            # Whatever is not in place is flagged on the entry, never silently passed.
            for issue in issues:
                if issue.kind == "missing":
                    assert f"{issue.source} → {issue.expected}" in entry.unenforced, entry
            flagged[language] += bool(entry.unenforced)
    assert flagged["pt"] == 0  # Portuguese: every term placed
    assert flagged["hr"] and flagged["sl"]  # declinable terms the engine missed are flagged
    result = run_l10n("glossary", "check", "--lang", "pt", "--strict", project=project)
    assert "0 of" in result.stderr


def test_the_word_after_a_sentence_initial_term_is_not_capitalised(glossary):
    """eng-spa capitalises the word after a sentence-initial placeholder ("XT901X Ha
    puesto"); Catalan, Galician, French and Italian inherit it through the Spanish pivot."""
    for language in ("es", "ca"):
        enforcer = Enforcer(glossary, language)
        source = "Kazakhstan has set a target of carbon neutrality by 2060."
        shielded = enforcer.protect(source)
        output = ApertiumEngine(Config()).translate_batch([shielded.text], "en", language)[0]
        text = enforcer.restore(shielded, output, source).text
        second = text.split()[1]
        assert second == second.lower(), text
    enforcer = Enforcer(glossary, "es")
    source = "PGII, EU and UN."
    shielded = enforcer.protect(source)
    assert enforcer.restore(shielded, "<901/>, <902/> y <903/>.", source).text == "PGII, UE y ONU."


def test_placing_nominatives_in_a_case_language_flags_every_one(glossary):
    enforcer = Enforcer(glossary, "hr", place_nominative=True)
    source = "The ministers discussed Central Asia with the EU."
    shielded = enforcer.protect(source)
    assert [m.text for m in shielded.matches.values()] == ["Central Asia", "EU"]
    enforced = enforcer.restore(shielded, "Ministri su raspravljali o <901/> s <902/>.", source)
    assert enforced.text == "Ministri su raspravljali o Srednja Azija s EU."
    assert enforced.unenforced == ["Central Asia → Srednja Azija (placed as written: check its case)"]
