"""The catalogues against the source: every code used is in both, with the same placeholders,
none is unused, every one renders in both languages, and the ``.mo`` files are the ``.po``.

A code is *used* when it is the literal first argument of ``Msg(…)`` or ``say(…)`` (or of the
web pages' ``word(…)``), a help code (``help="help.run"``), the literal first argument of ``w(…)``
in a page template (``{{ w("web.nav.term") }}``), or any string literal of the package equal to
a code (a table of codes); an f-string first argument (``Msg(f"word.degree.{d}")``) or a
template's ``w("web.status." ~ s.status)`` uses every code that starts with its literal
beginning. Only literal first arguments must exist in the catalogues.
"""

from __future__ import annotations

import ast
import io
import string
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from hamyar.commands.base import HELP_CODE
from hamyar.messages import LANGS, say
from hamyar.messages.catalogue import LOCALE

PACKAGE = Path(__file__).resolve().parents[2] / "hamyar"
CALLS = {"Msg", "say"}
WEB_WORDS = ("hamyar.web.words", "hamyar.web.site")
"""Modules whose ``word`` renders a catalogue code (the web pages')."""


def po(lang: str) -> dict[str, str]:
    with (LOCALE / lang / "LC_MESSAGES" / "hamyar.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return {m.id: m.string for m in catalog if m.id}


def mo(lang: str) -> dict[str, str]:
    with (LOCALE / lang / "LC_MESSAGES" / "hamyar.mo").open("rb") as handle:
        catalog = read_mo(handle)
    return {m.id: m.string for m in catalog if m.id}


def imported_names(node: ast.ImportFrom) -> set[str]:
    """The names an import binds to ``Msg`` and ``say`` of :mod:`hamyar.messages` and to the web
    pages' ``word``."""
    if (node.module or "").startswith("hamyar.messages"):
        return {alias.asname or alias.name for alias in node.names if alias.name in CALLS}
    if node.module in WEB_WORDS:
        return {alias.asname or alias.name for alias in node.names if alias.name == "word"}
    return set()


def template_codes(package: Path = PACKAGE) -> tuple[dict[str, str], set[str]]:
    """``(required, prefixes)`` of the page templates: the literal codes of ``w("…")`` calls
    (code → where) and the literal starts of ``w("prefix." ~ value)``."""
    from jinja2 import Environment, nodes

    env = Environment()
    required: dict[str, str] = {}
    prefixes: set[str] = set()
    for path in sorted(package.rglob("templates/*.html")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        for call in tree.find_all(nodes.Call):
            if not (isinstance(call.node, nodes.Name) and call.node.name == "w" and call.args):
                continue
            first = call.args[0]
            where = f"{path.relative_to(package.parent)}:{call.lineno}"
            if isinstance(first, nodes.Const) and isinstance(first.value, str):
                required.setdefault(first.value, where)
            start = first.nodes[0] if isinstance(first, nodes.Concat) else None
            start = first.left if isinstance(first, nodes.Add) else start
            if isinstance(start, nodes.Const) and isinstance(start.value, str):
                prefixes.add(start.value)
    return required, prefixes


def source_codes(package: Path = PACKAGE) -> tuple[dict[str, str], set[str], set[str]]:
    """``(required, literals, prefixes)``: the literal codes of ``Msg``/``say`` calls (imported
    from :mod:`hamyar.messages`) and help codes (code → where), every string literal, and the
    literal starts of f-string codes. Each file's tree is walked once: its imports, string
    literals and calls are gathered together, the calls then kept by the names imported."""
    required: dict[str, str] = {}
    literals: set[str] = set()
    prefixes: set[str] = set()
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        names = CALLS if path.parent.name == "messages" else set()
        file = path.relative_to(package.parent)
        calls: list[tuple[str, ast.Call]] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
                if HELP_CODE.fullmatch(node.value):
                    required.setdefault(node.value, f"{file}:{node.lineno}")
            elif isinstance(node, ast.Call) and node.args:
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else None
                name = func.id if isinstance(func, ast.Name) else name
                if name is not None:
                    calls.append((name, node))
            elif isinstance(node, ast.ImportFrom):
                names = names | imported_names(node)
        for name, call in calls:
            if name not in names:
                continue
            first = call.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                required.setdefault(first.value, f"{file}:{call.lineno}")
            elif isinstance(first, ast.JoinedStr) and first.values:
                start = first.values[0]
                if isinstance(start, ast.Constant) and isinstance(start.value, str):
                    prefixes.add(start.value)
    in_templates, template_prefixes = template_codes(package)
    for code, where in in_templates.items():
        required.setdefault(code, where)
    return required, literals, prefixes | template_prefixes


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def catalogues() -> dict[str, dict[str, str]]:
    return {lang: po(lang) for lang in LANGS}


Scan = tuple[dict[str, str], set[str], set[str]]


@pytest.fixture(scope="module")
def scanned() -> Scan:
    """The package's codes (:func:`source_codes`), scanned once for the tests of this file."""
    return source_codes()


def test_every_code_used_is_in_both_catalogues_and_not_empty(
    catalogues: dict[str, dict[str, str]], scanned: Scan
) -> None:
    required, _, _ = scanned
    assert required, "no message code found in the source"
    missing = [
        f"{where}: {code} ({lang})"
        for code, where in sorted(required.items())
        for lang in LANGS
        if not catalogues[lang].get(code)
    ]
    assert missing == []


def test_both_catalogues_hold_the_same_codes_with_the_same_placeholders(
    catalogues: dict[str, dict[str, str]],
) -> None:
    fa, en = catalogues["fa"], catalogues["en"]
    assert sorted(set(fa) ^ set(en)) == []
    differ = {
        code: (placeholders(en[code]), placeholders(fa[code]))
        for code in en
        if placeholders(en[code]) != placeholders(fa[code])
    }
    assert differ == {}
    assert [code for code, text in fa.items() if not text.strip()] == []


def test_no_catalogue_code_is_unused(catalogues: dict[str, dict[str, str]], scanned: Scan) -> None:
    required, literals, prefixes = scanned
    unused = [
        code
        for code in sorted(catalogues["en"])
        if code not in required
        and code not in literals
        and not any(code.startswith(p) for p in prefixes)
    ]
    assert unused == []


def sample(spec: str) -> object:
    """A value a placeholder with format ``spec`` accepts: a number for a numeric spec."""
    if spec == "digits":
        return "1402-1"
    if (spec and spec[-1] in "dfgn%e") or spec in (",", "_"):
        return 1234 if spec[-1] in "dn," else 1234.5
    return "X"


@pytest.mark.parametrize("lang", LANGS)
def test_every_code_renders_in_both_languages(
    lang: str, catalogues: dict[str, dict[str, str]]
) -> None:
    failed: dict[str, str] = {}
    for code, text in catalogues["en"].items():
        params = {
            name: sample(spec or "")
            for _, name, spec, _ in string.Formatter().parse(catalogues[lang][code])
            if name
        }
        params |= {
            name: sample(spec or "") for _, name, spec, _ in string.Formatter().parse(text) if name
        }
        try:
            rendered = say(code, lang=lang, **params)  # type: ignore[arg-type]
        except (KeyError, ValueError, IndexError) as exc:
            failed[code] = repr(exc)
            continue
        if rendered.startswith(code) or "{" in rendered.replace("{{", ""):
            failed[code] = rendered
    assert failed == {}


def test_a_persian_sentence_is_not_the_english_one(catalogues: dict[str, dict[str, str]]) -> None:
    """A sentence with words in it is translated (codes whose text is only placeholders,
    punctuation, a file or option name may be the same)."""
    same = [
        code
        for code, text in catalogues["en"].items()
        if catalogues["fa"][code] == text and any(c.isalpha() for c in _words(text))
    ]
    assert same == []


def _words(text: str) -> str:
    for _, name, _, _ in string.Formatter().parse(text):
        if name:
            text = text.replace("{" + name + "}", "")
    return "".join(w for w in text.split() if not w.startswith("-") and "_" not in w)


@pytest.mark.parametrize("lang", LANGS)
def test_the_committed_mo_files_are_the_po_files_compiled(lang: str) -> None:
    with (LOCALE / lang / "LC_MESSAGES" / "hamyar.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    fresh = {m.id: m.string for m in read_mo(compiled) if m.id}
    assert mo(lang) == fresh, "run: python -m hamyar.messages.tidy"


def test_the_scan_finds_codes_in_calls_help_and_fstrings(tmp_path: Path) -> None:
    """A literal ``Msg`` code, an aliased ``say`` code, a help code and an f-string prefix are
    found; the same names imported from elsewhere are not."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text(
        "from hamyar.messages import Msg, say as s\n"
        'Msg("a.b", x=1)\ns("c.d")\nopt(help="help.e")\nMsg(f"word.g.{v}")\n'
    )
    (package / "b.py").write_text('from elsewhere import say\nsay("not.a.code")\n')
    required, literals, prefixes = source_codes(package)
    assert sorted(required) == ["a.b", "c.d", "help.e"]
    assert required["c.d"] == "pkg/a.py:3"
    assert prefixes == {"word.g."}
    assert "not.a.code" in literals


def test_the_scan_finds_template_codes_and_prefixes(tmp_path: Path) -> None:
    """A template's literal ``w("…")`` code is required; ``w("a." ~ x)`` and ``w("b." + x)``
    use every code starting with their literal start; other calls are not codes."""
    folder = tmp_path / "pkg" / "web" / "templates"
    folder.mkdir(parents=True)
    (folder / "page.html").write_text(
        '<p>{{ w("web.a") }}</p>\n{{ w("web.b", n=2) }} {{ w("web.s." ~ x) }} {{ w("web.t." + y) }}'
        ' {{ n("12") }} {{ w(z) }}'
    )
    required, prefixes = template_codes(tmp_path / "pkg")
    assert sorted(required) == ["web.a", "web.b"]
    assert required["web.b"] == "pkg/web/templates/page.html:2"
    assert prefixes == {"web.s.", "web.t."}
