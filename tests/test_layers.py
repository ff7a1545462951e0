"""No module imports a layer above its own.

The order is the one written in README.md (the fenced block under "Layers, bottom to top"); a
module may import its own layer and every layer below. Every import counts, also one inside a
function or under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "hamyar"
README = ROOT / "README.md"


def layer_order(readme: Path = README) -> list[tuple[str, ...]]:
    """The layers, bottom first, each a tuple of names (``models/``, ``text.py``…)."""
    match = re.search(r"Layers, bottom to top.*?```\n(.*?)```", readme.read_text(), re.DOTALL)
    if match is None:
        raise AssertionError(f"{readme}: no fenced block under 'Layers, bottom to top'")
    text = " ".join(match.group(1).split())
    return [tuple(part.split()) for part in text.split("→")]


def module_name(path: Path, package: Path) -> str:
    """``hamyar.io.rows`` for ``hamyar/io/rows.py``; a package is named by its folder."""
    parts = path.relative_to(package.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def place(module: str, package: Path) -> str:
    """The layer entry a module belongs to: ``io/`` for ``hamyar.io.rows``, ``cli.py`` for
    ``hamyar.cli``, ``__init__.py`` for the package itself."""
    parts = module.split(".")[1:]
    if not parts:
        return "__init__.py"
    if (package / parts[0] / "__init__.py").exists():
        return parts[0] + "/"
    if (package / f"{parts[0]}.py").exists():
        return parts[0] + ".py"
    return "__init__.py"  # a name defined in the package's __init__.py


def statements(tree: ast.AST) -> Iterator[ast.AST]:
    """Every statement of ``tree``, nested ones too (in functions, classes, ``if``, ``try``,
    ``match``…): an import is a statement and no expression holds one, so the walk skips the
    expressions, most of a tree's nodes."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        todo.extend(
            child
            for child in ast.iter_child_nodes(node)
            if isinstance(child, ast.stmt | ast.excepthandler | ast.match_case)
        )


def imported(path: Path, module: str) -> list[tuple[int, str]]:
    """``(line, module)`` of every import of the package's own modules, anywhere in the file;
    ``from hamyar import io`` counts as an import of ``hamyar.io``."""
    root = module.split(".")[0]
    is_package = path.name == "__init__.py"
    own_package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in statements(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = own_package.split(".")
                base = parts[: len(parts) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            if name == root:
                found.extend((node.lineno, f"{root}.{alias.name}") for alias in node.names)
            else:
                found.append((node.lineno, name))
    return sorted(
        (line, name) for line, name in found if name == root or name.startswith(root + ".")
    )


def upward_imports(package: Path, order: list[tuple[str, ...]]) -> list[str]:
    """``file:line: what is wrong`` for every import of a higher layer or of an unplaced part."""
    rank = {entry: i for i, layer in enumerate(order) for entry in layer}
    problems: list[str] = []
    for path in sorted(package.rglob("*.py")):
        module = module_name(path, package)
        own = place(module, package)
        if own not in rank:
            problems.append(f"{path.relative_to(package.parent)}: {own} is in no layer")
            continue
        where = path.relative_to(package.parent)
        for line, target in imported(path, module):
            other = place(target, package)
            if other not in rank:
                problems.append(f"{where}:{line}: {target} is in no layer ({other})")
            elif rank[other] > rank[own]:
                problems.append(f"{where}:{line}: {own} imports {target}, in {other} above it")
    return problems


def test_no_module_imports_a_layer_above_its_own() -> None:
    assert upward_imports(PACKAGE, layer_order()) == []


def test_the_messages_are_the_bottom_layer() -> None:
    """Every layer may speak: the catalogue and ``Lang`` import nothing above them."""
    assert layer_order()[0] == ("messages/",)


def test_every_top_level_part_of_the_package_has_a_layer() -> None:
    entries = {entry for layer in layer_order() for entry in layer}
    parts = {p.name + "/" for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    parts |= {p.name for p in PACKAGE.glob("*.py")}
    assert parts - entries == set()
    assert entries - parts == set()


@pytest.fixture
def tiny_package(tmp_path: Path) -> Path:
    """``pkg`` with layers ``low/`` → ``high/`` → ``top.py`` and a README stating them."""
    package = tmp_path / "pkg"
    for folder in ("low", "high"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "top.py").write_text("from pkg.high import thing\n")
    (package / "high" / "thing.py").write_text("from ..low import base\nimport pkg.low\n")
    (package / "low" / "base.py").write_text("X = 1\n")
    (tmp_path / "README.md").write_text(
        "Layers, bottom to top:\n\n```\n__init__.py low/ →\nhigh/ → top.py\n```\n"
    )
    return package


def test_the_order_is_read_from_the_readme(tiny_package: Path) -> None:
    order = layer_order(tiny_package.parent / "README.md")
    assert order == [("__init__.py", "low/"), ("high/",), ("top.py",)]
    assert upward_imports(tiny_package, order) == []


def test_an_upward_import_inside_a_function_is_found(tiny_package: Path) -> None:
    (tiny_package / "low" / "base.py").write_text("def f():\n    from pkg.high.thing import g\n")
    order = layer_order(tiny_package.parent / "README.md")
    assert upward_imports(tiny_package, order) == [
        "pkg/low/base.py:2: low/ imports pkg.high.thing, in high/ above it"
    ]


def test_a_relative_upward_import_and_an_unplaced_module_are_found(tiny_package: Path) -> None:
    (tiny_package / "low" / "base.py").write_text("from .. import top\n")
    (tiny_package / "extra.py").write_text("")
    order = layer_order(tiny_package.parent / "README.md")
    assert upward_imports(tiny_package, order) == [
        "pkg/extra.py: extra.py is in no layer",
        "pkg/low/base.py:1: low/ imports pkg.top, in top.py above it",
    ]
