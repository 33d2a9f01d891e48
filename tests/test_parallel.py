"""``l10n translate --jobs N`` (issue 16): languages and chunks of a large batch in
parallel processes, with output identical to ``--jobs 1``; workers never write; Ctrl-C in
the middle leaves every file valid."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest

from conftest import msgfmt_check, run_l10n
from l10n import pipeline
from l10n.executors import make_executor
from l10n.executors.base import Batch, InProcess
from l10n.executors.processes import ProcessPool
from l10n.project import Project
from support.outputs import drafts, many_sentences, one_route, po_files, twin, write_articles

NEVER_IN_A_WORKER = ("l10n.repository", "l10n.pofile", "l10n.history", "l10n.store", "l10n.pipeline")


def test_jobs_2_writes_the_same_files_and_drafts_as_jobs_1(project):
    other = twin(project, "other")
    one = run_l10n("translate", "--jobs", "1", "--format", "json", project=project)
    two = run_l10n("translate", "--jobs", "2", "--format", "json", project=other)
    assert json.loads(one.stdout) == json.loads(two.stdout)
    assert po_files(project) == po_files(other)
    assert drafts(project) == drafts(other)
    assert sum(len(records) for records in drafts(project).values()) > 200
    for path in (other / "locales").glob("*/*.po"):
        msgfmt_check(path)


def test_a_large_batch_is_cut_into_chunks_that_workers_share(tmp_path, monkeypatch):
    root = tmp_path / "big"
    run_l10n("init", str(root), "--lang", "fr")
    one_route(root)  # the batches counted are the article's own
    write_articles(root, many_sentences(90), per_article=9)
    alone = twin(root, "alone")
    monkeypatch.setitem(pipeline.BATCH_TEXTS, "apertium", 25)  # 100 texts: 4 chunks

    pool = ProcessPool(2)
    # "apertium" named: an Argos package an earlier test installed stays visible in-process
    result = pipeline.translate(
        Project.open(root), ["fr"], Project.open(root).slugs(), "apertium", executor=pool
    )
    assert pool.stats.batches == 4
    assert result["fr"].sent == 100 and result["fr"].engine_calls == 4
    pipeline.translate(
        Project.open(alone), ["fr"], Project.open(alone).slugs(), "apertium", executor=InProcess()
    )
    assert po_files(root) == po_files(alone)
    assert drafts(root) == drafts(alone)


def test_chunks_depend_on_the_batch_alone():
    assert [len(c) for c in pipeline.chunks(list(range(1100)), 1000)] == [550, 550]
    assert [len(c) for c in pipeline.chunks(list(range(7)), 3)] == [3, 3, 1]
    assert pipeline.chunks([], 5) == []


def test_workers_load_engines_but_nothing_that_writes(project):
    pool = make_executor("local", 2)
    assert isinstance(pool, ProcessPool)
    opened = Project.open(project)
    pool.open(opened.config, str(opened.root))
    try:
        batches = [Batch("apertium", "en", lang, ("The ministers met in Astana.",)) for lang in ("fr", "es")]
        assert [len(out) for out in pool.translate(batches)] == [1, 1]
        seen = pool.probe()
    finally:
        pool.close()
    assert os.getpid() not in {pid for pid, _ in seen}
    for _, modules in seen:
        assert "l10n.executors.work" in modules
        assert not set(NEVER_IN_A_WORKER) & set(modules), modules
    assert any("l10n.engines.apertium" in modules for _, modules in seen)


GUARD = """
import os, sys
from pathlib import Path
from l10n.executors.work import forbid_writes
root = Path(sys.argv[1])
forbid_writes(str(root))
(root.parent / "outside.txt").write_text("fine")  # outside the project: allowed
print((root / "locales" / "fr" / "a.po").read_text())  # reading is allowed
refused = []
for attempt in (
    lambda: open(root / "locales" / "fr" / "a.po", "w"),
    lambda: open(root / "history" / "new.jsonl", "a"),
    lambda: os.open(root / "x", os.O_WRONLY | os.O_CREAT),
    lambda: os.replace(root.parent / "outside.txt", root / "locales" / "fr" / "a.po"),
    lambda: os.remove(root / "locales" / "fr" / "a.po"),
    lambda: os.mkdir(root / "new"),
):
    try:
        attempt()
    except PermissionError:
        refused.append(True)
