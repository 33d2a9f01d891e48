"""What CLDR (and so Babel) does not say about a language's typography: its quotation
marks and the spaces its punctuation takes. One entry per language; a region may refine
its language ("pt_PT" over "pt"). Number formats are not here: they come from Babel."""

from __future__ import annotations

NBSP, NNBSP = "\u00a0", "\u202f"

# Primary quotation marks, as the language's style guides and CLDR's delimiters give them.
QUOTES: dict[str, tuple[str, str]] = {
    "fr": ("«", "»"),
    "es": ("«", "»"),
    "it": ("«", "»"),
    "ca": ("«", "»"),
    "gl": ("«", "»"),
    "pt": ("“", "”"),
    "pt_PT": ("«", "»"),
    "de": ("„", "“"),
    "hr": ("„", "“"),
    "sl": ("„", "“"),
    "pl": ("„", "”"),
    "nl": ("“", "”"),
    "ro": ("„", "”"),
    "en": ("“", "”"),
}

# The space a punctuation mark takes before it (French: a narrow no-break space before
# ; ! ? and a no-break space before :), and inside the quotation marks.
SPACE_BEFORE: dict[str, dict[str, str]] = {
    "fr": {";": NNBSP, "!": NNBSP, "?": NNBSP, ":": NBSP},
}
SPACE_INSIDE_QUOTES: dict[str, str] = {"fr": NBSP}

# Scale words CLDR's compact formats leave out but the language uses: "miles de millones".
EXTRA_SCALE_WORDS: dict[str, dict[str, int]] = {
    "es": {"miles de millones": 10**9, "millardos": 10**9, "millardo": 10**9},
}

# Amounts of money, as the language writes them after a number and a scale word:
# "600 milliards de dollars", "1,2 milliard d'euros", "600 mil millones de dólares",
# "10 miliardi di euro". Currency words: (singular, plural).
CURRENCY_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {"USD": ("dollar", "dollars"), "EUR": ("euro", "euros"), "GBP": ("livre", "livres")},
    "es": {"USD": ("dólar", "dólares"), "EUR": ("euro", "euros"), "GBP": ("libra", "libras")},
    "it": {"USD": ("dollaro", "dollari"), "EUR": ("euro", "euro"), "GBP": ("sterlina", "sterline")},
    "pt": {"USD": ("dólar", "dólares"), "EUR": ("euro", "euros"), "GBP": ("libra", "libras")},
}
# The preposition between a scale word and the currency ("milliards de dollars"), with
# its elided form before a vowel where the language elides.
CURRENCY_LINK: dict[str, tuple[str, str]] = {
    "fr": ("de ", "d'"),
    "es": ("de ", "de "),
    "it": ("di ", "di "),
    "pt": ("de ", "de "),
}
# What a Spanish pivot leaves around an amount: calques of "mil millones" and of "EE.UU.",
# and the words that may link them. A rewrite only ever replaces a run made of these.
AMOUNT_DEBRIS: dict[str, tuple[str, ...]] = {
    "fr": ("mil", "Mil", "mille", "milliers", "millier", "millions", "million", "milliards", "milliard",
           "billions", "billion", "de", "d'", "les", "des", "EE.UU.", "É.-U.", "USA", "US", "américains"),
    "es": ("mil", "Mil", "miles", "millones", "millón", "billones", "billón", "millardos", "de", "los",
           "EE.UU.", "EEUU", "estadounidenses"),
    "it": ("mil", "Mil", "mila", "mille", "migliaia", "milioni", "milione", "miliardi", "miliardo", "bilioni",
           "di", "dei", "degli", "gli", "i", "EE.UU.", "USA", "statunitensi"),
    "pt": ("mil", "Mil", "milhares", "milhões", "milhão", "bilhões", "bilhão", "de", "dos", "os",
           "EE.UU.", "EUA"),
}  # fmt: skip
