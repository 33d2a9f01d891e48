"""Translation memory: matching, use in translate (100 % and fuzzy matches, with what they
show in the PO file and the queue), post-edit effort per provenance, match analysis."""

from __future__ import annotations

import json
import random
from pathlib import Path

import polib

from conftest import run_l10n
from l10n.glossary import load_glossary
from l10n.glossary.matcher import Matcher
from l10n.model import State
from l10n.project import Project
from l10n.repository import Catalogs
from l10n.tm.analyse import band
from l10n.tm.match import MatchIndex, Normaliser, word_diff
from l10n.tm.memory import Memory
from l10n.tm.units import Unit
from support import state
from support.tmproject import GLOSSARY, HUMAN, REVIEWER, SECOND, reviewed_first, small_project  # noqa: F401

# -- matching ----------------------------------------------------------------------------------


def test_placeholder_numbers_do_not_lower_a_match_and_only_identical_text_is_100():
    index = MatchIndex(["The <1>G7</1> ministers met <2/> in Astana."])
    assert index.lookup("The <1>G7</1> ministers met <2/> in Astana.", 75)[0].score == 100
    assert index.lookup("The <3>G7</3> ministers met <4/> in Astana.", 75)[0].score == 99
    assert index.lookup("The G7 ministers met in Astana.", 75)[0].score < 99


def test_a_different_glossary_term_is_a_high_match_and_is_swapped_in_the_draft(tmp_path):
    folder = tmp_path / "glossaries"
    folder.mkdir()
    (folder / "g.csv").write_text(GLOSSARY, encoding="utf-8")
    matcher = Matcher(load_glossary(folder, tmp_path))
    unit = Unit(
        "Progress on the SDGs was discussed at length.",
        "Les progrès vers les ODD ont été discutés.",
        "fr",
        "x",
    )
    memory = Memory([unit], matcher)
    match = memory.best("Progress on the UN was discussed at length.", 75)
    assert match is not None and match.score == 99
    assert memory.adapt(match, "Progress on the UN was discussed at length.", "fr") == (
        "Les progrès vers les ONU ont été discutés."
    )
    plain = MatchIndex([unit.source], Normaliser())  # without the glossary, a lower match
    assert plain.lookup("Progress on the UN was discussed at length.", 1)[0].score < 99


def test_adapting_a_match_renumbers_its_placeholders_or_refuses():
    memory = Memory([Unit("See <1>the report</1> and <2/>.", "Voir <1>le rapport</1> et <2/>.", "fr", "x")])
    match = memory.best("See <2>the report</2> and <3/>.", 75)
    assert match is not None
    assert memory.adapt(match, "See <2>the report</2> and <3/>.", "fr") == "Voir <2>le rapport</2> et <3/>."
    other = memory.best("See <1>the report</1> and it.", 50)
    assert other is not None and memory.adapt(other, "See <1>the report</1> and it.", "fr") is None


def test_threshold_is_respected():
    index = MatchIndex(["The foreign ministers met their counterparts in Astana on Friday."])
    assert index.lookup("The finance ministers of the region met in Astana on Monday.", 75) == []
    assert index.lookup("The finance ministers of the region met in Astana on Monday.", 70)[0].score == 72


def test_the_index_finds_what_a_full_scan_finds():
    rng = random.Random(3)
    words = [f"w{n}" for n in range(400)] + ["the", "of", "and", "in", "to"] * 40
    sources = [" ".join(rng.choices(words, k=rng.randint(8, 25))) for _ in range(3000)]
    index = MatchIndex(sources)
    checked = 0
    for number in range(150):
        query = sources[number * 7].split()
        query[rng.randrange(len(query))] = rng.choice(words)
        query = " ".join(query)
        wanted = index.lookup(query, 75, scan=True)
        found = index.lookup(query, 75)
        checked += bool(wanted)
        assert [h.score for h in found] == [h.score for h in wanted], query
    assert checked > 100


