"""``l10n check``: the quality checks over every translated entry of the catalogs."""

from __future__ import annotations

from dataclasses import asdict

from l10n import catalog, entries
from l10n.checks import Unit, run_checks
from l10n.glossary import Glossary
from l10n.glossary.matcher import Matcher
from l10n.project import Project


def check_catalogs(
    project: Project, glossary: Glossary, languages: list[str], articles: list[str]
) -> list[dict]:
    matcher = Matcher(glossary)
    rows = []
    for language in languages:
        for article in articles:
            path = project.po_path(language, article)
            for entry in catalog.active_entries(path):
                if not entry.msgstr:
                    continue
                unit = Unit(language, glossary, matcher, entries.unenforced_terms(entry))
                failures = run_checks(entry.msgid, entry.msgstr, unit)
                if failures:
                    rows.append(
                        {
                            "language": language,
                            "article": article,
                            "ref": f"{project.relative(path)}:{entry.linenum}",
                            "state": entries.state(entry),
                            "msgid": entry.msgid,
                            "msgstr": entry.msgstr,
                            "failures": [asdict(f) for f in failures],
                        }
                    )
    return rows
