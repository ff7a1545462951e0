"""The allocation as numbers: seat slots, student classes and the arcs between them.

A *slot* is one unit's seats of one gender (:class:`hamyar.optimizer.seats.Slot`): ``(unit_code,
gender)`` with ``seats`` declared seats; female and male pools never share a slot. A *class* is
a set of interchangeable students: same gender, same admissible ``{unit: rank}``, and the same
value of every per-student quantity the objective or the side constraints read (priority score;
GPA when the objective has a GPA term; planned cost per unit when a budget applies; the soft pin
and the previous unit, when they matter). One integer count per class replaces one Boolean per
student; a class of one is an ordinary student.

An *arc* ``(class c, slot k)`` exists when every member of ``c`` may take a seat of ``k``: the pair
is admissible (rules A4 and E1–E9, as the eligibility result says) and ``k`` has a seat left after
the fixed students.

*Fixed* students are placed before anything is solved: hard pins (rule A5, ``policy.pins ==
"hard"``) and, with ``policy.keep_previous_mode == "hard"``, students of the previous allocation
whose pair is still admissible. They are not in any class; they reduce their slot's capacity::

    cap(k) = seats(k) − |fixed students in k|

A pin (or previous placement) whose pair is not admissible breaks a rule. A hard pin of that kind,
or hard placements beyond a slot's seats, make the model infeasible (see
:mod:`hamyar.optimizer.infeasible`); a soft pin of that kind cannot be kept and its penalty is
paid whatever the allocation; a previous placement of that kind is simply not kept (that is how
a seat freed by a unit's rejection is refilled).

Components: students whose slots do not overlap never compete. :func:`components` labels each
slot with its connected component (union–find over each class's arcs); female and male slots are
always in different components.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from hamyar.messages import Msg
from hamyar.models import Applicant, EligibilityResult, Gender, Problem, Unit
from hamyar.models.pay import bonus_percent, planned_hours, planned_term_cost_rial
from hamyar.optimizer.precedence import precedence_positions
from hamyar.optimizer.seats import SeatKey, Slot, network_slots

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def gpa_centi(gpa: float) -> int:
    """GPA in hundredths of a point, the integer unit of the GPA term: ``round(100 × gpa)``."""
    return round(gpa * 100)


@dataclass(frozen=True)
class Options:
    """What the class key must distinguish."""

    aggregate: bool = True
    """``False`` makes every student a class of his or her own (stability needs it)."""
    use_gpa: bool = False
    use_cost: bool = False


@dataclass
class Network:
    """Slots, classes and arcs; arrays are indexed by arc (``arc_*``) or by class (``cls_*``).

    ``members[c]`` lists the students of class ``c`` strongest precedence first; ``fixed`` maps
    each fixed student to his or her unit; ``soft_pins`` are the soft pins that can be kept (their
    arc has ``arc_pin``); ``broken_pins`` the pins that break a rule, with why.
    """

    slots: list[Slot]
    members: list[tuple[str, ...]]
    arc_class: IntArray
    arc_slot: IntArray
    arc_rank: IntArray
    arc_pin: BoolArray
    arc_prev: BoolArray
    arc_cost: IntArray
    cls_count: IntArray
    cls_score: IntArray
    cls_gpa: IntArray
    fixed: dict[str, str]
    soft_pins: dict[str, str]
    broken_pins: dict[str, Msg]
    position: dict[str, int]
    max_rank: int
    slot_index: dict[SeatKey, int] = field(default_factory=dict)

    @property
    def num_classes(self) -> int:
        return len(self.members)

    @property
    def num_arcs(self) -> int:
        return len(self.arc_class)

    def slot_caps(self) -> IntArray:
        return np.array([s.cap for s in self.slots], dtype=np.int64)

    def slot_min_fill_left(self) -> IntArray:
        return np.array([s.min_fill_left for s in self.slots], dtype=np.int64)


@dataclass(frozen=True)
class Placements:
    """Hard placements decided before solving, and the pins' standing (input to the network)."""

    fixed: dict[str, str]
    soft_pins: dict[str, str]
    broken_pins: dict[str, Msg]
    previous: dict[str, str]
    """Previous placements that can count for the keep_previous term (admissible pairs)."""


