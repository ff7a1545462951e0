"""pydantic's errors and the models' validators, worded by the catalogue in both languages."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field, ValidationError, field_validator

from hamyar.messages import Msg
from hamyar.models.validation import validation_message


class Sample(BaseModel):
    seats: int = Field(default=0, ge=0, le=10000)
    when: int = 0

    @field_validator("when")
    @classmethod
    def _when(cls, value: int) -> int:
        if value > 12:
            raise ValueError(Msg("models.month.range_of", month=value))
        return value


def _message(**data: object) -> Msg:
    with pytest.raises(ValidationError) as info:
        Sample.model_validate(data)
    (error,) = info.value.errors()
    message = validation_message(error)
    assert isinstance(message, Msg)
    return message


def test_a_bound_is_written_without_grouping_in_english_and_in_persian_digits() -> None:
    message = _message(seats=10**29)
    assert message.render("en") == "Input should be less than or equal to 10000"
    assert message.render("fa") == "باید ۱۰۰۰۰ یا کمتر باشد"


def test_a_type_error_and_a_validators_own_message() -> None:
    assert _message(seats="many").render("fa") == "عدد صحیح نیست"
    assert _message(when=13) == Msg("models.month.range_of", month=13)
    assert _message(when=13).render("fa") == "ماه باید از ۱ تا ۱۲ باشد: ۱۳"


def test_an_error_type_without_its_own_words_is_named() -> None:
    message = validation_message({"type": "uuid_parsing", "msg": "Input should be a valid UUID"})
    assert message == Msg("models.value.invalid", kind="uuid_parsing")
    assert message.render("fa") == "مقداری پذیرفتنی نیست (uuid_parsing)"
