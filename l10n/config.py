"""Read and validate ``l10n.toml``.

The file is small and human-edited, so every mistake is reported with the line of the
key that caused it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10n.errors import L10nError

CONFIG_NAME = "l10n.toml"
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")

DEFAULT_TOML = """\
# l10n project configuration.
# Written into every PO header as Project-Id-Version.
name = "l10n"
source_language = "en"
target_languages = ["fr", "es", "it"]

[extract]
# Front-matter fields that readers see and that are translated.
front_matter = ["title", "summary"]

[engines]
# "auto": Argos when an en→<lang> package is installed, otherwise `fallback`.
default = "auto"
fallback = "apertium"
# A batch that takes longer than timeout_base + timeout_per_segment × its size (seconds)
# is stopped with an error naming the engine and route (a hung engine never hangs l10n).
timeout_base = 60
timeout_per_segment = 2

[engines.languages]
# Per-language override, e.g.  de = "argos"

[apertium]
# Languages translated through both of Apertium's pivots (Spanish and Catalan), keeping per
# sentence the draft the quality estimate prefers: French gained 0.8 chrF on held-out
# sentences (bench/route_selection.json) for about four times the engine work. [] turns it off.
route_selection = ["fr"]

[apertium.routes]
# Pivot routes chosen by chrF on tests/data/reference (see README).
fr = "eng-spa|es-fr"
es = "eng-spa"
it = "eng-spa|spa-ita"
ca = "eng-spa|spa-cat"
pt = "eng-cat|cat-por"
gl = "eng-spa|es-gl"
hr = "eng-hbs_HR"
sl = "eng-hbs_HR|hbs-slv"

[argos]
# Measured on 2 cores (bench/results.json): two inter threads of one thread each and
# batches of 32 sentences gave the best throughput at beam 4.
beam_size = 4
max_batch_size = 32
batch_type = "examples"
inter_threads = 2
intra_threads = 1
compute_type = "int8"
device = "cpu"
# Longest output, in tokens (a real model stops at the end of a sentence much earlier).
max_decoding_length = 256

[libretranslate]
# Self-hosted LibreTranslate server(s) (engine "libretranslate"): one URL, or several
# separated by spaces or commas, whose batches are spread over them; a server that fails
# mid-run has its batches retried on the others. L10N_LIBRETRANSLATE_URL overrides url.
url = ""
api_key = ""
# Texts per request, requests in flight per server, seconds one request may take, and
# retries of a failed request (after 0.5 s, 1 s, 2 s…) before its server is given up.
batch_size = 16
concurrency = 2
timeout = 120
retries = 2

[review]
# Reviewer identity when --reviewer is not given (falls back to git's user).
reviewer = ""

