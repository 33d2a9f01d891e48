"""XLIFF exchange with translators' CAT tools: one file per article out, their work back in.

Out: every entry of the article, its English with placeholders as inline elements, the
current text as the target, the state mapped (table below), and notes for what helps a
translator (what the placeholders stand for, glossary terms, the machine draft, a memory
match, a rejection note). Each unit's ``extradata`` keeps the hash of the text it was
exported with, so that the import can tell a translator's change from a change made in
the project meanwhile.

==============  =========================  ==========================
l10n state      XLIFF 1.2 ``state``        also
==============  =========================  ==========================
untranslated    new                        empty target
machine-draft   needs-review-translation   state-qualifier leveraged-mt (leveraged-tm)
rejected        needs-translation          state-qualifier rejected-inaccurate
needs-review    translated
reviewed        signed-off                 approved="yes"
approved        final                      approved="yes"
==============  =========================  ==========================

In: every file is read and checked first (languages, articles, units that name an entry,
placeholders); then each catalog is changed once through ``Catalogs.edit``. A target the
translator confirmed (``translated``, ``signed-off``, ``final`` or ``approved="yes"``)
becomes a review by the file's translator; a changed target not yet confirmed becomes a
person's text awaiting review. An entry a person changed in the project since the export
is never overwritten: the unit is reported as a conflict.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from l10n import __version__
from l10n.documents.segment import PlaceholderError, validate_placeholders
from l10n.errors import L10nError
from l10n.fileio import atomic_write
from l10n.formats.xliff import XliffFile, XliffUnit, read_xliff, write_xliff
from l10n.glossary import Glossary
from l10n.glossary.check import hints
from l10n.glossary.matcher import Matcher
from l10n.model import Entry, State, text_hash
from l10n.pofile import Catalog
from l10n.repository import Catalogs, Edit, Identity
from l10n.review import entry_id
from l10n.tm.exchange import language_of, primary

STATES = {
    State.UNTRANSLATED: "new",
    State.MACHINE_DRAFT: "needs-review-translation",
    State.REJECTED: "needs-translation",
    State.NEEDS_REVIEW: "translated",
    State.REVIEWED: "signed-off",
    State.APPROVED: "final",
}


def unit_id(entry: Entry) -> str:
    return entry_id(entry.language, entry.article, entry.msgctxt, entry.msgid).rsplit(":", 1)[1]


# -- export ----------------------------------------------------------------------------------


def export_xliff(
    catalogs: Catalogs, glossary: Glossary, language: str, articles: list[str], folder: Path
) -> list[Path]:
    project = catalogs.project
    matcher = Matcher(glossary)
    written = []
    for article in articles:
        catalog = catalogs.read(language, article)
        if catalog is None:
            continue
        file = XliffFile(
            project.relative(project.article_path(article)),
            project.config.source_language,
            language,
            [
                _unit(catalogs, glossary, matcher, entry)
                for entry in catalog.active()
                if not entry.po.msgid_plural
            ],
        )
        path = folder / f"{article}.{language}.xlf"
        atomic_write(path, write_xliff([file], __version__))
        written.append(path)
    return written


def _unit(catalogs: Catalogs, glossary: Glossary, matcher: Matcher, entry: Entry) -> XliffUnit:
    state = entry.state
    draft = catalogs.machine_draft(entry)
    qualifier = ""
    if state is State.MACHINE_DRAFT:
        qualifier = "leveraged-tm" if draft is not None and draft.engine == "tm" else "leveraged-mt"
    elif state is State.REJECTED:
        qualifier = "rejected-inaccurate"
    notes = [
        ("l10n", line)
        for line in (entry.po.comment or "").split("\n")
        if line and not line.startswith(("l10n ", "glossary:"))
    ]
    notes += [("glossary", line) for line in hints(glossary, matcher, entry.msgid, entry.language)]
    if draft is not None and draft.kind == "draft":
        notes.append(("machine", f"machine draft ({draft.engine}, {draft.route}): {draft.text}"))
    if entry.tm is not None:
        notes.append(("tm", f"{entry.tm.score}% match: {entry.tm.source} → {entry.tm.target}"))
    rejected = entry.current_mark("rejected")
    if rejected is not None and rejected.note:
        notes.append(("reviewer", f"rejected: {rejected.note}"))
    return XliffUnit(
        id=unit_id(entry),
        source=entry.msgid,
        target=entry.text,
        state=STATES[state],
        state_qualifier=qualifier,
        approved=state.done,
        base=text_hash(entry.text) if entry.text else "",
        context=entry.msgctxt,
        notes=notes,
        locations=[(path, str(line)) for path, line in entry.po.occurrences],
    )


# -- import ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Incoming:
    """A unit of an imported file, checked and tied to its entry."""

    file: str
    unit: XliffUnit
    msgctxt: str
    msgid: str
    translator: Identity


@dataclass
class ImportReport:
    reviewed: int = 0
    edited: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)  # "file:line: unit ID: why"


def import_xliff(catalogs: Catalogs, paths: list[Path], translator: Identity | None) -> ImportReport:
    batches = check_files(catalogs, paths, translator)
    report = ImportReport()
    for (language, article), incoming in batches.items():
        done = catalogs.edit(language, article, functools.partial(_apply, incoming=incoming)).result
        assert done is not None
        report.reviewed += done.reviewed
        report.edited += done.edited
        report.unchanged += done.unchanged
        report.conflicts += done.conflicts
    return report


def check_files(
    catalogs: Catalogs, paths: list[Path], translator: Identity | None
) -> dict[tuple[str, str], list[Incoming]]:
    """Every unit with a target, tied to its entry; the first problem is an error."""
    project = catalogs.project
    batches: dict[tuple[str, str], list[Incoming]] = {}
    for path in paths:
        shown = str(path)
        for file in read_xliff(path, shown):
            who = translator or (Identity.parse(file.translator) if file.translator else None)
            if who is None:
                raise L10nError(
                    "who translated this file? give --translator, or a <phase contact-name> in its header",
                    shown,
                    file.line,
                )
            language, article, catalog = _catalog_of(catalogs, file, shown)
            for unit in file.units:
                entry = _entry_of(catalog, unit, shown, project.relative(project.po_path(language, article)))
                if not unit.target or not unit.target.strip():
                    continue
                try:
                    validate_placeholders(entry.msgid, unit.target)
                except PlaceholderError as exc:
                    raise L10nError(
                        f"unit {unit.id}: the placeholders do not match the source: {exc}", shown, unit.line
                    ) from None
                batches.setdefault((language, article), []).append(
                    Incoming(shown, unit, entry.msgctxt, entry.msgid, who)
                )
    return batches


def _catalog_of(catalogs: Catalogs, file: XliffFile, shown: str) -> tuple[str, str, Catalog]:
    project = catalogs.project
    source = project.config.source_language
    if primary(file.source_language or source) != primary(source):
        raise L10nError(
            f"wrong languages: source-language {file.source_language!r}, "
            f"the project translates from {source!r}",
            shown,
            file.line,
        )
    language = language_of(file.target_language, project.config.target_languages)
    if language is None:
        raise L10nError(
            f"wrong languages: target-language {file.target_language!r} is not one of "
            f"{', '.join(project.config.target_languages)}",
            shown,
            file.line,
        )
    article = _article_of(file.original)
    catalog = catalogs.read(language, article) if article in project.slugs() else None
    if catalog is None:
        raise L10nError(
            f"no catalog for the file's original {file.original!r} in {language}", shown, file.line
        )
    return language, article, catalog


def _article_of(original: str) -> str:
    """``articles/en/<slug>.md`` (ours), ``<slug>.po`` (po2xliff), or the slug itself."""
    name = Path(original.replace("\\", "/")).name
    for suffix in (".md", ".po", ".pot"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _entry_of(catalog: Catalog, unit: XliffUnit, shown: str, po: str) -> Entry:
    """The entry a unit is about: by its id, else by its English (what po2xliff and other
    tools' files carry)."""
    by_id = [e for e in catalog.active() if unit_id(e) == unit.id]
    if by_id:
        entry = by_id[0]
        if entry.msgid != unit.source:
            raise L10nError(
                f"unit {unit.id}: its English is not the entry's any more (export again): "
                f"{unit.source[:50]!r}",
                shown,
                unit.line,
            )
        return entry
    by_source = [e for e in catalog.active() if e.msgid == unit.source]
    if unit.context:
        by_source = [e for e in by_source if e.msgctxt == unit.context] or by_source
    if len(by_source) == 1:
        return by_source[0]
    raise L10nError(f"unit {unit.id}: no entry with this id or English in {po}", shown, unit.line)


def _apply(edit: Edit, incoming: Iterable[Incoming]) -> ImportReport:
    """Bring the units into the catalog (this may run again on a fresh read of the file)."""
    report = ImportReport()
    for item in incoming:
        entry = edit.catalog.find(item.msgctxt, item.msgid)
        unit = item.unit
        if entry is None:
            report.conflicts.append(
                f"{item.file}:{unit.line}: unit {unit.id}: the entry is gone from the catalog"
            )
            continue
        text = unit.target or ""
        if text == entry.text:
            if unit.confirmed and not entry.state.done:
                entry.mark_reviewed(edit.event(entry, "xliff-review", text, text, who=item.translator))
                report.reviewed += 1
            else:
                report.unchanged += 1
            continue
        changed_here = entry.is_human and (not unit.base or text_hash(entry.text) != unit.base)
        if changed_here:
            report.conflicts.append(
                f"{item.file}:{unit.line}: unit {unit.id}: changed in the project since the export "
                f"(project: {entry.text[:60]!r}, file: {text[:60]!r}); not imported"
            )
            continue
        old = entry.text
        entry.set_text(text)
        event = edit.event(entry, "xliff-edit", old, text, who=item.translator)
        if unit.confirmed:
            entry.mark_reviewed(event)
            report.reviewed += 1
        else:
            entry.po.fuzzy = True
            entry.unmark_review()
            entry.mark_edited(event)
            report.edited += 1
    return report
