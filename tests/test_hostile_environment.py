"""Unusable lock paths and a review without a terminal: one line each, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_l10n
from l10n.errors import L10nError
from l10n.fileio import file_lock


@pytest.mark.parametrize("case", ["directory", "parent-is-a-file", "unwritable"])
def test_an_unusable_lock_path_is_one_clear_error(tmp_path, case):
    if case == "directory":
        lock = tmp_path / "x.po.lock"
        lock.mkdir()
        expected = "the lock path is a directory"
    elif case == "parent-is-a-file":
        (tmp_path / "locks").write_text("")
        lock = tmp_path / "locks" / "x.po.lock"
        expected = "cannot create the lock folder"
    else:
        lock = Path("/proc/l10n-cannot-create-this.lock")  # no one may create files in /proc
        expected = "cannot create the lock file"
    with pytest.raises(L10nError) as error, file_lock(lock, timeout=60):
        pass
    assert error.value.message.startswith(expected), error.value.message
    assert error.value.path in (str(lock), str(lock.parent))


def test_translate_with_a_lock_folder_that_is_a_file_is_one_line(project):
    (project / ".l10n").mkdir(exist_ok=True)
    (project / ".l10n" / "locks").write_text("")
    result = run_l10n("translate", "--lang", "es", "--article", "sdg-financing", project=project, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "cannot create the lock folder" in result.stderr, result.stderr


def test_review_without_a_terminal_says_so_in_one_line(project):
    run_l10n("translate", "--lang", "es", "--article", "sdg-financing", project=project)
    result = run_l10n(
        "review", "--lang", "es", "--reviewer", "Ann", project=project, input="a\n", check=False
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == (
        "error: review is interactive and needs a terminal "
        "(without one: l10n queue, then l10n approve / edit / reject)\n"
    )
