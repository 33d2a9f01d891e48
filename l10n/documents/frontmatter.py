"""YAML front matter: which fields are translated, and writing their values back so that the
front matter stays valid YAML and a translator's text cannot smuggle HTML into a template."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from l10n.documents.inline import Slot, Text, literal_pieces, make_slot, split_pieces
from l10n.errors import L10nError


@dataclass
class FrontMatter:
    start: int  # first line after the opening ---
    end: int  # the closing --- line (not replaced)
    text: str
    fields: list[tuple[int, int, list[Slot]]]  # value span in text, sentences

    def render(self, value_of: Callable[[list[Slot]], str]) -> list[str]:
        out, position = [], 0
        for begin, finish, slots in self.fields:
            original = self.text[begin:finish]
            trailing = original[len(original.rstrip()) :]
            out += [self.text[position:begin], yaml_string(value_of(slots)), trailing]
            position = finish
        out.append(self.text[position:])
        return "".join(out)[:-1].split("\n")  # the text ends with the newline we added


def read_front_matter(
    lines: list[str], path: str, fields: list[str], language: str
) -> tuple[FrontMatter | None, int]:
    """The front matter opened on line 1, and the index of the first line after it."""
    import yaml

    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if closing is None:
        raise L10nError("front matter opened here is never closed by a '---' line", path, 1)
    text = "\n".join(lines[1:closing]) + "\n"
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 1
        raise L10nError(f"malformed front matter: {exc.problem or exc}", path, line) from None
    except yaml.YAMLError as exc:
        raise L10nError(f"malformed front matter: {exc}", path, 1) from None
    if node is None:
        return None, closing + 1
    if not isinstance(node, yaml.MappingNode):
        raise L10nError("front matter must be a mapping of keys to values", path, 2)
    found = []
    for key, value in node.value:
        if key.value not in fields or not isinstance(value, yaml.ScalarNode):
            continue
        if value.tag != "tag:yaml.org,2002:str" or not value.value.strip():
            continue
        line = value.start_mark.line + 2
        kind = f"front matter: {key.value}"
        slots = [
            make_slot(pieces, line, kind, spaced)
            for _, spaced, pieces in split_pieces(literal_pieces([Text(value.value)]), language)
        ]
        found.append((value.start_mark.index, value.end_mark.index, slots))
    if not found:
        return None, closing + 1
    return FrontMatter(1, closing, text, found), closing + 1


# What PyYAML reads as a line break or refuses in a stream, and a stray byte order mark:
# written as escapes so that the value comes back exactly.
_NOT_PLAIN = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]"
)


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's), with every character that
    YAML would fold, reject or misread escaped."""
    quoted = json.dumps(value, ensure_ascii=False)
    return _NOT_PLAIN.sub(_escape, quoted)


def _escape(found: re.Match) -> str:
    code = ord(found.group(0))
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_REFERENCE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def inert_html(text: str) -> str:
    """Text that an HTML template printing it unescaped shows as written: a ``<`` that would
    open a tag and an ``&`` that would start a character reference become references."""
    return _TAG_START.sub("&lt;", _REFERENCE.sub("&amp;", text))
