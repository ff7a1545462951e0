"""What pydantic and the models' validators say about a bad value, as catalogue messages.

A validator of hamyar raises ``ValueError(Msg(...))``; pydantic keeps the exception in the
error's context, and :func:`validation_message` gives that :class:`~hamyar.messages.Msg` back.
pydantic's own errors (a number beyond a bound, text where a number belongs, a missing field)
become ``models.value.<type>`` messages with pydantic's parameters, so that a person reads them
in the language of ``--lang``; a type without a message of its own is ``models.value.invalid``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from hamyar.messages import Msg, Text

_TYPES = {
    "missing": "models.value.missing",
    "int_parsing": "models.value.int_parsing",
    "int_type": "models.value.int_type",
    "int_from_float": "models.value.int_from_float",
    "int_parsing_size": "models.value.int_parsing_size",
    "float_parsing": "models.value.float_parsing",
    "float_type": "models.value.float_type",
    "decimal_parsing": "models.value.float_parsing",
    "decimal_type": "models.value.float_type",
    "finite_number": "models.value.finite_number",
    "bool_parsing": "models.value.bool_type",
    "bool_type": "models.value.bool_type",
    "string_type": "models.value.string_type",
    "dict_type": "models.value.dict_type",
    "model_type": "models.value.dict_type",
    "model_attributes_type": "models.value.dict_type",
    "list_type": "models.value.list_type",
    "tuple_type": "models.value.list_type",
    "set_type": "models.value.list_type",
    "frozen_set_type": "models.value.list_type",
    "iterable_type": "models.value.list_type",
    "date_type": "models.value.date_type",
    "extra_forbidden": "models.value.extra_forbidden",
    "greater_than": "models.value.greater_than",
    "greater_than_equal": "models.value.greater_than_equal",
    "less_than": "models.value.less_than",
    "less_than_equal": "models.value.less_than_equal",
    "multiple_of": "models.value.multiple_of",
    "literal_error": "models.value.choices",
    "enum": "models.value.choices",
    "too_short": "models.value.too_short",
    "too_long": "models.value.too_long",
    "string_too_short": "models.value.string_too_short",
    "string_too_long": "models.value.string_too_long",
    "decimal_max_places": "models.value.decimal_max_places",
    "decimal_max_digits": "models.value.decimal_max_digits",
    "decimal_whole_digits": "models.value.decimal_max_digits",
}
_BOUNDS = {
    "gt": "limit",
    "ge": "limit",
    "lt": "limit",
    "le": "limit",
    "multiple_of": "limit",
    "min_length": "limit",
    "max_length": "limit",
    "decimal_places": "limit",
    "max_digits": "limit",
    "whole_digits": "limit",
}
_QUOTED = re.compile(r"'([^']*)'")


def reason(exc: BaseException) -> Text:
    """The message of an exception raised with a :class:`Msg` (``ValueError(Msg(...))``), or
    its text."""
    first = exc.args[0] if exc.args else None
    return first if isinstance(first, Msg) else str(exc)


def _bound(value: object) -> str:
    """A bound of pydantic's context as plain digits (``10000``, ``0.5``), never grouped."""
    if isinstance(value, Decimal) and value.is_finite():
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def validation_message(error: Mapping[str, Any]) -> Text:
    """The message of one of pydantic's ``errors()``: a validator's own :class:`Msg`, or the
    catalogue's wording of pydantic's error type."""
    context = error.get("ctx") or {}
    cause = context.get("error")
    if isinstance(cause, BaseException):
        found = reason(cause)
        if isinstance(found, Msg):
            return found
    code = _TYPES.get(str(error.get("type")))
    if code is None:
        return Msg("models.value.invalid", kind=str(error.get("type")))
    params: dict[str, object] = {}
    for key, value in context.items():
        if key in _BOUNDS:
            params[_BOUNDS[key]] = _bound(value)
        elif key == "actual_length":
            params["actual"] = _bound(value)
        elif key == "expected":
            params["choices"] = tuple(_QUOTED.findall(str(value))) or (str(value),)
    return Msg(code, **params)
