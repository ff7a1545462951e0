"""Rule E9: unit requirements and rejections close single (applicant, unit) pairs."""

from __future__ import annotations

import pytest

from hamyar.eligibility import e9_unit, evaluate
from hamyar.models import Degree, Policy, Term

TERM = Term(year=1402, semester=1)

POLICY = Policy()
D = Degree
GRADUATE = (D.master_continuous, D.master_discontinuous, D.phd)

E9_ROWS = [
    # unit changes, applicant changes, rejected, closing requirements
    ({}, {}, False, []),
    ({"allowed_degrees": GRADUATE}, {"degree": D.phd}, False, []),
    ({"allowed_degrees": GRADUATE}, {}, False, ["allowed_degrees"]),
    ({"allowed_fields": ("فیزیک", "شیمی")}, {"field": "فيزيك"}, False, []),  # Arabic ي/ك
    ({"allowed_fields": ("زیست‌شناسی",)}, {"field": "زیست شناسی"}, False, []),  # ZWNJ/space
    ({"allowed_fields": ("Computer Science",)}, {"field": "computer  science"}, False, []),
    ({"allowed_fields": ("شیمی",)}, {}, False, ["allowed_fields"]),
    ({"allowed_fields": ("شیمی",)}, {"field": None}, False, ["allowed_fields"]),
    ({}, {}, True, ["rejection"]),
    (
        {"allowed_degrees": GRADUATE, "allowed_fields": ("شیمی",)},
        {},
        True,
        ["allowed_degrees", "allowed_fields", "rejection"],  # every cause, not the first
    ),
]


@pytest.mark.parametrize(("unit_changes", "app_changes", "rejected", "closing"), E9_ROWS)
def test_e9_unit(
    unit_changes: dict[str, object],
    app_changes: dict[str, object],
    rejected: bool,
    closing: list[str],
    applicant,
    unit,
) -> None:
    reasons = e9_unit(applicant(**app_changes), unit("LAB", **unit_changes), POLICY, TERM, rejected)
    assert [r.values["requirement"] for r in reasons] == closing
    assert all(r.rule == "E9" and r.severity == "error" for r in reasons)
    assert all(r.values["unit_code"] == "LAB" for r in reasons)


def test_e9_messages(applicant, unit) -> None:
    lab = unit("LAB", allowed_degrees=GRADUATE, allowed_fields=("شیمی",))
    degree, field, rejection = e9_unit(applicant(), lab, POLICY, TERM, True)
    assert str(degree) == (
        "E9: unit LAB takes only master_continuous, master_discontinuous, phd; "
        "the applicant is bachelor_continuous"
    )
    assert "فیزیک" in field.message_en and "رشتهٔ متقاضی فیزیک" in field.message_fa
    assert "judged the applicant unsuitable" in rejection.message_en


def test_e9_closes_pairs_not_the_applicant(applicant, unit, problem) -> None:
    units = [unit("LIB"), unit("LAB", allowed_fields=("شیمی",)), unit("SCI")]
    app = applicant(preferences=("LAB", "SCI", "LIB"))
    result = evaluate(problem([app], units, rejections=[("SCI", "4001")]))
    item = result.by_id["4001"]
    assert item.eligible and item.reasons == ()
    assert item.admissible_units == {"LIB": 3}
    assert [(c.unit_code, c.rank) for c in item.closed_units] == [("LAB", 1), ("SCI", 2)]
    assert result.admissible("4001") == {"LIB": 3}


def test_a_rejection_touches_only_its_applicant(applicant, problem) -> None:
    a = applicant(student_id="4001", preferences=("LIB",))
    b = applicant(student_id="4002", preferences=("LIB",))
    result = evaluate(problem([a, b], rejections=[("LIB", "4001")]))
    assert not result.by_id["4001"].eligible
    assert result.by_id["4002"].eligible and result.admissible("4002") == {"LIB": 1}


def test_no_open_unit_names_every_unit_and_why(applicant, unit, problem) -> None:
    units = [unit("LAB", allowed_fields=("شیمی",)), unit("SCI", allowed_degrees=GRADUATE)]
    app = applicant(preferences=("LAB", "SCI"))
    item = evaluate(problem([app], units, rejections=[("SCI", "4001")])).by_id["4001"]
    assert not item.eligible
    (r,) = item.reasons
    assert r.rule == "E9" and r.severity == "error"
    assert r.message_en.startswith("no asked-for unit is open to the applicant: ")
    assert "unit LAB takes only the fields شیمی" in r.message_en
    assert "unit SCI takes only" in r.message_en and "unit SCI judged" in r.message_en
    assert r.values["closed_units"] == "LAB;SCI"
    # in Persian a unit is named by its Persian name, not its code
    assert "واحد «واحد LAB» فقط" in r.message_fa and "(LAB)" not in r.message_fa
    assert r.message_fa.count("قاعده E9") == 1
    assert item.admissible_units == {}


def test_an_area_asks_for_all_its_units_at_one_rank(applicant, unit, problem) -> None:
    units = [
        unit("D1", area="dormitory"),
        unit("D2", area="dormitory", allowed_degrees=GRADUATE),
        unit("LIB"),
    ]
    app = applicant(preferences=("LIB", "dormitory"))
    item = evaluate(problem([app], units)).by_id["4001"]
    assert item.admissible_units == {"LIB": 1, "D1": 2}
    assert [(c.unit_code, c.rank) for c in item.closed_units] == [("D2", 2)]


def test_asking_for_no_unit_is_reported(applicant, problem) -> None:
    item = evaluate(problem([applicant(preferences=())])).by_id["4001"]
    assert not item.eligible and [r.rule for r in item.reasons] == ["A4"]


# ---------------------------------------------------------------- continuing assistants (A5)
def test_a_pinned_unit_outside_the_preferences_stays_admissible_after_them(
    applicant, problem
) -> None:
    app = applicant(preferences=("LIB", "LAB"), current_unit="SCI")
    item = evaluate(problem([app])).by_id["4001"]
    assert item.eligible
    assert item.admissible_units == {"LIB": 1, "LAB": 2, "SCI": 3}


def test_a_pinned_unit_among_the_preferences_keeps_its_rank(applicant, problem) -> None:
    app = applicant(preferences=("LIB", "SCI"), current_unit="SCI")
    assert evaluate(problem([app])).by_id["4001"].admissible_units == {"LIB": 1, "SCI": 2}


def test_e9_closes_a_pinned_unit_with_a_warning(applicant, unit, problem) -> None:
    units = [unit("LIB"), unit("SCI", allowed_degrees=GRADUATE)]
    app = applicant(preferences=("LIB",), current_unit="SCI")
    item = evaluate(problem([app], units)).by_id["4001"]
    assert item.eligible and item.admissible_units == {"LIB": 1}
    assert [(c.unit_code, c.rank) for c in item.closed_units] == [("SCI", 2)]
    (w,) = item.reasons
    assert (w.rule, w.severity) == ("E9", "warning")
    assert "cannot be kept in the current unit SCI" in w.message_en


def test_a_pin_is_the_only_open_unit(applicant, problem) -> None:
    app = applicant(preferences=("LIB",), current_unit="SCI")
    item = evaluate(problem([app], rejections=[("LIB", "4001")])).by_id["4001"]
    assert item.eligible and item.admissible_units == {"SCI": 2}
