"""Where things live in a project, and paths that cannot escape it."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from l10n.config import CONFIG_NAME, DEFAULT_TOML, Config, load_config
from l10n.errors import L10nError

# An article's name (its file name without ".md") becomes the name of its catalogs, of its
# built files and part of entry ids, and is typed after --article: plain ASCII, no spaces,
# no leading "-" or ".". "x..y" is fine: a name is one path component, never a path.
SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
NAME_RULE = (
    "an article name starts with an ASCII letter or digit"
    " and holds only ASCII letters, digits, '.', '_' and '-'"
)


@dataclass
class Project:
    root: Path
    config: Config
    _folders: dict[tuple[str, ...], Path] = field(default_factory=dict, repr=False, compare=False)

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
        return sorted(slug for slug, why in self._article_files() if why is None)

    def ignored_articles(self) -> list[tuple[str, str]]:
        """``.md`` files that are not articles, as (path shown to users, why); dot-files, which
        editors and tools leave behind, are skipped without a word."""
        return sorted(
            (self._article_name(stem), why) for stem, why in self._article_files() if why is not None
        )

    def _article_name(self, stem: str) -> str:
        # Not self.relative(): that follows a link, and the file is what the user sees.
        return (self.articles_dir / f"{stem}.md").relative_to(self.root).as_posix()

    def _article_files(self) -> list[tuple[str, str | None]]:
        """(stem, None) for each article, (stem, why not) for each other ``.md`` file."""
        try:
            items = list(os.scandir(self.articles_dir))
        except (FileNotFoundError, NotADirectoryError):
            return []
        found: list[tuple[str, str | None]] = []
        for item in items:
            stem = item.name[:-3]
            if not item.name.endswith(".md") or stem.startswith(".") or stem == "":
                continue
            if not SLUG.match(stem):
                found.append((stem, _rename_hint(stem)))
            elif item.is_symlink() and not Path(item.path).resolve().is_relative_to(self.root):
                # Only a link can lead out: the folder itself is resolved, inside the project.
                found.append((stem, "ignored: it leads outside the project"))
            elif not item.is_file():
                found.append((stem, "ignored: not a regular file"))
            else:
                found.append((stem, None))
        return found

    def select_slugs(self, wanted: list[str] | None, typed: str = "") -> list[str]:
        """The articles named in ``wanted`` (all when empty); ``typed`` is the --article value
        as given, which may name a file whose name holds a space."""
        available = self.slugs()
        if not wanted:
            return available
        ignored = {
            unicodedata.normalize("NFC", stem): (stem, why) for stem, why in self._article_files() if why
        }
        for name in [typed.strip(), *wanted]:
            if name and name not in available and unicodedata.normalize("NFC", name) in ignored:
                stem, why = ignored[unicodedata.normalize("NFC", name)]
                where = self._article_name(stem)
                raise L10nError(f"not usable as an article: {why.removeprefix('ignored: ')}", where)
        for slug in wanted:
            if slug not in available:
                raise L10nError(f"no article {slug!r} in {self.relative(self.articles_dir)}")
        return wanted

    def inside(self, *parts: str) -> Path:
        """Join ``parts`` under the project root, refusing anything that would leave it.

        The folder part is resolved once per project and kept (resolving every component
        of every catalog's path took seconds when extracting 1,000 articles); the last
        part is resolved again only when it is a link or not a plain name."""
        if not parts:
            return self.root
        *folders, name = parts
        folder = self._folders.get(tuple(folders))
        if folder is None:
            folder = self._resolved(self.root.joinpath(*folders), folders)
            self._folders[tuple(folders)] = folder
        path = folder / name
        if name in ("", ".", "..") or "/" in name or os.sep in name or os.path.islink(path):
            return self._resolved(path, parts)
        return path

    def _resolved(self, path: Path, parts) -> Path:
        path = path.resolve()
        if path != self.root and not path.is_relative_to(self.root):
            raise L10nError(f"path leaves the project: {'/'.join(parts)}", self.root)
        return path


def check_slug(slug: str) -> str:
    if not SLUG.match(slug):
        raise L10nError(f"not a valid article name: {slug!r} ({NAME_RULE})")
    return slug


def _rename_hint(stem: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    suggestion = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-._")
    hint = f" (rename it to {suggestion}.md)" if SLUG.match(suggestion) else ""
    return f"ignored: {NAME_RULE}{hint}"


GITIGNORE = """\
# l10n: local files (the history/ folder is shared: commit it)
output/
reports/
.l10n/
# what a crashed write leaves (l10n removes them on its next write of that file)
.*.tmp
"""


def init_project(root: Path, languages: list[str] | None = None) -> Path:
    """Create the folders, a default ``l10n.toml`` (named after the folder, for the given
    target languages), a ``.gitignore`` for local files and the ``.gitattributes`` that lets
    git merge the history; an existing file is never overwritten."""
    # Writing and the history are no business of readers (worker processes import this).
    from l10n.fileio import atomic_write
    from l10n.history import GITATTRIBUTES

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
