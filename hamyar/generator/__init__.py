"""Seeded synthetic instances: units, applicants and rejections in the shape of real ones.

The same arguments always give the same records (one ``random.Random`` per part, seeded from
the call; no global random state, no dependence on hash order).
"""

from hamyar.generator.applicants import DEFAULT_TERM, PoolShape, generate_applicants
from hamyar.generator.ids import make_sheba, national_id_check_digit, sheba_bank, sheba_valid
from hamyar.generator.instance import (
    Instance,
    default_unit_count,
    generate_instance,
    generate_institutions,
    generate_parts,
    generate_rejections,
    seats_for,
)
from hamyar.generator.units import campus_of, generate_units, popularity

__all__ = [
    "DEFAULT_TERM",
    "Instance",
    "PoolShape",
    "campus_of",
    "default_unit_count",
    "generate_applicants",
    "generate_instance",
    "generate_institutions",
    "generate_parts",
    "generate_rejections",
    "generate_units",
    "make_sheba",
    "national_id_check_digit",
    "popularity",
    "seats_for",
    "sheba_bank",
    "sheba_valid",
]
