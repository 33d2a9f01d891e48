"""The catalog entry as l10n sees it: its texts, its review state and where its text came
from, parsed once from a PO entry (``l10n.pofile``) and written back once.

States, in workflow order::

    untranslated → machine-draft → (rejected | needs-review) → reviewed → approved

A *mark* ties an event of the history (who, when) to the exact text it was about: a mark
whose hash no longer matches the text is stale, which is how a person's edit in a PO
editor is told apart from l10n's own work.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

import polib


class State(StrEnum):
    UNTRANSLATED = "untranslated"
    MACHINE_DRAFT = "machine-draft"
    NEEDS_REVIEW = "needs-review"
    REJECTED = "rejected"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    OBSOLETE = "obsolete"

    @property
    def awaiting_review(self) -> bool:
        return self in (State.MACHINE_DRAFT, State.NEEDS_REVIEW, State.REJECTED)

    @property
    def done(self) -> bool:
        """A person wrote or accepted the text."""
        return self in (State.REVIEWED, State.APPROVED)


WORKFLOW = [s for s in State if s is not State.OBSOLETE]  # column order for listings
AWAITING_REVIEW = [s for s in State if s.awaiting_review]
EDITED = "edited"  # the mark of a person's edit l10n has recorded (not a state of its own)
# Which Entry attribute holds the mark that makes each state.
MARK_OF = {
    State.REVIEWED: "reviewed",
    State.APPROVED: "approved",
    State.REJECTED: "rejected",
    EDITED: "edited",
}

Key = tuple[str, str, str, str]  # language, article, msgctxt, msgid


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Provenance:
    """Where a draft came from: engine (or ``tm``/``memory``), route, versions, glossary."""

    engine: str
    route: str = ""
    version: str = ""
    glossary: str = ""


@dataclass(frozen=True)
class Mark:
    """A review action recorded on the entry: the text's hash and the history event's id."""

    sha: str
    event: str = ""
    who: str = ""  # only marks written by l10n before the history existed carry a name
    note: str = ""

    def current(self, text: str) -> bool:
        return self.sha == text_hash(text)


@dataclass(frozen=True)
class TmNote:
    """A translation-memory match shown beside the entry: the matched English, its
    translation and the match percentage."""

    score: int
    source: str
    target: str


@dataclass
class Entry:
    """One PO entry with l10n's knowledge about it. Changes go through the methods, which
    keep the PO entry (``po``) and the marks consistent."""

    po: polib.POEntry
    language: str = ""
    article: str = ""
    machine: str | None = None  # hash of the machine output the text was, if any
    reviewed: Mark | None = None
    approved: Mark | None = None
    rejected: Mark | None = None
    edited: Mark | None = None  # a person's edit l10n has already recorded
    suggestion: str | None = None  # machine translation of a changed source, beside a human text
    unenforced: list[str] = field(default_factory=list)  # glossary terms the engine could not place
    tm: TmNote | None = None  # a fuzzy translation-memory match, shown until the entry is reviewed
    unknown: list[str] = field(default_factory=list)  # words the engine marked: "*counterparts"
    unfixed: list[str] = field(default_factory=list)  # automatic fixes that did not apply cleanly
    notes: list[str] = field(default_factory=list)  # translator comments that are not l10n's
    legacy_provenance: Provenance | None = None  # read from an l10n 0.1 `# l10n-mt:` line

    # -- what it is ------------------------------------------------------------------------

    @property
    def msgid(self) -> str:
        return self.po.msgid

    @property
    def msgctxt(self) -> str:
        return self.po.msgctxt or ""

    @property
    def text(self) -> str:
        return self.po.msgstr

    @property
    def fuzzy(self) -> bool:
        return self.po.fuzzy

    @property
    def obsolete(self) -> bool:
        return bool(self.po.obsolete)

    @property
    def line(self) -> int:
        return self.po.linenum

    @property
    def key(self) -> Key:
        return (self.language, self.article, self.msgctxt, self.msgid)

    @property
    def is_machine_draft(self) -> bool:
        return bool(self.text) and self.fuzzy and self.machine == text_hash(self.text)

    @property
    def is_human(self) -> bool:
        """A translation a person wrote or accepted: never overwritten."""
        return bool(self.text) and not self.is_machine_draft

    @property
    def needs_suggestion(self) -> bool:
        """A person's translation carried over from an older source, with no machine
        suggestion yet for the new source."""
        return self.is_human and self.fuzzy and bool(self.po.previous_msgid) and self.suggestion is None

    @property
    def state(self) -> State:
        if self.obsolete:
            return State.OBSOLETE
        if not self.text:
            return State.UNTRANSLATED
        if self.fuzzy:
            if self._current(self.rejected):
                return State.REJECTED
            if self.is_machine_draft:
                return State.MACHINE_DRAFT
            return State.NEEDS_REVIEW
        if self._current(self.approved):
            return State.APPROVED
        return State.REVIEWED

    def _current(self, mark: Mark | None) -> bool:
        return mark is not None and mark.current(self.text)

    def current_mark(self, kind: State | str) -> Mark | None:
        """The entry's mark for a state (reviewed, approved, rejected) or ``"edited"``, if it
        still holds for the text."""
        mark = getattr(self, MARK_OF.get(kind, str(kind)))
        return mark if self._current(mark) else None

    @property
    def signed_off(self) -> bool:
        """A current review or approval mark."""
        return bool(self.current_mark(State.REVIEWED) or self.current_mark(State.APPROVED))

    # -- changes ---------------------------------------------------------------------------

    def set_machine_draft(
        self,
        text: str,
        unenforced: list[str] | tuple[str, ...] = (),
        unknown: list[str] | tuple[str, ...] = (),
        unfixed: list[str] | tuple[str, ...] = (),
    ) -> None:
        """Fill with machine output: fuzzy (awaiting review); earlier marks no longer apply."""
        self.po.msgstr = text
        self.po.fuzzy = True
        self.po.previous_msgid = None
        self.machine = text_hash(text)
        self.suggestion = None
        self.tm = None
        self.unenforced = list(unenforced)
        self.unknown, self.unfixed = list(unknown), list(unfixed)
        self.reviewed = self.approved = self.rejected = self.edited = None

    def set_suggestion(self, text: str) -> None:
        self.suggestion = text

    def set_tm_match(self, note: TmNote | None) -> None:
        self.tm = note

    def mark_reviewed(self, event: str) -> None:
        """A person accepted or wrote the text: not fuzzy any more, machine leftovers gone."""
        self.po.fuzzy = False
        self.po.previous_msgid = None
        self.suggestion = None
        self.tm = None
        self.unenforced, self.unknown, self.unfixed = [], [], []
        self.rejected = self.approved = None
        self.reviewed = Mark(text_hash(self.text), event)

    def mark_approved(self, event: str) -> None:
        self.po.fuzzy = False
        self.approved = Mark(text_hash(self.text), event)

    def mark_rejected(self, event: str, note: str) -> None:
        """Send back: fuzzy again, with the reviewer's note for the next translator."""
        self.po.fuzzy = True
        self.reviewed = self.approved = None
        self.rejected = Mark(text_hash(self.text), event, note=" ".join(note.split()))

    def mark_edited(self, event: str) -> None:
        self.edited = Mark(text_hash(self.text), event)

    def unmark_review(self) -> None:
        self.reviewed = self.approved = None

    def set_text(self, text: str) -> None:
        self.po.msgstr = text
