"""The network: classes of interchangeable students, components, the cost table."""

from __future__ import annotations

import random
from decimal import Decimal

from hamyar.models import Gender
from hamyar.models.pay import planned_term_cost_rial
from hamyar.optimizer.infeasible import hard_placements
from hamyar.optimizer.network import CostTable, Options, build_network, components, split


def test_classes_group_interchangeable_students(student, unit, problem_of, eligibility_of) -> None:
    apps = [student(f"s{i}", ["X", "Y"]) for i in range(5)] + [student("m", ["X"], Gender.male)]
    problem = problem_of(apps, [unit("X", 2, 1), unit("Y", 2)])
    placements = hard_placements(problem, eligibility_of(problem), None)
    network = build_network(problem, eligibility_of(problem), placements, Options())
    assert sorted(len(m) for m in network.members) == [1, 5]
    assert network.num_arcs == 3  # the class of five has two arcs, the man one
    alone = build_network(problem, eligibility_of(problem), placements, Options(aggregate=False))
    assert len(alone.members) == 6


def test_components_split_genders_and_unlinked_units(
    student, unit, problem_of, eligibility_of
) -> None:
    apps = [student("f", ["X"]), student("m", ["X"], Gender.male), student("g", ["Z"])]
    problem = problem_of(apps, [unit("X", 1, 1), unit("Z", 1)])
    placements = hard_placements(problem, eligibility_of(problem), None)
    network = build_network(problem, eligibility_of(problem), placements, Options())
    assert len(set(components(network).tolist())) == 3
    parts = split(network)
    assert sorted(len(ids) for _, ids in parts) == [1, 1, 1]
    assert sorted(int(i) for _, ids in parts for i in ids) == list(range(network.num_arcs))


def test_cost_table_agrees_with_the_cost_function(random_instance) -> None:
    """The table's shared values (one per degree, marital status, planned hours and bonus)
    equal :func:`planned_term_cost_rial` for every applicant and unit, bonus rules on or off."""
    rng = random.Random(3)
    problem, _ = random_instance(rng, 40, 6, max_seats=3)
    units = list(problem.units)
    units[0] = units[0].model_copy(update={"hours_per_month": Decimal(25)})
    units[1] = units[1].model_copy(update={"hours_per_month": Decimal("12.5"), "area": "lab"})
    bonus = {"name": "lab", "percent": 10, "areas": ["lab"], "min_gpa": "17"}
    for extra in ({}, {"bonus_rules": [bonus]}):
        policy = problem.policy.with_overrides(extra)
        case = problem.model_copy(update={"units": tuple(units), "policy": policy})
        table = CostTable(case)
        for app in case.applicants:
            for place in case.units:
                assert table(app, place) == planned_term_cost_rial(app, place, policy)
