"""TMX exchange: our exports read by translate-toolkit, its files imported here, and bad
input refused whole with the file and unit named."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from translate.storage import tmx as tt_tmx

from conftest import run_l10n
from support import state
from support.tmproject import HUMAN, REVIEWER, reviewed_first, small_project  # noqa: F401

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" '
    'o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>'
)


def tu(en: str, fr: str, lang: str = "fr") -> str:
    return f'<tu><tuv xml:lang="en"><seg>{en}</seg></tuv><tuv xml:lang="{lang}"><seg>{fr}</seg></tuv></tu>'


def test_export_is_read_by_translate_toolkit_with_dates_article_and_reviewer(small, tmp_path):
    reviewed_first(small)
    out = tmp_path / "fr.tmx"
    run_l10n("tm", "export", "--lang", "fr", "-o", str(out), project=small)
    store = tt_tmx.tmxfile.parsefile(str(out))
    pairs = {u.source: u.target for u in store.units}
    assert pairs == HUMAN  # placeholders flattened back to <1>…</1> by the outside reader
    unit = next(u for u in store.units if "Corridor" in u.source)
    element = unit.xmlelement
    props = {p.get("type"): p.text for p in element.iter("{*}prop", "prop")}
    assert props["x-article"] == "first" and props["x-reviewer"] == REVIEWER
    assert len(element.get("creationdate")) == 16 and element.get("creationdate").endswith("Z")
    langs = [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in element.iter("{*}tuv", "tuv")]
    assert langs == ["en", "fr"]
    assert b"<bpt" in out.read_bytes() and b"<ept" in out.read_bytes()
    # Exported, imported elsewhere: the same units come back.
    second = tmp_path / "other"
    run_l10n("init", str(second), "--lang", "fr")
    assert "2 units, 2 new" in run_l10n("tm", "import", str(out), project=second).stdout
    again = tmp_path / "again.tmx"
    run_l10n("tm", "export", "--lang", "fr", "-o", str(again), project=second)
    assert {u.source: u.target for u in tt_tmx.tmxfile.parsefile(str(again)).units} == HUMAN


def test_a_translate_toolkit_tmx_imports_here(small, tmp_path):
    store = tt_tmx.tmxfile(sourcelanguage="en", targetlanguage="fr")
    for en, fr in HUMAN.items():
        store.addtranslation(en, "en", fr, "fr")
    path = tmp_path / "theirs.tmx"
    store.savefile(str(path))
    assert "2 units, 2 new" in run_l10n("tm", "import", str(path), project=small).stdout
    run_l10n("translate", "--lang", "fr", project=small)

    drafts = {d.key[3]: d for d in state.drafts(small, "fr")}
    for en, fr in HUMAN.items():
        assert (drafts[en].engine, drafts[en].route, drafts[en].text) == ("tm", "tmx:theirs.tmx", fr)


@pytest.mark.parametrize(
    "body, message",
    [
        ("this is not XML <", "not well-formed XML"),
        (
            HEADER.replace('srclang="en"', 'srclang="de"') + tu("Hallo", "Bonjour") + "</body></tmx>",
            "wrong languages: the memory translates from 'de'",
        ),
        (
            HEADER + tu("Hello", "Hola", "es") + "</body></tmx>",
            "wrong languages: no unit in fr (the file has en, es)",
        ),
        (
            HEADER
            + tu("Hello", "Bonjour")
            + tu("The <bpt i='1'>&lt;1&gt;</bpt>G7<ept i='1'>&lt;/1&gt;</ept>", "Le G7")
            + "</body></tmx>",
            "unit 2: fr placeholders do not match the source: missing <1>, </1>",
        ),
        (HEADER + '<tu><tuv xml:lang="fr"><seg>Bonjour</seg></tuv></tu></body></tmx>', "unit 1: no en text"),
        (
            '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            + HEADER.split("?>", 1)[1]
            + tu("&xxe;", "x")
            + "</body></tmx>",
            "entity declarations are not allowed",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            + HEADER.split("?>", 1)[1]
            + tu("&b;", "x")
            + "</body></tmx>",
            "entity declarations are not allowed",
        ),
        ("<html><body/></html>", "not a TMX file (root element <html>)"),
    ],
)
def test_bad_tmx_is_refused_whole(small, tmp_path, body, message):
    good = tmp_path / "good.tmx"
    good.write_text(HEADER + tu("Hello", "Bonjour") + "</body></tmx>", encoding="utf-8")
    bad = tmp_path / "bad.tmx"
    bad.write_text(body, encoding="utf-8")
    result = run_l10n("tm", "import", str(good), str(bad), project=small, check=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}") and message in lines[0], result.stderr
    assert not (small / "tm" / "fr.jsonl").exists()  # the good file was not imported either


def test_no_entity_is_ever_expanded_or_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    path = tmp_path / "x.tmx"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "file://{secret}"><tmx/>')
    code = (
        "import sys; from l10n.formats.xml import parse; "
        "from lxml import etree; t = parse(sys.argv[1]); print(etree.tostring(t).decode())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "TOP SECRET" not in out


def test_unreadable_path_is_one_line(small, tmp_path):
    result = run_l10n("tm", "import", str(tmp_path / "none.tmx"), project=small, check=False)
    assert result.returncode == 1 and result.stderr.strip() == f"error: {tmp_path / 'none.tmx'}: no such file"


def test_export_of_an_empty_memory_is_valid_tmx(small, tmp_path):
    out = tmp_path / "empty.tmx"
    run_l10n("tm", "export", "--lang", "fr", "-o", str(out), project=small)
    assert tt_tmx.tmxfile.parsefile(str(out)).units == []
    assert Path(out).read_bytes().startswith(b"<?xml")
