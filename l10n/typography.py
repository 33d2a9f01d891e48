"""Local typography for machine output: engines keep English number formats and French
punctuation spacing wrong; these are rules, not judgement, so they are applied to every
machine draft (never to a person's text). The typography check reports the same rules."""

from __future__ import annotations

import re

from l10n.documents.segment import Tag, join_parts, tokenize

NBSP, NNBSP = "\u00a0", "\u202f"
THOUSANDS = {"fr": NNBSP, "pl": NBSP, "es": ".", "it": ".", "pt": ".", "de": ".", "nl": "."}
_URL = re.compile(r"\w+://\S+|www\.\S+")
# 1,300 / 10,000.5 / 2.5 written the English way (one pass, so a result is not re-read)
_ENGLISH_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\w]|[.,]\d)")


def localise(text: str, language: str) -> str:
    """``text`` (with placeholders) with the language's number format and spacing."""
    base = language.split("_")[0].split("-")[0]
    if base not in THOUSANDS:
        return text
    return join_parts(
        [part if isinstance(part, Tag) else _localise_text(part, base) for part in tokenize(text)]
    )


def _localise_text(text: str, language: str) -> str:
    pieces, position = [], 0
    for url in _URL.finditer(text):
        pieces.append(_rules(text[position : url.start()], language))
        pieces.append(url.group(0))
        position = url.end()
    pieces.append(_rules(text[position:], language))
    return "".join(pieces)


def _number(match: re.Match, language: str) -> str:
    whole, _, decimals = match.group(0).partition(".")
    whole = whole.replace(",", THOUSANDS[language]) if len(whole) > 4 or "," in whole else whole
    return whole + ("," + decimals if decimals else "")


def _rules(text: str, language: str) -> str:
    text = _ENGLISH_NUMBER.sub(lambda m: _number(m, language), text)
    if language == "fr":
        text = re.sub(r"(\d)\s?%", rf"\1{NNBSP}%", text)
        text = re.sub(r"\s*([;!?])", rf"{NNBSP}\1", text)
        text = re.sub(rf"(?<=[{NNBSP}!?])?{NNBSP}([!?])(?=[!?])", r"\1", text)
        text = re.sub(r"(?<!\d)\s*:(?!\d|//)", f"{NBSP}:", text)
        text = re.sub(r"«\s*", f"«{NBSP}", text)
        text = re.sub(r"\s*»", f"{NBSP}»", text)
    return text
