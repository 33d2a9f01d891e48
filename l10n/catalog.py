"""Catalog contents: POT templates from segments, new language catalogs, and the
msgmerge-style update that never loses a person's translation. Reading and writing the
files is ``l10n.pofile``'s job; changing them under a lock is ``l10n.repository``'s."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from l10n import __version__
from l10n.documents import Segment
from l10n.fileio import atomic_write
from l10n.model import Entry
from l10n.pofile import WRAP, Catalog, parse_entry, po_date, read_po, same_but_dates, serialize

FUZZY_THRESHOLD = 0.6  # msgmerge-like similarity needed to carry a translation over


# -- templates -------------------------------------------------------------------------------


def build_template(source: str, segments: Iterable[Segment], project_name: str) -> polib.POFile:
    """A POT catalog: one entry per distinct segment, with every occurrence listed."""
    template = polib.POFile(wrapwidth=WRAP)
    template.metadata = {
        "Project-Id-Version": project_name,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": po_date(),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"l10n {__version__}",
    }
    by_id: dict[str, polib.POEntry] = {}
    for segment in segments:
        entry = by_id.get(segment.text)
        if entry is None:
            entry = polib.POEntry(msgid=segment.text, msgstr="", comment="\n".join(segment.notes()))
            by_id[segment.text] = entry
            template.append(entry)
        occurrence = (source, str(segment.line))
        if occurrence not in entry.occurrences:
            entry.occurrences.append(occurrence)
    return template


def write_template(template: polib.POFile, path: Path) -> bool:
    """Write a template unless the file already says the same (dates apart)."""
    text = template_text(template, path)
    if text is None:
        return False
    atomic_write(path, text)
    return True


def template_text(template: polib.POFile, path: Path) -> str | None:
    """What to write at ``path`` for ``template``; None when the file already says the
    same, dates apart."""
    if path.exists() and same_but_dates(template, path.read_text(encoding="utf-8")):
        return None
    return serialize(template)


def read_template(path: Path) -> polib.POFile:
    return read_po(path)


# -- catalogs per language -------------------------------------------------------------------


def new_catalog(template: polib.POFile, language: str) -> polib.POFile:
    catalog = polib.POFile(wrapwidth=WRAP)
    catalog.metadata = {
        "Project-Id-Version": template.metadata.get("Project-Id-Version", "l10n"),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": template.metadata.get("POT-Creation-Date", po_date()),
        "PO-Revision-Date": po_date(),
        "Last-Translator": "",
        "Language-Team": _language_name(language),
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": _plural_forms(language),
        "X-Generator": f"l10n {__version__}",
    }
    return catalog


def _language_name(language: str) -> str:
    from babel import Locale

    return Locale.parse(language.replace("-", "_")).english_name or language


def _plural_forms(language: str) -> str:
    from babel.messages.plurals import get_plural

    return get_plural(language.replace("-", "_")).plural_forms


@dataclass
class UpdateResult:
    added: int = 0
    kept: int = 0
    carried: int = 0  # human translations kept, fuzzy, for a changed source text
    obsolete: int = 0
    dropped: int = 0  # machine drafts of removed text (reproducible, not kept)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.carried or self.obsolete or self.dropped)


def update_catalog(catalog: Catalog, template: polib.POFile) -> tuple[UpdateResult, list[Entry]]:
    """Bring a language catalog in line with its template, like msgmerge, but never losing
    a person's translation: a changed source keeps the old human translation (fuzzy, with
    ``#| msgid``); a machine draft for a changed source is dropped and translated again.
    Returns what happened and the entries that carried a translation over."""
    result = UpdateResult()
    old = {(e.msgctxt, e.msgid): e for e in catalog.entries}
    wanted = {(e.msgctxt or "", e.msgid) for e in template}
    leftovers = [
        e for key, e in old.items() if key not in wanted and _worth_keeping(e) and not e.po.msgid_plural
    ]
    merged: list[Entry] = []
    carried: list[Entry] = []
    consumed: set[int] = set()
    for source in template:
        entry = old.get((source.msgctxt or "", source.msgid))
        if entry is not None:
            result.kept += 1
            entry.po.obsolete = False
        else:
            entry = parse_entry(
                polib.POEntry(msgid=source.msgid, msgctxt=source.msgctxt, msgstr=""),
                catalog.language,
                catalog.article,
            )
            match = _closest(source.msgid, leftovers)
            if match is not None:
                leftovers.remove(match)
                consumed.add(id(match))
                _carry(match, entry)
                carried.append(entry)
                result.carried += 1
            else:
                result.added += 1
        entry.po.occurrences = list(source.occurrences)
        entry.po.comment = source.comment
        merged.append(entry)
    for key, entry in old.items():
        if key in wanted or id(entry) in consumed:
            continue
        if _worth_keeping(entry):
            result.obsolete += 0 if entry.obsolete else 1
            entry.po.obsolete = True
            entry.po.occurrences = []
            merged.append(entry)
        elif entry.text:
            result.dropped += 1
    catalog.po[:] = [entry.po for entry in merged]
    catalog.entries = merged
    catalog.po.metadata["POT-Creation-Date"] = template.metadata.get("POT-Creation-Date", po_date())
    return result, carried


def _worth_keeping(entry: Entry) -> bool:
    """A person's work: a human translation, or a plural entry with any translation."""
    if entry.po.msgid_plural:
        return any(entry.po.msgstr_plural.values())
    return entry.is_human


def _closest(msgid: str, candidates: list[Entry]) -> Entry | None:
    best, best_ratio = None, FUZZY_THRESHOLD
    for candidate in candidates:
        matcher = difflib.SequenceMatcher(None, msgid, candidate.msgid, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = candidate, ratio
    return best


def _carry(old: Entry, new: Entry) -> None:
    new.po.msgstr = old.text
    new.po.fuzzy = True
    new.po.previous_msgid = old.msgid
    new.notes = list(old.notes)


def active_entries(path: Path) -> list[polib.POEntry]:
    """The entries of a catalog that are not obsolete; none when the file does not exist."""
    if not Path(path).exists():
        return []
    return [entry for entry in read_po(path) if not entry.obsolete]
