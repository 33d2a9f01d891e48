"""Link and image text left in English: the text inside a link or image placeholder that
is the source's text unchanged ("<1>transport sector overview</1>"), and link or image
titles, which are not extracted for translation and so stay in English in every
language (the extracted comment shows them: ``<1>…</1> = link: URL (title "…")``)."""

from __future__ import annotations

import re

from l10n.checks.base import Check, Finding, Severity, Unit

_DESCRIBED = re.compile(r'^<(\d+)>…</\d+> = (link|image): .*?(?: \(title "(.*)"\))?$')


def _inside(text: str, number: str) -> tuple[int, int] | None:
    found = re.search(rf"<{number}>(.*?)</{number}>", text, re.S)
    return found.span(1) if found else None


def _wordy(text: str) -> bool:
    """Words a translation would change: two or more, one of them in lower case."""
    words = re.findall(r"[^\W\d_]+", re.sub(r"</?\d+/?>", " ", text))
    return len(words) >= 2 and any(w.islower() for w in words)


class LinkTextCheck(Check):
    id = "link-text"
    name = "Link text, alt text or title in English"
    description = "Link or image text copied from the source, or a title that is never translated."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit) -> list[Finding]:
        problems = []
        for comment in unit.comments:
            described = _DESCRIBED.match(comment)
            if not described:
                continue
            number, kind, title = described.groups()
            what = "alt text" if kind == "image" else "link text"
            inside_source, inside_target = _inside(source, number), _inside(target, number)
            if inside_source and inside_target:
                original = source[inside_source[0] : inside_source[1]]
                copied = target[inside_target[0] : inside_target[1]]
                if (
                    _wordy(original)
                    and " ".join(original.split()).casefold() == " ".join(copied.split()).casefold()
                ):
                    problems.append(Finding(f"{what} not translated: {copied}", inside_target))
            if title and re.search(r"[^\W\d_]{2,}", title):
                problems.append(
                    Finding(f'the {kind} title "{title}" stays in English (titles are not extracted)')
                )
        return problems
