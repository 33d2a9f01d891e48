"""Where things live in a project, and paths that cannot escape it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from l10n.config import CONFIG_NAME, DEFAULT_TOML, Config, load_config
from l10n.errors import L10nError
from l10n.fileio import atomic_write
from l10n.history import GITATTRIBUTES

SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass
class Project:
    root: Path
    config: Config

    @classmethod
    def open(cls, root: Path) -> Project:
        root = Path(root).resolve()
        config_path = root / CONFIG_NAME
        if not config_path.is_file():
            raise L10nError(f"no {CONFIG_NAME} here: run `l10n init {root}` first", root)
        return cls(root, load_config(config_path))

    # -- folders ---------------------------------------------------------------------------
    @property
    def articles_dir(self) -> Path:
        return self.inside("articles", self.config.source_language)

    @property
    def locales_dir(self) -> Path:
        return self.inside("locales")

    @property
    def glossaries_dir(self) -> Path:
        return self.inside("glossaries")

    @property
    def state_dir(self) -> Path:
        return self.inside(".l10n")

    @property
    def output_dir(self) -> Path:
        return self.inside("output")

    @property
    def reports_dir(self) -> Path:
        return self.inside("reports")

    # -- files -----------------------------------------------------------------------------
    def article_path(self, slug: str) -> Path:
        return self.inside("articles", self.config.source_language, f"{check_slug(slug)}.md")

    def template_path(self, slug: str) -> Path:
        return self.inside("locales", "templates", f"{check_slug(slug)}.pot")

    def po_path(self, language: str, slug: str) -> Path:
        return self.inside("locales", language, f"{check_slug(slug)}.po")

    def lock_path(self, target: Path) -> Path:
        relative = target.resolve().relative_to(self.root)
        return self.inside(".l10n", "locks", *relative.parts[:-1], relative.name + ".lock")

    def relative(self, path: Path) -> str:
        """A path as shown to users and written in PO references: relative, with slashes."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def slugs(self) -> list[str]:
        if not self.articles_dir.is_dir():
            return []
        return sorted(p.stem for p in self.articles_dir.glob("*.md") if SLUG.match(p.stem))

    def select_slugs(self, wanted: list[str] | None) -> list[str]:
        available = self.slugs()
        if not wanted:
            return available
        for slug in wanted:
            if slug not in available:
                raise L10nError(f"no article {slug!r} in {self.relative(self.articles_dir)}")
        return wanted

    def inside(self, *parts: str) -> Path:
        """Join ``parts`` under the project root, refusing anything that would leave it."""
        path = self.root.joinpath(*parts).resolve()
        if path != self.root and not path.is_relative_to(self.root):
            raise L10nError(f"path leaves the project: {'/'.join(parts)}", self.root)
        return path


def check_slug(slug: str) -> str:
    if not SLUG.match(slug) or ".." in slug:
        raise L10nError(f"not a valid article name: {slug!r}")
    return slug


GITIGNORE = """\
# l10n: local files (the history/ folder is shared: commit it)
output/
reports/
.l10n/
"""


def init_project(root: Path, languages: list[str] | None = None) -> Path:
    """Create the folders, a default ``l10n.toml`` (named after the folder, for the given
    target languages), a ``.gitignore`` for local files and the ``.gitattributes`` that lets
    git merge the history; an existing file is never overwritten."""
    root = Path(root)
    try:
        for sub in ("articles/en", "locales/templates", "glossaries", "history"):
            (root / sub).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise L10nError(f"cannot create folders: {exc.strerror}", root) from None
    config = DEFAULT_TOML.replace('name = "l10n"', f"name = {json.dumps(root.resolve().name)}")
    if languages:
        config = re.sub(
            r"^target_languages = .*$", f"target_languages = {json.dumps(languages)}", config, flags=re.M
        )
    for name, text in ((CONFIG_NAME, config), (".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)):
        if not (root / name).exists():
            atomic_write(root / name, text)
    return root.resolve()
