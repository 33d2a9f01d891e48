"""Quality scores with sacrebleu, always with their signature.

- ``metrics``: pure functions on sacrebleu's public API (corpus and sentence scores,
  bootstrap intervals and paired tests, Spearman's rho).
- ``report``: the typed report ``l10n score`` returns and a snapshot stores.
- ``effort``: post-edit effort, machine draft against reviewed text.
- ``estimate``: quality estimates without a reference (round trip through the engine the
  registry chooses, lowered by failed checks).
- ``reference``: engines compared on reference sets, and how well the estimate ranks them.
- ``run``: the orchestration (catalogs, store, snapshot).
"""
