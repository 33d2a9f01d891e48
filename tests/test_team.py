"""A team shares the project through git and each uses their own PO tool: review state
survives every tool, the history travels and merges, no save is ever lost."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest

from conftest import msgfmt_check, run_l10n
from l10n.model import State
from support import state

ARTICLE = "middle-corridor"
HEADING = "Why it matters"


def po_path(project: Path, language: str = "fr", article: str = ARTICLE) -> Path:
    return project / "locales" / language / f"{article}.po"


def states(project: Path) -> dict[tuple[str, str], str]:
    with state.open_catalogs(project) as catalogs:
        return {
            (c.article, e.msgid): e.state.value
            for c, e in catalogs.entries(
                ["fr"], ["middle-corridor", "sdg-financing", "central-asia-g7-dialogue"]
            )
        }


def queue_ids(project: Path) -> list[str]:
    return [
        i["id"]
        for i in json.loads(run_l10n("queue", "--lang", "fr", "--format", "json", project=project).stdout)
    ]


@pytest.fixture
def reviewed(project) -> Path:
    """French drafts, two reviewed by Alice, one approved by Bob, one rejected."""
    run_l10n("translate", "--lang", "fr", project=project)
    ids = queue_ids(project)
    run_l10n("approve", ids[0], ids[1], ids[2], "--reviewer", "Alice <alice@example.org>", project=project)
    run_l10n("approve", ids[0], "--reviewer", "Bob <bob@example.org>", project=project)
    run_l10n(
        "reject",
        ids[3],
        "--note",
        "Too literal, and this note is long enough to be wrapped by any tool that wraps comments",
        "--reviewer",
        "Bob",
        project=project,
    )
    return project


# -- marks survive every PO tool --------------------------------------------------------------


def polib_save(path: Path, width: int) -> None:
    po = polib.pofile(str(path), wrapwidth=width)
    po.wrapwidth = width
    po.save(str(path))


def gettext_tool(path: Path, *args: str) -> None:
    subprocess.run([*args, "-o", str(path), str(path)], check=True, capture_output=True)


def msgmerge(path: Path, width: str | None) -> None:
    template = path.parent.parent / "templates" / f"{path.stem}.pot"
    extra = [width] if width else []
    subprocess.run(["msgmerge", "-q", *extra, "-o", str(path), str(path), str(template)], check=True)


def translate_toolkit(path: Path) -> None:
    from translate.storage import po as ttk_po

    store = ttk_po.pofile.parsefile(str(path))
    path.write_bytes(bytes(store))


def reorder_comments_and_crlf(path: Path) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        lines = entry.tcomment.split("\n") if entry.tcomment else []
        entry.tcomment = "\n".join(reversed(lines))
    text = po.__unicode__().replace("\n", "\r\n")
    path.write_bytes(text.encode())


def rewrap_msgstr(path: Path) -> None:
    po = polib.pofile(str(path), wrapwidth=30)
    po.wrapwidth = 30
    po.save(str(path))


TOOLS = {
    "polib default": lambda p: polib_save(p, 78),
    "polib width 40": lambda p: polib_save(p, 40),
    "polib width 20": lambda p: polib_save(p, 20),
    "msgcat": lambda p: gettext_tool(p, "msgcat"),
    "msgcat --width=40": lambda p: gettext_tool(p, "msgcat", "--width=40"),
    "msgmerge": lambda p: msgmerge(p, None),
    "msgmerge --width=40": lambda p: msgmerge(p, "--width=40"),
    "translate-toolkit": translate_toolkit,
    "editor: reordered comments, CRLF": reorder_comments_and_crlf,
    "editor: msgstr re-wrapped": rewrap_msgstr,
}


def test_a_plain_polib_save_keeps_every_state(reviewed):
    """The reproduction: polib's defaults used to wrap the long `# l10n-mt:` line, and every
    draft read as needs-review, with bogus sync events."""
    before = states(reviewed)
    for path in (reviewed / "locales" / "fr").glob("*.po"):
        polib.pofile(str(path)).save(str(path))
    assert states(reviewed) == before
    assert run_l10n("sync", project=reviewed).stderr.strip() == "0 change(s) recorded"


@pytest.mark.parametrize("tool", list(TOOLS))
def test_review_state_survives_po_tools(reviewed, tool):
    before = states(reviewed)
    assert {"machine-draft", "reviewed", "approved", "rejected"} <= set(before.values())
    events_before = len(state.events(reviewed))
    for path in (reviewed / "locales" / "fr").glob("*.po"):
        TOOLS[tool](path)
        msgfmt_check(path)
    assert states(reviewed) == before
    assert run_l10n("sync", project=reviewed).stderr.strip() == "0 change(s) recorded"
    assert len(state.events(reviewed)) == events_before
    ids = queue_ids(reviewed)
    assert (
        run_l10n("approve", ids[0], "--reviewer", "Carol", project=reviewed)
        .stdout.strip()
        .endswith("reviewed")
    )


def test_a_po_file_without_a_header_keeps_its_first_draft(project):
    run_l10n("translate", "--lang", "fr", "--article", ARTICLE, project=project)
    path = po_path(project)
    po = polib.pofile(str(path))
    first = next(e for e in po if e.msgid)
    text = "".join(e.__unicode__() + "\n" for e in po if e.msgid)  # no header entry at all
    path.write_text(text)
    found = state.entry(project, "fr", ARTICLE, first.msgid)
    assert found.state is State.MACHINE_DRAFT
    assert run_l10n("sync", project=project).stderr.strip() == "0 change(s) recorded"


# -- the history travels with git ---------------------------------------------------------------


def git(folder: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(
        ["git", *args], cwd=folder, check=True, capture_output=True, text=True, env=env
    ).stdout


def test_two_clones_review_different_entries_and_merge_without_conflict(project, tmp_path):
    run_l10n("translate", "--lang", "fr", project=project)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "translated")
    assert git(project, "status", "--porcelain") == ""
    a, b, c = (tmp_path / name for name in ("a", "b", "c"))
    git(tmp_path, "clone", "-q", str(project), str(a))
    git(tmp_path, "clone", "-q", str(project), str(b))
    assert run_l10n("translate", "--lang", "fr", project=a).stdout.count("0 sent") == 1
    assert git(a, "status", "--porcelain") == ""  # a fresh clone's no-op run changes nothing

    first, second = queue_ids(a)[:2]
    run_l10n("edit", first, "--text", "Texte d'Alice", "--reviewer", "Alice <alice@example.org>", project=a)
    run_l10n("approve", second, "--reviewer", "Bob <bob@example.org>", project=b)
    for clone, who in ((a, "alice"), (b, "bob")):
        git(clone, "add", "-A")
        git(clone, "commit", "-qm", f"review by {who}")
    git(a, "pull", "-q", "--no-rebase", "--no-edit", str(b), "main")  # history merged by union
    assert "<<<<<<<" not in "".join(p.read_text() for p in (a / "history").rglob("*.jsonl"))
    git(tmp_path, "clone", "-q", str(a), str(c))

    score = json.loads(run_l10n("score", "--lang", "fr", "--format", "json", project=c).stdout)
    effort = score["post_edit"]["reviewer"]
    assert set(effort) == {"Alice <alice@example.org>", "Bob <bob@example.org>"}
    assert (
        effort["Alice <alice@example.org>"]["TER"]["score"] > 0
        and effort["Bob <bob@example.org>"]["TER"]["score"] == 0
    )
    status = json.loads(run_l10n("status", "--lang", "fr", "--format", "json", project=c).stdout)
    assert sum(row["states"].get("reviewed", 0) for row in status) == 2
    assert first not in queue_ids(c) and second not in queue_ids(c)
    assert (
        run_l10n(
            "approve", first, "--reviewer", "Alice <alice@example.org>", project=c, check=False
        ).returncode
        == 1
    )


def test_a_fresh_clone_shows_the_same_status_queue_effort_and_history(reviewed, tmp_path):
    run_l10n("score", "--lang", "fr", project=reviewed)
    git(reviewed, "init", "-q", "-b", "main")
    git(reviewed, "add", "-A")
    git(reviewed, "commit", "-qm", "work")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(reviewed), str(clone))
    assert not (clone / ".l10n").exists()  # the local index is not shared
    for args in (("status", "--lang", "fr"), ("queue", "--lang", "fr")):
        here = run_l10n(*args, "--format", "json", project=reviewed).stdout
        there = run_l10n(*args, "--format", "json", project=clone).stdout
        assert json.loads(here) == json.loads(there)
    here = json.loads(
        run_l10n("score", "--lang", "fr", "--no-snapshot", "--format", "json", project=reviewed).stdout
    )
    there = json.loads(
        run_l10n("score", "--lang", "fr", "--no-snapshot", "--format", "json", project=clone).stdout
    )
    assert here["post_edit"]["language"] == there["post_edit"]["language"]
    assert git(clone, "status", "--porcelain") == ""  # listings and --no-snapshot write nothing tracked


def test_listing_commands_write_nothing_tracked(reviewed):
    for path in (reviewed / "locales" / "fr").glob("*.po"):
        po = polib.pofile(str(path))
        po.metadata["Last-Translator"] = "Marie <marie@example.org>"
        po.save(str(path))
    tracked = {p: p.read_bytes() for p in [*reviewed.rglob("*.po"), *reviewed.rglob("*.jsonl")]}
    for args in (("status",), ("queue",), ("check",), ("glossary", "check"), ("score", "--no-snapshot")):
        run_l10n(*args, "--lang", "fr", project=reviewed)
    assert {p: p.read_bytes() for p in tracked} == tracked


def test_init_writes_gitignore_and_gitattributes(tmp_path):
    run_l10n("init", str(tmp_path / "p"), "--lang", "fr,pt")
    root = tmp_path / "p"
    assert ".l10n/" in (root / ".gitignore").read_text()
    assert "merge=union" in (root / ".gitattributes").read_text()
    assert 'target_languages = ["fr", "pt"]' in (root / "l10n.toml").read_text()
    assert 'name = "p"' in (root / "l10n.toml").read_text()


# -- the local index is a cache ---------------------------------------------------------------


@pytest.mark.parametrize("damage", ["deleted", "empty", "garbage"])
def test_a_lost_or_damaged_index_is_rebuilt_from_the_history(reviewed, damage):
    run_l10n("score", "--lang", "fr", project=reviewed)
    before = json.loads(
        run_l10n("score", "--lang", "fr", "--no-snapshot", "--format", "json", project=reviewed).stdout
    )
    index = reviewed / ".l10n" / "index.db"
    for suffix in ("-wal", "-shm"):
        Path(str(index) + suffix).unlink(missing_ok=True)
    if damage == "deleted":
        index.unlink()
    elif damage == "empty":
        index.write_bytes(b"")
    else:
        index.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    result = run_l10n("score", "--lang", "fr", "--no-snapshot", "--format", "json", project=reviewed)
    after = json.loads(result.stdout)
    assert after["post_edit"]["language"] == before["post_edit"]["language"]
    assert after["post_edit"]["reviewer"] == before["post_edit"]["reviewer"]
    if damage == "garbage":
        assert "rebuilding it from the history" in result.stderr


# -- the history as a file ---------------------------------------------------------------------


def history_file(project: Path) -> Path:
    return project / "history" / "fr" / f"{ARTICLE}.jsonl"


def test_a_torn_last_line_and_merge_markers_are_skipped_with_a_warning(reviewed):
    path = history_file(reviewed)
    lines = path.read_text().splitlines()
    path.write_text("<<<<<<< HEAD\n" + "\n".join(lines[:-1]) + "\n=======\n>>>>>>> other\n" + lines[-1][:25])
    result = run_l10n("status", "--lang", "fr", project=reviewed)
    assert "merge conflict marker skipped" in result.stderr and "torn by a crash" in result.stderr
    run_l10n("approve", queue_ids(reviewed)[0], "--reviewer", "Zed", project=reviewed)
    assert path.read_text().splitlines()[-1].startswith("{")  # the next append starts a fresh line
    assert sum(e.reviewer == "Zed" for e in state.events(reviewed)) == 1


def test_a_history_from_a_newer_l10n_is_a_one_line_error(reviewed):
    path = history_file(reviewed)
    with path.open("a") as handle:
        handle.write(json.dumps({"v": 99, "type": "event"}) + "\n")
    line = len(path.read_text().splitlines())
    result = run_l10n("status", project=reviewed, check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"error: history/fr/{ARTICLE}.jsonl:{line}: history record of format 99, newer than this l10n (1): upgrade l10n"
    )


# -- identity and the second approval ------------------------------------------------------------


def test_a_second_approval_needs_another_identity(reviewed):
    ids = queue_ids(reviewed)
    run_l10n("approve", ids[0], "--reviewer", "Dana <dana@example.org>", project=reviewed)
    same = run_l10n(
        "approve", ids[0], "--reviewer", "D. Smith <DANA@example.org>", project=reviewed, check=False
    )
    assert same.returncode == 1 and "a second reviewer must approve it" in same.stderr
    event = state.events(reviewed)[-1]
    assert (event.reviewer, event.email) == ("Dana", "dana@example.org")


# -- no lost save ------------------------------------------------------------------------------

SAVER = r"""
import os, random, sys, time, polib
path, msgid, stop_file, log = sys.argv[1:5]
rng = random.Random(7)
saved, reverted = 0, 0
last = None
while not os.path.exists(stop_file):
    try:
        po = polib.pofile(path)
    except Exception:
        time.sleep(0.005)
        continue
    entry = po.find(msgid)
    if entry is None:
        time.sleep(0.005)
        continue
    if last is not None and entry.msgstr != last:
        reverted += 1
    saved += 1
    last = f"Traduction humaine {saved}"
    entry.msgstr = last
    tmp = path + ".editor-tmp"
    po.save(tmp)
    os.replace(tmp, path)
    time.sleep(rng.uniform(0.010, 0.020))
