from l10n.checks.base import Check, Unit
from l10n.glossary.check import check_translation


class GlossaryCheck(Check):
    id = "glossary"
    name = "Glossary adherence"
    description = "Approved terms used, forbidden renderings absent, names untranslated."

    def check_single(self, source: str, target: str, unit: Unit) -> list[str]:
        problems = [f"not enforced by machine translation: {note}" for note in unit.unenforced_terms]
        if unit.glossary.concepts:
            problems += [
                i.describe()
                for i in check_translation(unit.glossary, unit.terms(), source, target, unit.language)
            ]
        return problems
