"""The University of Qom 1402–1403 capacity table, as shipped in the package.

``qom-1402-1403-units.csv`` is the published table cleaned (25 units, 154 female and 130 male
seats), with unit codes, areas and English names. The table itself states no requirements and no
hours; :data:`REQUIREMENTS` adds a few, so that the embedded default exercises rule E9 and the
per-unit hours of the payments: the problem-solving classes of the Faculty of Basic Sciences
take graduate students, the Central Laboratory and the ICT office take students of the fields
their work needs, and the library and the dormitories ask for their own monthly hours. These are
this project's illustration, not the published table; a planner's own units file replaces them.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from importlib import resources
from typing import Any

from hamyar.models import Degree, Source, Unit

QOM_UNITS_FILE = "qom-1402-1403-units.csv"

SCIENCE_FIELDS: tuple[str, ...] = ("شیمی", "فیزیک", "زیست‌شناسی")
COMPUTING_FIELDS: tuple[str, ...] = (
    "مهندسی کامپیوتر",
    "مهندسی فناوری اطلاعات",
    "علوم کامپیوتر",
    "مهندسی برق",
)

REQUIREMENTS: dict[str, dict[str, Any]] = {
    "SCI": {
        "allowed_degrees": (Degree.master_continuous, Degree.master_discontinuous, Degree.phd),
        "hours_per_month": Decimal(30),
    },
    "LAB": {"allowed_fields": SCIENCE_FIELDS},
    "ICT": {"allowed_fields": COMPUTING_FIELDS},
    "LIB": {"hours_per_month": Decimal(30)},
    "DORM": {"hours_per_month": Decimal(48)},
}

POPULARITY: dict[str, float] = {
    # How often applicants ask for each unit (relative). Dormitories, the library and the
    # faculties draw most requests; the property office and the planning office few.
    "CULT": 3, "PE": 4, "LIB": 8, "INCUB": 2, "SEC": 2, "LAB": 4, "FOOD": 2, "NAHAD": 2,
    "DORM": 10, "GUILD": 3, "HEALTH": 2, "COUNS": 4, "EDU-SIS": 3, "STU-SIS": 2, "INTL": 1.5,
    "LIT": 6, "FREE-EDU": 1, "ECON": 5, "SCI": 6, "QURAN": 2, "PR": 3, "ICT": 5, "SHAHED": 1,
    "EDU-PLAN": 1, "PROP": 0.5,
}  # fmt: skip

NO_DEMAND: frozenset[tuple[str, str]] = frozenset({("FREE-EDU", "female")})
"""(unit, gender) whose seats nobody of that gender asks for: a dead seat a planner should see."""


def qom_units() -> tuple[Unit, ...]:
    """The 25 units of the table, in its order, with :data:`REQUIREMENTS` applied."""
    text = resources.files("hamyar.data").joinpath(QOM_UNITS_FILE).read_text(encoding="utf-8-sig")
    units = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        code = row["code"]
        units.append(
            Unit(
                code=code,
                name_fa=row["name_fa"],
                name_en=row["name_en"] or None,
                female_seats=int(row["female_seats"]),
                male_seats=int(row["male_seats"]),
                area=row["area"] or None,
                activity_fa=row["activity_fa"] or None,
                activity_en=row["activity_en"] or None,
                source=Source(file=QOM_UNITS_FILE, row=line),
                **REQUIREMENTS.get(code, {}),
            )
        )
    return tuple(units)
