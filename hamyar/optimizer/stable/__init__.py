"""Stable mode (``stable = true``): no student passed over for a seat he or she had the better
claim to. One module per role:

* :mod:`~hamyar.optimizer.stable.acceptance` — student-proposing deferred acceptance, the
  stable allocation best for every student when lists are strict, and the tie and pin
  decisions shared with the envy count and the explanations;
* :mod:`~hamyar.optimizer.stable.bounds` — what every stable allocation decides, found by a
  walk in precedence order: the arcs CP-SAT keeps and the seat cut-offs it needs;
* :mod:`~hamyar.optimizer.stable.tiebreak` — the start: a serial dictatorship that breaks ties
  towards the least contested unit;
* :mod:`~hamyar.optimizer.stable.search` — the orchestration: deferred acceptance where it is
  optimal, CP-SAT with the stability constraints
  (:func:`hamyar.optimizer.stable.constraints.add_stability`) elsewhere, one pool per thread.
"""
