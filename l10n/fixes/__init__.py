"""Safe automatic fixes of machine drafts, one rule per module, applied after glossary
enforcement and before local typography, to machine drafts only (never to a person's
text). Each rule rewrites a draft completely or not at all; the rules applied are
recorded with the draft (``fixes`` in its history record), and a rule that saw something
to repair but could not repair it cleanly leaves the draft as it was and says why
(``unfixed``, shown as a ``#. l10n not fixed`` note and reported by the ``unfixed`` check).

Which rules run for which language is measured, not assumed: ``bench/fix_rules.py`` scores
the reference sets with and without each rule, and a rule that lowers chrF is off
(``ENABLED``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from l10n.fixes.agreement import TermAgreementFix
from l10n.fixes.amounts import AmountsFix
from l10n.fixes.base import Context, FixRule, Skip
from l10n.fixes.placeholder_space import PlaceholderSpaceFix
from l10n.fixes.places import PlaceArticleFix
from l10n.fixes.possessive import PossessiveFix
from l10n.fixes.sentence_case import SentenceCaseFix

# In the order they run: agreement and word order before case, case before articles are
# added in front of names ("Kazakhstan A mis" → "Kazakhstan a mis" → "Le Kazakhstan a mis").
RULES: list[FixRule] = [
    PlaceholderSpaceFix(),
    TermAgreementFix(),
    PossessiveFix(),
    SentenceCaseFix(),
    PlaceArticleFix(),
    AmountsFix(),
]
# Rules on by language, from bench/fix_rules.json (chrF on tests/data/reference with and
# without each rule); "*" is every language without its own line.
ENABLED: dict[str, tuple[str, ...]] = {
    "*": ("placeholder-space", "term-agreement", "possessive", "sentence-case", "place-article", "amounts"),
}


@dataclass
class Fixed:
    text: str
    applied: list[str] = field(default_factory=list)  # ids of the rules that changed the text
    unfixed: list[str] = field(default_factory=list)  # why a rule could not repair the draft


def enabled_rules(language: str) -> list[FixRule]:
    base = language.replace("-", "_").split("_")[0]
    wanted = ENABLED.get(language, ENABLED.get(base, ENABLED["*"]))
    return [rule for rule in RULES if rule.id in wanted]


def apply_fixes(source: str, text: str, context: Context, rules: list[FixRule] | None = None) -> Fixed:
    """The draft with every enabled rule applied in turn."""
    fixed = Fixed(text)
    for rule in enabled_rules(context.language) if rules is None else rules:
        result = rule.apply(source, fixed.text, context)
        if isinstance(result, Skip):
            fixed.unfixed.append(result.reason)
        elif result != fixed.text:
            fixed.text = result
            fixed.applied.append(rule.id)
    return fixed


__all__ = ["RULES", "Context", "FixRule", "Fixed", "Skip", "apply_fixes", "enabled_rules"]
