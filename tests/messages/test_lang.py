"""The current language: ``use_lang``, ``HAMYAR_LANG``, Persian by default; ``Msg``."""

from __future__ import annotations

import pickle

import pytest

from hamyar.messages import Msg, check_lang, current_lang, default_lang, say, use_lang


def test_default_is_hamyar_lang_else_persian(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMYAR_LANG", "en")
    assert current_lang() == "en"
    monkeypatch.setenv("HAMYAR_LANG", "fa")
    assert current_lang() == "fa"
    monkeypatch.delenv("HAMYAR_LANG")
    assert default_lang() == "fa" == current_lang()
    monkeypatch.setenv("HAMYAR_LANG", "de")
    assert default_lang() == "fa"


def test_use_lang_nests_and_restores() -> None:
    assert current_lang() == "en"  # the suite's HAMYAR_LANG
    with use_lang("fa") as lang:
        assert lang == "fa" == current_lang()
        with use_lang(None):
            assert current_lang() == "fa"
        with use_lang("en"):
            assert current_lang() == "en"
        assert current_lang() == "fa"
    assert current_lang() == "en"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'de': use one of fa, en"):
        check_lang("de")
    with pytest.raises(ValueError), use_lang("de"):
        pass


def test_msg_renders_when_shown() -> None:
    msg = Msg("check.warnings", count=3)
    assert msg.code == "check.warnings" and dict(msg.params) == {"count": 3}
    assert str(msg) == "warnings (3):"
    with use_lang("fa"):
        assert str(msg) == "هشدارها (۳):"
    assert msg.render("fa") == "هشدارها (۳):"


def test_msg_is_a_value() -> None:
    """Equal code and parameters are equal and hash alike; a Msg survives pickling (a batch's
    worker processes send errors back) and is read-only."""
    one, two = Msg("check.warnings", count=3), Msg("check.warnings", count=3)
    assert one == two and hash(one) == hash(two) and one != Msg("check.warnings", count=4)
    assert pickle.loads(pickle.dumps(one)) == one
    with pytest.raises(TypeError):
        one.params["count"] = 5  # type: ignore[index]
    assert repr(one) == "Msg('check.warnings', count=3)"


def test_a_code_missing_from_the_catalogue_is_not_lost() -> None:
    assert say("no.such.code", lang="fa", n=3) == "no.such.code n=۳"
