"""Bench text: English sentences of 15–35 words in the style of the sample articles,
generated from templates with a fixed seed, and laid out as Markdown articles."""

from __future__ import annotations

import random

SUBJECTS = [
    "The foreign ministers of the five Central Asian states",
    "Officials from the European Commission",
    "The G7 presidency",
    "Delegations from Kazakhstan and Uzbekistan",
    "Experts of the regional water council",
    "The European Bank for Reconstruction and Development",
    "Representatives of the transport ministries",
    "A group of senior diplomats",
    "The new working group on connectivity",
    "Energy ministers from the Caspian region",
]
VERBS = [
    "agreed on", "discussed", "presented", "welcomed", "reviewed", "approved",
    "called for", "announced", "examined", "supported",
]  # fmt: skip
OBJECTS = [
    "a joint plan for faster border procedures",
    "new funding for clean energy projects in rural areas",
    "the next steps of the Trans-Caspian International Transport Route",
    "a report on progress towards the Sustainable Development Goals",
    "several proposals to protect the Aral Sea basin",
    "an agreement on digital customs declarations",
    "a package of loans for ports and railways",
    "closer cooperation on critical raw materials",
    "measures to reduce greenhouse gas emissions from freight transport",
    "a common position for the coming ministerial meeting",
]
ADJUNCTS = [
    "during the meeting in Astana on 14 March",
    "after two days of talks in Tashkent",
    "in a joint communiqué published on Friday",
    "with a budget of about 2.4 billion euros",
    "before the end of the year",
    "as part of the Global Gateway strategy",
    "despite delays caused by the winter weather",
    "in line with the principles of the UN Charter",
    "with the support of international partners",
    "at a press conference in Brussels",
]
TAILS = [
    "and asked their experts to report back by September",
    "while stressing the need for transparency and debt sustainability",
    "so that trade between the regions can grow by 20% in five years",
    "and invited private investors to join the initiative",
    "which several delegations described as a turning point",
    "",
]


def sentences(count: int, seed: int = 7) -> list[str]:
    """Distinct sentences (so no contender can reuse a translation)."""
    rng = random.Random(seed)
    out: dict[str, None] = {}
    while len(out) < count:
        parts = [
            rng.choice(SUBJECTS),
            rng.choice(VERBS),
            rng.choice(OBJECTS),
            rng.choice(ADJUNCTS),
            rng.choice(TAILS),
        ]
        text = " ".join(p for p in parts if p) + "."
        if rng.random() < 0.5:  # vary the numbers too, so that more sentences are possible
            text = text.replace("14 March", f"{rng.randint(1, 28)} March").replace(
                "20%", f"{rng.randint(5, 40)}%"
            )
        if 15 <= len(text.split()) <= 35:
            out[text] = None
    return list(out)


def articles(texts: list[str], per_article: int, prefix: str = "article") -> dict[str, str]:
    """Slug → Markdown: a title, then paragraphs of three sentences."""
    out = {}
    for index in range(0, len(texts), per_article):
        chunk = texts[index : index + per_article]
        paragraphs = [" ".join(chunk[i : i + 3]) for i in range(0, len(chunk), 3)]
        slug = f"{prefix}-{index // per_article:04d}"
        out[slug] = f"---\ntitle: Report {index // per_article}\n---\n\n" + "\n\n".join(paragraphs) + "\n"
    return out
