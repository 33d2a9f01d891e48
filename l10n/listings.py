"""``queue`` and ``check`` served from the local index (issue 16).

What each catalog contributes to a listing (its queue items; its entries' findings) is
kept in the index's cache table under the inputs it was computed from: the PO file's
signature, for the queue also its history file's and the local quality estimates', and
a fingerprint of everything else the checks read (l10n's own code, ``l10n.toml``, the
glossaries, the installed hunspell and Apertium data). A catalog whose inputs are
unchanged is read back; the others are computed again and stored. Listing catalogs
nobody touched therefore stats files and reads one table: no PO file is parsed, and
polib, Babel and hunspell are not even imported.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from l10n import __version__
from l10n.index_cache import LOCAL_QUALITIES, cached_values

FORMAT = "1"  # of the stored values
PACKAGE = Path(__file__).resolve().parent
LANGUAGE_DATA = (Path("/usr/share/hunspell"), Path(os.environ.get("APERTIUM_DATADIR", "/usr/share/apertium")))

Pair = tuple[str, str]  # (language, article)
ABSENT = "-"  # the signature of a missing file; a catalog's inputs start with its PO file's


def _signature(path: Path | str) -> str:
    try:
        stat = os.stat(path)
    except OSError:
        return ABSENT
    return f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"


def _tree(folder: Path) -> list[str]:
    """Signatures of the files under ``folder`` (none when it is missing)."""
    found = []
    for here, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        found += [f"{name}={_signature(os.path.join(here, name))}" for name in sorted(files)]
    return found


def fingerprint(project) -> str:
    """What every catalog's rows depend on besides its own files (kept whole, not hashed:
    comparing a few kilobytes costs less than importing hashlib)."""
    parts = [FORMAT, __version__, *_tree(PACKAGE), _signature(project.root / "l10n.toml")]
    parts += _tree(project.glossaries_dir)
    parts += [f"{folder}={_signature(folder)}" for folder in LANGUAGE_DATA]
    return ";".join(parts)


def rows(
    project,
    kind: str,
    pairs: list[Pair],
    inputs: Callable[[Pair], str],
    compute: Callable[[list[Pair]], dict[Pair, list]],
) -> dict[Pair, list]:
    """Each present catalog's rows of ``kind``: read back when its ``inputs`` are those
    they were computed from, else computed (``compute`` gets every stale catalog at once)
    and stored."""
    import json

    shared = fingerprint(project)
    known = cached_values(project, f"{kind}:")
    found: dict[Pair, list] = {}
    stale: dict[Pair, str] = {}
    for pair in pairs:
        own = inputs(pair)
        if own.startswith(ABSENT):  # no such catalog: nothing to list
            continue
        now = f"{shared}|{own}"
        value = known.get(f"{kind}:{pair[0]}:{pair[1]}")
        if value is not None and value.startswith(now + "\n"):
            found[pair] = json.loads(value[len(now) + 1 :])
        else:
            stale[pair] = now
    if stale:
        computed = compute(list(stale))
        fresh = {}
        for pair, now in stale.items():
            found[pair] = computed.get(pair, [])
            fresh[f"{kind}:{pair[0]}:{pair[1]}"] = now + "\n" + json.dumps(found[pair], ensure_ascii=False)
        _remember(project, fresh)
    return {pair: found[pair] for pair in pairs if pair in found}


def _remember(project, fresh: dict[str, str]) -> None:
    from l10n.store import open_store

    with open_store(project) as store:
        store.cache(fresh)


def replayed(
    project,
    slot: str,
    options: list,
    pairs: list[Pair],
    inputs: Callable[[Pair], str],
    produce: Callable[[], tuple[str, str, int]],
) -> tuple[bytes, bytes, int]:
    """A listing's whole output (stdout, stderr, exit code), replayed when nothing it
    depends on changed since it was last produced; else ``produce``'s, kept for next time.

    Rendering thousands of entries (JSON with indentation is pure Python) costs more than
    everything else a warm listing does, and reading megabytes back from SQLite costs more
    than reading a file: the output is kept as a file beside the index
    (``.l10n/listings/<slot>``, local and git-ignored like it), headed by the inputs it was
    made from. One output per ``slot`` (command and form); another selection replaces it.
    """
    parts = [fingerprint(project), repr(options), *(f"{pair}={inputs(pair)}" for pair in pairs)]
    head = (";".join(parts) + "\n").encode("utf-8", "surrogateescape")
    path = project.state_dir / "listings" / slot
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    if data.startswith(head):
        code, size, rest = data[len(head) :].split(b"\n", 2)
        return rest[: int(size)], rest[int(size) :], int(code)
    out, err, code = produce()
    out_bytes, err_bytes = out.encode(), err.encode()
    from l10n.fileio import atomic_write

    atomic_write(path, head + f"{code}\n{len(out_bytes)}\n".encode() + out_bytes + err_bytes)
    return out_bytes, err_bytes, code


def present(project, languages: list[str], articles: list[str]) -> list[Pair]:
    """The selected catalogs that exist (every other one lists nothing)."""
    locales = str(project.locales_dir)
    return [
        (language, article)
        for language in languages
        for article in articles
        if os.path.isfile(f"{locales}/{language}/{article}.po")
    ]


def queue_inputs(project) -> Callable[[Pair], str]:
    """A catalog's queue depends on its PO file, its history (drafts, assignments) and the
    quality estimates of its drafts (in the history, or the index alone: then a marker
    beside the index changes, and the index itself must be the same one)."""
    state = str(project.state_dir)
    qualities = f"{_signature(f'{state}/{LOCAL_QUALITIES}')}:{_signature(f'{state}/index.db').split(':')[0]}"
    locales, root = str(project.locales_dir), str(project.root)

    def inputs(pair: Pair) -> str:
        language, article = pair
        po = _signature(f"{locales}/{language}/{article}.po")
        return f"{po}|{_signature(f'{root}/history/{language}/{article}.jsonl')}|{qualities}"

    return inputs


def check_inputs(project) -> Callable[[Pair], str]:
    """A catalog's own findings depend on its PO file alone (consistency is worked out
    across catalogs each time, from their stored translations)."""
    locales = str(project.locales_dir)
    return lambda pair: _signature(f"{locales}/{pair[0]}/{pair[1]}.po")


# -- check ------------------------------------------------------------------------------------


def check(project, languages: list[str], articles: list[str]):
    """``l10n check``'s findings (``l10n.quality_checks``), from the index where it can."""
    from l10n.quality_checks import assemble

    pairs = [(language, article) for language in languages for article in articles]
    found = rows(project, "check", pairs, check_inputs(project), _check_compute(project))
    return assemble(
        [
            (language, article, found[(language, article)])
            for language, article in pairs
            if (language, article) in found
        ]
    )