with open(log, "w") as handle:
    handle.write(f"{saved} {reverted} {last}")
"""


def test_no_save_is_reverted_while_translate_runs(project, tmp_path):
    article = project / "articles" / "en" / "long.md"
    sentences = [f"The delegation discussed item {n} of the joint agenda in Astana." for n in range(300)]
    article.write_text("# A long report\n\n" + "\n\n".join(sentences) + "\n")
    run_l10n("extract", "--lang", "fr", "--article", "long", project=project)
    path = po_path(project, "fr", "long")
    stop, log = tmp_path / "stop", tmp_path / "log"
    saver = subprocess.Popen([sys.executable, "-c", SAVER, str(path), sentences[5], str(stop), str(log)])
    try:
        for _ in range(3):  # drafts, then glossary-free reruns that still read and write
            run_l10n("translate", "--lang", "fr", "--article", "long", project=project)
            run_l10n(
                "approve",
                f"locales/fr/long.po:{polib.pofile(str(path)).find(sentences[9]).linenum}",
                "--reviewer",
                "R",
                project=project,
                check=False,
            )
    finally:
        stop.write_text("stop")
        assert saver.wait(timeout=60) == 0
    saved, reverted, last = log.read_text().split(" ", 2)
    assert int(saved) > 20 and int(reverted) == 0
    final = polib.pofile(str(path))
    assert final.find(sentences[5]).msgstr == last
    run_l10n("translate", "--lang", "fr", "--article", "long", project=project)
    assert all(e.msgstr for e in polib.pofile(str(path)) if not e.obsolete)
    msgfmt_check(path)


# -- crashes -----------------------------------------------------------------------------------


def marks_agree_with_history(project: Path) -> None:
    """Every review mark in a PO file names an event the history holds."""
    with state.open_catalogs(project) as catalogs:
        known = {e.id for e in catalogs.store.events()}
        for catalog, entry in catalogs.entries(["fr", "es"], [ARTICLE, "sdg-financing"]):
            for name in ("reviewed", "approved", "rejected", "edited"):
                mark = getattr(entry, name)
                if mark is not None and mark.event:
                    assert mark.event in known, (catalog.article, entry.msgid, name)


def test_random_kills_leave_files_history_and_index_in_agreement(project):
    rng = random.Random(11)
    run_l10n("translate", "--lang", "es", "--article", "sdg-financing", project=project)
    for trial in range(12):
        if trial % 2:
            command = ["translate", "--lang", "fr,es", "--article", f"{ARTICLE},sdg-financing"]
            if trial % 4 == 1:
                shutil.rmtree(project / "locales" / "fr", ignore_errors=True)
        else:
            ids = queue_ids(project) if (project / "locales" / "fr").exists() else []
            if not ids:
                continue
            command = ["approve", *ids[:12], "--reviewer", f"R{trial}"]
        child = subprocess.Popen(
            [sys.executable, "-m", "l10n", "--project", str(project), *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 2.5))
        child.send_signal(signal.SIGKILL)
        child.wait()
        for path in (project / "locales").glob("*/*.po"):
            msgfmt_check(path)
        marks_agree_with_history(project)
    run_l10n("translate", "--lang", "fr,es", "--article", f"{ARTICLE},sdg-financing", project=project)
    for path in (project / "locales").glob("*/*.po"):
        msgfmt_check(path)
        assert all(e.msgstr for e in polib.pofile(str(path)) if not e.obsolete)
    marks_agree_with_history(project)
    with state.open_catalogs(project) as catalogs:
        assert catalogs.store.integrity_check() == "ok"


# -- CI exit codes -----------------------------------------------------------------------------


def test_translate_into_a_language_no_engine_reaches_writes_nothing(project):
    result = run_l10n("translate", "--lang", "de", project=project, check=False)
    assert result.returncode == 1 and "no engine can translate en→de" in result.stderr
    assert not (project / "locales" / "de").exists() and not (project / "history" / "de").exists()
    assert run_l10n("build", "--lang", "de", project=project, check=False).returncode == 1


def test_check_strict_fails_on_error_level_findings(project):
    run_l10n("translate", "--lang", "fr", "--article", "sdg-financing", project=project)
    findings = json.loads(run_l10n("check", "--lang", "fr", "--format", "json", project=project).stdout)
    errors = sum(f["severity"] == "error" for row in findings for f in row["failures"])
    strict = run_l10n("check", "--lang", "fr", "--strict", project=project, check=False)
    assert strict.returncode == (1 if errors else 0)
    assert run_l10n("check", "--lang", "fr", project=project, check=False).returncode == 0  # reports only
    path = po_path(project, "fr", "sdg-financing")
    po = polib.pofile(str(path))
    entry = next(e for e in po if "<1>" in e.msgid)
    entry.msgstr = "texte sans balise"
    po.save(str(path))
    result = run_l10n("check", "--lang", "fr", "--strict", project=project, check=False)
    assert result.returncode == 1 and "error: placeholders" in result.stdout


def test_catalogs_written_by_l10n_0_1_keep_their_states_and_provenance(project):
    """PO files of the first release carried long `# l10n-mt: engine=… sha=…` lines."""
    legacy = Path(__file__).parent / "data" / "legacy" / f"{ARTICLE}.po"
    run_l10n("extract", "--lang", "fr", "--article", ARTICLE, project=project)
    shutil.copy(legacy, po_path(project))
    assert "# l10n-mt: engine=apertium" in po_path(project).read_text()
    before = {e.msgid: e.state for e in state_entries(project)}
    assert set(before.values()) == {State.MACHINE_DRAFT}
    assert run_l10n("sync", "--lang", "fr", project=project).stderr.strip() == "0 change(s) recorded"
    run_l10n("translate", "--lang", "fr", "--article", ARTICLE, project=project)
    text = po_path(project).read_text()
    assert "# l10n-mt: engine=" not in text and "# l10n:mt:" in text
    assert {e.msgid: e.state for e in state_entries(project)} == before
    drafts = state.drafts(project, "fr")
    assert {d.engine for d in drafts} == {"apertium"} and {d.route for d in drafts} == {"eng-spa>es-fr"}


def state_entries(project: Path):
    with state.open_catalogs(project) as catalogs:
        return [e for _, e in catalogs.entries(["fr"], [ARTICLE])]


def test_a_crashed_writes_temporary_file_is_ignored_by_git_and_swept(project):
    run_l10n("translate", "--lang", "fr", "--article", ARTICLE, project=project)
    leftover = po_path(project).parent / f".{ARTICLE}.po.abc123.tmp"
    leftover.write_text("half a catalog")
    assert ".*.tmp" in (project / ".gitignore").read_text()
    git(project, "init", "-q")
    assert leftover.name not in git(project, "status", "--porcelain", "--ignored=no")
    run_l10n("approve", queue_ids(project)[0], "--reviewer", "R", project=project)
    assert not leftover.exists()
