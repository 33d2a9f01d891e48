"""English possessives around a term or place ("the G7's commitment", "Kazakhstan's Deputy
Minister of Foreign Affairs") come out of a pivot as two nouns side by side ("Le G7
engagement", "Kazakhstan vice-ministre des affaires étrangères"). Where it is safe, they
are put in the target order with the right articles: "l'engagement du G7", "le
vice-ministre des affaires étrangères du Kazakhstan".

Safe means: the owner is a glossary term with a gender, or a place of the language's
table; what is owned is a glossary term, or one English word whose translation the
draft has right after the owner and a morphological analyser reads as a noun of one
gender and number. Anything else is left as it is; a draft that shows the two nouns side
by side but cannot be repaired so is flagged."""

from __future__ import annotations

import re

from l10n.fixes.base import Context, FixRule, Skip
from l10n.glossary.grammar import agree
from l10n.languages.analyser import noun

# English words that end a one-word noun phrase after "'s" ("commitment to", "capacity could").
_STOP = set(
    [
        "to",
        "in",
        "of",
        "for",
        "on",
        "with",
        "by",
        "at",
        "from",
        "as",
        "and",
        "or",
        "but",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "can",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "did",
        "does",
        "do",
        "been",
        "being",
        "be",
        "that",
        "which",
        "who",
    ]
)
_ARTICLE = {"fr": "le ", "it": "il "}  # a masculine article that agree() rewrites
_OF = {"fr": "du ", "it": "del "}
_DETERMINER = {
    "fr": r"(?:[Ll]es|[Ll]e|[Ll]a|[Uu]ne?)\s+|[Ll]['’]",
    "it": r"(?:[Ii]l|[Ll]o|[Ll]a|[Ii]|[Gg]li|[Ll]e|[Uu]n[oa]?)\s+|[Ll]['’]|[Uu]n['’]",
}


def _gender(context: Context, form: str, gender: str, number: str) -> tuple[str, bool] | None:
    if not gender and form in context.table.places:
        code = context.table.places[form]
        return code[:1], code.endswith("pl")
    if gender in ("m", "f"):
        return gender, number == "plural"
    return None


class PossessiveFix(FixRule):
    id = "possessive"
    description = "English 'X's Y' around a term: 'le Y de X'."

    def apply(self, source: str, text: str, context: Context) -> str | Skip:
        base = context.language.replace("-", "_").split("_")[0]
        if base not in _ARTICLE:
            return text
        matches = context.terms().find(source)
        for owner in matches:
            # The matcher reads "EBRD's" as the term with its possessive; be sure either way.
            ending = "" if re.search(r"['’]s$", owner.text) else r"['’]s"
            possessive = re.match(ending + r"\s+", source[owner.end :])
            owner_term = owner.concept.target(context.language, owner.plural)
            if not possessive or owner_term is None or (ending and not possessive.group(0).strip()):
                continue
            who = _gender(context, owner_term.text, owner_term.gender, owner_term.number)
            if who is None:
                continue
            after = owner.end + possessive.end()
            owned = next((m for m in matches if m.start == after), None)
            if owned is not None:
                term = owned.concept.target(context.language, owned.plural)
                if term is None or term.gender not in ("m", "f"):
                    continue
                owned_text, owned_gender = re.escape(term.text), (term.gender, term.number == "plural")
            else:
                words = re.match(r"([a-z]+)(?:\s+(\w+)|\s*[.,;:!?)]|\s*$)", source[after:])
                if not words or (words.group(2) and words.group(2).lower() not in _STOP):
                    continue
                owned_text, owned_gender = r"[^\W\d_A-Z]+(?:-[^\W\d_]+)*", None
            result = self._rewrite(text, context, base, owner_term.text, who, owned_text, owned_gender)
            if isinstance(result, Skip):
                return result
            text = result
        return text

    def _rewrite(self, text, context, base, owner, who, owned_pattern, owned_gender) -> str | Skip:
        pattern = re.compile(
            rf"(?<![\w'’-])(?P<det>{_DETERMINER[base]})?{re.escape(owner)}\s+"
            rf"(?:(?P<det2>{_DETERMINER[base]}))?(?P<owned>{owned_pattern})(?![\w'’-])"
        )
        found = pattern.search(text)
        if found is None:
            return text  # the draft says it some other way
        owned = found.group("owned")
        if owned_gender is None:
            read = noun(base, owned)
            if read is None:
                return Skip(f"possessive: cannot tell the gender of {owned!r} after {owner}")
            owned_gender = (read[0], read[1] == "pl")
        article = agree(base, _ARTICLE[base], owned, owned_gender[0], owned_gender[1])
        of = agree(base, _OF[base], owner, who[0], who[1])
        start = found.start()
        phrase = article + owned + " " + of + owner
        if not re.search(r"\w", text[:start]) or (found.group("det") or "")[:1].isupper():
            phrase = phrase[:1].upper() + phrase[1:]
        return text[:start] + phrase + text[found.end() :]
