"""No module of the package is over 450 lines: small modules with clear names."""

from __future__ import annotations

from pathlib import Path

LIMIT = 450
PACKAGE = Path(__file__).resolve().parents[1] / "hamyar"


def test_no_module_is_over_the_limit() -> None:
    long = {
        str(path.relative_to(PACKAGE.parent)): n
        for path in sorted(PACKAGE.rglob("*.py"))
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert not long, f"modules over {LIMIT} lines: {long}"
