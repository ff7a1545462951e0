"""The notices' file names: one per student ID or unit code, safe and unique whatever the ID."""

from __future__ import annotations

from hamyar.reports.notice_files import ALL, file_name, page


def test_file_names_are_safe_and_unique() -> None:
    used = {"all"}
    names = [file_name(code, used) for code in ("4011", "=1+2", "a/b", "../x", "all", "ALL", "A/B")]
    assert names == ["4011.html", "1_2.html", "a_b.html", "x.html", "all-2.html", "ALL-3.html",
                     "A_B-2.html"]  # fmt: skip
    assert ALL not in names
    assert all("/" not in n and not n.startswith(".") for n in names)


def test_a_page_is_right_to_left_in_persian_and_escapes() -> None:
    fa = page("<نامه>", "<p>x</p>", "fa")
    assert '<html lang="fa" dir="rtl">' in fa and "<title>&lt;نامه&gt;</title>" in fa
    assert '<html lang="en" dir="ltr">' in page("t", "", "en")
