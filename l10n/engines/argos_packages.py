"""Argos Translate packages on this machine: where they live, which are usable, installing.

Folders follow argostranslate's own settings (``ARGOS_PACKAGES_DIR`` in the environment or
in its ``settings.json``, else ``$XDG_DATA_HOME/argos-translate/packages``), read here
without importing argostranslate, so listing packages loads no machine-learning library.
Installing unpacks a checked archive beside the package folder and load-tests it with the
engine itself before it goes live: a package that cannot translate is refused, not listed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from l10n.engines.argos_archive import unpack, validate_archive
from l10n.engines.argos_metadata import read_metadata
from l10n.engines.argos_tokenizers import no_tokenizer, package_kind
from l10n.engines.base import EngineError

INDEX_TIMEOUT_S = 5.0
DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
OFFLINE_HINT = "install a package file instead: l10n models install FILE.argosmodel"


@dataclass(frozen=True)
class PackageInfo:
    name: str
    path: str
    from_code: str
    to_code: str
    version: str
    problem: str = ""  # why the package cannot be used ("" = usable)
    kind: str = ""  # its tokenizer: "sentencepiece" or "bpe" ("" = none found)

    @property
    def usable(self) -> bool:
        return not self.problem


def _setting(key: str) -> str | None:
    """An argostranslate setting: the environment first, then its settings.json."""
    if os.environ.get(key) is not None:
        return os.environ[key]
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    with contextlib.suppress(OSError, ValueError):
        stored = json.loads((config_home / "argos-translate" / "settings.json").read_text("utf-8"))
        if isinstance(stored, dict) and isinstance(stored.get(key), str):
            return stored[key]
    return None


def package_dirs() -> list[Path]:
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return [Path(_setting("ARGOS_PACKAGES_DIR") or data_home / "argos-translate" / "packages")]


def describe(path: Path) -> PackageInfo:
    """One package folder, with the reason it cannot be used if there is one."""
    try:
        metadata = read_metadata(path)
    except EngineError as exc:
        return PackageInfo(path.name, str(path), "?", "?", "?", f"unreadable: {exc.message}")
    kind = ""
    with contextlib.suppress(OSError):
        kind = package_kind({p.name for p in path.iterdir() if p.is_file()})
    problem = ""
    if not kind:
        problem = no_tokenizer()
    elif not (path / "model" / "model.bin").is_file():
        problem = "no CTranslate2 model (model/model.bin)"
    return PackageInfo(
        path.name,
        str(path),
        metadata["from_code"],
        metadata["to_code"],
        metadata.get("package_version", ""),
        problem,
        kind,
    )


def installed_packages() -> list[PackageInfo]:
    """Every folder in the package folders; a broken one is listed with its problem
    instead of breaking the listing."""
    found = []
    for folder in package_dirs():
        with contextlib.suppress(OSError):
            found += [
                describe(path)
                for path in sorted(folder.iterdir())
                if path.is_dir() and not path.name.startswith(".")
            ]
    return found


def find_package(source: str, target: str) -> PackageInfo | None:
    """The usable package for a pair."""
    found = package_for(source, target)
    return found if found is not None and found.usable else None


def package_for(source: str, target: str) -> PackageInfo | None:
    """The package installed for a pair, a usable one first, else one that says why it
    cannot be used."""
    candidates = [p for p in installed_packages() if p.from_code == source and p.to_code == target]
    return next((p for p in candidates if p.usable), candidates[0] if candidates else None)


def install_file(archive: Path) -> PackageInfo:
    """Check, unpack and load-test a package file, then make it live; an existing package
    of that name is replaced only once the new one has passed."""
    from l10n.engines.argos import load_test  # the engine itself, imported only now

    checked = validate_archive(Path(archive))
    root = package_dirs()[0]
    final = root / checked.top
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=root))
    except OSError as exc:
        raise EngineError(f"cannot install here: {exc.strerror or exc}", root) from None
    try:
        package = unpack(checked, staging)
        load_test(package, str(archive))
        if final.exists():
            os.replace(final, staging / ".previous")
        os.replace(package, final)
    except OSError as exc:
        raise EngineError(f"cannot install: {exc.strerror or exc} (nothing was installed)", root) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return describe(final)


def install_from_index(source: str, target: str, timeout: float = INDEX_TIMEOUT_S) -> PackageInfo:
    """Download and install the index's package for a pair (needs internet)."""
    index_url = (_setting("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX) + "index.json"
    try:
        with urllib.request.urlopen(index_url, timeout=timeout) as response:
            index = json.loads(response.read())
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EngineError(f"cannot reach the Argos package index ({reason}); {OFFLINE_HINT}") from None
    for entry in index if isinstance(index, list) else []:
        if isinstance(entry, dict) and entry.get("from_code") == source and entry.get("to_code") == target:
            links = [link for link in entry.get("links") or [] if isinstance(link, str)]
            break
    else:
        raise EngineError(f"the Argos index has no package for {source}→{target}")
    with tempfile.TemporaryDirectory() as work:
        archive = Path(work) / f"translate-{source}_{target}.argosmodel"
        for link in links:
            try:
                with urllib.request.urlopen(link, timeout=60) as response, open(archive, "wb") as sink:
                    shutil.copyfileobj(response, sink)
                break
            except (urllib.error.URLError, OSError):
                continue
        else:
            raise EngineError(f"could not download the {source}→{target} package; {OFFLINE_HINT}")
        return install_file(archive)
