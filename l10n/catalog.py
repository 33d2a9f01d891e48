"""PO and POT catalogs: templates from segments, msgmerge-style updates, safe reading and
writing. polib holds the entries; this module is the only one that writes PO files."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import polib

from l10n import __version__, entries
from l10n.documents import Segment
from l10n.errors import L10nError
from l10n.fileio import atomic_write, file_lock

WRAP = 0  # no wrapping: l10n reads its own comment lines back, and wrapping would split them
FUZZY_THRESHOLD = 0.6  # msgmerge-like similarity needed to carry a translation over
T = TypeVar("T")

_KEYWORD_LINE = re.compile(r'^(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(?:[^"\\]|\\.)*"\s*$')
_STRING_LINE = re.compile(r'^\s*"(?:[^"\\]|\\.)*"\s*$')


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")


# -- reading and writing ---------------------------------------------------------------------


def read_catalog(path: Path) -> polib.POFile:
    """Parse a PO/POT file, rejecting what polib would silently misread (an unterminated
    string, a stray line, a duplicate msgid) with the file and line."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise L10nError("not UTF-8 text", path, line) from None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not (_KEYWORD_LINE.match(stripped) or _STRING_LINE.match(stripped)):
            raise L10nError(f"not a valid PO line: {stripped[:40]!r}", path, number)
    try:
        catalog = polib.pofile(text, wrapwidth=WRAP)
    except (OSError, ValueError) as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        raise L10nError(f"malformed PO file: {str(exc).split(' (line')[0]}", path, line) from None
    seen: set[tuple[str | None, str]] = set()
    for entry in catalog:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            raise L10nError(f"duplicate msgid {entry.msgid[:40]!r}", path, entry.linenum)
        seen.add(key)
    return catalog


def active_entries(path: Path) -> list[polib.POEntry]:
    """The entries of a catalog that are not obsolete; none when the file does not exist."""
    if not Path(path).exists():
        return []
    return [entry for entry in read_catalog(path) if not entry.obsolete]


def serialize(catalog: polib.POFile) -> str:
    catalog.wrapwidth = WRAP
    return catalog.__unicode__()


def write_if_changed(catalog: polib.POFile, path: Path, date_field: str = "PO-Revision-Date") -> bool:
    """Write the catalog unless the file already says the same; the date field only moves
    when something else changed (so no-op runs leave files and git alone)."""
    path = Path(path)
    old_text = path.read_text(encoding="utf-8") if path.exists() else None
    if old_text is not None:
        old_date = _header_value(old_text, date_field)
        if old_date is not None:
            catalog.metadata[date_field] = old_date
            if serialize(catalog) == old_text:
                return False
    catalog.metadata[date_field] = now()
    atomic_write(path, serialize(catalog))
    return True


def _header_value(text: str, field: str) -> str | None:
    found = re.search(rf'^"{re.escape(field)}: ([^\\"]*)\\n"', text, re.MULTILINE)
    return found.group(1) if found else None


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def edit_catalog(
    path: Path,
    lock: Path,
    change: Callable[[polib.POFile], T],
    create: Callable[[], polib.POFile] | None = None,
    attempts: int = 5,
) -> T | None:
    """Read, change and atomically replace a PO file under an inter-process lock.

    PO editors do not take our lock, so the file is checked again just before the
    replacement: if someone saved it meanwhile, their version is re-read and the change
    applied to it instead. A missing file is made with ``create``, or left alone.
    """
    with file_lock(lock):
        for _ in range(attempts):
            before = _signature(path)
            if before is None and create is None:
                return None
            catalog = read_catalog(path) if before else create()
            result = change(catalog)
            if _signature(path) != before:
                continue  # saved by someone else while we worked: start again from theirs
            write_if_changed(catalog, path)
            return result
    raise L10nError("kept changing while l10n tried to update it; try again", path)


# -- templates -------------------------------------------------------------------------------


def build_template(source: str, segments: Iterable[Segment], project_name: str) -> polib.POFile:
    """A POT catalog: one entry per distinct segment, with every occurrence listed."""
    template = polib.POFile(wrapwidth=WRAP)
    template.metadata = {
        "Project-Id-Version": project_name,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now(),
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
    return write_if_changed(template, path, date_field="POT-Creation-Date")


# -- catalogs per language -------------------------------------------------------------------


def new_catalog(template: polib.POFile, language: str) -> polib.POFile:
    catalog = polib.POFile(wrapwidth=WRAP)
    catalog.metadata = {
        "Project-Id-Version": template.metadata.get("Project-Id-Version", "l10n"),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": template.metadata.get("POT-Creation-Date", now()),
        "PO-Revision-Date": now(),
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


def update_catalog(catalog: polib.POFile, template: polib.POFile) -> UpdateResult:
    """Bring a language catalog in line with its template, like msgmerge, but never losing
    a person's translation: a changed source keeps the old human translation (fuzzy, with
    ``#| msgid``); a machine draft for a changed source is dropped and translated again."""
    result = UpdateResult()
    old = {(e.msgctxt, e.msgid): e for e in catalog}
    wanted = {(e.msgctxt, e.msgid) for e in template}
    leftovers = [e for key, e in old.items() if key not in wanted and entries.is_human(e)]
    merged: list[polib.POEntry] = []
    consumed: set[int] = set()
    for source in template:
        entry = old.get((source.msgctxt, source.msgid))
        if entry is not None:
            result.kept += 1
            entry.obsolete = False
        else:
            entry = polib.POEntry(msgid=source.msgid, msgctxt=source.msgctxt, msgstr="")
            match = _closest(source.msgid, leftovers)
            if match is not None:
                leftovers.remove(match)
                consumed.add(id(match))
                _carry(match, entry)
                result.carried += 1
            else:
                result.added += 1
        entry.occurrences = list(source.occurrences)
        entry.comment = source.comment
        merged.append(entry)
    for key, entry in old.items():
        if key in wanted or id(entry) in consumed:
            continue
        if entries.is_human(entry):
            result.obsolete += 0 if entry.obsolete else 1
            entry.obsolete = True
            entry.occurrences = []
            merged.append(entry)
        elif entry.msgstr:
            result.dropped += 1
    catalog[:] = merged
    catalog.metadata["POT-Creation-Date"] = template.metadata.get("POT-Creation-Date", now())
    return result


def _closest(msgid: str, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    best, best_ratio = None, FUZZY_THRESHOLD
    for candidate in candidates:
        matcher = difflib.SequenceMatcher(None, msgid, candidate.msgid, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = candidate, ratio
    return best


def _carry(old: polib.POEntry, new: polib.POEntry) -> None:
    new.msgstr = old.msgstr
    new.fuzzy = True
    new.previous_msgid = old.msgid
    new.tcomment = old.tcomment
    entries.drop_tags(new, (entries.MT, entries.SUGGESTION))
