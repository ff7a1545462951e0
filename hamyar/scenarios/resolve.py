"""Following ``extends``: a chain of scenario files flattened into one :class:`ResolvedScenario`.

How a child builds on its parent (the chain is read from the root to the child):

* ``name``, ``description``, ``description_fa`` belong to each file and are not inherited (a
  scenario without a name is named after its file);
* the inputs (``applicants``, ``units``, ``rejections``) go together: the nearest file that names
  any of them gives all three (a child naming only ``applicants`` has no rejections), so that
  a rejections file never meets applicants it was not written for;
* ``term`` and ``policy``: the nearest file that sets them;
* ``overrides``: merged, the child's value winning for the same key;
* ``seats``: applied in chain order (the parent's changes, then the child's);
* ``closed_units``: the union over the chain.

Paths are resolved relative to the file that names them. ``extends`` names a file (relative,
ending in ``.toml``) or a shipped scenario by name (``hamyar scenarios`` lists them); a cycle is
an error naming the files in it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hamyar.errors import InputError, Issue
from hamyar.messages import Msg
from hamyar.scenarios.spec import (
    EMBEDDED,
    INPUT_KEYS,
    ScenarioSpec,
    SeatChange,
    parse_spec,
    read_spec,
    read_toml,
)

SUFFIX = ".toml"
DEFAULT_SCENARIO = "qom-1402-1403"
"""The shipped scenario of the embedded default (``hamyar run`` with no scenario)."""


def shipped_dir() -> Path:
    """The folder of the shipped example scenarios (``hamyar/data/scenarios``)."""
    return Path(str(resources.files("hamyar.data").joinpath("scenarios")))


def shipped_paths() -> dict[str, Path]:
    """``{name: path}`` of the shipped scenarios, by file name without ``.toml``."""
    folder = shipped_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: p.resolve() for p in sorted(folder.glob(f"*{SUFFIX}"))}


class SeatLayer(BaseModel):
    """One ``[seats]`` entry of one file of the chain."""

    model_config = ConfigDict(frozen=True)

    file: str
    unit: str
    change: SeatChange


class ClosedUnit(BaseModel):
    """One ``closed_units`` entry and the file that names it."""

    model_config = ConfigDict(frozen=True)

    file: str
    unit: str


class ResolvedScenario(BaseModel):
    """A scenario with its chain followed: absolute paths, merged overrides, ordered changes.

    Plain data (picklable), so that a batch can send it to another process or machine.
    """

    model_config = ConfigDict(frozen=True)

    name: str
    description: str = ""
    description_fa: str = ""
    path: str | None = None
    """The scenario file (``None`` for a scenario written inline, e.g. in a batch manifest)."""
    chain: tuple[str, ...] = ()
    """Every scenario file read, the child first."""
    applicants: str | None = None
    units: str | None = None
    rejections: str | None = None
    """Absolute paths, or ``"embedded"``."""
    inputs_from: str = "-"
    term: str | None = None
    policy: str | None = None
    policy_from: str = "-"
    overrides: dict[str, Any] = Field(default_factory=dict)
    override_origin: dict[str, str] = Field(default_factory=dict)
    """``{dotted key: file that set it}``, for located errors."""
    seats: tuple[SeatLayer, ...] = ()
    closed_units: tuple[ClosedUnit, ...] = ()
    file: str = "-"
    """Where the scenario itself is written (a file, or ``manifest.toml:scenarios[3]``)."""

    @property
    def inputs(self) -> dict[str, str]:
        """``{"applicants": path, ...}`` of the inputs that are given."""
        return {k: v for k in INPUT_KEYS if (v := getattr(self, k)) is not None}

    @property
    def embedded(self) -> bool:
        """All inputs are the embedded default's."""
        return self.applicants == EMBEDDED and self.units == EMBEDDED


def find_scenario(
    ref: str | Path, base: Path | None = None, file: str = "-", column: str | None = "extends"
) -> Path:
    """The file a scenario reference names: a path (relative to ``base``), or a shipped name."""
    text = str(ref)
    base = base or Path.cwd()
    candidate = Path(text) if Path(text).is_absolute() else base / text
    looks_like_path = text.endswith(SUFFIX) or "/" in text or "\\" in text
    if candidate.is_file():
        return candidate.resolve()
    shipped = shipped_paths()
    if not looks_like_path and text in shipped:
        return shipped[text]
    if looks_like_path:
        value = text if column else None
        raise InputError(Issue(Msg("scen.file.not_found"), value, file=file, column=column))
    names = tuple(shipped) or Msg("scen.file.none_shipped")
    raise InputError(
        Issue(
            Msg("scen.file.unknown", names=names),
            text,
            file=file,
            column=column,
        )
    )


