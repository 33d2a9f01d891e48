"""``l10n glossary check``: every PO entry against the glossary."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from l10n import catalog
from l10n.glossary.check import TermIssue, check_translation
from l10n.glossary.matcher import Matcher
from l10n.glossary.model import Glossary
from l10n.project import Project


@dataclass
class EntryFinding:
    language: str
    article: str
    file: str
    line: int
    msgid: str
    msgstr: str
    issues: list[TermIssue] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["issues"] = [asdict(i) | {"message": i.describe()} for i in self.issues]
        return data


def scan(
    project: Project, glossary: Glossary, languages: list[str], slugs: list[str]
) -> tuple[list[EntryFinding], int]:
    """Findings, and how many translated entries were checked."""
    matcher = Matcher(glossary)
    findings, checked = [], 0
    for language in languages:
        for slug in slugs:
            path = project.po_path(language, slug)
            for entry in catalog.active_entries(path):
                if not entry.msgstr:
                    continue
                checked += 1
                issues = check_translation(glossary, matcher, entry.msgid, entry.msgstr, language)
                if issues:
                    findings.append(
                        EntryFinding(
                            language,
                            slug,
                            project.relative(path),
                            entry.linenum,
                            entry.msgid,
                            entry.msgstr,
                            issues,
                        )
                    )
    return findings, checked
