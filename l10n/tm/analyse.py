"""Match analysis the way agencies quote: the words and segments left to translate, by how
much of them the translation memory already covers.

Each entry not yet reviewed falls in one band: a *repetition* when the same English came
earlier in the analysis (it is translated once; a sentence used twice in an article is one
entry with two source references, the second a repetition), else by its best memory match: 100 %,
95–99 %, 85–94 %, 75–84 %, or no match. Words are counted in the English a reader sees
(placeholders left out).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from l10n.documents.segment import strip_placeholders
from l10n.repository import Catalogs
from l10n.tm.memory import Memory

BANDS = ("repetitions", "100%", "95-99%", "85-94%", "75-84%", "no match")
LOWEST = 75


def band(score: int | None) -> str:
    if score is None or score < LOWEST:
        return "no match"
    if score == 100:
        return "100%"
    if score >= 95:
        return "95-99%"
    if score >= 85:
        return "85-94%"
    return "75-84%"


@dataclass
class Count:
    segments: int = 0
    words: int = 0

    def add(self, words: int) -> None:
        self.segments += 1
        self.words += words


@dataclass
class Analysis:
    language: str
    bands: dict[str, Count] = field(default_factory=lambda: {name: Count() for name in BANDS})

    @property
    def total(self) -> Count:
        return Count(sum(c.segments for c in self.bands.values()), sum(c.words for c in self.bands.values()))

    def as_dict(self) -> dict:
        return {
            "language": self.language,
            "bands": {name: asdict(count) for name, count in self.bands.items()},
            "total": asdict(self.total),
        }


def analyse(catalogs: Catalogs, memory: Memory, language: str, articles: list[str]) -> Analysis:
    result = Analysis(language)
    seen: set[str] = set()
    for _, entry in catalogs.entries([language], articles):
        if entry.state.done or entry.po.msgid_plural:
            continue
        words = len(strip_placeholders(entry.msgid).split())
        for _ in range(len(entry.po.occurrences) - 1):
            result.bands["repetitions"].add(words)
        if entry.msgid in seen:
            result.bands["repetitions"].add(words)
            continue
        seen.add(entry.msgid)
        match = memory.best(entry.msgid, LOWEST)
        result.bands[band(match.score if match else None)].add(words)
    return result
