"""The use cases below the CLI: functions over entries that return reports, run in-process
on a real project (real PO files, real history and index), without an engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from conftest import run_l10n
from l10n.errors import L10nError
from l10n.model import WORKFLOW, State
from l10n.project import Project, init_project
from l10n.repository import Catalogs, Identity
from l10n.review import approve, build_queue, edit, entry_at_line, reason_kind, reject, resolve
from l10n.status import summarize

ARTICLE = "a"
SOURCE = "# Title\n\nFirst sentence here. Second *one* follows.\n\nThird paragraph.\n"
ALICE = Identity("Alice", "alice@example.org")
BOB = Identity("Bob", "bob@example.org")


@pytest.fixture
def drafted(tmp_path) -> Project:
    """A project whose French catalog holds machine drafts, made without an engine."""
    root = init_project(tmp_path / "p", ["fr"])
    (root / "articles" / "en" / f"{ARTICLE}.md").write_text(SOURCE)
    project = Project.open(root)
    from l10n.extract import extract
    from l10n.model import Provenance

    extract(project, [ARTICLE], ["fr"])
    with Catalogs(project) as catalogs:

        def draft_everything(change):
            for entry in change.catalog.active():
                text = f"FR {entry.msgid}"
                entry.set_machine_draft(text)
                change.draft(entry, text, Provenance("test-engine", "en>fr"))

        catalogs.edit("fr", ARTICLE, draft_everything)
    return project


def test_status_counts_in_workflow_order(drafted):
    rows = summarize(drafted, ["fr"], [ARTICLE])
    assert rows[0].states == {"machine-draft": 4} and rows[0].total == 4
    assert [s.value for s in WORKFLOW][:3] == ["untranslated", "machine-draft", "needs-review"]


def test_review_actions_over_entries(drafted):
    with Catalogs(drafted) as catalogs:
        first, second, third = build_queue(catalogs, _no_glossary(), ["fr"], [ARTICLE])[:3]
        targets = [resolve(catalogs, item.id) for item in (first, second, third)]
        assert approve(catalogs, targets[:1], ALICE) == ["reviewed"]
        with pytest.raises(L10nError, match="a second reviewer must approve it"):
            approve(catalogs, targets[:1], Identity("A. Liddell", "ALICE@example.org"))
        assert approve(catalogs, targets[:1], BOB) == ["approved"]
        assert edit(catalogs, targets[1], "Texte revu", ALICE) == "edited"
        assert reject(catalogs, targets[2], "Too literal", BOB) == "rejected"
        states = {e.msgid: e.state for _, e in catalogs.entries(["fr"], [ARTICLE])}
        assert sorted(states.values()) == sorted(
            [State.APPROVED, State.REVIEWED, State.REJECTED, State.MACHINE_DRAFT]
        )
        actions = [(e.action, e.reviewer) for e in catalogs.store.events("fr")]
        assert actions == [("review", "Alice"), ("approve", "Bob"), ("edit", "Alice"), ("reject", "Bob")]


def test_approve_refuses_broken_placeholders(drafted):
    path = drafted.po_path("fr", ARTICLE)
    po = polib.pofile(str(path))
    entry = next(e for e in po if "<1>" in e.msgid)
    entry.msgstr = "sans balise"
    po.save(str(path))
    with Catalogs(drafted) as catalogs:
        target = resolve(catalogs, f"locales/fr/{ARTICLE}.po:{entry.linenum}")
        with pytest.raises(L10nError, match="breaks the placeholders"):
            approve(catalogs, [target], ALICE)


def test_an_entry_is_named_by_any_of_its_lines(drafted):
    path = drafted.po_path("fr", ARTICLE)
    lines = path.read_text().splitlines()
    msgid_line = next(n for n, line in enumerate(lines, 1) if line == 'msgid "Third paragraph."')
    first_comment = msgid_line
    while lines[first_comment - 2].startswith("#"):
        first_comment -= 1
    with Catalogs(drafted) as catalogs:
        catalog = catalogs.read("fr", ARTICLE)
        text = path.read_text()
        for line in (first_comment, msgid_line, msgid_line + 1):  # a comment, msgid (grep -n), msgstr
            assert entry_at_line(catalog, text, line).msgid == "Third paragraph."
        assert entry_at_line(catalog, text, msgid_line + 2) is None  # the blank line after it
        assert resolve(catalogs, f"locales/fr/{ARTICLE}.po:{msgid_line}").msgid == "Third paragraph."


def test_queue_summary_groups_reasons_by_kind():
    assert reason_kind("low quality estimate 0.09") == "low quality estimate"
    assert reason_kind("low quality estimate 0.44") == "low quality estimate"
    assert reason_kind("glossary: SDGs → ODD missing") == "glossary"
    assert reason_kind("rejected: Too literal") == "rejected"


def test_queue_summary_through_the_cli(project):
    run_l10n("translate", "--lang", "fr", "--article", "middle-corridor", project=project)
    text = run_l10n("queue", "--lang", "fr", "--summary", project=project).stdout
    assert text.startswith("fr: 23 awaiting review (")
    reasons = text.split("(", 1)[1].rsplit(")", 1)[0].split(", ")
    assert all(reason.rsplit(" ", 1)[1].isdigit() for reason in reasons)  # "kind count", once per kind
    assert len({reason.rsplit(" ", 1)[0] for reason in reasons}) == len(reasons)


def test_interactive_review_quits_on_a_line(project):
    """`q` sent with its newline quits (keys used to be read one by one)."""
    import os
    import sys

    import pexpect

    run_l10n("translate", "--lang", "fr", "--article", "middle-corridor", project=project)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "l10n", "--project", str(project), "review", "--lang", "fr", "--reviewer", "Ann"],
        env={k: v for k, v in os.environ.items() if k not in ("EDITOR", "VISUAL")},
        encoding="utf-8",
        timeout=60,
    )
    child.expect(r"\[a\]pprove")
    child.sendline("q")
    child.expect("Review finished: nothing done.")
    child.expect(pexpect.EOF)


def _no_glossary():
    from l10n.glossary import Glossary

    return Glossary()


def test_init_refuses_nothing_and_overwrites_nothing(tmp_path: Path):
    root = init_project(tmp_path / "x", ["fr"])
    (root / "l10n.toml").write_text((root / "l10n.toml").read_text() + "\n# mine\n")
    init_project(root, ["es"])
    assert "# mine" in (root / "l10n.toml").read_text()
    shutil.rmtree(root)
