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

from hamyar.commands.base import Command, lang_option
from hamyar.generator import Instance, generate_institutions, generate_parts
from hamyar.io.outdir import staged_output
from hamyar.io.writers import write_applicants, write_rejections, write_units
from hamyar.messages import Msg, say
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


@click.command("generate", cls=Command, help="help.generate")
@click.option(
    "--applicants",
    "n_applicants",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="help.generate.applicants",
)
@click.option(
    "--units",
    "n_units",
    type=click.IntRange(min=1),
    help="help.generate.units",
)
@click.option(
    "--institutions",
    "n_institutions",
    type=click.IntRange(min=1),
    help="help.generate.institutions",
)
@click.option("--seed", type=int, default=1402, show_default=True, help="help.generate.seed")
@click.option(
    "--term", default="1402-1", show_default=True, callback=_term, help="help.generate.term"
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="help.generate.out",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help="help.generate.format",
)
@lang_option
@click.option("--force", is_flag=True, help="help.generate.force")
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
                say(
                    "generate.usage.applicants",
                    applicants=n_applicants,
                    institutions=n_institutions,
                )
            )
        if n_units is not None and n_units < n_institutions:
            raise click.UsageError(
                say("generate.usage.units", units=n_units, institutions=n_institutions)
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
    where = (
        say("generate.where.batch", institutions=len(written), manifest=MANIFEST, out=str(out))
        if batch
        else str(out)
    )
    return say(
        "generate.wrote",
        applicants=_count(applicants, "applicant"),
        units=_count(units, "unit"),
        seats=_count(female + male, "seat"),
        female=female,
        male=male,
        rejections=_count(rejections, "rejection"),
        where=where,
    )


_COUNTS = {
    "applicant": (Msg("generate.count.applicant.one"), Msg("generate.count.applicant")),
    "unit": (Msg("generate.count.unit.one"), Msg("generate.count.unit")),
    "seat": (Msg("generate.count.seat.one"), Msg("generate.count.seat")),
    "rejection": (Msg("generate.count.rejection.one"), Msg("generate.count.rejection")),
}


def _count(n: int, noun: str) -> str:
    one, many = _COUNTS[noun]
    return say((one if n == 1 else many).code, n=n)
