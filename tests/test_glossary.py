"""The glossary: files, matching, agreement, enforcement on Apertium, and checking PO files."""

import json
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, run_l10n
from l10n.config import Config
from l10n.engines.apertium import ApertiumEngine
from l10n.errors import L10nError
from l10n.glossary import Collector, load_glossary
from l10n.glossary.check import check_translation
from l10n.glossary.csvfile import read_csv, write_csv
from l10n.glossary.enforce import Enforcer, leaked_markers
from l10n.glossary.grammar import agree
from l10n.glossary.matcher import Matcher
from l10n.glossary.tbx import read_tbx, write_tbx
from support import state

CSV = """\
en,fr,es,it,status,note,fr.gender,es.gender,it.gender,fr.number
UN,ONU,ONU,ONU,,,f,f,f,
UN Charter,Charte des Nations unies,Carta de las Naciones Unidas,Carta delle Nazioni Unite,,,f,f,f,
SDG|SDGs,ODD,ODS,OSS,,,m,m,m,
SDGs,SDG,,,forbidden,use: ODD,,,,
Trans-Caspian International Transport Route,route de transport internationale transcaspienne,Ruta Internacional de Transporte Transcaspiana,Rotta di trasporto internazionale transcaspica,,,f,f,f,
supply chain|supply chains,chaîne d'approvisionnement|chaînes d'approvisionnement,cadena de suministro|cadenas de suministro,catena di approvvigionamento|catene di approvvigionamento,,,f,f,f,singular|plural
Roman Vassilenko,,,,do-not-translate,a name,m,m,m,
,Romain Vassilenko,,,forbidden,use: Roman Vassilenko,,,,
Middle Corridor,corridor central,Corredor Medio,Corridoio di Mezzo,,,m,m,m,
,couloir moyen,,,forbidden,use: corridor central,,,,
"""


def glossary_from(tmp_path: Path, text: str = CSV, name: str = "g.csv"):
    folder = tmp_path / "glossaries"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return load_glossary(folder, tmp_path)


# -- files -----------------------------------------------------------------------------------


def test_csv_rows_become_concepts_with_forbidden_renderings_attached(tmp_path):
    glossary = glossary_from(tmp_path)
    by_id = {c.id: c for c in glossary.concepts}
    assert len(glossary) == 7
    sdg = by_id["sdg"]
    assert [t.text for t in sdg.english()] == ["SDG", "SDGs"]
    assert [t.text for t in sdg.forbidden("fr")] == ["SDG"]
    assert [t.text for t in by_id["middle-corridor"].forbidden("fr")] == ["couloir moyen"]  # tied by its note
    assert [t.text for t in by_id["roman-vassilenko"].forbidden("fr")] == ["Romain Vassilenko"]
    chain = by_id["supply-chain"]
    assert chain.target("fr", plural=True).text == "chaînes d'approvisionnement"
    assert chain.target("fr", plural=False).text == "chaîne d'approvisionnement"
    assert by_id["roman-vassilenko"].do_not_translate
    assert by_id["roman-vassilenko"].target("es", plural=False).text == "Roman Vassilenko"


def test_tbx_round_trip_keeps_everything(tmp_path):
    concepts = glossary_from(tmp_path).concepts
    path = tmp_path / "g.tbx"
    path.write_bytes(write_tbx(concepts))
    again = read_tbx(path, Collector())
    assert again == concepts
    assert read_csv_text(tmp_path, write_csv(concepts)) == concepts


