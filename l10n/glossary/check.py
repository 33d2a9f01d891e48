"""Is a translation faithful to the glossary? Missing approved terms, forbidden renderings,
altered do-not-translate names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from l10n.documents.segment import strip_placeholders
from l10n.glossary.inflection import contains_inflected, declines
from l10n.glossary.matcher import Match, Matcher, is_acronym
from l10n.glossary.model import Concept, Glossary

MISSING = "missing"
FORBIDDEN = "forbidden"
ALTERED_NAME = "altered-name"


@dataclass(frozen=True)
class TermIssue:
    kind: str  # missing, forbidden, altered-name
    source: str  # the English term as it appears in the source ("" for forbidden forms)
    expected: str  # the approved form (or, for a forbidden form, what to use instead)
    found: str = ""  # the forbidden form found

    def describe(self) -> str:
        if self.kind == FORBIDDEN:
            instead = f" (use: {self.expected})" if self.expected else ""
            return f"forbidden rendering {self.found!r}{instead}"
        if self.kind == ALTERED_NAME:
            return f"do-not-translate name {self.source!r} altered (keep {self.expected!r})"
        return f"{self.source!r} should be {self.expected!r}"


def normalise(text: str) -> str:
    text = strip_placeholders(text).replace("’", "'").replace(" ", " ").replace(" ", " ")
    return re.sub(r"\s+", " ", text)


@lru_cache(maxsize=4096)
def _form_pattern(form: str, case_sensitive: bool) -> re.Pattern:
    words = [re.escape(w) for w in re.split(r"\s*[-‐‑–]\s*|\s+", form.replace("’", "'")) if w]
    body = r"(?:\s*[-‐‑–]\s*|\s+)".join(words)
    return re.compile(rf"(?<![\w]){body}(?![\w])", 0 if case_sensitive else re.IGNORECASE)


def contains(text: str, form: str, case_sensitive: bool | None = None) -> bool:
    """Whether ``form`` appears in ``text`` as whole words (hyphen = space)."""
    if case_sensitive is None:
        case_sensitive = all(is_acronym(w) for w in form.split())
    return bool(_form_pattern(form, case_sensitive).search(normalise(text)))


def check_translation(
    glossary: Glossary, matcher: Matcher, source: str, translation: str, language: str
) -> list[TermIssue]:
    issues: list[TermIssue] = []
    for match in matcher.find(source):
        issue = _check_match(match, translation, language)
        if issue and issue not in issues:
            issues.append(issue)
    for concept, term in matcher.forbidden_candidates(normalise(translation), language):
        if contains(translation, term.text, case_sensitive=False):
            approved = concept.approved(language)
            expected = approved[0].text if approved else concept.note
            issue = TermIssue(FORBIDDEN, "", expected, term.text)
            if issue not in issues:
                issues.append(issue)
    return issues


def _check_match(match: Match, translation: str, language: str) -> TermIssue | None:
    concept: Concept = match.concept
    if concept.do_not_translate:
        forms = [t.text for t in concept.english()]
        if any(contains(translation, f, case_sensitive=True) for f in forms):
            return None
        return TermIssue(ALTERED_NAME, match.text, forms[0])
    approved = concept.approved(language)
    if not approved:
        return None  # the glossary has no term for this language
    if declines(language):
        if any(contains_inflected(normalise(translation), t.text) for t in approved):
            return None
    elif any(contains(translation, t.text) for t in approved):
        return None
    target = concept.target(language, match.plural)
    return TermIssue(MISSING, match.text, target.text if target else approved[0].text)


def hints(glossary: Glossary, matcher: Matcher, source: str, language: str) -> list[str]:
    """Extracted-comment lines showing translators the terms of an entry."""
    lines = []
    for match in matcher.find(source):
        concept = match.concept
        if concept.do_not_translate:
            line = f"glossary: {match.text} → {concept.english()[0].text} (do not translate)"
        else:
            target = concept.target(language, match.plural)
            if target is None:
                continue
            line = f"glossary: {match.text} → {target.text}"
            forbidden = concept.forbidden(language)
            if forbidden:
                line += " (not: " + ", ".join(t.text for t in forbidden) + ")"
        if line not in lines:
            lines.append(line)
    return lines
