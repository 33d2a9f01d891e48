"""One translate run: what is pending, what can be reused, one engine batch per language
under the glossary, and the results written back without touching anything a person
translated."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace

from l10n import route_selection
from l10n.config import Config
from l10n.drafting import PipelineDraft, finish_drafts
from l10n.engines import Engine, EngineError, load_engine
from l10n.engines.base import Translation
from l10n.engines.second_route import second_opinion
from l10n.executors.base import Batch, EngineInfo, Executor, InProcess
from l10n.extract import extract
from l10n.fileio import signature
from l10n.glossary import Glossary, project_glossary
from l10n.glossary.enforce import Enforcer
from l10n.glossary.matcher import Matcher
from l10n.history import Draft as StoredDraft
from l10n.model import Entry, Provenance, State, TmNote
from l10n.pofile import Catalog
from l10n.project import Project
from l10n.reporting import Reporter
from l10n.repository import Catalogs, Edit
from l10n.tm.memory import Memory
from l10n.tm.units import Unit, imported_units

# Texts per engine batch: a batch is what one worker translates in one call. Apertium
# starts a pipeline per batch (loading its transducers costs ~0.3 s); Argos batches are
# split again by CTranslate2 (max_batch_size).
BATCH_TEXTS = {"apertium": 1000, "argos": 512}
DEFAULT_BATCH_TEXTS = 500


@dataclass
class LanguageResult:
    sent: int = 0  # distinct texts sent to the engine
    reused: int = 0  # entries filled without an engine call of their own
    unchanged: int = 0  # entries that needed nothing
    engine: str = ""
    route: str = ""
    engine_calls: int = 0
    suggested: int = 0  # changed sources of human translations given a machine suggestion
    unenforced: int = 0  # entries flagged because a glossary term could not be placed
    tm_exact: int = 0  # distinct texts drafted from a 100 % translation-memory match
    tm_fuzzy: int = 0  # distinct texts drafted from a fuzzy match above [tm] draft_threshold
    tm_shown: int = 0  # distinct texts drafted by the engine with a fuzzy match shown beside them
    second_route: str = ""  # route selection: the other route each text was also translated by
    from_second_route: int = 0  # distinct texts whose draft route selection took from it
    files_written: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {"sent": self.sent, "reused": self.reused, "unchanged": self.unchanged}

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Draft:
    text: str
    provenance: Provenance
    unenforced: tuple[str, ...] = ()
    tm: TmNote | None = None  # a fuzzy match shown with the entry
    unknown: tuple[str, ...] = ()  # words the engine marked as unknown
    fixes: tuple[str, ...] = ()  # automatic fix rules applied
    unfixed: tuple[str, ...] = ()  # fix rules that did not apply cleanly, and why


@dataclass
class Work:
    """What one language needs: texts to translate, texts wanting a suggestion."""

    pending: dict[str, None] = field(default_factory=dict)  # msgids, in order of first appearance
    suggest: dict[str, None] = field(default_factory=dict)


def translate(
    project: Project,
    languages: list[str],
    slugs: list[str],
    engine_name: str | None = None,
    reporter: Reporter | None = None,
    executor: Executor | None = None,
) -> dict[str, LanguageResult]:
    """Extract, plan every language, have ``executor`` (default: this process) translate the
    batches, and write each language's catalogs as soon as its batches are back, in the
    order of ``languages``: the output does not depend on where or how fast batches ran."""
    reporter = reporter or Reporter()
    executor = executor or InProcess()
    glossary = project_glossary(project)
    matcher = Matcher(glossary)
    source = project.config.source_language
    with executor:
        executor.open(project.config, str(project.root))
        # A language that has no catalog yet certainly needs an engine: find out before
        # writing anything, so that a language no engine reaches leaves no files behind.
        # Engines elsewhere (a cluster) are all checked: a missing one is found before a
        # file is touched, not after the first languages were written.
        for language in languages:
            if executor.remote or (slugs and not any(project.po_path(language, s).exists() for s in slugs)):
                executor.engine_info(source, language, engine_name)
        with Catalogs(project) as catalogs:
            extract(project, slugs, languages, glossary, matcher, catalogs, executor.parse)
            plans = [
                _plan(catalogs, language, slugs, engine_name, executor, glossary, matcher)
                for language in languages
            ]
            batches = [batch for plan in plans for batch in (*plan.batches, *plan.second_batches)]
            total = sum(len(batch.texts) for batch in batches)
            if total:
                busy = [p for p in plans if p.batches]
                engines = ", ".join(dict.fromkeys(p.result.engine for p in busy))
                reporter.start(f"{', '.join(p.language for p in busy)} ({engines})", total)
            try:
                outputs = executor.translate(batches, lambda _, count: reporter.advance(count))
                for plan in plans:
                    plan.outputs = [text for _ in plan.batches for text in next(outputs)]
                    plan.second_outputs = [text for _ in plan.second_batches for text in next(outputs)]
                    _finish(catalogs, plan, reporter, executor)
            finally:
                reporter.finish()
            return {plan.language: plan.result for plan in plans}


class Planner:
    """Decides, entry by entry, what a translate run must do."""

    def __init__(self, catalogs: Catalogs, glossary: Glossary, matcher: Matcher):
        self.catalogs, self.glossary, self.matcher = catalogs, glossary, matcher

    def stale(self, entry: Entry, drafts: dict) -> bool:
        """A machine draft made under another version of the glossary, for a text with terms."""
        if not entry.is_machine_draft or entry.state is State.REJECTED:
            return False
        stored: StoredDraft | None = drafts.get((entry.key, entry.machine))
        if stored is None or stored.glossary == self.glossary.version:
            return False
        return bool(self.matcher.find(entry.msgid))

    def scan(self, catalog: Catalog, work: Work) -> int:
        """Add the catalog's work; return how many entries need nothing."""
        drafts = self.catalogs.store.drafts_of(catalog.language, catalog.article)
        unchanged = 0
        for entry in catalog.active():
            if entry.po.msgid_plural:
                unchanged += 1
            elif not entry.text or self.stale(entry, drafts):
                work.pending[entry.msgid] = None
            elif entry.needs_suggestion:
                work.suggest[entry.msgid] = None
            else:
                unchanged += 1
        return unchanged