def read_csv_text(tmp_path: Path, text: str):
    path = tmp_path / "again.csv"
    path.write_text(text)
    from l10n.glossary import attach_forbidden

    collector = Collector()
    return attach_forbidden(read_csv(path, collector), collector)


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("en,fr\nUN,ONU,extra\n", 2, "expected 2 fields, found 3"),
        ("en,fr,status\nUN,ONU,approved\n", 2, "unknown status 'approved'"),
        ("en,fr\nUN,ONU|\n", 2, "empty variant in the fr column"),
        ("en,fr,colour\nUN,ONU,red\n", 1, "unknown column 'colour'"),
        ("en,fr,status\n,ONU,\n", 2, "a preferred row needs its English term"),
        ("en,fr,fr.gender\nUN,ONU,x\n", 2, "fr.gender must be one of m, f, n per variant"),
        ("en,fr,status\nUNKNOWN,ONU,forbidden\n", 2, "forbidden row for unknown English term 'UNKNOWN'"),
    ],
)
def test_malformed_csv_rows_are_located(tmp_path, text, line, message):
    with pytest.raises(L10nError) as error:
        glossary_from(tmp_path, text)
    assert (error.value.path, error.value.line) == ("glossaries/g.csv", line)
    assert error.value.message.startswith(message)


def test_malformed_tbx_is_located_and_entities_are_not_expanded(tmp_path):
    with pytest.raises(L10nError) as error:
        glossary_from(tmp_path, "<tbx>\n<text><body>\n<conceptEntry>\n</body></text></tbx>\n", "bad.tbx")
    assert error.value.path == "glossaries/bad.tbx" and error.value.line == 4
    hostile = (
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY secret SYSTEM "file:///etc/hostname">]>\n'
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c">'
        '<langSec xml:lang="en"><termSec><term>&secret;x</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>\n"
    )
    secret = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else "never"
    # The entity is never expanded: the term holds nothing l10n accepts, and it says where.
    with pytest.raises(L10nError) as refused:
        glossary_from(tmp_path / "other", hostile, "hostile.tbx")
    assert (refused.value.path, refused.value.line) == ("glossaries/hostile.tbx", 3)
    assert refused.value.message == "a term section without a term" and secret not in str(refused.value)


def test_import_export_and_lint_through_the_cli(project, tmp_path):
    source = tmp_path / "terms.csv"
    source.write_text(CSV)
    result = run_l10n("glossary", "import", str(source), project=project)
    assert result.stdout.strip() == "7 concepts → glossaries/terms.tbx"
    exported = run_l10n("glossary", "export", "--file-format", "csv", project=project).stdout
    assert read_csv_text(tmp_path, exported) == glossary_from(tmp_path).concepts
    assert run_l10n("glossary", "export", "--file-format", "tbx", project=project).stdout.startswith("<?xml")

    (project / "glossaries" / "more.csv").write_text(
        "en,fr,es,status\nun charter,Charte de l'ONU,Carta de la ONU,\nSDGs,ODD,ODS,\nEBRD,BERD,,\nbroken,row\n"
    )
    lint = run_l10n("glossary", "lint", project=project, check=False)
    assert lint.returncode == 1
    lines = lint.stdout.splitlines()
    assert "glossaries/more.csv:5: expected 4 fields, found 2" in lines
    conflict = "conflicting targets (es, fr): 'UN Charter' is also defined at glossaries/more.csv:2"
    assert any(line.startswith("glossaries/terms.tbx:") and line.endswith(conflict) for line in lines)
    assert any(line.endswith("duplicate: 'SDGs' is also defined at glossaries/more.csv:3") for line in lines)
    assert "glossaries/more.csv:4: 'EBRD' has no term in: es, it" in lines


def test_the_project_glossary_is_big_clean_and_multilingual():
    glossary = load_glossary(REPO / "glossaries", REPO)
    assert len(glossary) >= 60
    assert {"en", "fr", "de", "es", "it", "pt", "nl", "pl"} <= set(glossary.languages())
    result = run_l10n("--project", str(REPO), "glossary", "lint")
    assert result.returncode == 0


# -- matching and agreement ------------------------------------------------------------------


