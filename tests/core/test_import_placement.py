"""Project imports stand at the top of a module. One inside a function hides an import cycle,
so it is allowed only with a comment saying why it cannot be at the top (models not loaded yet
in ``AppConfig.ready()``, a development aid loaded only when enabled, …), on the line or
directly above the block of imports it belongs to (docs/DECISIONS.md)."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "jobcenter"


def _is_project_import(node) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").startswith("jobcenter")
    if isinstance(node, ast.Import):
        return any(alias.name.startswith("jobcenter") for alias in node.names)
    return False


def _explained(lines: list[str], node) -> bool:
    if "#" in lines[node.lineno - 1]:
        return True
    index = node.lineno - 2
    # Walk up over the other imports of the same block (and their continuation lines).
    while index >= 0:
        text = lines[index].strip()
        if text.startswith("#"):
            return True
        if text.startswith(("from ", "import ", ")")) or text.endswith(",") or text == "":
            if text == "":
                return False
            index -= 1
            continue
        return False
    return False


def function_level_imports() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        source = path.read_text()
        lines = source.splitlines()
        for function in ast.walk(ast.parse(source)):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if _is_project_import(node) and not _explained(lines, node):
                    found.append(f"{path.relative_to(SRC.parent)}:{node.lineno}")
    return sorted(set(found))


def test_no_unexplained_project_import_inside_a_function():
    assert function_level_imports() == []


def test_the_check_finds_an_unexplained_one():
    lines = ["def f():", "    x = 1", "    from jobcenter.core import jobs", ""]
    node = ast.parse("\n".join(lines)).body[0].body[1]
    assert not _explained(lines, node)
    lines[1] = "    # Here, not at the top: models are not loaded yet."
    assert _explained(lines, node)
