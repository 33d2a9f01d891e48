"""The PO file format: reading with located errors, writing, and how l10n's knowledge about
an entry is kept in it. This is the only module that knows that format.

What must survive every PO tool (polib at any wrap width, msgcat/msgmerge, translate-toolkit,
editors that reorder comments or change line endings) is kept in translator comments as
single words, which no tool splits::

    # l10n:mt:2a72955a00ca                    the text is this machine output (hash)
    # l10n:reviewed:2a72955a00ca:k3j4h5g6a1b2  reviewed; the history's event k3j4… says by whom
    # l10n:approved:…   # l10n:rejected:…   # l10n:edited:…

Everything longer (engine and route, who and when, notes) lives in the history. What helps a
translator in the PO editor is repeated in extracted comments (``#. l10n …``), rebuilt on
every write, so a tool that wraps or drops them loses nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polib

from l10n.errors import L10nError
from l10n.model import Entry, Mark, Provenance, TmNote, text_hash

WRAP = 0  # l10n itself never wraps: diffs stay one line per change
HEADER_DATES = ("POT-Creation-Date", "PO-Revision-Date")

_KEYWORD_LINE = re.compile(r'^(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(?:[^"\\]|\\.)*"\s*$')
_STRING_LINE = re.compile(r'^\s*"(?:[^"\\]|\\.)*"\s*$')
_HEADER_ENTRY = re.compile(r'^msgid ""\s*\n(?:"".*\n)*msgstr ', re.MULTILINE)
_EMPTY_HEADER = 'msgid ""\nmsgstr ""\n\n'
_MARK = re.compile(
    r"^l10n:(mt|reviewed|approved|rejected|edited|suggestion):([0-9a-f]{12})(?::([0-9a-z]+))?$"
)
_LEGACY = re.compile(r"^(l10n-[a-z-]+):\s?(.*)$")
_LEGACY_FIELD = re.compile(r"(?:^|\s)([a-z_]+)=(\S*)")
_LEGACY_SHA = re.compile(r"(?:^|\s)sha=([0-9a-f]{12})")
# Extracted-comment lines l10n writes for the translator (rebuilt on every write).
SUGGESTION_NOTE = "l10n suggestion: "
REJECTED_NOTE = "l10n rejected: "
TERM_NOTE = "l10n term not placed: "
TM_NOTE = "l10n tm "  # "l10n tm 87%: <its translation>" then "l10n tm source: <matched English>"
_TM_MATCH = re.compile(r"^l10n tm (\d{1,3})%: (.*)$")
_TM_SOURCE = "l10n tm source: "
UNKNOWN_NOTE = "l10n unknown to the engine: "
UNFIXED_NOTE = "l10n not fixed: "
_NOTES = (SUGGESTION_NOTE, REJECTED_NOTE, TERM_NOTE, TM_NOTE, UNKNOWN_NOTE, UNFIXED_NOTE)


# -- files -----------------------------------------------------------------------------------


def read_po(path: Path) -> polib.POFile:
    """Parse a PO/POT file, rejecting what polib would silently misread (an unterminated
    string, a stray line, a duplicate msgid, a bad Plural-Forms) with the file and line."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", path) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise L10nError("not UTF-8 text", path, line) from None
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not (_KEYWORD_LINE.match(stripped) or _STRING_LINE.match(stripped)):
            raise L10nError(f"not a valid PO line: {stripped[:40]!r}", path, number)
    text = text.replace("\r\n", "\n")
    # polib reads the comments above the first entry as the file's header when there is no
    # header entry, which would strip the first entry of its marks: give it an empty one.
    headless = not _HEADER_ENTRY.search(text)
    try:
        catalog = polib.pofile(_EMPTY_HEADER + text if headless else text, wrapwidth=WRAP)
    except (OSError, ValueError) as exc:
        found = re.search(r"line (\d+)", str(exc))
        where = int(found.group(1)) - 3 * headless if found else None
        raise L10nError(f"malformed PO file: {str(exc).split(' (line')[0]}", path, where) from None
    if headless:
        for entry in catalog:
            entry.linenum -= 3
    seen: set[tuple[str | None, str]] = set()
    for entry in catalog:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            raise L10nError(f"duplicate msgid {entry.msgid[:40]!r}", path, entry.linenum)
        seen.add(key)
    _check_plural_forms(catalog, path, text)
    return catalog


def _check_plural_forms(catalog: polib.POFile, path: Path, text: str) -> None:
    value = catalog.metadata.get("Plural-Forms")
    if value is None:
        return
    if not re.fullmatch(r"\s*nplurals\s*=\s*[1-9]\d*\s*;\s*plural\s*=\s*[^;]+;?\s*", value):
        line = next((n for n, t in enumerate(text.splitlines(), 1) if "Plural-Forms:" in t), None)
        raise L10nError(f"invalid Plural-Forms header: {value!r}", path, line)