def test_matching_rules(tmp_path):
    matcher = Matcher(glossary_from(tmp_path))

    def found(text):
        return [(m.text, m.concept.id, m.plural, m.possessive) for m in matcher.find(text)]

    assert found("The UN Charter binds the UN, not UNESCO or the un-elected.") == [
        ("UN Charter", "un-charter", False, False),
        ("UN", "un", False, False),
    ]
    assert found("SDG 6, the SDGs and the SDGs' targets") == [
        ("SDG", "sdg", False, False),
        ("SDGs", "sdg", True, False),
        ("SDGs'", "sdg", True, True),
    ]
    assert found("Supply-chain risks hit supply chains.") == [
        ("Supply-chain", "supply-chain", False, False),
        ("supply chains", "supply-chain", True, False),
    ]
    assert found("the Trans Caspian international transport route's ports") == [
        (
            "Trans Caspian international transport route's",
            "trans-caspian-international-transport-route",
            False,
            True,
        )
    ]


@pytest.mark.parametrize(
    "language, before, term, gender, plural, expected",
    [
        ("fr", "Le ", "route de transport internationale transcaspienne", "f", False, "La "),
        ("fr", "membres du ", "ONU", "f", False, "membres de l'"),
        ("fr", "progrès sur le ", "ODD", "m", True, "progrès sur les "),
        ("fr", "attachement au ", "Charte des Nations unies", "f", False, "attachement à la "),
        ("fr", "le rapport de les ", "ODD", "m", True, "le rapport des "),
        ("es", "compromiso al ", "Carta de las Naciones Unidas", "f", False, "compromiso a la "),
        ("it", "Il ", "UE", "f", False, "L'"),
        ("it", "progressi nel ", "OSS", "m", True, "progressi negli "),
        ("pt", "do ", "União Europeia", "f", False, "da "),
        ("de", "der ", "Vereinte Nationen", "f", True, "der "),
    ],
)
def test_articles_agree_with_the_inserted_term(language, before, term, gender, plural, expected):
    assert agree(language, before, term, gender, plural) == expected


# -- enforcement -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "es", "it"])
def test_enforcement_on_apertium_places_every_term(tmp_path, language):
    glossary = glossary_from(tmp_path)
    enforcer = Enforcer(glossary, language)
    sources = [
        "Cargo on the Trans-Caspian International Transport Route grew.",
        "All parties reaffirmed their commitment to the UN Charter.",
        "Roman Vassilenko welcomed the progress on the SDGs.",
        "The Middle Corridor depends on <1>supply chains</1>.",
    ]
    protected = [enforcer.protect(s) for s in sources]
    outputs = ApertiumEngine(Config()).translate_batch([p.text for p in protected], "en", language)
    for source, shielded, output in zip(sources, protected, outputs, strict=True):
        enforced = enforcer.restore(shielded, output, source)
        assert enforced.unenforced == [], enforced.text
        assert check_translation(glossary, enforcer.matcher, source, enforced.text, language) == []
        assert leaked_markers(enforced.text) == []
    french = Enforcer(glossary, "fr")
    shielded = french.protect("Cargo on the Trans-Caspian International Transport Route grew.")
    output = ApertiumEngine(Config()).translate_batch([shielded.text], "en", "fr")[0]
    assert "la route de transport internationale transcaspienne" in french.restore(shielded, output, "x").text


def test_a_term_the_engine_lost_is_reported_not_hidden(tmp_path):
    enforcer = Enforcer(glossary_from(tmp_path), "fr")
    source = "The SDGs matter."
    shielded = enforcer.protect(source)
    assert shielded.text == "The <901/> matter."
    enforced = enforcer.restore(shielded, "Les XT901 importent.", source)  # an engine mangled it
    assert enforced.unenforced == ["SDGs → ODD"]
    assert leaked_markers(enforced.text) == []


# -- the pipeline and the PO check -----------------------------------------------------------


