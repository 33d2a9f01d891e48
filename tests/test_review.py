"""The review workflow on real PO files, a real SQLite store, real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import msgfmt_check, run_l10n
from l10n.model import State
from support import state

ARTICLE = "middle-corridor"


@pytest.fixture
def translated(project) -> Path:
    run_l10n("translate", "--lang", "fr", "--article", ARTICLE, project=project)
    return project


def po_path(project: Path) -> Path:
    return project / "locales" / "fr" / f"{ARTICLE}.po"


def entry(project: Path, msgid: str):
    return state.entry(project, "fr", ARTICLE, msgid)


def queue(project: Path, *args: str) -> list[dict]:
    return json.loads(run_l10n("queue", "--lang", "fr", "--format", "json", *args, project=project).stdout)


def item_for(project: Path, msgid: str) -> dict:
    return next(i for i in queue(project) if i["msgid"] == msgid)


def events(project: Path) -> list[tuple]:
    return [
        (
            e.key[3],
            e.action,
            f"{e.reviewer} <{e.email}>" if e.email else e.reviewer,
            e.old_text,
            e.new_text,
            e.note,
        )
        for e in state.events(project, "fr")
    ]


HEADING = "Why it matters"
BOTTLENECKS = "Three bottlenecks remain:"
INVESTMENT = "Investment"


def test_every_state_transition(translated):
    project = translated
    assert entry(project, HEADING).state is State.MACHINE_DRAFT
    draft = entry(project, HEADING).text
    stored = [
        (d.text, d.engine, d.route, d.glossary) for d in state.drafts(project, "fr") if d.key[3] == HEADING
    ]
    assert stored == [(draft, "apertium", "eng-spa>es-fr", "")]

    heading = item_for(project, HEADING)
    assert (
        run_l10n("approve", heading["id"], "--reviewer", "Alice", project=project)
        .stdout.strip()
        .endswith("reviewed")
    )
    reviewed = entry(project, HEADING)
    assert reviewed.state is State.REVIEWED and not reviewed.fuzzy
    assert state.reviewer(project, reviewed) == "Alice"
    assert HEADING not in [i["msgid"] for i in queue(project)]  # reviewed: out of the queue

    again = run_l10n("approve", heading["id"], "--reviewer", "Alice", project=project, check=False)
    assert again.returncode == 1 and "a second reviewer must approve it" in again.stderr
    assert (
        run_l10n("approve", heading["id"], "--reviewer", "Bob", project=project)
        .stdout.strip()
        .endswith("approved")
    )
    assert entry(project, HEADING).state is State.APPROVED

    bottlenecks = item_for(project, BOTTLENECKS)
    run_l10n(
        "reject",
        bottlenecks["ref"],
        "--note",
        "Use « goulets d'étranglement »",
        "--reviewer",
        "Bob",
        project=project,
    )
    rejected = entry(project, BOTTLENECKS)
    assert rejected.state is State.REJECTED and rejected.fuzzy
    assert "l10n rejected: Use « goulets d'étranglement »" in rejected.po.comment  # shown in PO editors
    assert state.reviewer(project, rejected, "rejected") == "Bob"
    assert item_for(project, BOTTLENECKS)["reasons"][0] == "rejected: Use « goulets d'étranglement »"

    new_text = "Trois goulets d'étranglement subsistent\u00a0:"
    run_l10n("edit", bottlenecks["id"], "--text", new_text, "--reviewer", "Alice", project=project)
    edited = entry(project, BOTTLENECKS)
    assert (edited.text, edited.state) == (new_text, State.REVIEWED)
    assert edited.rejected is None and "rejected" not in edited.po.comment

    broken = run_l10n(
        "edit",
        item_for(project, "The Middle Corridor gains momentum")["id"],
        "--text",
        "<1>x",
        "--reviewer",
        "A",
        project=project,
        check=False,
    )
    assert broken.returncode == 1 and "breaks the placeholders" in broken.stderr

    found = [e[1:] for e in events(project)]
    assert [e[:2] for e in found] == [
        ("review", "Alice"),
        ("approve", "Bob"),
        ("reject", "Bob"),
        ("edit", "Alice"),
    ]
    assert found[3][2:4] == (draft_of(project, BOTTLENECKS), new_text)
    msgfmt_check(po_path(project))
    status = json.loads(
        run_l10n("status", "--lang", "fr", "--article", ARTICLE, "--format", "json", project=project).stdout
    )
    assert status[0]["states"]["approved"] == 1 and status[0]["states"]["reviewed"] == 1


def draft_of(project: Path, msgid: str) -> str:
    return next(d.text for d in state.drafts(project, "fr") if d.key[3] == msgid)


def test_assign_claim_and_filter(translated):
    project = translated
    first, second = queue(project)[:2]
    run_l10n("assign", first["id"], second["ref"], "--to", "Chloé", "--reviewer", "Lead", project=project)
    assert {i["msgid"] for i in queue(project, "--assignee", "Chloé")} == {first["msgid"], second["msgid"]}
    run_l10n("claim", first["id"], "--reviewer", "Dan", project=project)
    assert [i["msgid"] for i in queue(project, "--assignee", "Dan")] == [first["msgid"]]
    assert events(project)[-1][1:] == ("claim", "Dan", None, None, "Dan")


def test_nothing_to_approve_in_an_untranslated_entry(project):
    run_l10n("extract", "--lang", "fr", "--article", ARTICLE, project=project)
    line = polib.pofile(str(po_path(project))).find(HEADING).linenum
    result = run_l10n(
        "approve", f"locales/fr/{ARTICLE}.po:{line}", "--reviewer", "A", project=project, check=False
    )
    assert result.returncode == 1 and "untranslated" in result.stderr


def test_reviewer_identity_comes_from_git_when_not_given(translated, tmp_path):
    project = translated
    subprocess.run(["git", "config", "--global", "user.name", "Git User"], check=True)
    subprocess.run(["git", "config", "--global", "user.email", "git@example.org"], check=True)
    run_l10n("approve", item_for(project, HEADING)["id"], project=project)
    assert state.reviewer(project, entry(project, HEADING)) == "Git User <git@example.org>"


def test_edits_made_in_a_po_editor_are_recorded(translated):
    project = translated
    po = polib.pofile(str(po_path(project)))
    po.metadata["Last-Translator"] = "Marie Curie <marie@example.org>"
    accepted = po.find(HEADING)
    accepted.flags.remove("fuzzy")  # Poedit: "needs work" unticked, text as is
    changed = po.find(BOTTLENECKS)
    changed.msgstr = "Trois goulets d'étranglement subsistent\u00a0:"
    changed.flags.remove("fuzzy")
    still_draft = po.find(INVESTMENT)
    still_draft.msgstr = "Investissements"  # edited but left "needs work"
    po.save(str(po_path(project)))

    run_l10n("sync", "--lang", "fr", project=project)  # as does any command that writes
    by_msgid = {e[0]: e[1:] for e in events(project)}
    assert by_msgid[HEADING][:2] == ("sync-review", "Marie Curie <marie@example.org>")
    assert by_msgid[BOTTLENECKS][:2] == ("sync-edit", "Marie Curie <marie@example.org>")
    assert by_msgid[BOTTLENECKS][3] == "Trois goulets d'étranglement subsistent\u00a0:"
    assert by_msgid[INVESTMENT][:1] == ("sync-edit",)
    assert state.reviewer(project, entry(project, HEADING)) == "Marie Curie <marie@example.org>"
    assert entry(project, INVESTMENT).state is State.NEEDS_REVIEW
    waiting = [i["msgid"] for i in queue(project)]
    assert HEADING not in waiting and BOTTLENECKS not in waiting and INVESTMENT in waiting
    assert run_l10n("sync", "--lang", "fr", project=project).stderr.strip() == "0 change(s) recorded"
    msgfmt_check(po_path(project))


def test_interactive_review_in_a_terminal(translated):
    import pexpect

    project = translated
    order = [i["msgid"] for i in queue(project)]
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "l10n",
            "--project",
            str(project),
            "review",
            "--lang",
            "fr",
            "--article",
            ARTICLE,
            "--reviewer",
            "Ann",
        ],
        env={k: v for k, v in os.environ.items() if k not in ("EDITOR", "VISUAL")} | {"COLUMNS": "120"},
        encoding="utf-8",
        timeout=60,
    )
    child.expect(r"\[a\]pprove")
    child.sendline("a")
    child.expect(r"\[a\]pprove")
    child.sendline("r")
    child.expect("note for the translator")
    child.sendline("Too literal")
    child.expect(r"\[a\]pprove")
    child.sendline("e")
    child.expect("new text")
    child.sendline("Texte revu")
    child.expect(r"\[a\]pprove")
    child.sendline("s")
    child.expect(r"\[a\]pprove")
    child.sendline("q")
    child.expect("Review finished: 1 approved, 1 rejected, 1 edited, 1 skipped.")
    child.expect(pexpect.EOF)
    assert entry(project, order[0]).state is State.REVIEWED
    assert entry(project, order[1]).rejected.note == "Too literal"
    assert entry(project, order[2]).text == "Texte revu"
    assert entry(project, order[3]).state is State.MACHINE_DRAFT


def test_a_translator_saving_during_translate_loses_nothing(project):
    """translate reads, spends seconds in the engine, then writes; a translator saves the
    same file meanwhile (atomic rename, as PO editors do). Both sides' work survives."""
    long_article = project / "articles" / "en" / "long.md"
    sentences = [
        f"The ministers discussed item number {n} of the agenda in Astana on Monday." for n in range(600)
    ]
    long_article.write_text("# A long report\n\n" + "\n\n".join(sentences) + "\n")
    translator = """
import os, sys, time, polib
path = sys.argv[1]
deadline = time.time() + 60
while time.time() < deadline:
    if os.path.exists(path):
        try:
            po = polib.pofile(path)
        except Exception:
            continue
        if len(po) > 500 and all(not e.msgstr for e in po):
            break
    time.sleep(0.005)
for n in (3, 7, 11):
    e = po.find("The ministers discussed item number %d of the agenda in Astana on Monday." % n)
    e.msgstr = "Traduction humaine %d" % n
po.save(path + ".tmp")
os.replace(path + ".tmp", path)
print("saved", flush=True)
"""
    path = project / "locales" / "fr" / "long.po"
    saver = subprocess.Popen([sys.executable, "-c", translator, str(path)], stdout=subprocess.PIPE, text=True)
    run_l10n("translate", "--lang", "fr", "--article", "long", project=project)
    assert saver.wait(timeout=60) == 0 and saver.stdout.read().strip() == "saved"
    po = polib.pofile(str(path))
    for n in (3, 7, 11):
        assert po.find(sentences[n]).msgstr == f"Traduction humaine {n}"
    assert all(e.msgstr for e in po)
    msgfmt_check(path)


def test_concurrent_reviewers_on_one_file(translated):
    project = translated
    items = queue(project)
    halves = [items[0::2], items[1::2]]
    script = "import subprocess, sys\nfor ref in sys.argv[2:]:\n    subprocess.run([sys.executable, '-m', 'l10n', '--project', sys.argv[1], 'approve', ref, '--reviewer', 'R'], check=True)\n"
    workers = [
        subprocess.Popen([sys.executable, "-c", script, str(project), *[i["id"] for i in half]])
        for half in halves
    ]
    assert [w.wait(timeout=300) for w in workers] == [0, 0]
    with state.open_catalogs(project) as catalogs:
        assert all(e.state is State.REVIEWED for e in catalogs.read("fr", ARTICLE).active())
    assert sum(e[1] == "review" for e in events(project)) == len(items)
