"""The commands of ``l10n``, one module per family, imported only when used."""
