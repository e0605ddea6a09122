"""The package's shape: one package per stage, imports that only point back to earlier stages, no cycles, small
modules, each opening with what it turns into what."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import handouts

PACKAGE = Path(handouts.__file__).parent
# Stages in pipeline order; a module may import its own stage and earlier ones. The base modules (findings,
# errors, units) are below every stage.
STAGES = ["base", "load", "resolve", "layout", "pdf", "preflight", "editions", "checks", "batch", "api",
          "preview", "scaffold", "serve", "sheets", "shop", "cli"]
BASE = {"findings", "errors", "units", "xmltext", "__init__"}
TOP_LEVEL_MODULES = {"api": "api", "schema": "api", "__main__": "cli"}
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _stage(module: Path) -> str:
    parts = module.relative_to(PACKAGE).with_suffix("").parts
    if len(parts) == 1:
        name = parts[0]
        return "base" if name in BASE else TOP_LEVEL_MODULES.get(name, name)
    return parts[0]


def _name(module: Path) -> str:
    parts = module.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(["handouts", *[p for p in parts if p != "__init__"]])


def _imports(module: Path) -> list[tuple[str, int, bool]]:
    """(imported handouts module, line, at module level) for every import of the package's own code."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("handouts"):
            names = [f"{node.module}.{a.name}" if (PACKAGE.parent / node.module.replace(".", "/") / a.name).exists()
                     or (PACKAGE.parent / f"{node.module.replace('.', '/')}/{a.name}.py").exists()
                     or node.module == "handouts" else node.module for a in node.names]
            found += [(name, node.lineno, id(node) in top) for name in names]
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno, id(node) in top) for a in node.names if a.name.startswith("handouts")]
    return found


def _stage_of_name(name: str) -> str:
    parts = name.split(".")[1:]
    if not parts:
        return "base"
    head = parts[0]
    if len(parts) == 1 or head in BASE or head in TOP_LEVEL_MODULES:
        return "base" if head in BASE or head == "__version__" else TOP_LEVEL_MODULES.get(head, head)
    return head


def test_every_stage_package_exists():
    present = {_stage(m) for m in _modules()}
    assert {"load", "resolve", "layout", "pdf", "preflight", "editions", "checks", "batch", "api", "preview",
            "scaffold", "cli"} <= present


@pytest.mark.parametrize("module", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_only_to_earlier_stages(module):
    stage = STAGES.index(_stage(module))
    for name, line, _ in _imports(module):
        target = _stage_of_name(name)
        if module.name == "__init__.py" and _stage(module) == "base" and name == "handouts.api":
            continue  # the package's lazy public API (PEP 562), imported on first use
        assert STAGES.index(target) <= stage, \
            f"{module.relative_to(PACKAGE)}:{line} imports {name} ({target}), a later stage than {_stage(module)}"


def test_no_import_cycles_between_modules():
    graph: dict[str, set[str]] = {}
    names = {_name(m): m for m in _modules()}
    for name, module in names.items():
        targets = set()
        for imported, _, _ in _imports(module):
            while imported not in names and "." in imported:
                imported = imported.rsplit(".", 1)[0]
            if imported in names and imported != name and imported != "handouts":
                targets.add(imported)
        graph[name] = targets
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


@pytest.mark.parametrize("module", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_are_small_and_say_what_they_turn_into_what(module):
    text = module.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES, f"{module.name} has {len(text.splitlines())} lines"
    doc = ast.get_docstring(ast.parse(text))
    assert doc and doc.startswith("Turn "), f"{module.relative_to(PACKAGE)} should open with 'Turn X into Y.'"


# Modules that load a heavy half of their stage on first use (the PDF readers and checks of a preflight, which
# most commands never run): a build starts sooner without them.
LOADS_ON_FIRST_USE = {PACKAGE / "preflight" / "__init__.py", PACKAGE / "checks" / "large_print.py"}


def test_function_level_imports_of_the_package_are_only_in_the_command_line():
    """Inside functions, the package's own modules are imported only by command modules (to keep `--help`
    instant), by the lazy public API and by the few modules that load a heavy part on first use; anywhere else
    it would hide a cycle (the cycle test above follows these imports too)."""
    for module in _modules():
        if _stage(module) == "cli" or module == PACKAGE / "__init__.py" or module in LOADS_ON_FIRST_USE:
            continue
        late = [(name, line) for name, line, top in _imports(module) if not top]
        assert not late, f"{module.relative_to(PACKAGE)} imports {late} inside a function"