print(len(refused))
"""


def test_a_worker_cannot_write_inside_the_project(tmp_path):
    root = tmp_path / "project"
    (root / "locales" / "fr").mkdir(parents=True)
    (root / "history").mkdir()
    (root / "locales" / "fr" / "a.po").write_text('msgid ""\n')
    child = subprocess.run(
        [sys.executable, "-c", GUARD, str(root)], capture_output=True, text=True, check=True
    )
    assert child.stdout.split() == ["msgid", '""', "6"]
    assert (root / "locales" / "fr" / "a.po").read_text() == 'msgid ""\n'
    assert (tmp_path / "outside.txt").read_text() == "fine"


def test_bad_jobs_is_one_line(project):
    result = run_l10n("translate", "--jobs", "0", project=project, check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == "error: --jobs must be at least 1, not 0"
    assert not (project / "locales" / "fr").exists()


def test_ctrl_c_during_a_parallel_run_leaves_every_file_valid(tmp_path):
    root = tmp_path / "big"
    run_l10n("init", str(root))
    write_articles(root, many_sentences(900), per_article=30)
    command = [sys.executable, "-m", "l10n", "--project", str(root), "translate", "--jobs", "2"]
    # Its own session, signalled as a group: what Ctrl-C in a terminal does.
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    deadline = time.monotonic() + 300
    while not list((root / "history").glob("fr/*.jsonl")) and child.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.05)  # the first language is being written, the others translated
    os.killpg(child.pid, signal.SIGINT)
    _, stderr = child.communicate(timeout=300)
    assert child.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    for path in (root / "locales").rglob("*.po"):
        polib.pofile(str(path))
        msgfmt_check(path)
    for path in (root / "history").rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            json.loads(line)
    assert not list(root.rglob("*.tmp"))
    # The history is consistent: a second run finishes the job, and every machine draft in
    # a PO file has its draft in the history.
    run_l10n("translate", "--jobs", "2", project=root)
    status = json.loads(run_l10n("status", "--format", "json", project=root).stdout)
    assert all(set(row["states"]) == {"machine-draft"} for row in status)
    recorded = {
        (p.parent.name, p.stem, json.loads(line)["msgid"])
        for p in (root / "history").glob("*/*.jsonl")
        for line in p.read_text().splitlines()
    }
    for path in (root / "locales").glob("*/*.po"):
        for entry in polib.pofile(str(path)):
            if entry.msgstr:
                assert (path.parent.name, path.stem, entry.msgid) in recorded


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rerun_with_nothing_changed_starts_no_worker(project, jobs):
    run_l10n("translate", "--jobs", jobs, project=project)
    before = po_files(project)
    result = run_l10n(
        "translate",
        "--jobs",
        jobs,
        "--format",
        "json",
        project=project,
        env={"PATH": str(Path("/nonexistent"))},
    )
    assert all(r["sent"] == 0 for r in json.loads(result.stdout).values())
    assert po_files(project) == before


def test_route_selection_runs_its_second_route_and_round_trips_in_the_workers(project):
    # French is translated by both Apertium pivots and each route's drafts go back into
    # English: four engine batches, all sent to the workers, the same drafts as in one process.
    alone = twin(project, "alone")
    pool = ProcessPool(2)
    slugs = Project.open(project).slugs()
    result = pipeline.translate(Project.open(project), ["fr"], slugs, "apertium", executor=pool)
    assert pool.stats.batches == 4
    assert result["fr"].engine_calls == 2  # the round trip is not a translation of the article
    pipeline.translate(Project.open(alone), ["fr"], slugs, "apertium", executor=InProcess())
    assert po_files(project) == po_files(alone)
    assert drafts(project) == drafts(alone)
    routes = {record["route"] for records in drafts(project).values() for record in records}
    assert routes == {"eng-spa>es-fr", "eng-cat>cat-fra"}
