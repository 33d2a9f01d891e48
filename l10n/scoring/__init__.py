"""Quality scores with sacrebleu, always with their signature.

- ``metrics``: pure functions on sacrebleu's public API (corpus and sentence scores,
  bootstrap intervals and paired tests, Spearman's rho).
- ``report``: the typed report ``l10n score`` returns and a snapshot stores.
- ``effort``: post-edit effort, machine draft against reviewed text.
- ``risk``: the signals of a draft combined into one fitted quality estimate (its risk).
- ``estimate``: quality estimates without a reference (round trip through the engine the
  registry chooses, agreement with a second route, and the other signals, through ``risk``).
- ``reference``: engines compared on reference sets, and how well the estimate ranks them.
- ``run``: the orchestration (catalogs, store, snapshot).
"""
