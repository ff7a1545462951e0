"""``hamyar history STUDENT`` also lists the terms a student applied to without a placement,
with the reason: the blocking rule, or the explanation and the waiting-list places; and for a
term placed below the first choice, why not each better-ranked unit."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from hamyar.cli import cli

UNITS_CSV = "کد واحد,نام واحد,تعداد خواهران,تعداد برادران\nA,کتابخانه,1,1\nB,خوابگاه,1,0\n"
APPLICANTS_CSV = (
    "شماره دانشجویی,نام,نام خانوادگی,جنسیت,مقطع تحصیلی,معدل,تعداد نیمسال گذرانده,"
    "زمینه های مورد درخواست,شماره شبا\n"
    "S1,سارا,احمدی,خواهر,کارشناسی پیوسته,19,4,A,\n"
    "S2,زهرا,کریمی,خواهر,کارشناسی پیوسته,18,4,A;B,\n"
    "S3,مریم,حسینی,خواهر,کارشناسی پیوسته,17,4,A;B,\n"
    "S5,رضا,محمدی,برادر,کارشناسی پیوسته,12,4,A,\n"
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_history_lists_terms_applied_to_without_a_placement(
    workspace_env: str, tmp_path: Path
) -> None:
    (tmp_path / "units.csv").write_text(UNITS_CSV, encoding="utf-8")
    (tmp_path / "applicants.csv").write_text(APPLICANTS_CSV, encoding="utf-8")
    args = [str(tmp_path / "applicants.csv"), str(tmp_path / "units.csv"), "--term", "1402-1"]
    assert invoke("allocate", *args, "--out", str(tmp_path / "run"))[0] == 0
    code, stdout, err = invoke("history", "S3", "--lang", "en")
    assert code == 2  # nothing adopted yet: no record of the student
    assert invoke("adopt", "1")[0] == 0
    code, stdout, err = invoke("history", "S3", "--lang", "en")
    assert code == 0, err
    assert "1402-1" in stdout and "applied, not placed" in stdout
    assert "why: A: " in stdout and "waiting list: A #1; B #1" in stdout
    code, stdout, err = invoke("history", "S5", "--lang", "en")
    assert code == 0, err
    assert "applied, not eligible" in stdout and "E4" in stdout
    code, stdout, err = invoke("history", "S5", "--lang", "fa")
    assert code == 0 and "درخواست داده بود، واجد شرایط نبود" in stdout
    code, stdout, _ = invoke("history", "S1", "--lang", "en")
    assert code == 0 and "applied" not in stdout and " A " in stdout
    assert invoke("history", "S9", "--lang", "en")[0] == 2
    # S2 holds B, her second choice: the history says why not A, her first
    code, stdout, err = invoke("history", "S2", "--lang", "en")
    assert code == 0, err
    assert "term 1402-1: B (choice 2)" in stdout
    assert (
        "why not A: full: its only female seat is held by a student who comes before you under "
        "rule A3; that student, S1, has priority score 0 and GPA 19"
    ) in stdout
    code, stdout, _ = invoke("history", "S2", "--lang", "fa")
    assert code == 0 and "چرا نه «کتابخانه»: تنها ظرفیت خواهران این واحد" in stdout
    assert "why not" not in invoke("history", "S1", "--lang", "en")[1]
