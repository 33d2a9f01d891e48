"""``l10n check``: the quality checks over every translated entry of the catalogs.

Work is split in two so that a listing can be served from the local index
(``l10n.listings``): :func:`catalog_findings` runs every check that looks at one catalog
alone; :func:`assemble` adds the consistency check, which compares translations across
articles, and keeps the entries with findings. A cold run and a warm one both go through
:func:`assemble`, so they print the same."""

from __future__ import annotations

from l10n.findings import EntryFindings, Failure, Severity, differently_translated

CONSISTENCY = "consistency"


def catalog_findings(catalogs, glossary, language: str, article: str) -> list[list]:
    """Each translated entry of one catalog, with what every check but consistency found:
    ``[msgctxt, msgid, text, ref, state, before, failures]``, where ``before`` counts the
    failures of checks that come before consistency (its findings go there) and each
    failure is ``[check, severity, message, span]``. Plain lists: they are kept as JSON."""
    from l10n.checks import CHECKS, entry_unit, run_checks
    from l10n.glossary.matcher import Matcher

    catalog = catalogs.read(language, article)
    if catalog is None:
        return []
    project = catalogs.project
    matcher = Matcher(glossary)
    order = [check.id for check in CHECKS]
    earlier = set(order[: order.index(CONSISTENCY)])
    where = project.relative(project.po_path(language, article))
    rows = []
    for entry in catalog.active():
        if not entry.text:
            continue
        failures = run_checks(entry.msgid, entry.text, entry_unit(entry, glossary, matcher))
        rows.append(
            [
                entry.msgctxt,
                entry.msgid,
                entry.text,
                f"{where}:{entry.line}",
                entry.state.value,
                sum(f.check in earlier for f in failures),
                [[f.check, f.severity.value, f.message, list(f.span) if f.span else None] for f in failures],
            ]
        )
    return rows


def assemble(payloads: list[tuple[str, str, list[list]]]) -> list[EntryFindings]:
    """The entries with findings, over the catalogs ``(language, article, rows)`` in order,
    with the consistency check run across them (same language, same source)."""
    translations: dict[tuple[str, str, str], dict[str, str]] = {}
    for language, article, rows in payloads:
        for msgctxt, msgid, text, *_ in rows:
            translations.setdefault((language, msgctxt, msgid), {})[article] = text
    found = []
    for language, article, rows in payloads:
        for msgctxt, msgid, text, ref, state, before, stored in rows:
            others = translations.get((language, msgctxt, msgid), {})
            elsewhere = {a: t for a, t in others.items() if a != article}
            failures = [_failure(*f) for f in stored]
            consistency = [
                Failure(CONSISTENCY, Severity.WARNING, message)
                for message in differently_translated(text, elsewhere)
            ]
            failures[before:before] = consistency
            if failures:
                found.append(EntryFindings(language, article, ref, state, msgid, text, failures))
    return found


def _failure(check: str, severity: str, message: str, span: list[int] | None) -> Failure:
    return Failure(check, Severity(severity), message, (span[0], span[1]) if span else None)


def check_catalogs(catalogs, glossary, languages: list[str], articles: list[str]) -> list[EntryFindings]:
    """Every finding over the selected catalogs, computed now (no cache)."""
    return assemble(
        [
            (language, article, catalog_findings(catalogs, glossary, language, article))
            for language in languages
            for article in articles
        ]
    )
