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