def po_date() -> str:
    """The current time the way PO headers write it."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")


def serialize(catalog: polib.POFile) -> str:
    catalog.wrapwidth = WRAP
    return catalog.__unicode__()


def same_but_dates(catalog: polib.POFile, old_text: str) -> bool:
    """Whether ``catalog`` says what ``old_text`` says, apart from its dates (which then keep
    their old values, so that runs that change nothing leave files and git alone)."""
    saved = {name: catalog.metadata.get(name) for name in HEADER_DATES}
    for name in HEADER_DATES:
        old = header_value(old_text, name)
        if old is not None and name in catalog.metadata:
            catalog.metadata[name] = old
    if serialize(catalog) == old_text:
        return True
    for name, value in saved.items():
        if value is not None:
            catalog.metadata[name] = value
    return False


def header_value(text: str, field_name: str) -> str | None:
    found = re.search(rf'^"{re.escape(field_name)}: ([^\\"]*)\\n"', text, re.MULTILINE)
    return found.group(1) if found else None


# -- l10n's knowledge in the entries ---------------------------------------------------------


@dataclass
class Catalog:
    """A PO file's polib object with its entries parsed for l10n."""

    po: polib.POFile
    language: str = ""
    article: str = ""
    entries: list[Entry] = field(default_factory=list)

    def active(self) -> list[Entry]:
        return [entry for entry in self.entries if not entry.obsolete]

    def find(self, msgctxt: str, msgid: str) -> Entry | None:
        for entry in self.entries:
            if not entry.obsolete and entry.msgctxt == msgctxt and entry.msgid == msgid:
                return entry
        return None

    def sync_entries(self) -> None:
        """Re-parse after polib entries were added, removed or reordered."""
        known = {id(entry.po): entry for entry in self.entries}
        self.entries = [known.get(id(po)) or parse_entry(po, self.language, self.article) for po in self.po]

    def render(self) -> str:
        self.render_entries()
        return serialize(self.po)

    def render_entries(self) -> None:
        """Write each entry's state back into its polib entry (comments and flags)."""
        for entry in self.entries:
            render_entry(entry)


def parse_catalog(po: polib.POFile, language: str = "", article: str = "") -> Catalog:
    return Catalog(po, language, article, [parse_entry(e, language, article) for e in po])


def parse_entry(po: polib.POEntry, language: str = "", article: str = "") -> Entry:
    entry = Entry(po, language, article)
    for line in (po.tcomment or "").split("\n"):
        words = line.split()
        marks = [w for w in words if _MARK.match(w)]
        if marks:
            for word in marks:
                _apply_mark(entry, word)
            continue
        legacy = _LEGACY.match(line.strip())
        if legacy:
            _apply_legacy(entry, legacy.group(1), legacy.group(2))
        elif line.strip() or entry.notes:
            entry.notes.append(line.rstrip("\r"))
    while entry.notes and not entry.notes[-1].strip():
        entry.notes.pop()
    tm_match: re.Match | None = None
    tm_source = ""
    for line in (po.comment or "").split("\n"):
        if _TM_MATCH.match(line):
            tm_match = _TM_MATCH.match(line)
        elif line.startswith(_TM_SOURCE):
            tm_source = line[len(_TM_SOURCE) :]
        elif line.startswith(SUGGESTION_NOTE):
            entry.suggestion = line[len(SUGGESTION_NOTE) :]
        elif line.startswith(TERM_NOTE):
            entry.unenforced.append(line[len(TERM_NOTE) :])
        elif line.startswith(UNKNOWN_NOTE):
            entry.unknown.append(line[len(UNKNOWN_NOTE) :])
        elif line.startswith(UNFIXED_NOTE):
            entry.unfixed.append(line[len(UNFIXED_NOTE) :])
        elif line.startswith(REJECTED_NOTE) and entry.rejected is not None:
            entry.rejected = Mark(entry.rejected.sha, entry.rejected.event, note=line[len(REJECTED_NOTE) :])
    if tm_match is not None:
        entry.tm = TmNote(int(tm_match.group(1)), tm_source, tm_match.group(2))
    return entry


def _apply_mark(entry: Entry, word: str) -> None:
    found = _MARK.match(word)
    assert found is not None
    kind, sha, event = found.group(1), found.group(2), found.group(3) or ""
    if kind == "mt":
        entry.machine = sha
    elif kind == "suggestion":
        entry.suggestion = entry.suggestion or ""
    else:
        setattr(entry, kind, Mark(sha, event))


def _apply_legacy(entry: Entry, tag: str, value: str) -> None:
    """Comment lines written by l10n 0.1 (``# l10n-mt: engine=… sha=…``)."""
    sha = _LEGACY_SHA.search(value)
    if tag == "l10n-mt" and sha:
        entry.machine = sha.group(1)
        fields = {k: ("" if v == "-" else v) for k, v in _LEGACY_FIELD.findall(value)}
        entry.legacy_provenance = Provenance(
            fields.get("engine", "unknown"),
            fields.get("route", ""),
            fields.get("version", ""),
            fields.get("glossary", ""),
        )
    elif tag == "l10n-suggestion":
        entry.suggestion = value.partition(": ")[2]
    elif tag == "l10n-term":
        entry.unenforced.append(value.removeprefix("not enforced: "))
    elif tag in ("l10n-reviewed", "l10n-approved", "l10n-rejected") and sha:
        head, _, note = value.partition(" | ")
        parts = head.split(" ", 2)
        who = parts[2] if len(parts) == 3 else ""
        setattr(entry, tag.removeprefix("l10n-"), Mark(sha.group(1), "", who=who, note=note))


