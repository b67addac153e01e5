"""The house rules of the UI, checked on the source (no Textual needed):

- no import circle anywhere in ``cardgame`` (an import inside a function counts: a lazy import
  hides a circle, it does not remove it; only ``if TYPE_CHECKING:`` imports are left out);
- the app, its screens and widgets and the web package reach the domain through the session
  only: none imports ``cardgame.store`` or touches a ``.store`` attribute (the session's store is
  for the session package, the command-line tools that never start the TUI, and tests);
- no screen imports another screen (the app owns navigation) and nothing reads ``screen_stack``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "cardgame"
UI = sorted([*(PACKAGE / "screens").glob("*.py"), *(PACKAGE / "widgets").glob("*.py")])
# Everything that shows the game (in a terminal or a browser): the session is its one way in.
FRONT = sorted([*UI, PACKAGE / "app.py", *(PACKAGE / "web").rglob("*.py")])


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def runtime_nodes(tree: ast.AST):
    """Every node that runs at some point (function bodies included), minus TYPE_CHECKING blocks."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(child for child in ast.iter_child_nodes(node) if not is_type_checking(child))


def existing_module(name: str, modules: set[str]) -> str | None:
    """``name`` or its longest prefix that is a module of the package."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that ``path`` imports when it runs."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: set[str | None] = set()
    for node in runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(existing_module(alias.name, modules) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(
                    [*parts[: len(parts) - (node.level - 1)], *([base] if base else [])]
                )
            for alias in node.names:
                # ``from . import paths`` imports the module ``paths`` when there is one.
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in modules else existing_module(base, modules))
    return {name for name in found if name and name.startswith("cardgame") and name != me}


def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(path) for path in paths}
    return {module_name(path): imports_of(path, modules) for path in paths}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_lazy_imports_and_skips_type_checking(tmp_path):
    graph = import_graph()
    assert "cardgame.screens.play" in graph["cardgame.app"]
    assert "cardgame.engine" in graph["cardgame.screens.base"]
    # base.py names the app only for the type checker: no edge back to the app.
    assert "cardgame.app" not in graph["cardgame.screens.base"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circle_at_all():
    assert cycles(import_graph()) == []


def reaches_past_the_session(path: Path) -> list[str]:
    problems = []
    for node in runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            name = node.module or ""
            if name in ("store", "cardgame.store") or name.startswith(
                ("store.", "cardgame.store.")
            ):
                problems.append(f"line {node.lineno}: imports the store")
        elif isinstance(node, ast.Import):
            if any(alias.name.startswith("cardgame.store") for alias in node.names):
                problems.append(f"line {node.lineno}: imports the store")
        elif isinstance(node, ast.Attribute) and node.attr == "store":
            problems.append(f"line {node.lineno}: touches .store")
        elif isinstance(node, ast.Attribute) and node.attr == "screen_stack":
            problems.append(f"line {node.lineno}: reads screen_stack")
    return problems


def imports_a_screen(path: Path) -> list[str]:
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    screens = {m for m in modules if m.startswith("cardgame.screens.")} - {"cardgame.screens.base"}
    return sorted((imports_of(path, modules) & screens) - {module_name(path)})


def ui_params(paths=UI):
    for path in paths:
        name = str(path.relative_to(PACKAGE))
        yield pytest.param(path, id=name)


def test_the_front_covers_the_app_and_the_web_package():
    names = {str(path.relative_to(PACKAGE)) for path in FRONT}
    assert {"app.py", "web/tables.py", "web/app.py", "screens/play.py"} <= names


@pytest.mark.parametrize("path", ui_params(FRONT))
def test_the_app_screens_widgets_and_web_reach_the_domain_through_the_session(path):
    assert reaches_past_the_session(path) == []


@pytest.mark.parametrize("path", ui_params())
def test_no_screen_imports_another_screen_to_show_it(path):
    assert imports_a_screen(path) == []


def test_the_rules_catch_what_they_forbid(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from ..store import Favourite\n"
        "def f(self):\n"
        "    self.app.session.store.add()\n"
        "    return self.app.screen_stack\n"
    )
    assert len(reaches_past_the_session(bad)) == 3
