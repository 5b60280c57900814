"""The apps depend on each other one way, towards `articles`: `feedback` and
`search` plug into it (template tags, signals), it knows neither; `support`
builds on all three, and none of them knows it; and no module imports
itself back through others."""

import ast
from pathlib import Path

from django.conf import settings

APPS = ["helpcenter", "articles", "feedback", "search", "support", "accounts"]
ROOT = Path(settings.BASE_DIR)


def modules():
    """{module name: path} of the apps' code, tests and migrations left out
    (migrations record history: they may name any app)."""
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "tests" in parts or "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def imports_of(name, path, known):
    """The modules of ours `name` imports, wherever in the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0]
                base = f"{parent}.{base}" if base else parent
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {target for target in targets if target in known}
    return found - {name}


def graph():
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def test_articles_imports_neither_feedback_nor_search():
    offending = {
        (name, target)
        for name, targets in graph().items()
        if name.split(".")[0] == "articles"
        for target in targets
        if target.split(".")[0] in ("feedback", "search")
    }
    assert offending == set()


def test_articles_feedback_and_search_import_nothing_of_support():
    offending = {
        (name, target)
        for name, targets in graph().items()
        if name.split(".")[0] in ("articles", "feedback", "search")
        for target in targets
        if target.split(".")[0] == "support"
    }
    assert offending == set()


def test_no_module_imports_itself_back_through_others():
    edges = graph()
    cycles = []

    def visit(name, trail):
        for target in sorted(edges[name]):
            if target in trail:
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in done:
                visit(target, [*trail, target])
        done.add(name)

    done = set()
    for name in sorted(edges):
        if name not in done:
            visit(name, [name])
    assert cycles == []
