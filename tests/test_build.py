"""`l10n build`: translated articles and .mo files from the catalogs."""

import gettext
import json
from pathlib import Path

import polib
import pytest
import yaml
from markdown_it import MarkdownIt

from conftest import msgfmt_check, run_l10n
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


# -- hostile and unusual articles (issue 12) -----------------------------------------------------


@pytest.fixture
def bare(tmp_path) -> Path:
    """A project with no articles."""
    root = tmp_path / "bare"
    run_l10n("init", str(root))
    return root


def write_article(root: Path, name: str, text: str) -> Path:
    path = root / "articles" / "en" / name
    path.write_bytes(text.encode("utf-8"))
    return path


def fill(root: Path, language: str, slug: str, translate, fuzzy: bool = False) -> Path:
    """Give every entry of a catalog the msgstr ``translate(msgid)`` (None leaves it empty)."""
    path = root / "locales" / language / f"{slug}.po"
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = translate(entry.msgid) or ""
        if fuzzy and entry.msgstr and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
    po.save(str(path))
    return path


def tokens(text: str) -> list[tuple]:
    """Block tokens, and what a reader sees of inline ones."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    out = []
    for token in parser.parse(text):
        children = tuple((c.type, " ".join(c.content.split())) for c in token.children or [])
        out.append((token.type, children if token.type == "inline" else token.content))
    return out


def test_placeholder_like_text_neither_crashes_build_nor_stops_the_next_article(bare):
    source = "Real **bold** and <1>fake</1>.\n\nType x <1> y, then </2> and <3/>.\n"
    write_article(bare, "a-first.md", source)
    write_article(bare, "b-second.md", "# The second article\n\nPlain text.\n")
    run_l10n("extract", "--lang", "fr", project=bare)
    msgfmt_check(bare / "locales" / "fr" / "a-first.po")
    fill(bare, "fr", "a-first", lambda msgid: msgid.replace("Real", "Vrai"))
    for flags in ([], ["--reviewed-only"]):
        result = run_l10n("build", "--lang", "fr", *flags, project=bare, check=False)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        built = (bare / "output" / "fr" / "a-first.md").read_text()
        assert tokens(built) == tokens(source.replace("Real", "Vrai"))
        assert "The second article" in (bare / "output" / "fr" / "b-second.md").read_text()


def test_a_translation_with_broken_placeholders_is_reported_with_its_line(bare):
    write_article(bare, "a.md", "Press `Enter` to **go**.\n\nNext one.\n")
    run_l10n("extract", "--lang", "fr", project=bare)
    po = fill(bare, "fr", "a", lambda msgid: "Appuyez <3/> <1> pour </1>" if "Press" in msgid else "Suivant.")
    line = next(e.linenum for e in polib.pofile(str(po)) if "Press" in e.msgid)
    result = run_l10n("build", "--lang", "fr", project=bare)
    [warning] = [w for w in result.stderr.splitlines() if w.startswith("warning: ")]
    assert warning.startswith(f"warning: locales/fr/a.po:{line}: ") and warning.endswith("; source text used")
    [report] = json.loads(run_l10n("build", "--lang", "fr", "--format", "json", project=bare).stdout)
    assert report["problems"] == [warning.removeprefix("warning: ")]
    assert report["reviewed"] == 1 and report["source"] == 1
    assert (bare / "output" / "fr" / "a.md").read_text() == "Press `Enter` to **go**.\n\nSuivant.\n"
    assert report["in_source"] == [
        {
            "where": "articles/en/a.md:1",
            "kind": "paragraph",
            "reason": "unusable translation",
            "text": "Press <1/> to <2>go</2>.",
        }
    ]


def test_byte_order_mark_and_crlf_survive_extract_and_build(bare):
    write_article(
        bare,
        "a.md",
        '\ufeff---\r\ntitle: "Hello there"\r\ndate: 2026-01-01\r\n---\r\n\r\n# A heading\r\n\r\nBody text.\r\n',
    )
    run_l10n("extract", "--lang", "fr", project=bare)
    po = bare / "locales" / "fr" / "a.po"
    assert [e.msgid for e in polib.pofile(str(po))] == ["Hello there", "A heading", "Body text."]
    fill(bare, "fr", "a", {"Hello there": "Bonjour", "A heading": "Un titre", "Body text.": "Le texte."}.get)
    run_l10n("build", "--lang", "fr", project=bare)
    assert (bare / "output" / "fr" / "a.md").read_bytes() == (
        '\ufeff---\r\ntitle: "Bonjour"\r\ndate: 2026-01-01\r\n---\r\n\r\n# Un titre\r\n\r\nLe texte.\r\n'
    ).encode()


def test_footnotes_are_translated_and_stay_footnotes(bare):
    write_article(bare, "a.md", "A claim[^1].\n\n[^1]: The source of it.\n")
    run_l10n("extract", "--lang", "fr", project=bare)
    fill(bare, "fr", "a", {"A claim<1/>.": "Une affirmation<1/>.", "The source of it.": "Sa source."}.get)
    run_l10n("build", "--lang", "fr", project=bare)
    assert (bare / "output" / "fr" / "a.md").read_text() == "Une affirmation[^1].\n\n[^1]: Sa source.\n"


def test_a_translated_title_cannot_put_html_into_the_front_matter(bare):
    write_article(bare, "a.md", '---\ntitle: "Central Asia"\n---\n\nBody.\n')
    run_l10n("extract", "--lang", "fr", project=bare)
    fill(bare, "fr", "a", {"Central Asia": '<script>alert("x")</script>Asie'}.get)
    run_l10n("build", "--lang", "fr", project=bare)
    text = (bare / "output" / "fr" / "a.md").read_text()
    assert yaml.safe_load(text.split("---\n")[1]) == {"title": '&lt;script>alert("x")&lt;/script>Asie'}


def test_build_names_what_stays_in_the_source_language(bare):
    source = (
        "# A heading\n\n"
        "A translated sentence. An untranslated one.\n\n"
        "```\ncode stays\n```\n\n"
        "<div>HTML stays</div>\n\n" + ">" * 120 + " Far too deep.\n"
    )
    write_article(bare, "a.md", source)
    run_l10n("extract", "--lang", "fr", project=bare)
    fill(bare, "fr", "a", {"A heading": "Un titre", "A translated sentence.": "Une phrase traduite."}.get)
    [report] = json.loads(run_l10n("build", "--lang", "fr", "--format", "json", project=bare).stdout)
    assert report["segments"] == 3 and report["reviewed"] == 2
    assert report["source"] == 2
    assert report["kept"] == {"code block": 1, "HTML block": 1}
    assert report["in_source"] == [
        {
            "where": "articles/en/a.md:3",
            "kind": "paragraph",
            "reason": "no translation",
            "text": "An untranslated one.",
        },
        {
            "where": "articles/en/a.md:11",
            "kind": "blockquote",
            "reason": "not extracted: nested more than 80 levels deep",
            "text": "Far too deep.",
        },
    ]
    text = run_l10n("build", "--lang", "fr", project=bare).stdout
    assert "output/fr/a.md: 2 reviewed, 0 awaiting review, 2 in the source language" in text
    assert "kept as is: 1 code block, 1 HTML block" in text
    assert "articles/en/a.md:3 paragraph (no translation): An untranslated one." in text
    assert "articles/en/a.md:11 blockquote (not extracted: nested more than 80 levels deep)" in text


def test_reviewed_only_build_names_unreviewed_text(bare):
    write_article(bare, "a.md", "One sentence here.\n")
    run_l10n("extract", "--lang", "fr", project=bare)
    fill(bare, "fr", "a", lambda msgid: "Une phrase ici.", fuzzy=True)
    [report] = json.loads(
        run_l10n("build", "--lang", "fr", "--reviewed-only", "--format", "json", project=bare).stdout
    )
    assert [(i["where"], i["reason"]) for i in report["in_source"]] == [
        ("articles/en/a.md:1", "not reviewed")
    ]


def test_a_new_segmentation_redoes_extractions_cached_under_the_old_one(bare, monkeypatch):
    from l10n import extract as extract_module
    from l10n.project import Project

    write_article(bare, "a.md", "Type x <1> y.\n")
    project = Project.open(bare)
    _, first = extract_module.extract(project, ["a"], ["fr"])
    _, again = extract_module.extract(project, ["a"], ["fr"])
    assert (first.skipped, again.skipped) == (0, 1)
    monkeypatch.setattr(extract_module, "SEGMENTATION", "next")
    _, after = extract_module.extract(project, ["a"], ["fr"])
    assert after.skipped == 0
