"""Located lines in English and Persian, grouped by code; errors carrying messages."""

from __future__ import annotations

import pickle

from hamyar.errors import HamyarError, InputError, Issue, listing
from hamyar.messages import Msg, use_lang
from hamyar.store.errors import WorkspaceError, in_language

NOT_FOUND = Msg("io.table.not_found", what=Msg("io.table.name.units"))


def test_english_line_is_file_row_column_message_value() -> None:
    issue = Issue(NOT_FOUND, "LIBB", file="units.csv", row=12, column="code")
    assert issue.line("en") == "units.csv:12:code: units file not found (LIBB)"
    assert str(issue) == issue.line("en")  # the suite's HAMYAR_LANG
    assert issue.code == "io.table.not_found"


def test_persian_line_names_each_part_and_quotes_the_value_as_written() -> None:
    issue = Issue(NOT_FOUND, "کتابخانه 2", file="units.xlsx", row=12, column="معدل")
    assert (
        issue.line("fa")
        == "units.xlsx، ردیف ۱۲، ستون «معدل»: پرونده واحدها پیدا نشد («کتابخانه 2»)"
    )
    with use_lang("fa"):
        assert str(issue) == issue.line("fa")
    warning = Issue(NOT_FOUND, file="-", column="--term", severity="warning", rule="E8")
    assert warning.line("fa") == "ستون «--term»: هشدار: E8: پرونده واحدها پیدا نشد"
    assert warning.line("en") == "-:--term: warning: E8: units file not found"


def test_plain_text_still_works() -> None:
    issue = Issue("GPA must be within 0-20", "25", file="a.csv", row=2, column="gpa")
    assert issue.line("en") == "a.csv:2:gpa: GPA must be within 0-20 (25)"
    assert issue.line("fa") == "a.csv، ردیف ۲، ستون «gpa»: GPA must be within 0-20 («25»)"
    assert issue.code is None


def test_listing_groups_by_code_whatever_the_parameters() -> None:
    issues = [
        Issue(Msg("io.table.not_found", what=str(i)), file="a.csv", row=i, column="gpa")
        for i in range(1, 5)
    ]
    assert listing(issues, per_kind=2, lang="en") == [
        "a.csv:1:gpa: 1 file not found",
        "a.csv:2:gpa: 2 file not found",
        "a.csv:gpa: … 2 more: 1 file not found",
    ]
    assert listing(issues, per_kind=2, lang="fa")[-1] == (
        "a.csv، ستون «gpa»: … و ۲ مورد دیگر: پرونده 1 پیدا نشد"
    )


def test_input_error_renders_when_printed_and_pickles() -> None:
    error = InputError(Issue(NOT_FOUND, file="u.csv"))
    assert str(error) == "u.csv: units file not found"
    with use_lang("fa"):
        assert str(error) == "u.csv: پرونده واحدها پیدا نشد"
    again = pickle.loads(pickle.dumps(error))
    assert again.issues == error.issues and str(again) == str(error)
    assert str(InputError(NOT_FOUND)) == "-: units file not found"
    assert str(HamyarError(NOT_FOUND)) == "units file not found"


def test_workspace_error_carries_a_msg_or_the_older_pair() -> None:
    new = WorkspaceError(NOT_FOUND, where="hamyar.db", value=7)
    assert (new.en, new.fa) == ("units file not found", "پرونده واحدها پیدا نشد")
    old = WorkspaceError("no such run", "چنین اجرایی نیست", value=7)
    assert str(old) == "workspace: no such run (7)"
    with use_lang("fa"):
        assert str(old) == "فضای کار: چنین اجرایی نیست («7»)"
    for error in (new, old):
        try:
            with in_language("fa"):
                raise error
        except InputError as exc:
            assert exc.issues[0].text("fa") == error.fa
        assert str(pickle.loads(pickle.dumps(error))) == str(error)
