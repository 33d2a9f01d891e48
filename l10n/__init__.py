"""l10n: Markdown articles → gettext catalogs → machine translation → review → published articles."""

__version__ = "0.1.0"
