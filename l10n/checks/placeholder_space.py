"""Whitespace just inside a placeholder pair, "<1> web de cime</1>", which builds as a
link or emphasis that starts or ends with a space ("[ web de cime](…)"), unless the
source has it too."""

from __future__ import annotations

import re

from l10n.checks.base import Check, Finding, Severity, Unit

_INSIDE = re.compile(r"<(\d+)>\s+|\s+</(\d+)>")


def _edges(text: str) -> set[str]:
    return {f"<{m.group(1)}>" if m.group(1) else f"</{m.group(2)}>" for m in _INSIDE.finditer(text)}


class PlaceholderSpaceCheck(Check):
    id = "placeholder-space"
    name = "Space inside a placeholder"
    description = "Whitespace just after <1> or just before </1>."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit) -> list[Finding]:
        expected = _edges(source)
        problems = []
        for match in _INSIDE.finditer(target):
            tag = f"<{match.group(1)}>" if match.group(1) else f"</{match.group(2)}>"
            if tag not in expected:
                problems.append(Finding(f"space inside {tag}", (match.start(), match.end())))
        return problems