def test_word_diff_shows_what_changed():
    assert word_diff("met in Astana on Friday", "met in Tashkent on Friday") == (
        "met in [-Astana-] {+Tashkent+} on Friday"
    )


def test_bands():
    assert [band(s) for s in (None, 60, 75, 84, 85, 94, 95, 99, 100)] == [
        "no match", "no match", "75-84%", "75-84%", "85-94%", "85-94%", "95-99%", "95-99%", "100%",
    ]  # fmt: skip


# -- translate ---------------------------------------------------------------------------------


def set_draft_threshold(root: Path, value: int) -> None:
    config = root / "l10n.toml"
    config.write_text(config.read_text().replace("draft_threshold = 85", f"draft_threshold = {value}"))


def test_translate_uses_exact_and_fuzzy_matches_and_shows_the_others(small):
    reviewed_first(small)  # default draft_threshold: 85
    (small / "articles" / "en" / "second.md").write_text(SECOND, encoding="utf-8")
    result = json.loads(run_l10n("translate", "--lang", "fr", "--format", "json", project=small).stdout)
    assert result["fr"]["sent"] == 3  # the title, the 75 % match and the new sentence

    drafts = {d.key[3]: d for d in state.drafts(small, "fr") if d.key[1] == "second"}
    exact = "The foreign ministers met their counterparts in Astana on Friday."
    assert drafts[exact].engine == "tm" and drafts[exact].route == "article:first"
    assert drafts[exact].text == HUMAN[exact]
    fuzzy = "The foreign ministers met their counterparts in Tashkent on Friday."
    assert drafts[fuzzy].engine == "tm" and drafts[fuzzy].engine_version == "92%"
    assert drafts[fuzzy].text == HUMAN[exact]  # the match as it is: the reviewer fixes the city
    shown = "Foreign ministers from the region met their counterparts in Astana."
    assert drafts[shown].engine == "apertium"
    assert drafts["Nothing in this sentence resembles anything translated before."].engine == "apertium"

    po = {e.msgid: e for e in polib.pofile(str(small / "locales/fr/second.po"))}
    assert f"l10n tm 75%: {HUMAN[exact]}" in po[shown].comment.split("\n")
    assert f"l10n tm source: {exact}" in po[shown].comment.split("\n")
    assert "l10n tm 92%: " in po[fuzzy].comment  # a fuzzy draft keeps its match in view
    assert "l10n tm" not in po[exact].comment
    assert all(po[m].fuzzy for m in (exact, fuzzy, shown))

    entry = state.entry(small, "fr", "second", shown)
    assert entry.state is State.MACHINE_DRAFT and entry.tm is not None and entry.tm.score == 75

    queue = json.loads(run_l10n("queue", "--lang", "fr", "--format", "json", project=small).stdout)
    item = next(i for i in queue if i["msgid"] == shown)
    assert item["tm"] == {
        "score": 75,
        "source": exact,
        "target": HUMAN[exact],
        "diff": "[-The foreign-] {+Foreign+} ministers {+from the region+} met their counterparts in [-Astana on Friday.-] {+Astana.+}",
    }
    text = run_l10n("queue", "--lang", "fr", "--article", "second", project=small).stdout
    assert f"tm 75%: {HUMAN[exact]}" in text and "{+from the region+}" in text

    # Reviewing clears the shown match; post-edit effort is reported per provenance.
    line = po[fuzzy].linenum
    fixed = HUMAN[exact].replace("Astana", "Tachkent")
    run_l10n("edit", f"locales/fr/second.po:{line}", "--text", fixed, "--reviewer", REVIEWER, project=small)
    assert (
        "l10n tm"
        not in {e.msgid: e for e in polib.pofile(str(small / "locales/fr/second.po"))}[fuzzy].comment
    )
    from l10n.scoring.effort import post_edit_effort
    from l10n.scoring.run import reviewed_pairs

    with Catalogs(Project.open(small)) as catalogs:
        effort = post_edit_effort(reviewed_pairs(catalogs, ["fr"], ["first", "second"]))
    assert "fr/tm" in effort.engine and effort.engine["fr/tm"].edited == 1


