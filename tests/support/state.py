"""What a project's state says, read through l10n's public interfaces (never its SQL)."""

from __future__ import annotations

from pathlib import Path

from l10n.history import Draft, Event
from l10n.model import Entry
from l10n.project import Project
from l10n.repository import Catalogs


def open_catalogs(project: Path) -> Catalogs:
    return Catalogs(Project.open(project))


def entry(project: Path, language: str, article: str, msgid: str) -> Entry:
    with open_catalogs(project) as catalogs:
        catalog = catalogs.read(language, article)
        assert catalog is not None
        found = catalog.find("", msgid)
        assert found is not None, msgid
        return found


def reviewer(project: Path, found: Entry, mark: str = "reviewed") -> str:
    """Who made the entry's current review mark, as "Name <email>"."""
    with open_catalogs(project) as catalogs:
        who = catalogs.who(mark, found)
        return str(who) if who is not None else ""


def events(project: Path, language: str | None = None) -> list[Event]:
    with open_catalogs(project) as catalogs:
        return catalogs.store.events(language)


def drafts(project: Path, language: str | None = None) -> list[Draft]:
    with open_catalogs(project) as catalogs:
        return list(catalogs.store.latest_drafts(language).values())