class CostTable:
    """``planned_term_cost_rial(applicant, unit, policy)``, computed once per distinct input.

    The cost is ``⌊min(h_u, cap) × rate[degree] × m(married) × (100 + b) / 100⌋ × months``
    (:func:`hamyar.models.pay.monthly_pay_rial`): it depends on the applicant through degree,
    marital status and (when the policy has bonus rules) GPA, and on the unit through its
    planned hours ``h_u`` and the bonus ``b``. One value serves every student and unit with the
    same ``(degree, married, h_u, b)``; :meth:`row` gives an applicant's costs by unit code.
    """

    def __init__(self, problem: Problem) -> None:
        self._policy = problem.policy
        self._units = problem.unit_by_code
        self._gpa_matters = bool(problem.policy.bonus_rules)
        self._rows: dict[tuple[object, ...], _CostRow] = {}
        self._values: dict[tuple[object, ...], int] = {}

    def row(self, applicant: Applicant) -> Mapping[str, int]:
        """``{unit_code: cost}`` of an applicant, each unit's filled on first use."""
        gpa = applicant.gpa if self._gpa_matters else None
        kind = (applicant.degree, applicant.married, gpa)
        found = self._rows.get(kind)
        if found is None:
            found = self._rows[kind] = _CostRow(self, applicant)
        return found

    def __call__(self, applicant: Applicant, unit: Unit) -> int:
        return self.row(applicant)[unit.code]

    def value(self, applicant: Applicant, code: str) -> int:
        """The cost of ``applicant`` at unit ``code``, from the ``(degree, married, h_u, b)``
        cache."""
        policy, unit = self._policy, self._units[code]
        gpa = applicant.gpa if self._gpa_matters else None
        key = (
            applicant.degree,
            applicant.married,
            planned_hours(unit, policy),
            bonus_percent(policy, unit, gpa) if self._gpa_matters else 0,
        )
        found = self._values.get(key)
        if found is None:
            found = self._values[key] = planned_term_cost_rial(applicant, unit, policy)
        return found


class _CostRow(dict[str, int]):
    """One applicant kind's costs by unit code, computed on first lookup."""

    def __init__(self, table: CostTable, applicant: Applicant) -> None:
        super().__init__()
        self._table = table
        self._applicant = applicant

    def __missing__(self, code: str) -> int:
        value = self[code] = self._table.value(self._applicant, code)
        return value


def priority_scores(problem: Problem) -> dict[str, int]:
    """``{student_id: policy.priority_score(groups)}`` (rule A3), computed once."""
    policy = problem.policy
    return {a.student_id: policy.priority_score(a.priority_groups) for a in problem.applicants}


def build_network(
    problem: Problem,
    eligibility: EligibilityResult,
    placements: Placements,
    options: Options,
    position: Mapping[str, int] | None = None,
    costs: CostTable | None = None,
    scores: Mapping[str, int] | None = None,
) -> Network:
    """Slots, classes and arcs of a problem (module docstring). Deterministic: students are
    visited in precedence order, slots in (unit code, gender) order."""
    scores = scores if scores is not None else priority_scores(problem)
    position = dict(position) if position is not None else precedence_positions(problem, scores)
    slots, slot_index = network_slots(problem, placements.fixed)

    max_rank = 0
    for item in eligibility.applicants:
        if item.eligible and item.admissible_units:
            max_rank = max(max_rank, max(item.admissible_units.values()))

    usable: dict[Gender, dict[str, int]] = {Gender.female: {}, Gender.male: {}}
    for (code, gender), k in slot_index.items():
        if slots[k].cap > 0:
            usable[gender][code] = k
    use_cost = costs if options.use_cost else None
    fixed = placements.fixed
    soft_pins = placements.soft_pins
    previous = placements.previous
    verdicts = eligibility.by_id
    class_of: dict[tuple[object, ...], int] = {}
    members: list[list[str]] = []
    class_arcs: list[tuple[tuple[int, int, bool, bool, int], ...]] = []
    cls_score: list[int] = []
    cls_gpa: list[int] = []
    for app in sorted(problem.applicants, key=lambda a: position[a.student_id]):
        sid = app.student_id
        verdict = verdicts.get(sid)
        if verdict is None or not verdict.eligible or sid in fixed:
            continue
        open_slots = usable[app.gender]
        pin = soft_pins.get(sid)
        prev = previous.get(sid)
        arcs: list[tuple[int, int, bool, bool, int]]
        if pin is None and prev is None and use_cost is None:
            arcs = [
                (open_slots[code], rank, False, False, 0)
                for code, rank in verdict.admissible_units.items()
                if code in open_slots
            ]
        else:
            arcs = []
            cost_of = use_cost.row(app) if use_cost is not None else None
            for code, rank in verdict.admissible_units.items():
                slot = open_slots.get(code)
                if slot is None:
                    continue
                cost = cost_of[code] if cost_of is not None else 0
                arcs.append((slot, rank, code == pin, code == prev, cost))
        if not arcs:
            continue
        arcs.sort()
        score = scores[sid]
        gpa = gpa_centi(app.gpa)
        arc_key = tuple(arcs)
        key: tuple[object, ...] = (
            arc_key,
            score,
            gpa if options.use_gpa else None,
            None if options.aggregate else sid,
        )
        c = class_of.get(key)
        if c is None:
            c = len(members)
            class_of[key] = c
            members.append([sid])
            class_arcs.append(arc_key)
            cls_score.append(score)
            cls_gpa.append(gpa)
        else:
            members[c].append(sid)

    flat = [(c, *arc) for c, arcs in enumerate(class_arcs) for arc in arcs]
    columns = list(zip(*flat, strict=True)) if flat else [()] * 6
    return Network(
        slots=slots,
        members=[tuple(m) for m in members],
        arc_class=np.array(columns[0], dtype=np.int64),
        arc_slot=np.array(columns[1], dtype=np.int64),
        arc_rank=np.array(columns[2], dtype=np.int64),
        arc_pin=np.array(columns[3], dtype=np.bool_),
        arc_prev=np.array(columns[4], dtype=np.bool_),
        arc_cost=np.array(columns[5], dtype=np.int64),
        cls_count=np.array([len(m) for m in members], dtype=np.int64),
        cls_score=np.array(cls_score, dtype=np.int64),
        cls_gpa=np.array(cls_gpa, dtype=np.int64),
        fixed=dict(placements.fixed),
        soft_pins=dict(placements.soft_pins),
        broken_pins=dict(placements.broken_pins),
        position=position,
        max_rank=max_rank,
        slot_index=slot_index,
    )


