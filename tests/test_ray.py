"""``l10n translate --executor ray`` (issue 16), on a Ray instance the tests start on this
machine (loopback, 2 CPUs): the same drafts as in-process, a worker killed mid-run is
retried, workers never write, and bad clusters fail in one line before any file is touched.
Skipped when Ray is not installed (``pip install 'l10n[ray]'``; the test extras have it)."""

from __future__ import annotations

import os
import signal
import socket

import pytest

from conftest import run_l10n
from l10n import pipeline
from l10n.executors.base import InProcess
from l10n.project import Project
from support.outputs import drafts, many_sentences, one_route, po_files, twin, write_articles

os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")  # Ray on loopback only
ray = pytest.importorskip("ray", reason="Ray is not installed: pip install 'l10n[ray]'")

from l10n.executors.ray_cluster import RayExecutor  # noqa: E402

NEVER_IN_A_WORKER = (
    "l10n.repository", "l10n.pofile", "l10n.history", "l10n.store", "l10n.pipeline",
    "l10n.catalog", "l10n.extract", "l10n.fileio",
)  # fmt: skip


@pytest.fixture(scope="module")
def cluster():
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        _node_ip_address="127.0.0.1",
        logging_level="ERROR",
    )
    yield
    ray.shutdown()


def translate(root, executor, languages=("fr", "es", "it")):
    project = Project.open(root)
    # "apertium" named: an Argos package an earlier test installed stays visible in-process
    return pipeline.translate(project, list(languages), project.slugs(), "apertium", executor=executor)


def test_ray_writes_the_same_files_and_drafts_as_one_process(cluster, project):
    other = twin(project, "other")
    translate(project, InProcess())
    executor = RayExecutor()
    results = translate(other, executor)
    # One batch per language, and French's route selection: the second route, and each
    # route's round trip (l10n.route_selection), all on the cluster.
    assert executor.stats.batches == 3 + 3
    assert {r.sent for r in results.values()} == {86}
    assert po_files(project) == po_files(other)
    assert drafts(project) == drafts(other)


def test_a_worker_killed_mid_run_is_retried(cluster, tmp_path, monkeypatch):
    root = tmp_path / "big"
    run_l10n("init", str(root), "--lang", "fr")
    one_route(root)  # the batches counted are the article's own
    write_articles(root, many_sentences(120), per_article=12)
    alone = twin(root, "alone")
    monkeypatch.setitem(pipeline.BATCH_TEXTS, "apertium", 10)  # 130 texts: 13 batches
    executor = RayExecutor()
    killed: list[int] = []

    def kill_once(index, actor):
        if not killed:  # batch 0 is back; its actor still has 6 batches queued or running
            pid = before[executor.actors.index(actor)]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    executor.on_result = kill_once
    before = {}

    def remember(config, root_):
        RayExecutor.open(executor, config, root_)
        before.update({i: pid for i, (pid, _, _) in enumerate(executor.probe())})

    monkeypatch.setattr(executor, "open", remember)
    translate(root, executor, ["fr"])
    assert executor.stats.batches == 13
    assert killed and len(set(before.values())) == 2
    translate(alone, InProcess(), ["fr"])
    assert po_files(root) == po_files(alone)
    assert drafts(root) == drafts(alone)


def test_workers_hold_engines_but_nothing_that_writes(cluster, project):
    executor = RayExecutor()
    answers: list = []

    def ask(index, actor):  # at the last batch, every actor has translated something
        if index == 2:
            answers.extend(executor.probe())

    executor.on_result = ask
    translate(project, executor)
    assert len(answers) == 2 and os.getpid() not in {pid for pid, _, _ in answers}
    for _, modules, guarded in answers:
        assert {"l10n.executors.work", "l10n.engines.apertium"} <= set(modules)
        assert not set(NEVER_IN_A_WORKER) & set(modules), modules
        assert guarded == [os.path.join(str(project), "")]  # writes inside it raise


def untouched(project) -> bool:
    return not list((project / "locales").rglob("*.po*")) and not list((project / "history").rglob("*.jsonl"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_cluster_is_one_line_before_any_file(project):
    address = f"127.0.0.1:{free_port()}"
    result = run_l10n(
        "translate", "--executor", "ray", "--ray-address", address, project=project, check=False
    )
    assert result.returncode == 1
    line = result.stderr.strip()
    assert "\n" not in line and line.startswith(f"error: cannot reach the Ray cluster at {address}: ")
    assert untouched(project)


def test_a_cluster_without_apertium_is_one_line_before_any_file(project, tmp_path):
    empty = tmp_path / "no-apertium-data"  # the workers' Apertium has no language pairs
    empty.mkdir()
    result = run_l10n(
        "translate", "--executor", "ray", "--ray-address", "local", "--lang", "fr",
        project=project, check=False, env={"APERTIUM_DATADIR": str(empty)},
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("error: on the Ray cluster at local: no engine can translate en→fr")
    assert (
        "Apertium lacks the mode(s) es-fr, eng-spa" in line
        or "Apertium lacks the mode(s) eng-spa, es-fr" in line
    )
    assert "Traceback" not in result.stderr
    assert untouched(project)