def test_translated_samples_pass_the_strict_check_and_show_terms(project):
    (project / "glossaries" / "diplomatic.tbx").write_bytes(
        (REPO / "glossaries" / "diplomatic.tbx").read_bytes()
    )
    run_l10n("translate", "--lang", "fr,es,it", project=project)
    result = run_l10n("glossary", "check", "--strict", "--lang", "fr,es,it", project=project)
    assert result.stdout == "" and "0 of 258 translated entries break the glossary" in result.stderr
    po = polib.pofile(str(project / "locales" / "fr" / "sdg-financing.po"))
    entry = next(e for e in po if e.msgid == "Financing the SDGs in Central Asia")
    assert "glossary: SDGs → ODD (not: SDG)" in entry.comment.splitlines()
    assert "ODD" in entry.msgstr
    draft = next(d for d in state.drafts(project, "fr") if d.key[3] == entry.msgid)
    assert draft.glossary and draft.text == entry.msgstr  # the glossary version it was made under


def test_check_reports_human_mistakes_and_strict_fails(project):
    (project / "glossaries" / "g.csv").write_text(CSV)
    run_l10n("translate", "--lang", "fr", "--article", "central-asia-g7-dialogue", project=project)
    path = project / "locales" / "fr" / "central-asia-g7-dialogue.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if "Roman Vassilenko" in e.msgid)
    entry.msgstr = "Le vice-ministre, Romain Vassilenko, a ouvert la séance."
    entry.fuzzy = False
    po.save(str(path))
    line = polib.pofile(str(path)).find(entry.msgid).linenum
    result = run_l10n("glossary", "check", "--lang", "fr", "--strict", project=project, check=False)
    assert result.returncode == 1
    assert (
        f"locales/fr/central-asia-g7-dialogue.po:{line}: do-not-translate name 'Roman Vassilenko' altered (keep 'Roman Vassilenko')"
        in result.stdout
    )
    assert "forbidden rendering 'Romain Vassilenko' (use: Roman Vassilenko)" in result.stdout
    report = json.loads(
        run_l10n("glossary", "check", "--lang", "fr", "--format", "json", project=project).stdout
    )
    assert [i["kind"] for i in report[0]["issues"]] == ["altered-name", "forbidden"]


def test_changing_the_glossary_retranslates_only_affected_drafts(project):
    (project / "glossaries" / "g.csv").write_text(CSV)
    run_l10n("translate", "--lang", "es", project=project)
    (project / "glossaries" / "g.csv").write_text(CSV.replace("Corredor Medio", "Corredor Central"))
    counts = json.loads(run_l10n("translate", "--lang", "es", "--format", "json", project=project).stdout)[
        "es"
    ]
    with_terms = sum(
        1
        for path in (project / "locales" / "es").glob("*.po")
        for entry in polib.pofile(str(path))
        if Matcher(glossary_from(project.parent / "g2", CSV)).find(entry.msgid)
    )
    assert 0 < counts["sent"] <= with_terms
    po = polib.pofile(str(project / "locales" / "es" / "middle-corridor.po"))
    assert any("Corredor Central" in e.msgstr for e in po)


def test_a_broken_glossary_stops_translate_with_one_line(project):
    (project / "glossaries" / "bad.csv").write_text("en,fr\nUN,ONU,extra\n")
    result = run_l10n("translate", "--lang", "fr", project=project, check=False)
    assert result.returncode == 1
    assert result.stderr == "error: glossaries/bad.csv:2: expected 2 fields, found 3\n"


# -- matching at scale -----------------------------------------------------------------------

WORDS = [
    "UN",
    "SDG",
    "economy",
    "day",
    "tax",
    "supply",
    "chain",
    "Trans",
    "Caspian",
    "G7",
    "U.S.",
    "état",
    "road",
]


@st.composite
def term_and_text(draw):
    def term():
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))
        return draw(st.sampled_from([" ", "-", " - "])).join(words)

    terms = list(dict.fromkeys(term() for _ in range(draw(st.integers(1, 12)))))
    pieces = []
    for _ in range(draw(st.integers(1, 12))):
        word = draw(st.sampled_from([*WORDS, "economies", "days", "taxes", "SDGs", "un", "UNESCO", "the"]))
        word = draw(st.sampled_from([word, word.lower(), word.upper(), word + "'s", word + "s'"]))
        pieces.append(word + draw(st.sampled_from([" ", "-", ", ", ".", ""])))
    return terms, "".join(pieces)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=term_and_text())
