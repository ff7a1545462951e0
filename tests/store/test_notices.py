"""``hamyar notices`` from the adopted allocation, on SQLite and PostgreSQL: the SMS/portal CSV,
the letters and the unit letters read back, and the refusals (no adoption, changed inputs)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.pipeline import run_problem
from hamyar.scenarios import load_scenario_inputs
from hamyar.store import Workspace
from hamyar.store.notices import gather_notices

UNITS_CSV = (
    "کد واحد,نام واحد,نام انگلیسی,تعداد خواهران,تعداد برادران,مسئول,تلفن,محل مراجعه\n"
    "A,کتابخانه,Library,1,1,دکتر رضایی,025-32103210,ساختمان مرکزی\n"
    "B,خوابگاه,Dormitory,1,0,,,\n"
)
APPLICANTS_CSV = (
    "شماره دانشجویی,نام,نام خانوادگی,جنسیت,مقطع تحصیلی,معدل,تعداد نیمسال گذرانده,"
    "زمینه های مورد درخواست,شماره شبا,موبایل\n"
    "S1,سارا,احمدی,خواهر,کارشناسی پیوسته,19,4,A,,09121111111\n"
    "S2,زهرا,کریمی,خواهر,کارشناسی پیوسته,18,4,A;B,,09122222222\n"
    "S3,مریم,حسینی,خواهر,کارشناسی پیوسته,17,4,A;B,,\n"
    "S4,علی,رضایی,برادر,کارشناسی پیوسته,19,4,A,,09124444444\n"
    "S5,رضا,محمدی,برادر,کارشناسی پیوسته,12,4,A,,09125555555\n"
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def read_rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row["student_id"]: row for row in csv.DictReader(fh)}


@pytest.fixture
def adopted(workspace_env: str, tmp_path: Path) -> Path:
    """The small instance allocated (run 1) and adopted; the folder of the files."""
    files = tmp_path / "in"
    files.mkdir()
    (files / "units.csv").write_text(UNITS_CSV, encoding="utf-8")
    (files / "applicants.csv").write_text(APPLICANTS_CSV, encoding="utf-8")
    code, _, err = invoke(
        "allocate",
        str(files / "applicants.csv"),
        str(files / "units.csv"),
        "--term",
        "1402-1",
        "--out",
        str(tmp_path / "run"),
    )
    assert code == 0, err
    assert invoke("adopt", "1")[0] == 0
    return files


def test_notices_in_persian(adopted: Path, tmp_path: Path) -> None:
    out = tmp_path / "notices"
    code, stdout, err = invoke("notices", "--out", str(out), "--lang", "fa")
    assert code == 0, err
    assert "۳ پذیرفته" in stdout and "3 پذیرفته" not in stdout  # Persian digits
    rows = read_rows(out / "notices.csv")
    assert list(rows) == ["S1", "S2", "S3", "S4", "S5"]
    assert {s: r["kind"] for s, r in rows.items()} == {
        "S1": "placed",
        "S2": "placed",
        "S3": "not_placed",
        "S4": "placed",
        "S5": "ineligible",
    }
    assert rows["S1"]["mobile"] == "09121111111" and rows["S3"]["mobile"] == ""
    s1 = rows["S1"]["text"]
    assert s1.startswith("خانم سارا احمدی،")
    assert "«کتابخانه»" in s1 and "نیمسال اول ۱۴۰۲–۱۴۰۳" in s1
    assert "دکتر رضایی، تلفن 025-32103210، ساختمان مرکزی" in s1
    assert "ساعت کار در ماه" in s1 and "E8" in s1  # no Sheba yet: the reminder
    assert "مسئول واحد «خوابگاه»" in rows["S2"]["text"]  # no contact column filled
    s3 = rows["S3"]["text"]
    assert "«کتابخانه»: نفر ۱" in s3 and "«خوابگاه»: نفر ۱" in s3
    assert "اولویت بالاتر" in s3  # the optimizer's explanation
    assert rows["S4"]["text"].startswith("آقای علی رضایی،")
    assert "E4" in rows["S5"]["text"] and "۱۲" in rows["S5"]["text"]

    letter = (out / "letters" / "S3.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in letter and "@page { size: A4" in letter
    assert "خانم مریم حسینی" in letter and "«کتابخانه»: نفر ۱" in letter
    every = (out / "letters" / "all.html").read_text(encoding="utf-8")
    assert every.count('class="letter"') == 5
    library = (out / "units" / "A.html").read_text(encoding="utf-8")
    assert "دکتر رضایی" in library and "«کتابخانه»" in library
    assert "سارا" in library and "علی" in library and "زهرا" not in library
    assert "09124444444" in library
    assert sorted(p.name for p in (out / "units").iterdir()) == ["A.html", "B.html", "all.html"]
    assert (out / ".hamyar.json").is_file()


def test_notices_in_english(adopted: Path, tmp_path: Path) -> None:
    out = tmp_path / "notices-en"
    code, stdout, err = invoke("notices", "--out", str(out), "--term", "1402-1", "--lang", "en")
    assert code == 0, err
    assert (
        "3 placed, 1 not placed, 1 not eligible, 0 left; 4 with a mobile; 2 unit letters" in stdout
    )
    rows = read_rows(out / "notices.csv")
    assert rows["S1"]["text"].startswith("Dear سارا احمدی, You have been placed in Library")
    assert "Please report to دکتر رضایی, telephone 025-32103210" in rows["S1"]["text"]
    assert "Library: number 1; Dormitory: number 1" in rows["S3"]["text"]
    assert "(rule E4)" in rows["S5"]["text"]
    assert 'dir="ltr"' in (out / "letters" / "S1.html").read_text(encoding="utf-8")


def test_notices_need_an_adopted_allocation(workspace_env: str, tmp_path: Path) -> None:
    out = tmp_path / "notices"
    code, _, err = invoke("notices", "--out", str(out), "--lang", "en")
    assert code == 2 and "no allocation has been adopted" in err and "Traceback" not in err
    assert not out.exists()
    code, _, err = invoke("notices", "--out", str(out), "--term", "1402-2", "--lang", "fa")
    assert code == 2 and "هیچ تخصیصی از این نیمسال پذیرفته نشده است" in err
    assert invoke("notices", "--out", str(out), "--term", "1402-x", "--lang", "fa")[0] == 2
    assert not out.exists()


def test_notices_of_the_default_run_explain_as_the_optimizer(
    default_run: tuple[Path, Path], tmp_path: Path
) -> None:
    run = default_run[0]
    assert invoke("adopt", "1")[0] == 0
    out = tmp_path / "notices"
    code, _, err = invoke("notices", "--out", str(out), "--lang", "fa")
    assert code == 0, err
    inputs = load_scenario_inputs(None)
    result = run_problem(inputs.problem, warnings=inputs.warnings, input_hashes=inputs.hashes)
    workspace = Workspace.open()
    with workspace.session() as session:
        source = gather_notices(session)
    workspace.close()
    assert source.explanations == {e.student_id: e for e in result.allocation.explanations}
    assert source.eligibility == result.eligibility
    rows = read_rows(out / "notices.csv")
    unplaced = read_rows(run / "unassigned.csv")
    assert {s for s, r in rows.items() if r["kind"] == "not_placed"} == set(unplaced)
    assert sum(r["kind"] == "placed" for r in rows.values()) == result.kpis.placed
    assert len(list((out / "letters").iterdir())) == len(rows) + 1


def small_scenario(tmp_path: Path) -> Path:
    """The small instance as a scenario, run (run 1) and adopted; the folder of its files."""
    files = tmp_path / "in"
    files.mkdir()
    (files / "units.csv").write_text(UNITS_CSV, encoding="utf-8")
    (files / "applicants.csv").write_text(APPLICANTS_CSV, encoding="utf-8")
    scenario = files / "term.toml"
    scenario.write_text(
        'name = "small"\napplicants = "applicants.csv"\nunits = "units.csv"\nterm = "1402-1"\n',
        encoding="utf-8",
    )
    assert invoke("run", str(scenario), "--out", str(tmp_path / "run"))[0] == 0
    assert invoke("adopt", "1")[0] == 0
    return files


def test_notices_after_a_vacancy(workspace_env: str, tmp_path: Path) -> None:
    small_scenario(tmp_path)
    code, _, err = invoke("vacancy", "S1", "--from", "1402/08/15", "--lang", "en")
    assert code == 0, err
    out = tmp_path / "notices"
    code, stdout, err = invoke("notices", "--out", str(out), "--lang", "fa")
    assert code == 0, err
    rows = read_rows(out / "notices.csv")
    assert rows["S1"]["kind"] == "left"
    assert "«کتابخانه» از ۱۴۰۲/۰۸/۱۵ پایان یافته است" in rows["S1"]["text"]
    assert rows["S3"]["kind"] == "placed"
    assert "از ۱۴۰۲/۰۸/۱۵ در واحد «کتابخانه» پذیرفته شده‌اید" in rows["S3"]["text"]
    library = (out / "units" / "A.html").read_text(encoding="utf-8")
    assert "مریم" in library and "سارا" not in library
    code, stdout, _ = invoke("notices", "--out", str(out), "--force", "--lang", "en")
    assert code == 0 and "3 placed, 0 not placed, 1 not eligible, 1 left" in stdout
    rows = read_rows(out / "notices.csv")
    assert "ended on 1402/08/15" in rows["S1"]["text"]
    assert "placed in Library from 1402/08/15" in rows["S3"]["text"]


def test_changed_inputs_are_refused(workspace_env: str, tmp_path: Path) -> None:
    files = small_scenario(tmp_path)
    assert invoke("notices", "--out", str(tmp_path / "n1"), "--lang", "fa")[0] == 0
    with (files / "applicants.csv").open("a", encoding="utf-8") as fh:
        fh.write("S6,نرگس,امینی,خواهر,کارشناسی پیوسته,20,4,A,,\n")
    code, _, err = invoke("notices", "--out", str(tmp_path / "n2"), "--lang", "en")
    assert code == 2 and "changed since it ran" in err
    assert not (tmp_path / "n2").exists()


@pytest.mark.slow
def test_notices_of_a_term_continued_from_the_one_before(
    default_run: tuple[Path, Path], tmp_path: Path
) -> None:
    assert invoke("adopt", "1")[0] == 0
    scenario = tmp_path / "next.toml"
    scenario.write_text(
        'name = "next"\nextends = "qom-1402-1403"\nterm = "1402-2"\n', encoding="utf-8"
    )
    out = tmp_path / "1402-2"
    code, _, err = invoke("run", str(scenario), "--out", str(out), "--continue-from", "1402-1")
    assert code == 0, err
    assert invoke("adopt", "2")[0] == 0
    code, _, err = invoke("notices", "--out", str(tmp_path / "n"), "--lang", "en")
    assert code == 2 and "more than one term has an adopted allocation (1402-1, 1402-2)" in err
    code, _, err = invoke(
        "notices", "--out", str(tmp_path / "n"), "--term", "1402-2", "--lang", "fa"
    )
    assert code == 0, err
    workspace = Workspace.open()
    with workspace.session() as session:
        source = gather_notices(session, "1402-2")
    workspace.close()
    assert source.run_id == 2 and source.problem.pins  # the continuing assistants (A5)
    unplaced = read_rows(out / "unassigned.csv")
    explained = {s: e.message_en for s, e in source.explanations.items() if e.placed_unit is None}
    assert explained == {s: r["explanation_en"] for s, r in unplaced.items()}
    rows = read_rows(tmp_path / "n" / "notices.csv")
    assert "نیمسال دوم ۱۴۰۲–۱۴۰۳" in next(iter(rows.values()))["text"]


def test_an_allocate_run_needs_neither_its_folder_nor_its_files(
    adopted: Path, tmp_path: Path
) -> None:
    import shutil

    shutil.rmtree(adopted)
    shutil.rmtree(tmp_path / "run")
    code, _, err = invoke("notices", "--out", str(tmp_path / "n"), "--lang", "fa")
    assert code == 0, err
    assert len(read_rows(tmp_path / "n" / "notices.csv")) == 5


def test_a_scenario_run_whose_folder_is_gone_is_refused(workspace_env: str, tmp_path: Path) -> None:
    import shutil

    small_scenario(tmp_path)
    shutil.rmtree(tmp_path / "run")
    code, _, err = invoke("notices", "--out", str(tmp_path / "n"), "--lang", "en")
    assert code == 2 and "the folder of run 1" in err and "is gone" in err
    assert not (tmp_path / "n").exists()


def test_no_notice_names_another_applicant(default_run: tuple[Path, Path], tmp_path: Path) -> None:
    """Notices go to students: none holds another applicant's student ID or national ID, while
    the planner's explanations (unassigned.csv) do name the seat holders."""
    assert invoke("adopt", "1")[0] == 0
    inputs = load_scenario_inputs(None)
    owners: dict[str, set[str]] = {}  # each student ID and national ID → whose it is
    for a in inputs.problem.applicants:
        for code in (a.student_id, *([a.national_id] if a.national_id else [])):
            owners.setdefault(code, set()).add(a.student_id)
    people = {a.student_id for a in inputs.problem.applicants}
    # every code is ASCII digits, so each place it stands in a text lies inside one run of
    # ASCII digits: the substrings of those runs of a code's length are all the places to look
    assert all(code.isascii() and code.isdigit() for code in owners)
    lengths = {len(code) for code in owners}
    unplaced = read_rows(default_run[0] / "unassigned.csv")
    named = {
        s
        for row in unplaced.values()
        for s in people
        if s in row["explanation_en"] and s != row["student_id"]
    }
    assert named  # the planner-facing explanation keeps its detail
    for lang in ("fa", "en"):
        out = tmp_path / f"notices-{lang}"
        code, _, err = invoke("notices", "--out", str(out), "--lang", lang)
        assert code == 0, err
        rows = read_rows(out / "notices.csv")
        assert len(rows) == len(people)
        texts = {s: r["text"] for s, r in rows.items()}
        for path in (out / "letters").iterdir():
            if path.stem in texts:
                texts[path.stem] += path.read_text(encoding="utf-8")
        for sid, text in texts.items():
            found = {
                run[i : i + n]
                for run in re.findall("[0-9]+", text)
                for n in lengths
                for i in range(len(run) - n + 1)
            }
            leaked = sorted(code for code in found & owners.keys() if owners[code] - {sid})
            assert not leaked, (sid, leaked[:3])
        said = " ".join(texts.values())
        if lang == "fa":
            assert "متقاضی با اولویت بالاتر از شما گرفته‌اند" in said
        else:
            assert "held by applicants who come before you" in said
            # placed below the first choice: told why not each unit ranked higher
            placed = read_rows(default_run[0] / "assignments.csv")
            for sid, row in placed.items():
                told = "Why not each unit you ranked higher: " in rows[sid]["text"]
                assert told == (row["preference_rank"] != "1"), sid