@dataclass
class Plan:
    """One language of a run: what to send, in which batches, and what it came to."""

    language: str
    result: LanguageResult
    planner: Planner
    enforcer: Enforcer | None = None
    provenance: Provenance | None = None
    resolved: dict[str, Draft] = field(default_factory=dict)
    shown: dict[str, TmNote] = field(default_factory=dict)  # fuzzy matches beside engine drafts
    to_send: list[str] = field(default_factory=list)
    protected: list = field(default_factory=list)
    batches: list[Batch] = field(default_factory=list)
    outputs: list[Translation] = field(default_factory=list)
    # Route selection: the same texts by the pair's other Apertium route (l10n.route_selection).
    second: Engine | None = None
    second_batches: list[Batch] = field(default_factory=list)
    second_outputs: list[Translation] = field(default_factory=list)
    slugs: list[str] = field(default_factory=list)
    needed: bool = False  # some entry is pending: catalogs are filled when outputs are back


def _plan(
    catalogs: Catalogs,
    language: str,
    slugs: list[str],
    engine_name: str | None,
    executor: Executor,
    glossary: Glossary,
    matcher: Matcher,
) -> Plan:
    project = catalogs.project
    store = catalogs.store
    planner = Planner(catalogs, glossary, matcher)
    plan = Plan(language, LanguageResult(), planner, slugs=slugs)
    result = plan.result
    work = Work()
    for slug in slugs:
        key, now = f"pending:{language}:{slug}", signature(project.po_path(language, slug))
        cached = json.loads(store.cached(key) or "{}")
        if cached.get("signature") == now and cached.get("glossary") == glossary.version:
            result.unchanged += cached["unchanged"]  # nobody touched it since: skip unread
            continue
        catalog = catalogs.read(language, slug)
        if catalog is None:
            continue
        mine = Work()
        unchanged = planner.scan(catalog, mine)
        work.pending.update(mine.pending)
        work.suggest.update(mine.suggest)
        result.unchanged += unchanged
        if not mine.pending and not mine.suggest:
            _remember_done(catalogs, language, slug, glossary, unchanged)
    if not work.pending and not work.suggest:
        return plan

    # Only now is an engine needed (a no-op run works even where none is installed).
    source = project.config.source_language
    info = executor.engine_info(source, language, engine_name)
    plan.provenance = Provenance(info.name, info.route, info.version, glossary.version)
    plan.needed = True
    result.engine, result.route = info.name, info.route
    reuse, tm = _memory(catalogs, language, plan.provenance, matcher) if work.pending else ({}, None)
    plan.resolved = {m: reuse[m] for m in work.pending if m in reuse}
    if tm is not None:
        plan.shown = _from_memory(tm, project.config, language, glossary.version, work, plan.resolved)
    from_tm = [d for d in plan.resolved.values() if d.provenance.engine == "tm"]
    result.tm_exact = sum(1 for d in from_tm if d.tm is None)  # a fuzzy draft keeps its match shown
    result.tm_fuzzy, result.tm_shown = len(from_tm) - result.tm_exact, len(plan.shown)
    to_send = [m for m in work.pending if m not in plan.resolved]
    to_send += [m for m in work.suggest if m not in plan.resolved and m not in work.pending]
    plan.to_send = to_send
    plan.enforcer = Enforcer(glossary, language, matcher)
    plan.protected = [plan.enforcer.protect(text) for text in to_send]
    plan.batches = [
        Batch(info.name, source, language, tuple(p.text for p in chunk))
        for chunk in chunks(plan.protected, BATCH_TEXTS.get(info.name, DEFAULT_BATCH_TEXTS))
    ]
    plan.second = _second_route(project.config, info, source, language)
    if plan.second is not None:
        route = plan.second.config.apertium_routes[language]
        plan.second_batches = [replace(batch, route=route) for batch in plan.batches]
    result.sent, result.engine_calls = len(to_send), len(plan.batches) + len(plan.second_batches)
    return plan


