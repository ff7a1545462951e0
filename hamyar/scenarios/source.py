"""Where a run's problem came from, so that a later command can rebuild it (``hamyar replan``).

A run folder written by the scenario commands holds ``source.json``::

    {"name": "gpa-15", "path": "/…/gpa-15.toml", "inputs": {"applicants": "embedded", …},
     "policy": null, "term": "1402-1", "scenario": {…the resolved scenario…}}

:func:`find_source` looks, in order, at an explicit scenario, ``source.json``, a ``"scenario"``
entry of ``summary.json`` (a path, or an object with ``"path"`` or the resolved scenario), and
last at the shipped scenario named like the run whose input hashes match.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hamyar.errors import InputError, Issue
from hamyar.messages import Msg
from hamyar.scenarios.inputs import ScenarioInputs, build_inputs
from hamyar.scenarios.resolve import ResolvedScenario, resolve_file, shipped_paths

SOURCE_FILE = "source.json"


def source_dict(inputs: ScenarioInputs, **extra: Any) -> dict[str, Any]:
    """The contents of ``source.json``."""
    data: dict[str, Any] = dict(inputs.source)
    if inputs.scenario is not None:
        data["scenario"] = inputs.scenario.model_dump(mode="json")
    data["input_hashes"] = dict(inputs.hashes)
    data.update(extra)
    return data


def write_source(folder: Path, inputs: ScenarioInputs, **extra: Any) -> None:
    (folder / SOURCE_FILE).write_text(
        json.dumps(source_dict(inputs, **extra), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )


def read_source_file(folder: Path) -> dict[str, Any] | None:
    """The folder's ``source.json``, or ``None`` when it has none."""
    path = folder / SOURCE_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(
            Issue(Msg("scen.source.unreadable", error=str(exc)), file=str(path))
        ) from None
    return data if isinstance(data, dict) else None


def _from_entry(entry: Any, file: str) -> ResolvedScenario | None:
    """A scenario from a ``source.json`` document or a ``summary.json`` ``"scenario"`` entry."""
    if isinstance(entry, str) and entry:
        return resolve_file(entry)
    if not isinstance(entry, Mapping):
        return None
    nested = entry.get("scenario")
    if isinstance(nested, Mapping):
        try:
            return ResolvedScenario.model_validate(nested)
        except ValidationError:
            pass
    path = entry.get("path")
    if isinstance(path, str) and path:
        if not Path(path).is_file():
            raise InputError(Issue(Msg("scen.source.gone"), path, file=file))
        return resolve_file(path)
    inputs = entry.get("inputs")
    if isinstance(inputs, Mapping) and "applicants" in inputs and "units" in inputs:
        data = {
            "name": entry.get("name") or "run",
            "term": entry.get("term"),
            "policy": entry.get("policy"),
            **{k: inputs.get(k) for k in ("applicants", "units", "rejections")},
        }
        try:
            return ResolvedScenario.model_validate(data)
        except ValidationError:
            return None
    return None


def find_source(
    folder: Path, summary: Mapping[str, Any], explicit: Path | str | None = None
) -> ScenarioInputs:
    """Rebuild the problem of an earlier run (see the module's docstring for where it looks)."""
    if explicit is not None:
        return build_inputs(resolve_file(explicit))
    data = read_source_file(folder)
    if data is not None:
        scenario = _from_entry(data, str(folder / SOURCE_FILE))
        if scenario is not None:
            return build_inputs(scenario)
    scenario = _from_entry(summary.get("scenario"), str(folder / "summary.json"))
    if scenario is not None:
        return build_inputs(scenario)
    name = summary.get("name")
    hashes = summary.get("input_hashes")
    shipped = shipped_paths()
    if isinstance(name, str) and name in shipped:
        inputs = build_inputs(resolve_file(shipped[name]))
        if not isinstance(hashes, Mapping) or _same_inputs(hashes, inputs.hashes):
            return inputs
    raise InputError(
        Issue(
            Msg("scen.source.unknown"),
            file=str(folder),
        )
    )


def _same_inputs(recorded: Mapping[str, Any], rebuilt: Mapping[str, str]) -> bool:
    """The recorded hashes agree with the rebuilt ones on every key both have (and share one)."""
    common = set(recorded) & set(rebuilt)
    return bool(common) and all(recorded[k] == rebuilt[k] for k in common)


def inputs_changed(recorded: Any, rebuilt: Mapping[str, str]) -> list[str]:
    """Keys whose recorded hash differs from the rebuilt inputs' (the inputs changed since)."""
    if not isinstance(recorded, Mapping):
        return []
    return sorted(k for k in set(recorded) & set(rebuilt) if recorded[k] != rebuilt[k])