def test_placed_below_the_first_choice_hears_of_the_waiting_list(
    adopted: Path, tmp_path: Path
) -> None:
    # S2 asked A then B and holds B: she waits for A, behind S3 who has no seat at all.
    out = tmp_path / "notices"
    code, _, err = invoke("notices", "--out", str(out), "--lang", "fa")
    assert code == 0, err
    rows = read_rows(out / "notices.csv")
    s2 = rows["S2"]["text"]
    assert rows["S2"]["kind"] == "placed" and "«خوابگاه» پذیرفته" in s2
    assert "فهرست انتظار واحدهایی که بالاتر خواسته بودید: «کتابخانه»: نفر ۲" in s2
    assert "فهرست انتظار" not in rows["S1"]["text"]  # placed at the first choice
    assert "علت، برای هر واحدی که بالاتر خواسته بودید: «کتابخانه»:" in s2
    assert "بالاتر خواسته بودید" not in rows["S1"]["text"]
    s3 = rows["S3"]["text"]
    assert "S1" not in s3 and "S2" not in s3 and "۱۹" not in s3
    assert "ظرفیت خواهران این واحد را ۱ متقاضی با اولویت بالاتر از شما گرفته‌اند" in s3
    code, _, err = invoke("notices", "--out", str(out), "--force", "--lang", "en")
    assert code == 0, err
    rows = read_rows(out / "notices.csv")
    assert "waiting lists of the units you ranked higher: Library: number 2" in rows["S2"]["text"]
    assert "its 1 women's seats are held by applicants who come before you" in rows["S3"]["text"]
    assert "decided by the GPA" in rows["S3"]["text"]
