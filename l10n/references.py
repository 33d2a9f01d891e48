"""Reference sets: ``<lang>.tsv`` files of ``source<TAB>reference`` lines.

The project's own ``references/`` folder is read first, then ``tests/data/reference/``.
"""

from __future__ import annotations

from pathlib import Path

from l10n.errors import L10nError


def read_reference_set(path: Path) -> list[tuple[str, str]]:
    pairs = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise L10nError("not UTF-8 text", path) from None
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", path) from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise L10nError("expected 'source<TAB>reference'", path, number)
        pairs.append((parts[0].strip(), parts[1].strip()))
    return pairs


def reference_files(root: Path) -> dict[str, Path]:
    """Reference set per language, the project's own folder winning. ``<lang>.extra.tsv``
    beside a set is part of it (:func:`extra_set`), not a language of its own."""
    found: dict[str, Path] = {}
    for folder in (root / "tests" / "data" / "reference", root / "references"):
        if folder.is_dir():
            for path in sorted(folder.glob("*.tsv")):
                if "." not in path.stem:
                    found[path.stem] = path
    return found


def extra_set(path: Path) -> Path | None:
    """More sentences for the same language (``fr.extra.tsv`` beside ``fr.tsv``): in this
    repository, the sentences held out from the quality estimate's calibration."""
    extra = path.with_name(f"{path.stem}.extra.tsv")
    return extra if extra.is_file() else None
