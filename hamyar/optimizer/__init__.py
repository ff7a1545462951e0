"""The optimizer: places eligible students in units under rules A1–A5 (:func:`solve`).

Lexicographic min-cost flows carry the objective exactly; CP-SAT carries budgets and stability
with side constraints; deferred acceptance gives the stable allocation when nothing else binds.
"""

from hamyar.optimizer.solve import solve

__all__ = ["solve"]