def _second_route(config: Config, info: EngineInfo, source: str, language: str) -> Engine | None:
    """The other Apertium route of a language configured for route selection, if installed."""
    if language not in config.route_selection or info.name != "apertium":
        return None
    return second_opinion(load_engine(info.name, config), source, language)


def chunks(items: list, most: int) -> list[list]:
    """``items`` in the fewest runs of at most ``most``, of even sizes. The cut depends on
    the batch alone, never on the number of workers, so every run translates the same
    batches and gets the same output."""
    if not items:
        return []
    count = -(-len(items) // most)
    size = -(-len(items) // count)
    return [items[i : i + size] for i in range(0, len(items), size)]


def _finish(catalogs: Catalogs, plan: Plan, reporter: Reporter, executor: Executor) -> None:
    """Make drafts of the engine's outputs (l10n.drafting) and write the language's catalogs."""
    if not plan.needed:
        return
    project, language, result = catalogs.project, plan.language, plan.result
    assert plan.enforcer is not None and plan.provenance is not None
    source = project.config.source_language
    made = finish_drafts(plan.enforcer, plan.to_send, plan.protected, plan.outputs, source)
    origins = [plan.provenance] * len(made)
    if plan.second_outputs:
        made, origins = _select_routes(plan, made, executor)
    machine = {
        text: Draft(d.text, origin, d.unenforced, plan.shown.get(text), d.unknown, d.fixes, d.unfixed)
        for text, d, origin in zip(plan.to_send, made, origins, strict=True)
    }
    resolved = {**plan.resolved, **machine}

    first_use = set(machine)  # a msgid's first entry is the engine call, later ones reuse it
    for slug in plan.slugs:
        outcome = catalogs.edit(language, slug, lambda edit: _fill(edit, plan.planner, resolved))
        if outcome.result is None:
            continue
        filled, suggested, flagged, unchanged = outcome.result
        if unchanged is not None:
            _remember_done(catalogs, language, slug, plan.planner.glossary, unchanged)
        for msgid in filled:
            if msgid in first_use:
                first_use.discard(msgid)
            else:
                result.reused += 1
        result.suggested += suggested
        result.unenforced += flagged
        if outcome.written:
            result.files_written.append(project.relative(project.po_path(language, slug)))
    from_memory = (
        f", {result.tm_exact + result.tm_fuzzy} from the memory" if result.tm_exact + result.tm_fuzzy else ""
    )
    reporter.info(
        f"{language}: {result.sent} sent to {result.engine} ({result.route}), "
        f"{result.reused} reused{from_memory}, {result.unchanged} unchanged"
    )
    if result.unenforced:
        reporter.warn(f"{language}: {result.unenforced} entries have glossary terms that could not be placed")


def _select_routes(
    plan: Plan, made: list[PipelineDraft], executor: Executor
) -> tuple[list[PipelineDraft], list[Provenance]]:
    """Per sentence, the draft of the route estimated better, and its provenance. The round
    trips of both routes' drafts run where the other batches ran (the executor)."""
    assert plan.enforcer is not None and plan.provenance is not None and plan.second is not None
    language, source = plan.language, plan.second.config.source_language
    other = finish_drafts(plan.enforcer, plan.to_send, plan.protected, plan.second_outputs, source)
    # Each route's drafts in batches of their own, so that two workers share the round trips.
    size = BATCH_TEXTS.get(plan.provenance.engine, DEFAULT_BATCH_TEXTS)
    reverse = [
        Batch(plan.provenance.engine, language, source, tuple(d.text for d in chunk))
        for drafts in (made, other)
        for chunk in chunks(drafts, size)
    ]
    try:
        back = [t.text for outputs in executor.translate(reverse) for t in outputs]
    except EngineError:  # no route back: nothing to estimate with, keep the primary route
        return made, [plan.provenance] * len(made)
    glossary, matcher = plan.planner.glossary, plan.enforcer.matcher
    picks = route_selection.prefer_second(made, other, back, plan.to_send, language, glossary, matcher)
    alternative = replace(
        plan.provenance,
        route=plan.second.route(source, language),
        version=plan.second.version(source, language),
    )
    plan.result.second_route, plan.result.from_second_route = alternative.route, sum(picks)
    chosen = [b if pick else a for a, b, pick in zip(made, other, picks, strict=True)]
    return chosen, [alternative if pick else plan.provenance for pick in picks]


def _fill(edit: Edit, planner: Planner, resolved: dict[str, Draft]) -> tuple[list[str], int, int, int | None]:
    """Put drafts into empty (or stale) entries and suggestions beside carried human text."""
    catalog = edit.catalog
    drafts = planner.catalogs.store.drafts_of(catalog.language, catalog.article)
    filled, suggested, flagged = [], 0, 0
    for entry in catalog.active():
        draft = resolved.get(entry.msgid)
        if draft is None or entry.po.msgid_plural:
            continue
        if not entry.text or planner.stale(entry, drafts):
            entry.set_machine_draft(draft.text, draft.unenforced, draft.unknown, draft.unfixed)
            entry.set_tm_match(draft.tm)
            edit.draft(
                entry, draft.text, draft.provenance, draft.unenforced,
                unknown=draft.unknown, fixes=draft.fixes, unfixed=draft.unfixed,
            )  # fmt: skip
            filled.append(entry.msgid)
            flagged += bool(draft.unenforced)
        elif entry.needs_suggestion:
            entry.set_suggestion(draft.text)
            edit.draft(entry, draft.text, draft.provenance, kind="suggestion")
            suggested += 1
    rest = Work()
    unchanged = planner.scan(catalog, rest)
    return filled, suggested, flagged, (None if rest.pending or rest.suggest else unchanged)


def _remember_done(catalogs: Catalogs, language: str, slug: str, glossary: Glossary, unchanged: int) -> None:
    value = {
        "signature": signature(catalogs.project.po_path(language, slug)),
        "glossary": glossary.version,
        "unchanged": unchanged,
    }
    catalogs.store.cache({f"pending:{language}:{slug}": json.dumps(value)})


def _memory(
    catalogs: Catalogs, language: str, provenance: Provenance, matcher: Matcher
) -> tuple[dict[str, Draft], Memory]:
    """From every catalog of the language: identical machine drafts from the same engine,
    route, version and glossary (reused as they are), and the translation memory (every
    reviewed entry, then the units imported from TMX files)."""
    machine: dict[str, Draft] = {}
    units: list[Unit] = []
    project = catalogs.project
    for slug in project.slugs():
        catalog = catalogs.read(language, slug)
        if catalog is None:
            continue
        drafts = catalogs.store.drafts_of(language, slug)
        for entry in catalog.active():
            if not entry.text or entry.po.msgid_plural:
                continue
            if entry.state.done:
                units.append(Unit(entry.msgid, entry.text, language, f"article:{slug}", article=slug))
            elif entry.is_machine_draft and entry.machine and entry.msgid not in machine:
                stored = drafts.get((entry.key, entry.machine))
                if stored is not None and _same_origin(stored, provenance):
                    machine[entry.msgid] = Draft(
                        entry.text,
                        provenance,
                        stored.unenforced,
                        None,
                        stored.unknown,
                        stored.fixes,
                        stored.unfixed,
                    )
    return machine, Memory(units + imported_units(project, language), matcher)


def _from_memory(
    memory: Memory, config, language: str, glossary: str, work: Work, resolved: dict[str, Draft]
) -> dict[str, TmNote]:
    """Drafts from the memory: a 100 % match always, a fuzzy match from [tm] draft_threshold
    (measured: below it the engine's draft is closer to the reference, bench/tm.py). Other
    fuzzy matches are returned, to be shown beside the engine's draft."""
    shown: dict[str, TmNote] = {}
    for msgid in work.pending:
        match = memory.best(msgid, config.tm.threshold)
        if match is None:
            continue
        unit = match.unit
        origin = Provenance("tm", route=unit.origin, version=f"{match.score}%", glossary=glossary)
        if match.exact:
            resolved[msgid] = Draft(unit.target, origin)
            continue
        note = TmNote(match.score, unit.source, unit.target)
        adapted = memory.adapt(match, msgid, language) if match.score >= config.tm.draft_threshold else None
        if adapted is not None:
            resolved[msgid] = Draft(adapted, origin, tm=note)
        else:
            shown[msgid] = note
    return shown


def _same_origin(stored: StoredDraft, provenance: Provenance) -> bool:
    return (stored.engine, stored.route, stored.engine_version, stored.glossary) == (
        provenance.engine,
        provenance.route,
        provenance.version,
        provenance.glossary,
    )
