"""The workspace's tables of the web pages' accounts, the login throttle and the server's keys.

* ``users``: one row per account (name, role, the unit of a unit account, the argon2 hash of
  the password, who made it and when).
* ``login_failures``: failed logins counted per account name and per client address, with the
  time until which the next attempt waits; kept in the database so a restart does not reset it.
* ``server_keys``: secrets the server keeps across restarts (the key that signs session cookies).
* ``unit_confirmations``: a unit's word that a student placed there has started, who said it and
  when (once per student and adoption).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hamyar.store.schema import Base


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    unit_code: Mapped[str | None] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime]


class LoginFailureRow(Base):
    __tablename__ = "login_failures"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    """``account:NAME`` or ``client:ADDRESS``."""
    failures: Mapped[int]
    last_at: Mapped[datetime]
    wait_until: Mapped[datetime]


class ServerKeyRow(Base):
    __tablename__ = "server_keys"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class UnitConfirmationRow(Base):
    """A unit's confirmation that a student placed there has started (one per adoption)."""

    __tablename__ = "unit_confirmations"
    __table_args__ = (UniqueConstraint("adoption_id", "student_id", name="uq_confirmed_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(ForeignKey("terms.term"), index=True)
    adoption_id: Mapped[int] = mapped_column(ForeignKey("adoptions.id"))
    student_id: Mapped[str] = mapped_column(String(32))
    unit_code: Mapped[str] = mapped_column(String(64))
    confirmed_at: Mapped[datetime]
    confirmed_by: Mapped[str] = mapped_column(String(100))
