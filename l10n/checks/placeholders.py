from l10n.checks.base import Check, Unit
from l10n.documents.segment import PlaceholderError, validate_placeholders


class PlaceholderCheck(Check):
    id = "placeholders"
    name = "Placeholders and markup"
    description = "Every <1>…</1> and <2/> of the source is kept exactly once and properly nested."

    def check_single(self, source: str, target: str, unit: Unit) -> list[str]:
        try:
            validate_placeholders(source, target)
        except PlaceholderError as exc:
            return [str(exc)]
        return []
