"""The per-unit fill chart as an SVG drawn on the server (no script, readable right to left)."""

from __future__ import annotations

from html import escape
from typing import Any

from hamyar.web.words import num, word

ROW = 22
LABEL = 150
BAR = 300


def fill_svg(per_unit: dict[str, dict[str, dict[str, Any]]], lang: str) -> str:
    """One row per unit and gender: the seats as an outline, the filled seats as a bar."""
    rows = [
        (code, gender, int(v["seats"]), int(v["filled"]))
        for code, genders in sorted(per_unit.items())
        for gender, v in sorted(genders.items())
    ]
    most = max((seats for *_, seats, _ in rows), default=1) or 1
    height = ROW * len(rows) + 10
    width = LABEL + BAR + 80
    rtl = lang == "fa"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" direction="ltr" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(word("web.result.fill", lang))}">'
    ]
    for i, (code, gender, seats, filled) in enumerate(rows):
        y = 5 + i * ROW
        full, done = BAR * seats / most, BAR * filled / most
        bar_x = width - LABEL - full if rtl else LABEL
        done_x = width - LABEL - done if rtl else LABEL
        text_x = width - 4 if rtl else 4
        anchor = "end" if rtl else "start"
        label = f"{code} · {word('web.gender.' + gender, lang)}"
        value = f"{num(filled, lang)} / {num(seats, lang)}"
        value_x = bar_x - 4 if rtl else bar_x + full + 4
        parts += [
            f'<text x="{text_x}" y="{y + 14}" text-anchor="{anchor}" class="lbl">'
            f"{escape(label)}</text>",
            f'<rect x="{bar_x:.1f}" y="{y + 3}" width="{full:.1f}" height="14" class="seats"/>',
            f'<rect x="{done_x:.1f}" y="{y + 3}" width="{done:.1f}" height="14" '
            f'class="filled {gender}"/>',
            f'<text x="{value_x:.1f}" y="{y + 14}" text-anchor="{"end" if rtl else "start"}" '
            f'class="val">{escape(value)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


COLUMN = 64
TALL = 160


def rank_svg(distribution: dict[str, int], lang: str) -> str:
    """How many placed students got their first, second … choice: one column per rank, the
    first choice on the reading side (right in Persian), counts and labels in the page's
    digits."""
    ranks = sorted(
        distribution.items(),
        key=lambda kv: (not kv[0].isdigit(), int(kv[0]) if kv[0].isdigit() else 0),
    )
    most = max((v for _, v in ranks), default=1) or 1
    width = COLUMN * max(len(ranks), 1) + 20
    height = TALL + 50
    rtl = lang == "fa"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" direction="ltr" id="rank-chart" '
        f'width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(word("web.rank.title", lang))}">'
    ]
    for i, (rank, count) in enumerate(ranks):
        slot = len(ranks) - 1 - i if rtl else i
        x = 10 + slot * COLUMN
        tall = TALL * count / most
        name = (
            word("web.rank.nth", lang, n=int(rank))
            if rank.isdigit()
            else word("web.rank.none", lang)
        )
        middle = x + COLUMN / 2
        parts += [
            f'<rect x="{x + 8}" y="{20 + TALL - tall:.1f}" width="{COLUMN - 16}" '
            f'height="{tall:.1f}" class="bar"><title>{escape(name)}: {escape(num(count, lang))}'
            "</title></rect>",
            f'<text x="{middle}" y="{14 + TALL - tall:.1f}" text-anchor="middle" class="val">'
            f"{escape(num(count, lang))}</text>",
            f'<text x="{middle}" y="{TALL + 38}" text-anchor="middle" class="lbl">'
            f"{escape(name)}</text>",
        ]
    parts.append("</svg>")
    return "".join(parts)
