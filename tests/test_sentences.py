"""The sentence splitter gives pysbd's own results, only faster (issue 16): each of the
test suite's sentences and paragraphs is split here and by an unpatched pysbd in a child
process, and the two must agree exactly."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO, SAMPLES
from l10n.documents.sentences import RULES, sentence_starts

TRICKY = [
    "Mr. Smith met the U.S. envoy on item No. 5 today. It went well.",
    "It rained. It rained. It rained.",  # a sentence repeated in its own paragraph
    "aaa. aa. aaa.",
    "One sentence.\u00a0Another after a no-break space.\u2003And an em space.",
    "He said: \u201cGo.\u201d Then he left... Did he? Yes!",
    "See fig. 3 and p. 12; e.g. the 2.4 billion euros of the E.U. budget. Next.",
    "Trailing spaces.   ",
    "   Leading spaces. Then more.",
    "Dr. Who?! No, Dr. No. St. Petersburg lies on the Neva.",
    "Line one.\nLine two.\n\nLine three",
]


def corpus() -> list[str]:
    texts = list(TRICKY)
    for path in sorted((REPO / "tests" / "data" / "reference").glob("*.tsv")):
        sources = [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines() if line]
        texts += sources
        texts += [" ".join(sources[i : i + 4]) for i in range(0, len(sources), 4)]  # as paragraphs
    for path in sorted(SAMPLES.glob("*.md")):
        texts += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return texts


PLAIN_PYSBD = """
import json, sys
import pysbd
texts = json.loads(sys.stdin.read())
segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
out = []
for text in texts:
    starts = []
    if len(text) >= 2:
        for span in segmenter.segment(text)[1:]:
            start = span.start
            while start < len(text) and text[start].isspace():
                start += 1
            if 0 < start < len(text):
                starts.append(start)
    out.append(starts)
print(json.dumps(out))
"""


def test_sentence_starts_match_unpatched_pysbd_on_the_suites_sentences():
    texts = corpus()
    assert len(texts) > 400
    child = subprocess.run(
        [sys.executable, "-c", PLAIN_PYSBD],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(child.stdout)
    mine = [sentence_starts(text) for text in texts]
    assert mine == expected
    assert sum(map(len, expected)) > 100  # the corpus does have sentence boundaries to find


def test_pysbd_rules_are_compiled_once():
    sentence_starts("Mr. Smith arrived. He sat down.")
    import pysbd.abbreviation_replacer

    assert pysbd.abbreviation_replacer.re is RULES
    before = len(RULES._compiled)
    sentence_starts("Mrs. Jones arrived. She sat down. It was 5 p.m. on Friday.")
    grown = len(RULES._compiled)
    sentence_starts("Mrs. Jones arrived again. She sat down. It was 6 p.m. on Friday.")
    assert grown >= before and len(RULES._compiled) == grown  # nothing new to compile
