"""Scenarios without TOML: the form, its located errors, the saved file, running it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from walk import run, token, upload

FORM = {
    "name": "gpa-15",
    "description": "GPA 15, pins soft, ten more dorm seats for sisters",
    "min_gpa.bachelor_continuous": "۱۵",
    "min_gpa.bachelor_discontinuous": "15",
    "pins": "soft",
    "stable": "welfare",
    "seats.DORM.female": "+10",
}


@pytest.mark.slow
def test_a_scenario_from_the_form_is_checked_saved_and_run(
    client: TestClient, default_files: dict[str, Path]
) -> None:
    upload(client, default_files)
    page = client.get("/scenarios")
    assert page.status_code == 200 and 'id="scenario-form"' in page.text
    assert 'name="seats.DORM.female"' in page.text  # a row per unit of the stored units file
    csrf = token(page.text)
    broken = {**FORM, "csrf": csrf, "priority_weights.welfare": "شش", "seats.NOPE.male": "3"}
    refused = client.post("/scenarios", data=broken)
    assert refused.status_code == 422
    errors = re.findall(r'<li dir="ltr">(.*?)</li>', refused.text)
    welfare, nope = "«overrides.priority_weights.welfare»: ", "«seats.NOPE»: واحد ناشناخته"
    assert errors and errors[0].startswith(f"gpa-15.toml، ستون {welfare}")  # Persian lines
    assert any(e.startswith(f"gpa-15.toml، ستون {nope}") for e in errors)  # all at once
    assert 'name="priority_weights.welfare" value="شش"' in refused.text  # kept as typed
    assert "bad-field" in refused.text
    assert client.get("/scenarios/gpa-15.toml").status_code == 404  # nothing saved
    bad_seat = client.post("/scenarios", data={**FORM, "csrf": csrf, "seats.NOPE.male": "3"})
    assert bad_seat.status_code == 422 and f"gpa-15.toml، ستون {nope}" in bad_seat.text
    saved = client.post("/scenarios", data={**FORM, "csrf": csrf})
    assert saved.status_code == 200 and 'id="scenario-saved"' in saved.text
    toml = tomllib.loads(client.get("/scenarios/gpa-15.toml").text)
    assert toml["overrides"] == {
        "min_gpa.bachelor_continuous": 15,
        "min_gpa.bachelor_discontinuous": 15,
        "pins": "soft",
    }
    assert toml["seats"] == {"DORM": {"female": "+10"}}
    assert toml["term"] == "1402-1" and toml["applicants"] == "../inputs/applicants.xlsx"
    edit = client.get("/scenarios?edit=gpa-15")
    assert 'name="seats.DORM.female" value="+10"' in edit.text
    assert re.search(r'name="pins" value="soft"\s+checked', edit.text)
    stages, result = run(client, "/scenarios/gpa-15/run")
    assert stages == [
        "[۱/۵] خواندن ورودی‌ها",
        "[۲/۵] بررسی شرایط (E1–E9)",
        "[۳/۵] تخصیص بهینه (A1–A5)",
        "[۴/۵] هزینهٔ برنامه‌ریزی‌شده (P1–P4)",
        "[۵/۵] نوشتن کاربرگ‌ها",
    ]
    assert result.status_code == 200 and "/runs/1" in str(result.url)
    assert "gpa-15" in client.get("/runs").text


def test_the_form_labels_say_in_words_what_each_field_sets(
    client: TestClient, default_files: dict[str, Path]
) -> None:
    upload(client, default_files)
    english = client.get("/scenarios?lang=en").text
    assert "Minimum GPA (rule E4): phd — min_gpa.phd" in english
    assert "Priority weight (rule A3): welfare — priority_weights.welfare" in english
    assert "<label>min_gpa.phd <input" not in english  # not the bare key
