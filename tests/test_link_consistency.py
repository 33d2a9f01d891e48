"""Two more signals (issue 13): the same English sentence translated differently across
articles, and link text, alt text or titles left in English."""

from __future__ import annotations

import json

import polib

from conftest import run_l10n
from l10n.checks import Unit, run_checks
from l10n.checks.consistency import ConsistencyCheck
from l10n.checks.link_text import LinkTextCheck


def test_link_and_alt_text_copied_from_the_source():
    comments = ["paragraph", "<1>…</1> = link: https://example.org/x", "<2>…</2> = image: map.png"]
    unit = Unit("fr", comments=comments)
    source = "See the <1>transport sector overview</1> and <2>a map of the corridor</2>."
    target = "Voir la <1>transport sector overview</1> et <2>une carte du corridor</2>."
    found = run_checks(source, target, unit, [LinkTextCheck()])
    assert [(f.message, target[f.span[0] : f.span[1]]) for f in found] == [
        ("link text not translated: transport sector overview", "transport sector overview")
    ]
    target = "Voir la <1>vue d'ensemble</1> et <2>a map of the corridor</2>."
    assert [f.message for f in run_checks(source, target, unit, [LinkTextCheck()])] == [
        "alt text not translated: a map of the corridor"
    ]
    # Names stay names: "<1>Global Gateway</1>" is not an untranslated link.
    assert (
        run_checks(
            "The <1>Global Gateway</1> site.", "Le site <1>Global Gateway</1>.", unit, [LinkTextCheck()]
        )
        == []
    )


def test_the_same_sentence_translated_differently_elsewhere():
    unit = Unit(
        "fr", elsewhere={"middle-corridor": "Les progrès sont lents.", "other": "Les progrès sont lents."}
    )
    found = run_checks("Progress is slow.", "Le progrès est lent.", unit, [ConsistencyCheck()])
    assert [f.message for f in found] == [
        "translated differently in middle-corridor: Les progrès sont lents.",
        "translated differently in other: Les progrès sont lents.",
    ]
    assert run_checks("Progress is slow.", "Les progrès sont lents.", unit, [ConsistencyCheck()]) == []


def test_check_reports_link_titles_and_inconsistent_translations(project):
    """On the samples: the G7 presidency link's title stays English in every language, and
    a sentence two articles share, translated differently in one of them, is flagged in both."""
    shared = "Progress is real but slow."
    for article in ("middle-corridor.md", "sdg-financing.md"):
        path = project / "articles" / "en" / article
        path.write_text(path.read_text(encoding="utf-8") + f"\n{shared}\n", encoding="utf-8")
    run_l10n("translate", "--lang", "fr", project=project)
    po_path = project / "locales" / "fr" / "sdg-financing.po"
    po = polib.pofile(str(po_path))
    po.find(shared).msgstr = "Les progrès sont réels mais lents."
    po.save(str(po_path))
    rows = json.loads(run_l10n("check", "--lang", "fr", "--format", "json", project=project).stdout)
    messages = {
        (row["ref"].split("/")[-1].split(".")[0], f["check"], f["message"])
        for row in rows
        for f in row["failures"]
    }
    assert (
        "central-asia-g7-dialogue",
        "link-text",
        'the link title "G7 presidency" stays in English (titles are not extracted)',
    ) in messages
    inconsistent = {
        (article, message.split(":")[0]) for article, check, message in messages if check == "consistency"
    }
    assert inconsistent == {
        ("middle-corridor", "translated differently in sdg-financing"),
        ("sdg-financing", "translated differently in middle-corridor"),
    }