def resolve_file(path: str | Path) -> ResolvedScenario:
    """Read a scenario file (or a shipped scenario's name) and follow its ``extends`` chain."""
    where = find_scenario(path, file=str(path), column=None)
    return _resolve(read_spec(where), str(where), where.parent, where, ())


def resolve_mapping(
    data: dict[str, Any], file: str, base: Path, extends_key: str = "extends"
) -> ResolvedScenario:
    """A scenario written inline (a manifest entry): keys as in a file, paths relative to
    ``base``; ``extends_key`` names the key that gives the parent (``scenario`` in a manifest)."""
    data = dict(data)
    if extends_key != "extends" and extends_key in data:
        if "extends" in data:
            raise InputError(Issue(Msg("scen.file.both_extends", key=repr(extends_key)), file=file))
        data["extends"] = data.pop(extends_key)
    spec = parse_spec(data, file)
    return _resolve(spec, file, base, None, ())


def _resolve(
    spec: ScenarioSpec, file: str, base: Path, path: Path | None, seen: tuple[Path, ...]
) -> ResolvedScenario:
    """Merge ``spec`` (read from ``file``, paths relative to ``base``) onto its parent."""
    parent: ResolvedScenario | None = None
    if spec.extends is not None:
        parent_path = find_scenario(spec.extends, base, file)
        if parent_path in seen or parent_path == path:
            cycle = " → ".join(str(p) for p in (*seen, path, parent_path) if p is not None)
            raise InputError(
                Issue(
                    Msg("scen.file.cycle", cycle=cycle),
                    spec.extends,
                    file=file,
                    column="extends",
                )
            )
        chain = (*seen, path) if path is not None else seen
        parent = _resolve(
            read_spec(parent_path), str(parent_path), parent_path.parent, parent_path, chain
        )
    return _merge(parent, spec, file, base, path)


def _absolute(value: str | None, base: Path) -> str | None:
    if value is None or value == EMBEDDED:
        return value
    p = Path(value).expanduser()
    return str(p if p.is_absolute() else (base / p).resolve())


def _merge(
    parent: ResolvedScenario | None, spec: ScenarioSpec, file: str, base: Path, path: Path | None
) -> ResolvedScenario:
    name = spec.name or (path.stem if path is not None else "scenario")
    values: dict[str, Any] = {
        "name": name,
        "description": spec.description,
        "description_fa": spec.description_fa,
        "path": str(path) if path is not None else None,
        "chain": ((str(path),) if path is not None else ()) + (parent.chain if parent else ()),
        "file": file,
    }
    if spec.sets_inputs or parent is None:
        for key in INPUT_KEYS:
            values[key] = _absolute(getattr(spec, key), base)
        values["inputs_from"] = file
    else:
        for key in (*INPUT_KEYS, "inputs_from"):
            values[key] = getattr(parent, key)
    if spec.term is not None or parent is None:
        values["term"] = spec.term
    else:
        values["term"] = parent.term
    if spec.policy is not None or parent is None:
        values["policy"] = _absolute(spec.policy, base)
        values["policy_from"] = file
    else:
        values["policy"] = parent.policy
        values["policy_from"] = parent.policy_from
    overrides = dict(parent.overrides) if parent else {}
    origin = dict(parent.override_origin) if parent else {}
    for key, value in spec.overrides.items():
        overrides[key] = value
        origin[key] = file
    values["overrides"] = overrides
    values["override_origin"] = origin
    layers = tuple(SeatLayer(file=file, unit=unit, change=c) for unit, c in spec.seats.items())
    values["seats"] = (parent.seats if parent else ()) + layers
    closed = tuple(ClosedUnit(file=file, unit=unit) for unit in spec.closed_units)
    values["closed_units"] = (parent.closed_units if parent else ()) + closed
    return ResolvedScenario(**values)


def scenario_summary(path: Path) -> tuple[str, str, str]:
    """``(name, description, description_fa)`` of a scenario file, without following
    ``extends``."""
    data = read_toml(path)
    spec = parse_spec(data, str(path))
    return spec.name or path.stem, spec.description, spec.description_fa