def render_entry(entry: Entry) -> None:
    """Write the entry's marks and translator notes back into its PO comments."""
    lines = list(entry.notes)
    if entry.machine and entry.text:
        lines.append(f"l10n:mt:{entry.machine}")
    for kind in ("reviewed", "approved", "rejected", "edited"):
        mark: Mark | None = getattr(entry, kind)
        if mark is not None:
            lines.append(f"l10n:{kind}:{mark.sha}" + (f":{mark.event}" if mark.event else ""))
    if entry.suggestion is not None:
        lines.append(f"l10n:suggestion:{text_hash(entry.suggestion)}")
    entry.po.tcomment = "\n".join(lines)
    kept = [line for line in (entry.po.comment or "").split("\n") if line and not line.startswith(_NOTES)]
    if entry.suggestion:
        kept.append(SUGGESTION_NOTE + entry.suggestion)
    if entry.rejected is not None and entry.rejected.note:
        kept.append(REJECTED_NOTE + entry.rejected.note)
    kept += [TERM_NOTE + term for term in entry.unenforced]
    if entry.tm is not None:
        kept.append(f"{TM_NOTE}{entry.tm.score}%: {_one_line(entry.tm.target)}")
        kept.append(_TM_SOURCE + _one_line(entry.tm.source))
    kept += [UNKNOWN_NOTE + word for word in entry.unknown]
    kept += [UNFIXED_NOTE + reason for reason in entry.unfixed]
    entry.po.comment = "\n".join(kept)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- merging a concurrent save ---------------------------------------------------------------


def merge_saved(base: str, ours: str, theirs: str) -> str | None:
    """``ours`` (made from ``base``) combined with ``theirs`` (someone's save of ``base``),
    entry by entry: an entry they changed is theirs, an entry only we changed is ours.
    None when both changed one entry, or the entries themselves differ: then the change
    must be made again on their file."""
    base_blocks, our_blocks, their_blocks = _blocks(base), _blocks(ours), _blocks(theirs)
    if base_blocks is None or our_blocks is None or their_blocks is None:
        return None
    if set(their_blocks) != set(base_blocks):
        return None
    merged = []
    for key, ours_block in our_blocks.items():
        base_block = base_blocks.get(key)
        their_block = their_blocks.get(key)
        if their_block is None or base_block is None:
            if key in their_blocks or key in base_blocks:
                return None
            merged.append(ours_block)  # an entry we added
        elif their_block == base_block or key == _HEADER_KEY:
            merged.append(ours_block)
        elif _same_entry(ours_block, base_block):
            merged.append(their_block)
        else:
            return None
    for key, base_block in base_blocks.items():
        if key not in our_blocks and their_blocks[key] != base_block:
            return None  # we removed an entry they changed
    return "\n\n".join(merged) + "\n"


_HEADER_KEY = (False, "", "")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _blocks(text: str) -> dict[tuple[bool, str, str], str] | None:
    """Entries as text blocks by (obsolete, msgctxt, msgid) in their escaped form."""
    blocks: dict[tuple[bool, str, str], str] = {}
    for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").strip("\n")):
        fields: dict[str, str] = {}
        current = None
        obsolete = False
        for line in block.split("\n"):
            if line.startswith("#~"):
                obsolete, line = True, line[2:].lstrip()
            elif line.startswith("#"):
                continue
            keyword = line.split(" ", 1)[0] if not line.startswith('"') else None
            if keyword is not None:
                current = keyword if keyword in ("msgctxt", "msgid") else None
            if current is not None:
                fields[current] = fields.get(current, "") + "".join(_QUOTED.findall(line))
        if "msgid" not in fields:
            return None
        key = (obsolete, fields.get("msgctxt", ""), fields["msgid"])
        if key in blocks:
            return None
        blocks[key] = block
    return blocks


def _same_entry(first: str, second: str) -> bool:
    """Whether two blocks say the same (a re-wrap or reordered comments is no change)."""
    try:
        one, two = polib.pofile(first + "\n"), polib.pofile(second + "\n")
    except (OSError, ValueError):
        return False
    entries = [(list(one) + [one.metadata_as_entry()])[0], (list(two) + [two.metadata_as_entry()])[0]]
    return len({_entry_facts(e) for e in entries}) == 1


def _entry_facts(entry: polib.POEntry) -> tuple:
    comments = tuple(sorted(" ".join(line.split()) for line in (entry.tcomment or "").split("\n")))
    return (
        entry.msgid,
        entry.msgctxt,
        entry.msgstr,
        tuple(sorted(entry.flags)),
        comments,
        entry.previous_msgid,
    )