def test_the_index_finds_exactly_what_one_alternation_over_the_glossary_finds(tmp_path, case):
    terms, text = case
    rows = "".join(f'"{t}",x{n}\n' for n, t in enumerate(terms))
    glossary = load_glossary_text(tmp_path, "en,fr\n" + rows)
    matcher = Matcher(glossary)
    assert matcher.find(text) == matcher.find_unindexed(text)


def load_glossary_text(tmp_path: Path, text: str):
    folder = tmp_path / "scale"
    folder.mkdir(exist_ok=True)
    (folder / "g.csv").write_text(text, encoding="utf-8")
    return load_glossary(folder, tmp_path, Collector(collect=True))


def test_forbidden_renderings_are_found_through_the_index_too(tmp_path):
    glossary = glossary_from(tmp_path)
    matcher = Matcher(glossary)
    issues = check_translation(
        glossary, matcher, "x", "Les SDG et Romain Vassilenko, le couloir-moyen.", "fr"
    )
    assert [i.found for i in issues] == ["SDG", "Romain Vassilenko", "couloir moyen"]


# -- importing over a glossary, conflicting files, CSV errors --------------------------------


def test_importing_over_an_existing_glossary_is_refused_unless_replace_or_merge(project, tmp_path):
    existing = project / "glossaries" / "diplomatic.tbx"
    existing.write_bytes((REPO / "glossaries" / "diplomatic.tbx").read_bytes())
    before = existing.read_bytes()
    source = tmp_path / "diplomatic.csv"
    source.write_text("en,fr\nZanzibar Accord,accord de Zanzibar\nSDGs,ODD\n")
    result = run_l10n("glossary", "import", str(source), project=project, check=False)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr == (
        "error: glossaries/diplomatic.tbx: already holds 65 concepts; importing diplomatic.csv "
        "would replace them with 2 (use --merge to add to them, or --replace)\n"
    )
    assert existing.read_bytes() == before
    merged = run_l10n("glossary", "import", "--merge", str(source), project=project)
    assert merged.stdout.strip() == "66 concepts → glossaries/diplomatic.tbx (1 added, 1 updated)"
    concepts = load_glossary(project / "glossaries", project).concepts
    sdg = next(c for c in concepts if "SDGs" in [t.text for t in c.english()])
    assert [t.text for t in sdg.approved("fr")] == ["ODD"] and sdg.approved("de")  # updated, not lost
    replaced = run_l10n("glossary", "import", "--replace", str(source), project=project)
    assert replaced.stdout.strip() == "2 concepts → glossaries/diplomatic.tbx"
    both = run_l10n("glossary", "import", "--replace", "--merge", str(source), project=project, check=False)
    assert both.returncode == 2 and "Traceback" not in both.stderr


def test_translate_refuses_conflicting_glossary_files_naming_both(project):
    (project / "glossaries" / "a.csv").write_text("en,fr\nUN Charter,Charte des Nations unies\n")
    (project / "glossaries" / "b.csv").write_text("en,fr\nUN Charter,Charte de l'ONU\n")
    result = run_l10n("translate", "--lang", "fr", project=project, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == (
        "error: glossaries/b.csv:2: 'UN Charter' conflicts with glossaries/a.csv:2 "
        "(fr: \"Charte de l'ONU\" vs 'Charte des Nations unies'); keep one (l10n glossary lint)\n"
    )
    assert not list((project / "locales").rglob("*.po"))


def test_an_unterminated_quote_is_reported_at_the_line_it_opens(tmp_path):
    text = 'en,fr\nUN,ONU\nEU,UE\n"G7,G7\nG20,G20\n'  # the quote on line 4 never closes
    with pytest.raises(L10nError) as error:
        glossary_from(tmp_path, text)
    assert (error.value.path, error.value.line) == ("glossaries/g.csv", 4)
    assert "unterminated quote" in error.value.message