def test_below_the_draft_threshold_the_engine_drafts_and_the_match_is_shown(small):
    reviewed_first(small)
    set_draft_threshold(small, 95)
    (small / "articles" / "en" / "second.md").write_text(SECOND, encoding="utf-8")
    run_l10n("translate", "--lang", "fr", project=small)
    fuzzy = "The foreign ministers met their counterparts in Tashkent on Friday."
    draft = next(d for d in state.drafts(small, "fr") if d.key[1] == "second" and d.key[3] == fuzzy)
    assert draft.engine == "apertium"
    assert state.entry(small, "fr", "second", fuzzy).tm.score == 92


def test_imported_tmx_units_fill_exact_matches(small, tmp_path):
    tmx = tmp_path / "agency.tmx"
    tmx.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>
<body><tu creationdate="20240102T030405Z"><tuv xml:lang="en"><seg>Cargo volumes on the <bpt i="1">&lt;b&gt;</bpt>Middle Corridor<ept i="1">&lt;/b&gt;</ept> doubled in two years.</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Le fret sur le <bpt i="1">&lt;b&gt;</bpt>corridor central<ept i="1">&lt;/b&gt;</ept> a doublé en deux ans.</seg></tuv></tu>
</body></tmx>""",
        encoding="utf-8",
    )
    assert "1 units, 1 new" in run_l10n("tm", "import", str(tmx), project=small).stdout
    assert "1 units, 0 new" in run_l10n("tm", "import", str(tmx), project=small).stdout  # no duplicates
    assert len((small / "tm" / "fr.jsonl").read_text().splitlines()) == 1
    run_l10n("translate", "--lang", "fr", project=small)
    msgid = "Cargo volumes on the <1>Middle Corridor</1> doubled in two years."
    draft = next(d for d in state.drafts(small, "fr") if d.key[3] == msgid)
    assert (draft.engine, draft.route) == ("tm", "tmx:agency.tmx")
    assert draft.text == "Le fret sur le <1>corridor central</1> a doublé en deux ans."
    stats = json.loads(run_l10n("tm", "stats", "--format", "json", project=small).stdout)
    assert stats["fr"] == {"units": 1, "origins": {"tmx:agency.tmx": 1}}


def test_tm_settings_are_validated(small):
    config = small / "l10n.toml"
    config.write_text(config.read_text().replace("threshold = 75", "threshold = 175"))
    result = run_l10n("status", project=small, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().endswith("threshold must be a percentage (1 to 100)")
    assert "l10n.toml:" in result.stderr and "Traceback" not in result.stderr


# -- analysis ----------------------------------------------------------------------------------


def test_analyse_counts_words_and_segments_per_band(small):
    reviewed_first(small)
    (small / "articles" / "en" / "second.md").write_text(
        SECOND + "\nThe foreign ministers met their counterparts in Tashkent on Friday.\n", encoding="utf-8"
    )
    run_l10n("extract", project=small)
    report = json.loads(
        run_l10n("analyse", "--lang", "fr", "--article", "second", "--format", "json", project=small).stdout
    )
    bands = report["fr"]["bands"]
    assert bands["100%"] == {"segments": 1, "words": 10}
    assert bands["85-94%"] == {"segments": 1, "words": 10}
    assert bands["repetitions"] == {"segments": 1, "words": 10}
    assert bands["75-84%"] == {"segments": 1, "words": 10}
    assert bands["no match"]["segments"] == 2  # the title and the new sentence
    assert report["fr"]["total"]["segments"] == 6
    text = run_l10n("analyse", "--lang", "fr", project=small).stdout
    assert "repetitions" in text and "no match" in text
