"""Which engine reaches which language here, asked through the ``Engine`` interface only, so
an engine added to the registry is surveyed without a change here."""

from __future__ import annotations

from dataclasses import dataclass, field

from l10n.config import Config
from l10n.engines import ENGINES, load_engine
from l10n.engines.base import EngineError

# The 24 official languages of the European Union.
EU_LANGUAGES = {
    "bg": "Bulgarian",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "et": "Estonian",
    "fi": "Finnish",
    "fr": "French",
    "ga": "Irish",
    "hr": "Croatian",
    "hu": "Hungarian",
    "it": "Italian",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mt": "Maltese",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sv": "Swedish",
}
# Regional languages of the EU that Apertium reaches.
REGIONAL_LANGUAGES = {"ca": "Catalan", "gl": "Galician"}


@dataclass
class Reach:
    language: str
    route: str
    version: str


@dataclass
class EngineReport:
    name: str
    available: bool
    reaches: list[Reach] = field(default_factory=list)
    not_reached: dict[str, str] = field(default_factory=dict)  # language → what is missing


def candidate_languages(config: Config) -> list[str]:
    """Languages asked about: the EU's, the regional ones, and the project's own targets."""
    wanted = [*EU_LANGUAGES, *REGIONAL_LANGUAGES, *config.target_languages]
    return sorted(code for code in dict.fromkeys(wanted) if code != config.source_language)


def survey(config: Config, names: list[str] | None = None) -> list[EngineReport]:
    reports = []
    for name in names or list(ENGINES):
        engine = load_engine(name, config)
        report = EngineReport(name, available=False)
        for language in candidate_languages(config):
            source = config.source_language
            try:
                if engine.supports(source, language):
                    reach = Reach(language, engine.route(source, language), engine.version(source, language))
                    report.reaches.append(reach)
                else:
                    report.not_reached[language] = engine.missing(source, language)
            except EngineError as exc:  # a server that does not answer, a broken package
                report.not_reached[language] = str(exc)
        report.available = bool(report.reaches)
        reports.append(report)
    return reports
