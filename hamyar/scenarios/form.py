"""A scenario from what planners change, written as the TOML file every scenario command reads.

The fields are the policy values an office changes between scenarios — the GPA thresholds (E4),
the priority weights (A3), stable or welfare-first, the term budget, soft or hard pins (A5) —
and the seats per unit and gender. A field left at the policy's default is not written; a seat
left empty is not changed (``12`` sets, ``+3`` / ``-2`` change, as in ``[seats]``). The text
a planner typed goes into the file as a number when it reads as one (Persian digits too) and
as typed otherwise, so the scenario and policy models themselves report what is wrong, located
at the key (:func:`hamyar.scenarios.inputs.build_inputs`).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from hamyar.errors import InputError, Issue
from hamyar.messages import Msg
from hamyar.models import Degree, Gender, Policy, PriorityGroup
from hamyar.scenarios.inputs import ScenarioInputs, load_scenario_inputs
from hamyar.scenarios.resolve import SUFFIX
from hamyar.text import normalize_digits

GPA_KEYS = tuple(f"min_gpa.{d.value}" for d in Degree)
WEIGHT_KEYS = tuple(f"priority_weights.{g.value}" for g in PriorityGroup)
MODE_KEY, PINS_KEY, BUDGET_KEY = "stable", "pins", "budget_term_rial"
FIELDS = (*GPA_KEYS, *WEIGHT_KEYS, MODE_KEY, BUDGET_KEY, PINS_KEY)
"""Every policy field of the form, as the dotted override key it writes."""

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_NAME = re.compile(r"^[\w.-]+$", re.UNICODE)


def defaults(policy: Policy | None = None) -> dict[str, str]:
    """The form's fields as text, from ``policy`` (the defaults of RULES.md)."""
    p = policy or Policy()
    values = {f"min_gpa.{d.value}": _text(p.min_gpa[d]) for d in Degree}
    values.update(
        {f"priority_weights.{g.value}": str(p.priority_weights[g]) for g in PriorityGroup}
    )
    values[MODE_KEY] = "stable" if p.stable else "welfare"
    values[BUDGET_KEY] = "" if p.budget_term_rial is None else str(p.budget_term_rial)
    values[PINS_KEY] = p.pins
    return values


def from_overrides(overrides: Mapping[str, Any]) -> dict[str, str]:
    """The form's fields of a scenario's overrides (to edit a saved scenario)."""
    values = defaults()
    for key, value in overrides.items():
        if key == MODE_KEY:
            values[key] = "stable" if value is True else "welfare"
        elif key in values:
            values[key] = "" if value is None else _text(value)
    return values


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _value(text: str) -> object:
    """A number when ``text`` reads as one (Persian digits, ``٫``), else the text as typed."""
    plain = normalize_digits(text).replace("٫", ".").replace(",", "").replace("٬", "").strip()
    if _NUMBER.match(plain):
        return float(plain) if "." in plain else int(plain)
    return text.strip()


def overrides_of(values: Mapping[str, str]) -> dict[str, object]:
    """The overrides the form's ``values`` make: the fields that differ from the defaults."""
    base = defaults()
    out: dict[str, object] = {}
    for key in FIELDS:
        text = str(values.get(key, base[key])).strip()
        if key == MODE_KEY:
            if text != base[key]:
                out[key] = text == "stable" if text in ("stable", "welfare") else text
        elif key == BUDGET_KEY:
            if text:
                out[key] = _value(text)
        elif text and _value(text) != _value(base[key]):
            out[key] = _value(text)
    return out


def seats_of(values: Mapping[tuple[str, Gender], str]) -> dict[str, dict[str, object]]:
    """``[seats]`` from ``{(unit code, gender): text}``; empty texts change nothing."""
    seats: dict[str, dict[str, object]] = {}
    for (code, gender), text in values.items():
        text = normalize_digits(text).strip()
        if not text:
            continue
        value: object = int(text) if text.isdigit() else text
        seats.setdefault(code, {})[gender.value] = value
    return seats


def scenario_data(
    name: str,
    description: str,
    inputs: Mapping[str, str],
    term: str,
    values: Mapping[str, str],
    seats: Mapping[tuple[str, Gender], str],
) -> dict[str, Any]:
    """The scenario file's keys (``inputs`` are paths relative to the file)."""
    data: dict[str, Any] = {"name": name.strip(), "description": description.strip()}
    data.update(inputs)
    data["term"] = term
    overrides = overrides_of(values)
    if overrides:
        data["overrides"] = overrides
    changed = seats_of(seats)
    if changed:
        data["seats"] = changed
    return data


def name_problem(name: str) -> Msg | None:
    """Why ``name`` cannot name a scenario file, or ``None`` (letters of any script, digits,
    ``-_.``; it becomes ``NAME.toml``)."""
    text = name.strip()
    if not text or not _NAME.match(text) or text.startswith("."):
        return Msg("scen.form.bad_name")
    return None


def to_toml(data: Mapping[str, Any]) -> str:
    """``data`` as TOML: top-level scalars first, then ``[overrides]`` and ``[seats]``."""
    lines = [f"{_key(k)} = {_toml(v)}" for k, v in data.items() if not isinstance(v, dict)]
    for table, entries in data.items():
        if not isinstance(entries, dict):
            continue
        lines += ["", f"[{table}]"]
        for key, value in entries.items():
            lines.append(f"{_key(key)} = {_toml(value)}")
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    return key if re.match(r"^[A-Za-z0-9_-]+$", key) else _string(key)


def _string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    return _string(str(value))


def save_scenario(folder: Path, data: Mapping[str, Any]) -> ScenarioInputs:
    """Write ``data`` as ``folder/NAME.toml`` once the scenario reads cleanly (its inputs, its
    policy with the overrides, its seat changes): :class:`InputError` with every located issue,
    each naming ``NAME.toml``, and nothing written otherwise."""
    name = str(data.get("name") or "")
    problem = name_problem(name)
    if problem:
        raise InputError(Issue(problem, name, file="-", column="name"))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name.strip()}{SUFFIX}"
    check = folder / f".check-{secrets.token_hex(4)}{SUFFIX}"
    check.write_text(to_toml(data), encoding="utf-8")
    try:
        inputs = load_scenario_inputs(check)
    except InputError as exc:
        check.unlink(missing_ok=True)
        shown = {str(check), str(check.resolve())}
        raise InputError(
            [replace(i, file=target.name) if i.file in shown else i for i in exc.issues]
        ) from None
    except BaseException:
        check.unlink(missing_ok=True)
        raise
    check.replace(target)
    return inputs
