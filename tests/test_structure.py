"""The package's shape: no import cycles (imports inside functions included), stages that import only downstream,
caching known to build/ alone, and a thin command line."""
from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"
# a stage may import the stages after it in this list, never those before it
ORDER = ("cli", "arguments", "build", "publish", "sheet", "ingest", "project", "render", "present", "theme", "content",
         "vocabulary", "writer", "report", "errors", "limits")  # limits: the resource policy, read by every stage


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every generator module the file imports, at the top or inside a function."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = (f"{base}.{node.module}" if node.module else base) if node.level else (node.module or "")
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)  # `from . import walk` names a module
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports_of(path) if m in modules and m != name} for name, path in modules.items()}


def stage(module: str) -> str:
    return module.split(".")[1] if "." in module else module


def test_no_module_imports_itself_round_a_circle():
    edges = graph()
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])


def test_stages_import_only_what_comes_after_them_in_the_flow():
    wrong = []
    for module, targets in graph().items():
        here = stage(module)
        if here not in ORDER:
            continue
        for target in targets:
            there = stage(target)
            if there in ORDER and ORDER.index(there) < ORDER.index(here):
                wrong.append(f"{module} imports {target}")
    assert not wrong, wrong


def test_caching_is_known_to_build_alone():
    importers = sorted({stage(m) for m, targets in graph().items() if stage(m) != "build"
                        for t in targets if stage(t) == "build"})
    assert importers == ["cli"], importers  # the command line starts builds; nothing else reaches into build/


def test_the_command_line_is_thin():
    assert len((PACKAGE / "cli.py").read_text(encoding="utf-8").splitlines()) <= 200
    assert not [m for m in graph()["generator.cli"] if stage(m) in ("render", "present")]  # renderers are the build's to call


MAX_FUNCTION_LINES = 60


def long_functions(tree: ast.Module) -> list[str]:
    return [f"{node.lineno}: {node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]


def test_no_function_runs_past_sixty_lines():
    long = [f"{path.relative_to(ROOT)}:{hit}" for path in PACKAGE.rglob("*.py")
            for hit in long_functions(ast.parse(path.read_text(encoding="utf-8")))]
    assert not long, f"split into named helpers (at most {MAX_FUNCTION_LINES} lines): {long}"


def test_the_length_check_catches_a_long_function():
    tree = ast.parse('def f():\n    """说明。"""\n' + "    pass\n" * 60)
    assert long_functions(tree) == ["1: f (62 lines)"]
