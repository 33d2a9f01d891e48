"""``l10n check``: the quality checks over every translated entry of the catalogs."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from l10n.checks import Failure, entry_unit, run_checks
from l10n.glossary import Glossary
from l10n.glossary.matcher import Matcher
from l10n.repository import Catalogs


@dataclass
class EntryFindings:
    language: str
    article: str
    ref: str  # file:line
    state: str
    msgid: str
    msgstr: str
    failures: list[Failure] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.failures)

    def as_dict(self) -> dict:
        return asdict(self)


def check_catalogs(
    catalogs: Catalogs, glossary: Glossary, languages: list[str], articles: list[str]
) -> list[EntryFindings]:
    project = catalogs.project
    matcher = Matcher(glossary)
    rows = []
    translations = same_sources(catalogs, languages, articles)
    for catalog, entry in catalogs.entries(languages, articles):
        if not entry.text:
            continue
        unit = entry_unit(entry, glossary, matcher)
        others = translations.get((catalog.language, entry.msgctxt, entry.msgid), {})
        unit.elsewhere = {a: t for a, t in others.items() if a != catalog.article}
        failures = run_checks(entry.msgid, entry.text, unit)
        if failures:
            path = project.po_path(catalog.language, catalog.article)
            rows.append(
                EntryFindings(
                    catalog.language,
                    catalog.article,
                    f"{project.relative(path)}:{entry.line}",
                    entry.state.value,
                    entry.msgid,
                    entry.text,
                    failures,
                )
            )
    return rows


def same_sources(
    catalogs: Catalogs, languages: list[str], articles: list[str]
) -> dict[tuple[str, str, str], dict[str, str]]:
    """(language, msgctxt, msgid) → {article: translation} over the checked articles."""
    found: dict[tuple[str, str, str], dict[str, str]] = {}
    for catalog, entry in catalogs.entries(languages, articles):
        if entry.text:
            found.setdefault((catalog.language, entry.msgctxt, entry.msgid), {})[catalog.article] = entry.text
    return found
