"""``hamyar generate``: synthetic instances as the files a planner uses, for tests and benchmarks.

One instance: ``applicants``, ``units`` and ``rejections`` files in ``--out``. With
``--institutions K``: one folder per institution (``inst-001`` …), each such an instance with its
own units, and ``manifest.toml`` listing them as ``[[scenarios]]`` (``name``, ``applicants``,
``units``, ``rejections`` relative to the manifest, ``term``) for ``hamyar batch``.
Everything is written through a staged folder, so a failed run leaves nothing behind.

``hamyar generate --applicants 1000 --units 25 --seed 1402`` writes the embedded default's pool.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click

from hamyar.generator import Instance, generate_institutions, generate_parts
from hamyar.io.outdir import staged_output
from hamyar.io.writers import write_applicants, write_rejections, write_units
from hamyar.models import Term

FORMATS = ("csv", "xlsx", "both")
MANIFEST = "manifest.toml"


@dataclass
class Written:
    """The files of one written instance (by format) and its counts."""

    name: str
    files: dict[str, dict[str, Path]] = field(default_factory=dict)
    applicants: int = 0
    units: int = 0
    female_seats: int = 0
    male_seats: int = 0
    rejections: int = 0


def write_instance(instance: Instance, folder: Path, fmt: str = "csv", lang: str = "en") -> Written:
    """Write an instance's files into ``folder``: ``applicants``, ``units`` and (when there
    are any) ``rejections``, as ``.csv``, ``.xlsx`` or both."""
    folder.mkdir(parents=True, exist_ok=True)
    suffixes = ("csv", "xlsx") if fmt == "both" else (fmt,)
    written = Written(
        name=instance.name,
        applicants=len(instance.applicants),
        units=len(instance.units),
        female_seats=sum(u.female_seats for u in instance.units),
        male_seats=sum(u.male_seats for u in instance.units),
        rejections=len(instance.rejections),
    )
    for suffix in suffixes:
        files = {
            "applicants": folder / f"applicants.{suffix}",
            "units": folder / f"units.{suffix}",
        }
        write_applicants(instance.applicants, files["applicants"], lang)
        write_units(instance.units, files["units"], lang)
        if instance.rejections:
            files["rejections"] = folder / f"rejections.{suffix}"
            write_rejections(instance.rejections, files["rejections"], lang)
        written.files[suffix] = files
    return written


def manifest_text(written: Iterable[Written], root: Path, term: Term) -> str:
    """``manifest.toml``: one ``[[scenarios]]`` table per instance, paths relative to ``root``
    (the csv files when both formats were written)."""
    lines = [
        "# National batch written by `hamyar generate`; run it with `hamyar batch`.",
        "",
    ]
    for item in written:
        files = item.files.get("csv") or item.files["xlsx"]
        lines.append("[[scenarios]]")
        lines.append(f"name = {_quote(item.name)}")
        for key in ("applicants", "units", "rejections"):
            if key in files:
                lines.append(f"{key} = {_quote(files[key].relative_to(root).as_posix())}")
        lines.append(f"term = {_quote(str(term))}")
        lines.append("")
    return "\n".join(lines)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _term(_ctx: click.Context, _param: click.Parameter, value: str) -> Term:
    try:
        return Term.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command("generate")
@click.option(
    "--applicants",
    "n_applicants",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Applicants in all.",
)
@click.option(
    "--units",
    "n_units",
    type=click.IntRange(min=1),
    help="Units in all (the first 25 are the Qom table); about one per 40 applicants if omitted.",
)
@click.option(
    "--institutions",
    "n_institutions",
    type=click.IntRange(min=1),
    help="Split into this many institutions, one folder each, with a manifest.toml.",
)
@click.option("--seed", type=int, default=1402, show_default=True, help="Random seed.")
@click.option("--term", default="1402-1", show_default=True, callback=_term, help="Academic term.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Output folder.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help="File format; xlsx is slow for very large files.",
)
@click.option(
    "--lang",
    type=click.Choice(("en", "fa")),
    default="en",
    show_default=True,
    help="Header and value language.",
)
@click.option("--force", is_flag=True, help="Replace a non-empty output folder.")
def command(
    n_applicants: int,
    n_units: int | None,
    n_institutions: int | None,
    seed: int,
    term: Term,
    out: Path,
    fmt: str,
    lang: str,
    force: bool,
) -> None:
    """Write a synthetic instance (or a national batch) as applicants, units and rejections
    files."""
    if n_institutions is not None:
        if n_applicants < n_institutions:
            raise click.UsageError(
                f"--applicants ({n_applicants}) must be at least --institutions ({n_institutions})"
            )
        if n_units is not None and n_units < n_institutions:
            raise click.UsageError(
                f"--units ({n_units}) must be at least --institutions ({n_institutions})"
            )
    with staged_output(out, force) as tmp:
        if n_institutions is None:
            instance = generate_parts(n_applicants, n_units, seed, term, name=out.name)
            written = [write_instance(instance, tmp, fmt, lang)]
        else:
            written = []
            batch = generate_institutions(n_applicants, n_institutions, seed, n_units, term)
            for instance in batch:
                written.append(write_instance(instance, tmp / instance.name, fmt, lang))
            (tmp / MANIFEST).write_text(manifest_text(written, tmp, term), encoding="utf-8")
    click.echo(_summary(written, out, n_institutions is not None))


def _summary(written: list[Written], out: Path, batch: bool) -> str:
    applicants = sum(w.applicants for w in written)
    units = sum(w.units for w in written)
    female = sum(w.female_seats for w in written)
    male = sum(w.male_seats for w in written)
    rejections = sum(w.rejections for w in written)
    where = f"{len(written)} institutions and {MANIFEST} in {out}" if batch else str(out)
    return (
        f"wrote {_count(applicants, 'applicant')}, {_count(units, 'unit')} "
        f"({_count(female + male, 'seat')}: {female:,} female / {male:,} male) "
        f"and {_count(rejections, 'rejection')} to {where}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
