"""Whitespace just inside a placeholder pair moves outside it: "le <1> web de cime</1>"
→ "le <1>web de cime</1>" (a link must not start with a space), unless the source has it."""

from __future__ import annotations

import re

from l10n.fixes.base import Context, FixRule, Skip

_OPEN = re.compile(r"(\S?)<(\d+)>\s+")
_CLOSE = re.compile(r"\s+</(\d+)>(\w?)")


class PlaceholderSpaceFix(FixRule):
    id = "placeholder-space"
    description = "Spaces just inside <1>…</1> move outside the pair."

    def apply(self, source: str, text: str, context: Context) -> str | Skip:
        keep_open = {m.group(2) for m in _OPEN.finditer(source)}
        keep_close = {m.group(1) for m in _CLOSE.finditer(source)}

        def opening(found: re.Match) -> str:
            if found.group(2) in keep_open:
                return found.group(0)
            before = found.group(1)
            return before + (" " if before else "") + f"<{found.group(2)}>"

        def closing(found: re.Match) -> str:
            if found.group(1) in keep_close:
                return found.group(0)
            after = found.group(2)
            return f"</{found.group(1)}>" + (" " if after else "") + after

        return _CLOSE.sub(closing, _OPEN.sub(opening, text))
