"""Shared fixtures: isolated Argos/XDG folders, blocked network, real projects and a real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "articles" / "en"
NETBLOCK = REPO / "tests" / "netblock"
sys.path.insert(0, str(REPO / "tests"))


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory, monkeypatch):
    """Argos and XDG folders in a temporary home; network blocked for child processes."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "data" / "argos-translate" / "packages"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(NETBLOCK), str(REPO)]))
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    return home


def run_l10n(*args: str, project: Path | None = None, input: str | None = None, env=None, check=True):
    """Run the real ``l10n`` command in a child process."""
    command = [sys.executable, "-m", "l10n"]
    if project is not None:
        command += ["--project", str(project)]
    command += list(args)
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        input=input,
        env={**os.environ, **(env or {})},
        timeout=600,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"l10n {' '.join(args)} exited {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
    return result


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh ``l10n init`` project holding the sample articles."""
    root = tmp_path / "project"
    run_l10n("init", str(root))
    for article in SAMPLES.glob("*.md"):
        shutil.copy(article, root / "articles" / "en" / article.name)
    return root


def msgfmt_check(path: Path) -> None:
    result = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, f"msgfmt -c rejected {path}:\n{result.stderr}"
