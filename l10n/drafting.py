"""Machine drafts as ``l10n translate`` makes them: the glossary's terms shielded from the
engine and put back, the engine's notes kept (unknown words), the safe fixes applied, local
typography last. The pipeline, the reference-set scores and the quality estimate all make
their drafts here, so what is measured is what is shipped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from l10n.checks import Unit
from l10n.engines import Engine
from l10n.engines.base import Progress, Translation
from l10n.fixes import Context as FixContext
from l10n.fixes import apply_fixes
from l10n.glossary import Glossary
from l10n.glossary.enforce import Enforcer, Protected
from l10n.glossary.matcher import Matcher
from l10n.typography import localise


@dataclass(frozen=True)
class PipelineDraft:
    """A draft as ``l10n translate`` makes it, with what the run noted about it."""

    text: str
    unenforced: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    fixes: tuple[str, ...] = ()
    unfixed: tuple[str, ...] = ()

    def unit(self, language: str, glossary: Glossary, matcher: Matcher | None = None) -> Unit:
        return Unit(
            language, glossary, matcher, list(self.unenforced), list(self.unknown), list(self.unfixed)
        )


def translate_as_pipeline(
    engine: Engine,
    glossary: Glossary,
    sources: Sequence[str],
    source_language: str,
    language: str,
    matcher: Matcher | None = None,
    progress: Progress | None = None,
) -> list[PipelineDraft]:
    """One draft per source, made the way ``l10n translate`` makes them."""
    enforcer = Enforcer(glossary, language, matcher)
    protected = [enforcer.protect(s) for s in sources]
    outputs = engine.translate_annotated([p.text for p in protected], source_language, language, progress)
    return finish_drafts(enforcer, sources, protected, outputs, source_language)


def finish_drafts(
    enforcer: Enforcer,
    sources: Sequence[str],
    protected: Sequence[Protected],
    outputs: Sequence[Translation],
    source_language: str,
) -> list[PipelineDraft]:
    """The engine's outputs made drafts: terms put back, the safe fixes, local typography last."""
    language = enforcer.language
    context = FixContext(language, enforcer.glossary, enforcer.matcher, source_language)
    drafts = []
    for shielded, output, source in zip(protected, outputs, sources, strict=True):
        enforced = enforcer.restore(shielded, output.text, source)
        fixed = apply_fixes(source, enforced.text, context)
        drafts.append(
            PipelineDraft(
                localise(fixed.text, language),
                tuple(enforced.unenforced),
                output.unknown,
                tuple(fixed.applied),
                tuple(fixed.unfixed),
            )
        )
    return drafts
