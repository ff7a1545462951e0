"""Precedence: the strict order in which students have a claim to a seat.

``precedence_key(s) = (−priority_score(s), −gpa(s), lottery(s))``, smaller is stronger:
a higher priority score first, then a higher GPA, then a lower lottery number. The lottery number
is ``sha256(f"{seed}:{student_id}")`` read as an integer, so it is fixed by the policy's
``lottery_seed`` and the student ID alone, and no two students tie.
"""

from __future__ import annotations

import hashlib

from hamyar.models import Applicant, Policy


def lottery_number(student_id: str, seed: int) -> int:
    """The student's seeded lottery number (a 64-bit integer)."""
    digest = hashlib.sha256(f"{seed}:{student_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def precedence_key(applicant: Applicant, policy: Policy) -> tuple[int, float, int, str]:
    """Sort key; ``sorted(applicants, key=…)`` lists the strongest claim first."""
    score = policy.priority_score(applicant.priority_groups)
    return (
        -score,
        -applicant.gpa,
        lottery_number(applicant.student_id, policy.lottery_seed),
        applicant.student_id,
    )
