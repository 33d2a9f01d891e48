"""Languages: one table per language (numbers from Babel's CLDR data, quotes, punctuation
spacing), and the rules that read it, shared by the fixer and the checks."""

from __future__ import annotations

from l10n.languages.table import LanguageTable, table_for

__all__ = ["LanguageTable", "table_for"]
