from l10n.checks.base import Check, Severity, Unit
from l10n.documents.segment import strip_placeholders

MIN_RATIO = 0.5
MAX_RATIO = 2.0
MIN_SOURCE = 25  # characters: ratios of short labels mean nothing


class LengthCheck(Check):
    id = "length"
    name = "Length ratio"
    description = (
        f"The translation is less than {MIN_RATIO}× or more than {MAX_RATIO}× as long as the source."
    )
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit) -> list[str]:
        plain_source, plain_target = strip_placeholders(source), strip_placeholders(target)
        if len(plain_source) < MIN_SOURCE:
            return []
        ratio = len(plain_target) / len(plain_source)
        if ratio < MIN_RATIO or ratio > MAX_RATIO:
            return [f"length ratio {ratio:.2f}"]
        return []
