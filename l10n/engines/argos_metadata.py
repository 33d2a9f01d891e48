"""An Argos package's ``metadata.json``, read and type-checked before anything uses it.

The file comes from a downloaded archive, so every field we or argostranslate read gets
its type checked here: a wrong type becomes one line naming the file, never a traceback
deep inside a loader.
"""

from __future__ import annotations

import json
from pathlib import Path

from l10n.config import LANGUAGE_CODE
from l10n.engines.base import EngineError

TEXT_FIELDS = ("code", "package_version", "argos_version", "from_name", "to_name", "type", "target_prefix")
LIST_FIELDS = (
    "links",
    "languages",
    "dependencies",
    "from_codes",
    "to_codes",
    "source_languages",
    "target_languages",
)


def parse_metadata(data: bytes, shown: str) -> dict:
    """The validated metadata of a translation package; ``shown`` names the file in errors."""
    try:
        metadata = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise EngineError(f"not valid JSON: {exc}", shown) from None
    if not isinstance(metadata, dict):
        raise EngineError(f"must hold a JSON object, found {_kind(metadata)}", shown)
    for key in ("from_code", "to_code"):
        value = metadata.get(key)
        if not isinstance(value, str) or not LANGUAGE_CODE.match(value):
            raise EngineError(f"{key} must be a language code such as 'en', found {value!r:.40}", shown)
    for key in TEXT_FIELDS:
        if key in metadata and not isinstance(metadata[key], str):
            raise EngineError(f"{key} must be a string, found {_kind(metadata[key])}", shown)
    for key in LIST_FIELDS:
        if key in metadata and not isinstance(metadata[key], list):
            raise EngineError(f"{key} must be a list, found {_kind(metadata[key])}", shown)
    if metadata.get("type", "translate") != "translate":
        raise EngineError(f"not a translation package (type {metadata['type']!r:.40})", shown)
    return metadata


def read_metadata(package: Path) -> dict:
    """The validated metadata of an installed package folder."""
    path = Path(package) / "metadata.json"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EngineError(f"cannot read: {exc.strerror or exc}", path) from None
    return parse_metadata(data, str(path))


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
