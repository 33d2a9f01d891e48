"""A second Apertium route for a pair, for a second opinion on each draft: where two routes
reach a language (French and Italian through Spanish or through Catalan; Spanish directly
or through Catalan), how much the two drafts agree is one of the strongest signals of
a draft's quality (``l10n.scoring.risk``), and per-sentence route selection picks between
them. Kept apart from the engine's own route table, which says which route is primary."""

from __future__ import annotations

from dataclasses import replace

from l10n.config import Config
from l10n.engines.base import Engine

SECOND_ROUTES = {
    ("en", "fr"): "eng-cat|cat-fra",
    ("en", "it"): "eng-cat|cat-ita",
    ("en", "es"): "eng-cat|cat-spa",
}


def second_opinion(engine: Engine, source: str, target: str) -> Engine | None:
    """The same engine on the other route of the pair, when it has one and it is installed."""
    if engine.name != "apertium":
        return None
    route = second_route(source, target, engine.route(source, target))
    if route is None:
        return None
    from l10n.engines.apertium import ApertiumEngine

    other = ApertiumEngine(on_route(engine.config, target, route))
    return other if other.supports(source, target) else None


def second_route(source: str, target: str, primary_route: str) -> str | None:
    """The pair's other Apertium route (modes joined by ``|``), if it has one."""
    route = SECOND_ROUTES.get((source, target))
    return None if route is None or route.replace("|", ">") == primary_route else route


def on_route(config: Config, target: str, route: str) -> Config:
    """The configuration with Apertium's route into ``target`` replaced by ``route``."""
    return replace(config, apertium_routes={**config.apertium_routes, target: route})
