"""Translation memory: units (source, target, origin) from the project's reviewed entries and
from imported TMX files, a fuzzy-match index over them, and what translate, analyse and the
review queue do with a match."""
