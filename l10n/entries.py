"""What state a PO entry is in, and where its translation came from.

Only the ``fuzzy`` flag and translator comments survive msgmerge, msgcat and PO editors, so
everything l10n knows about an entry lives there, on ``# l10n-…:`` comment lines:

    # l10n-mt: engine=apertium route=eng-spa>es-fr version=… glossary=… sha=…
    # l10n-suggestion: engine=apertium route=…: <machine translation of the new source>

``sha`` is a hash of the machine's output: when the msgstr no longer matches it, a person
has edited the text, and l10n treats it as human work from then on.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import polib

MT = "l10n-mt"
SUGGESTION = "l10n-suggestion"
TERM = "l10n-term"  # a glossary term machine translation could not place
REVIEWED = "l10n-reviewed"  # <time> sha=<hash> <who>
APPROVED = "l10n-approved"  # <time> sha=<hash> <who>   (a second reviewer)
REJECTED = "l10n-rejected"  # <time> sha=<hash> <who> | <note>
AWAITING_REVIEW = ("machine-draft", "needs-review", "rejected")
_LINE = re.compile(r"^(l10n-[a-z-]+):\s?(.*)$")
_FIELD = re.compile(r"(?:^|\s)([a-z_]+)=(\S*)")


@dataclass(frozen=True)
class Provenance:
    engine: str
    route: str = ""
    version: str = ""
    glossary: str = ""

    def fields(self) -> str:
        parts = [f"engine={self.engine}", f"route={self.route or '-'}"]
        parts.append(f"version={self.version or '-'}")
        parts.append(f"glossary={self.glossary or '-'}")
        return " ".join(parts)

    @classmethod
    def parse(cls, text: str) -> Provenance:
        values = {k: ("" if v == "-" else v) for k, v in _FIELD.findall(text)}
        return cls(
            engine=values.get("engine", "unknown"),
            route=values.get("route", ""),
            version=values.get("version", ""),
            glossary=values.get("glossary", ""),
        )


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


# -- comment lines ---------------------------------------------------------------------------


def comment_lines(entry: polib.POEntry) -> list[str]:
    return entry.tcomment.split("\n") if entry.tcomment else []


def tagged(entry: polib.POEntry, tag: str) -> list[str]:
    """The values of ``# <tag>: value`` comment lines."""
    out = []
    for line in comment_lines(entry):
        found = _LINE.match(line)
        if found and found.group(1) == tag:
            out.append(found.group(2))
    return out


def set_tagged(entry: polib.POEntry, tag: str, values: list[str]) -> None:
    """Replace every ``# <tag>:`` line with ``values`` (other comments stay where they are)."""
    kept = [line for line in comment_lines(entry) if not _is_tag(line, tag)]
    entry.tcomment = "\n".join(kept + [f"{tag}: {v}" for v in values])


def drop_tags(entry: polib.POEntry, tags: tuple[str, ...]) -> None:
    kept = [line for line in comment_lines(entry) if not any(_is_tag(line, t) for t in tags)]
    entry.tcomment = "\n".join(kept)


def _is_tag(line: str, tag: str) -> bool:
    found = _LINE.match(line)
    return bool(found and found.group(1) == tag)


# -- provenance ------------------------------------------------------------------------------


def machine_provenance(entry: polib.POEntry) -> Provenance | None:
    """Provenance of the machine output the msgstr still is, or None."""
    lines = tagged(entry, MT)
    if not lines:
        return None
    found = dict(_FIELD.findall(lines[-1]))
    if found.get("sha") != text_hash(entry.msgstr):
        return None  # a person changed the text since
    return Provenance.parse(lines[-1])


def set_machine_draft(entry: polib.POEntry, text: str, provenance: Provenance) -> None:
    """Fill an entry with machine output: fuzzy (awaiting review), provenance recorded."""
    entry.msgstr = text
    entry.fuzzy = True
    entry.previous_msgid = None
    set_tagged(entry, MT, [f"{provenance.fields()} sha={text_hash(text)}"])
    set_tagged(entry, SUGGESTION, [])
    set_tagged(entry, TERM, [])


def unenforced_terms(entry: polib.POEntry) -> list[str]:
    return [v.removeprefix("not enforced: ") for v in tagged(entry, TERM)]


def set_unenforced_terms(entry: polib.POEntry, notes: list[str]) -> None:
    set_tagged(entry, TERM, [f"not enforced: {note}" for note in notes])


def is_machine_draft(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) and entry.fuzzy and machine_provenance(entry) is not None


def is_human(entry: polib.POEntry) -> bool:
    """A translation a person wrote or accepted: never overwritten."""
    return bool(entry.msgstr) and not is_machine_draft(entry)


def suggestion(entry: polib.POEntry) -> str | None:
    values = tagged(entry, SUGGESTION)
    if not values:
        return None
    _, _, text = values[-1].partition(": ")
    return text


def set_suggestion(entry: polib.POEntry, text: str, provenance: Provenance) -> None:
    set_tagged(entry, SUGGESTION, [f"{provenance.fields()}: {text}"])


def needs_suggestion(entry: polib.POEntry) -> bool:
    """A person's translation carried over from an older source text, with no machine
    suggestion yet for the new source."""
    return is_human(entry) and entry.fuzzy and bool(entry.previous_msgid) and not tagged(entry, SUGGESTION)


@dataclass(frozen=True)
class Mark:
    """A review mark: who did it, when, on which text, and a note (for rejections)."""

    at: str
    sha: str
    who: str
    note: str = ""


def mark(entry: polib.POEntry, tag: str) -> Mark | None:
    values = tagged(entry, tag)
    if not values:
        return None
    head, _, note = values[-1].partition(" | ")
    parts = head.split(" ", 2)
    if len(parts) < 3 or not parts[1].startswith("sha="):
        return None
    return Mark(parts[0], parts[1][4:], parts[2], note)


def _set_mark(entry: polib.POEntry, tag: str, who: str, at: str, note: str = "") -> None:
    value = f"{at} sha={text_hash(entry.msgstr)} {who}" + (f" | {' '.join(note.split())}" if note else "")
    set_tagged(entry, tag, [value])


def mark_reviewed(entry: polib.POEntry, who: str, at: str) -> None:
    """A person accepted or wrote the text: not fuzzy any more, machine leftovers gone."""
    entry.fuzzy = False
    entry.previous_msgid = None
    drop_tags(entry, (SUGGESTION, TERM, REJECTED, APPROVED))
    _set_mark(entry, REVIEWED, who, at)


def mark_approved(entry: polib.POEntry, who: str, at: str) -> None:
    entry.fuzzy = False
    _set_mark(entry, APPROVED, who, at)


def mark_rejected(entry: polib.POEntry, who: str, at: str, note: str) -> None:
    """Send an entry back: fuzzy again, with the reviewer's note for the next translator."""
    entry.fuzzy = True
    drop_tags(entry, (REVIEWED, APPROVED))
    _set_mark(entry, REJECTED, who, at, note)


def _current(entry: polib.POEntry, tag: str) -> Mark | None:
    found = mark(entry, tag)
    return found if found and found.sha == text_hash(entry.msgstr) else None


def state(entry: polib.POEntry) -> str:
    """untranslated → machine-draft → (rejected | needs-review) → reviewed → approved."""
    if entry.obsolete:
        return "obsolete"
    if not entry.msgstr:
        return "untranslated"
    if entry.fuzzy:
        if _current(entry, REJECTED):
            return "rejected"
        if is_machine_draft(entry):
            return "machine-draft"
        return "needs-review"
    if _current(entry, APPROVED):
        return "approved"
    return "reviewed"