def components(network: Network) -> IntArray:
    """Component label of each slot: slots joined by a class's arcs share a label (union–find);
    labels are the smallest slot index of the component, so they are deterministic."""
    parent = list(range(len(network.slots)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[int, int] = {}
    for c, k in zip(network.arc_class.tolist(), network.arc_slot.tolist(), strict=True):
        if c in first:
            a, b = find(first[c]), find(k)
            if a != b:
                parent[max(a, b)] = min(a, b)
        else:
            first[c] = k
    return np.array([find(i) for i in range(len(parent))], dtype=np.int64)


def split(network: Network) -> list[tuple[Network, IntArray]]:
    """One sub-network per component that has students, with the parent's ids of its arcs.

    Components never share a slot or a student, so every lexicographic objective (a sum over
    students) is optimal on the whole exactly when it is optimal on each component."""
    if network.num_arcs == 0:
        return []
    labels = components(network)
    first_arc = np.zeros(network.num_classes, dtype=np.int64)
    first_arc[network.arc_class[::-1]] = np.arange(network.num_arcs - 1, -1, -1)
    cls_label = labels[network.arc_slot[first_arc]]
    arc_label = cls_label[network.arc_class]
    parts = []
    for label in sorted(set(cls_label.tolist())):  # np.unique would import numpy.ma
        classes = np.flatnonzero(cls_label == label)
        slots = np.flatnonzero(labels == label)
        arcs = np.flatnonzero(arc_label == label)
        cls_new = np.full(network.num_classes, -1, dtype=np.int64)
        cls_new[classes] = np.arange(len(classes))
        slot_new = np.full(len(network.slots), -1, dtype=np.int64)
        slot_new[slots] = np.arange(len(slots))
        sub_slots = [network.slots[k] for k in slots.tolist()]
        sub = Network(
            slots=sub_slots,
            members=[network.members[c] for c in classes.tolist()],
            arc_class=cls_new[network.arc_class[arcs]],
            arc_slot=slot_new[network.arc_slot[arcs]],
            arc_rank=network.arc_rank[arcs],
            arc_pin=network.arc_pin[arcs],
            arc_prev=network.arc_prev[arcs],
            arc_cost=network.arc_cost[arcs],
            cls_count=network.cls_count[classes],
            cls_score=network.cls_score[classes],
            cls_gpa=network.cls_gpa[classes],
            fixed=network.fixed,
            soft_pins=network.soft_pins,
            broken_pins=network.broken_pins,
            position=network.position,
            max_rank=network.max_rank,
            slot_index={(s.unit_code, s.gender): i for i, s in enumerate(sub_slots)},
        )
        parts.append((sub, arcs))
    return parts
