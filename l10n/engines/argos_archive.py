"""``.argosmodel`` archives: checked before anything is written, unpacked within limits.

A package file is untrusted input. It must be a zip holding exactly one top folder with
``metadata.json``, ``model/`` and a tokenizer (``sentencepiece.model`` or ``bpe.model``);
no member may land outside that folder (absolute paths, ``..``, links); and it may not
unpack to more than a real package ever needs: bounded member count, total size and
compression ratio (a 5 MB file of zeros that unpacks to 5 GiB is a bomb, not a model).
The sizes the zip declares are checked first, and the bytes actually written are counted
again while unpacking.
"""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from l10n.engines.argos_metadata import parse_metadata
from l10n.engines.argos_tokenizers import no_tokenizer, package_kind
from l10n.engines.base import EngineError

MAX_MEMBERS = 10_000  # real packages hold a few dozen files
MAX_UNPACKED_BYTES = 4 * 1024**3  # the largest Argos packages unpack to well under 1 GiB
MAX_RATIO = 100  # model weights barely compress; zeros compress about 1000:1
RATIO_FLOOR_BYTES = 16 * 1024**2  # below this the ratio says nothing (tiny text files)
CHUNK = 1024**2


@dataclass(frozen=True)
class CheckedArchive:
    path: Path
    top: str  # the package's one top folder
    metadata: dict
    unpacked_bytes: int


def validate_archive(archive: Path) -> CheckedArchive:
    """Check a ``.argosmodel`` without writing anything; refuse it with one line if it is
    malformed, escapes its folder, or is too big for what it claims to be."""
    archive = Path(archive)
    if not zipfile.is_zipfile(archive):
        raise EngineError("not an Argos package: not a zip archive", archive)
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = zipped.infolist()
            top, total = _check_members(archive, members)
            _check_size(archive, members, total)
            names = {m.filename.rstrip("/") for m in members}
            for required in ("metadata.json", "model/model.bin", "model/config.json"):
                if f"{top}/{required}" not in names:
                    raise EngineError(f"not an Argos package: no {top}/{required}", archive)
            inside = {name.removeprefix(f"{top}/") for name in names}
            if not package_kind(inside):
                raise EngineError(f"not an Argos package: {no_tokenizer(f'{top}/')}", archive)
            metadata_bytes = zipped.read(f"{top}/metadata.json")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise EngineError(f"damaged archive: {exc}", archive) from None
    except OSError as exc:
        raise EngineError(f"cannot read: {exc.strerror or exc}", archive) from None
    metadata = parse_metadata(metadata_bytes, f"{archive}: {top}/metadata.json")
    return CheckedArchive(archive, top, metadata, total)


def _check_members(archive: Path, members: list[zipfile.ZipInfo]) -> tuple[str, int]:
    if len(members) > MAX_MEMBERS:
        raise EngineError(f"refused: {len(members)} members (a package has at most {MAX_MEMBERS})", archive)
    tops, total = set(), 0
    for member in members:
        name = member.filename
        parts = PurePosixPath(name).parts
        if (
            not name
            or name.startswith(("/", "\\"))
            or "\\" in name
            or "\0" in name
            or ".." in parts
            or (parts and parts[0].endswith(":"))
        ):
            raise EngineError(f"refused: member {name!r} would be written outside the package", archive)
        if stat.S_ISLNK(member.external_attr >> 16):
            raise EngineError(f"refused: member {name!r} is a symbolic link", archive)
        if len(parts) == 1 and not member.is_dir():
            raise EngineError(f"refused: {name!r} lies outside a package folder", archive)
        tops.add(parts[0])
        total += member.file_size
    if len(tops) != 1:
        raise EngineError(f"an Argos package holds exactly one top folder, found {len(tops)}", archive)
    return tops.pop(), total


def _check_size(archive: Path, members: list[zipfile.ZipInfo], total: int) -> None:
    packed = sum(m.compress_size for m in members)
    if total > RATIO_FLOOR_BYTES and total > MAX_RATIO * max(packed, 1):
        raise EngineError(
            f"refused: {_mib(packed)} would unpack to {_gib(total)} "
            f"(compression ratio over {MAX_RATIO}:1: an archive bomb, not a model)",
            archive,
        )
    if total > MAX_UNPACKED_BYTES:
        raise EngineError(f"refused: unpacks to {_gib(total)}, more than {_gib(MAX_UNPACKED_BYTES)}", archive)


def unpack(checked: CheckedArchive, destination: Path) -> Path:
    """Unpack a checked archive into the empty folder ``destination``; returns the package
    folder. Writes never exceed the declared sizes (a lying header stops the unpacking)."""
    root = destination.resolve()
    budget = checked.unpacked_bytes
    with zipfile.ZipFile(checked.path) as zipped:
        for member in zipped.infolist():
            target = (root / member.filename).resolve()
            if not target.is_relative_to(root):
                raise EngineError(f"refused: {member.filename!r} escapes the package folder", checked.path)
            if member.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zipped.open(member) as source, open(target, "wb") as sink:
                written = 0
                while chunk := source.read(CHUNK):
                    written += len(chunk)
                    budget -= len(chunk)
                    if written > member.file_size or budget < 0:
                        raise EngineError(
                            f"refused: {member.filename!r} unpacks to more than it declares", checked.path
                        )
                    sink.write(chunk)
    return root / checked.top


def _gib(size: int) -> str:
    return f"{size / 1024**3:.1f} GiB"


def _mib(size: int) -> str:
    return f"{size / 1024**2:.1f} MB"