[tm]
# Translation memory: matches from this percentage are shown with the entry; a fuzzy match
# becomes the draft instead of the engine's from draft_threshold. Measured on the reference
# sets (bench/tm.py, sentence chrF): at 75-84 % Apertium's draft was closer to the
# reference every time, from 85 % the match every time. 100 % matches always do.
threshold = 75
draft_threshold = 85
"""


_DEFAULTS: dict[str, Any] = tomllib.loads(DEFAULT_TOML)  # the one place defaults are written


def _default(*path: str) -> Any:
    value: Any = _DEFAULTS
    for part in path:
        value = value[part]
    return value


@dataclass
class ArgosSettings:
    beam_size: int = _default("argos", "beam_size")
    max_batch_size: int = _default("argos", "max_batch_size")
    batch_type: str = _default("argos", "batch_type")
    inter_threads: int = _default("argos", "inter_threads")
    intra_threads: int = _default("argos", "intra_threads")
    compute_type: str = _default("argos", "compute_type")
    device: str = _default("argos", "device")
    max_decoding_length: int = _default("argos", "max_decoding_length")


@dataclass
class TmSettings:
    threshold: int = _default("tm", "threshold")
    draft_threshold: int = _default("tm", "draft_threshold")


@dataclass
class LibreTranslateSettings:
    url: str = _default("libretranslate", "url")
    api_key: str = _default("libretranslate", "api_key")
    batch_size: int = _default("libretranslate", "batch_size")
    concurrency: int = _default("libretranslate", "concurrency")
    timeout: int = _default("libretranslate", "timeout")
    retries: int = _default("libretranslate", "retries")


@dataclass
class Config:
    path: Path | None = None
    name: str = _default("name")
    source_language: str = _default("source_language")
    target_languages: list[str] = field(default_factory=lambda: list(_default("target_languages")))
    front_matter: list[str] = field(default_factory=lambda: list(_default("extract", "front_matter")))
    default_engine: str = _default("engines", "default")
    fallback_engine: str = _default("engines", "fallback")
    engine_timeout_base: float = float(_default("engines", "timeout_base"))  # seconds per batch
    engine_timeout_per_segment: float = float(_default("engines", "timeout_per_segment"))
    language_engines: dict[str, str] = field(default_factory=dict)
    apertium_routes: dict[str, str] = field(default_factory=lambda: dict(_default("apertium", "routes")))
    route_selection: list[str] = field(default_factory=lambda: list(_default("apertium", "route_selection")))
    argos: ArgosSettings = field(default_factory=ArgosSettings)
    tm: TmSettings = field(default_factory=TmSettings)
    libretranslate: LibreTranslateSettings = field(default_factory=LibreTranslateSettings)
    reviewer: str = _default("review", "reviewer")
    article_priority: dict[str, int] = field(default_factory=dict)

    def engine_for(self, language: str) -> str:
        return self.language_engines.get(language, self.default_engine)


# Codes every Babel knows: checked without importing Babel (every command validates the
# configured languages, and Babel's import and locale data cost a listing a third of its time).
COMMON_LANGUAGES = frozenset(
    ["ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "fi", "fr", "hu", "it", "ja"]
    + ["ko", "nb", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sv", "tr", "uk", "zh"]
)


def validate_language(code: str, path: Path | None = None, line: int | None = None) -> str:
    """Return ``code`` if it names a language Babel knows, else raise a located error."""
    if code in COMMON_LANGUAGES:
        return code
    from babel import Locale, UnknownLocaleError

    if not LANGUAGE_CODE.match(code or ""):
        raise L10nError(f"not a language code: {code!r}", path, line)
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise L10nError(f"unknown language code: {code!r}", path, line) from None
    return code


def parse_languages(value: str, path: Path | None = None) -> list[str]:
    """Split a ``fr,es it`` style list given on the command line."""
    codes = [c for c in re.split(r"[,\s]+", value.strip()) if c]
    return [validate_language(c, path) for c in codes]


def load_config(path: Path) -> Config:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        raise L10nError(f"invalid TOML: {exc.msg if hasattr(exc, 'msg') else exc}", path, line) from None
    return _build(data, text, path)


def _line_from_message(message: str) -> int | None:
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


def _key_line(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=", re.MULTILINE)
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _build(data: dict[str, Any], text: str, path: Path) -> Config:
    def fail(key: str, message: str) -> L10nError:
        return L10nError(message, path, _key_line(text, key))

    def get_str(table: dict, key: str, default: str) -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            raise fail(key, f"{key} must be a string")
        return value

    def get_int(table: dict, key: str, default: int) -> int:
        value = table.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise fail(key, f"{key} must be a positive integer")
        return value

    def get_list(table: dict, key: str, default: list[str]) -> list[str]:
        value = table.get(key, default)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"{key} must be a list of strings")
        return list(value)

    config = Config(path=path)
    config.name = get_str(data, "name", config.name).strip() or config.name
    config.source_language = get_str(data, "source_language", config.source_language)
    validate_language(config.source_language, path, _key_line(text, "source_language"))
    config.target_languages = get_list(data, "target_languages", config.target_languages)
    for code in config.target_languages:
        validate_language(code, path, _key_line(text, "target_languages"))

    extract = data.get("extract", {})
    config.front_matter = get_list(extract, "front_matter", config.front_matter)

    engines = data.get("engines", {})
    config.default_engine = get_str(engines, "default", config.default_engine)
    config.fallback_engine = get_str(engines, "fallback", config.fallback_engine)
    for key in ("timeout_base", "timeout_per_segment"):
        value = engines.get(key, getattr(config, f"engine_{key}"))
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            raise fail(key, f"{key} must be a positive number of seconds")
        setattr(config, f"engine_{key}", float(value))
    languages = engines.get("languages", {})
    for code, name in languages.items():
        validate_language(code, path, _key_line(text, code))
        if not isinstance(name, str):
            raise fail(code, f"engine for {code} must be a string")
        config.language_engines[code] = name

    apertium = data.get("apertium", {})
    config.route_selection = get_list(apertium, "route_selection", config.route_selection)
    for code in config.route_selection:
        validate_language(code, path, _key_line(text, "route_selection"))
    routes = apertium.get("routes", {})
    config.apertium_routes = {}
    for code, route in routes.items():
        if not isinstance(route, str) or not route.strip():
            raise fail(code, f"apertium route for {code} must be a string like 'eng-spa|es-fr'")
        config.apertium_routes[code] = route

    argos = data.get("argos", {})
    settings: dict[str, Any] = {
        name: (get_int if isinstance(value, int) else get_str)(argos, name, value)
        for name, value in vars(ArgosSettings()).items()
    }
    config.argos = ArgosSettings(**settings)
    if config.argos.device not in ("cpu", "cuda", "auto"):
        raise fail("device", "device must be 'cpu', 'cuda' or 'auto'")
    if config.argos.batch_type not in ("examples", "tokens"):
        raise fail("batch_type", "batch_type must be 'examples' or 'tokens'")

    tm = data.get("tm", {})
    config.tm = TmSettings(**{name: get_int(tm, name, value) for name, value in vars(TmSettings()).items()})
    for name, value in vars(config.tm).items():
        if value > 100:
            raise fail(name, f"{name} must be a percentage (1 to 100)")

    libretranslate = data.get("libretranslate", {})
    defaults_lt = LibreTranslateSettings()
    retries = libretranslate.get("retries", defaults_lt.retries)
    if not isinstance(retries, int) or isinstance(retries, bool) or retries < 0:
        raise fail("retries", "retries must be a whole number (0: none)")
    served: dict[str, Any] = {
        name: (get_int if isinstance(value, int) else get_str)(libretranslate, name, value)
        for name, value in vars(defaults_lt).items()
        if name != "retries"
    }
    config.libretranslate = LibreTranslateSettings(**served, retries=retries)

    review = data.get("review", {})
    config.reviewer = get_str(review, "reviewer", config.reviewer)
    priority = review.get("priority", {})
    for slug, value in priority.items():
        if not isinstance(value, int):
            raise fail(slug, f"priority of {slug} must be an integer")
        config.article_priority[slug] = value
    return config
