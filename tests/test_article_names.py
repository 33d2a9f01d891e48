"""Which file names are articles: every other ``.md`` file is named in a one-line warning, and
``--article`` says why such a file cannot be used (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_l10n

BODY = "# A title\n\nSome text.\n"


@pytest.fixture
def named(tmp_path) -> Path:
    root = tmp_path / "names"
    run_l10n("init", str(root))
    for name in ("x..y.md", "a b.md", "émile.md", "-dash.md", ".hidden.md", "ok_1.v2.md"):
        (root / "articles" / "en" / name).write_text(BODY)
    return root


def warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warning: ")]


def test_safe_names_are_articles_and_every_other_file_is_named_once(named):
    result = run_l10n("status", "--lang", "fr", "--format", "json", project=named)
    assert "Traceback" not in result.stderr
    assert sorted({row["article"] for row in __import__("json").loads(result.stdout)}) == ["ok_1.v2", "x..y"]
    assert warnings(result.stderr) == [
        "warning: articles/en/-dash.md: ignored: an article name starts with an ASCII letter or digit"
        " and holds only ASCII letters, digits, '.', '_' and '-' (rename it to dash.md)",
        "warning: articles/en/a b.md: ignored: an article name starts with an ASCII letter or digit"
        " and holds only ASCII letters, digits, '.', '_' and '-' (rename it to a-b.md)",
        "warning: articles/en/émile.md: ignored: an article name starts with an ASCII letter or digit"
        " and holds only ASCII letters, digits, '.', '_' and '-' (rename it to emile.md)",
    ]


def test_a_name_with_two_dots_works_in_every_step(named):
    run_l10n("extract", "--lang", "fr", "--article", "x..y", project=named)
    assert (named / "locales" / "fr" / "x..y.po").is_file()
    run_l10n("build", "--lang", "fr", "--article", "x..y", "--allow-source", project=named)
    assert (named / "output" / "fr" / "x..y.md").read_text() == BODY


@pytest.mark.parametrize("name", ["émile", "a b", "--article=-dash"])
def test_selecting_an_ignored_file_says_which_file_and_why(named, name):
    args = [name] if name.startswith("--") else ["--article", name]
    shown = name.removeprefix("--article=")
    result = run_l10n("build", "--lang", "fr", *args, project=named, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1
    assert errors[0].startswith(
        f"error: articles/en/{shown}.md: not usable as an article: an article name starts"
    )


def test_an_unknown_article_is_still_reported_as_missing(named):
    result = run_l10n("build", "--article", "nothing", project=named, check=False)
    assert result.returncode == 1
    assert "error: no article 'nothing' in articles/en" in result.stderr


def test_a_link_leaving_the_project_is_ignored_with_a_warning(named, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("Secret text.\n")
    (named / "articles" / "en" / "leak.md").symlink_to(outside)
    result = run_l10n("build", "--lang", "fr", "--allow-source", project=named)
    assert "warning: articles/en/leak.md: ignored: it leads outside the project" in result.stderr
    assert not (named / "output" / "fr" / "leak.md").exists()