def _check_compute(project) -> Callable[[list[Pair]], dict[Pair, list]]:
    def compute(stale: list[Pair]) -> dict[Pair, list]:
        from l10n.glossary import project_glossary
        from l10n.quality_checks import catalog_findings
        from l10n.repository import Catalogs

        glossary = project_glossary(project)
        with Catalogs(project) as catalogs:
            return {pair: catalog_findings(catalogs, glossary, *pair) for pair in stale}

    return compute


# -- queue ------------------------------------------------------------------------------------


def queue(project, languages: list[str], articles: list[str], assignee: str | None = None):
    """``l10n queue``'s items (``l10n.review.build_queue``), from the index where it can."""
    from l10n.queue_items import QueueItem

    pairs = [(language, article) for language in languages for article in articles]
    found = rows(project, "queue", pairs, queue_inputs(project), _queue_compute(project))
    items = [QueueItem(**item) for pair in pairs for item in found.get(pair, [])]
    if assignee is not None:
        items = [item for item in items if item.assignee == assignee]
    return sorted(items, key=QueueItem.order)


def _queue_compute(project) -> Callable[[list[Pair]], dict[Pair, list]]:
    def compute(stale: list[Pair]) -> dict[Pair, list]:
        from l10n.glossary import project_glossary
        from l10n.repository import Catalogs
        from l10n.review import build_queue

        glossary = project_glossary(project)
        found: dict[Pair, list] = {pair: [] for pair in stale}
        with Catalogs(project) as catalogs:
            for language in dict.fromkeys(language for language, _ in stale):
                articles = [article for lang, article in stale if lang == language]
                for item in build_queue(catalogs, glossary, [language], articles):
                    found[(item.language, item.article)].append(item.as_dict())
        return found

    return compute
