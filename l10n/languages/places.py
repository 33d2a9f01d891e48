"""Country and region names that take an article, per language, with their gender and
number: French says "le Kazakhstan", "au Kazakhstan", "en Ouzbékistan", "aux États-Unis";
Italian "il Kazakistan", "in Kazakistan". Cities take none ("à Astana") and are not here.

Codes: "m", "f" (singular), "mpl", "fpl". Elision (l', en before a vowel) follows from
the name's first letter; names with an aspirated h would need their own code.
"""

from __future__ import annotations

PLACES: dict[str, dict[str, str]] = {
    "fr": {
        "Kazakhstan": "m",
        "Ouzbékistan": "m",
        "Tadjikistan": "m",
        "Turkménistan": "m",
        "Kirghizistan": "m",
        "Azerbaïdjan": "m",
        "Afghanistan": "m",
        "Pakistan": "m",
        "Iran": "m",
        "Japon": "m",
        "Canada": "m",
        "Royaume-Uni": "m",
        "Luxembourg": "m",
        "Portugal": "m",
        "Danemark": "m",
        "Caucase": "m",
        "Moyen-Orient": "m",
        "Golfe persique": "m",
        "République kirghize": "f",
        "Géorgie": "f",
        "Arménie": "f",
        "Chine": "f",
        "Russie": "f",
        "Turquie": "f",
        "Türkiye": "f",
        "Mongolie": "f",
        "Inde": "f",
        "France": "f",
        "Allemagne": "f",
        "Italie": "f",
        "Espagne": "f",
        "Belgique": "f",
        "Pologne": "f",
        "Ukraine": "f",
        "Europe": "f",
        "Asie": "f",
        "Asie centrale": "f",
        "Asie du Sud-Est": "f",
        "Afrique": "f",
        "États-Unis": "mpl",
        "Émirats arabes unis": "mpl",
        "Pays-Bas": "mpl",
    },
    "it": {
        "Kazakistan": "m",
        "Kazakhstan": "m",
        "Uzbekistan": "m",
        "Tagikistan": "m",
        "Turkmenistan": "m",
        "Kirghizistan": "m",
        "Azerbaigian": "m",
        "Afghanistan": "m",
        "Pakistan": "m",
        "Giappone": "m",
        "Caucaso": "m",
        "Repubblica del Kirghizistan": "f",
        "Georgia": "f",
        "Armenia": "f",
        "Cina": "f",
        "Russia": "f",
        "Turchia": "f",
        "Türkiye": "f",
        "Mongolia": "f",
        "India": "f",
        "Francia": "f",
        "Germania": "f",
        "Italia": "f",
        "Spagna": "f",
        "Europa": "f",
        "Asia": "f",
        "Asia centrale": "f",
        "Stati Uniti": "mpl",
    },
}


def places(language: str) -> dict[str, str]:
    """The place names of a language ("pt_PT" reads "pt"), longest first."""
    table = PLACES.get(language.replace("-", "_").split("_")[0], {})
    return dict(sorted(table.items(), key=lambda item: -len(item[0])))
