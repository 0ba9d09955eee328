"""The command line imports a command's module only when that command runs: `parse` does not load
the batch runner, the tracker, the review sheets or rich (a parse written to a file needs none)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from directive_parser import cli

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("directive_parser.batch", "directive_parser.export.tracker", "directive_parser.export.review", "rich", "sqlite3")

RUN = """
import json, sys
from directive_parser import cli
sys.argv = ["directive-parser", *json.loads(sys.argv[1])]
try:
    cli.main()
except SystemExit as e:
    code = e.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _run(args: list[str]) -> tuple[int, set[str]]:
    """Run `directive-parser ARGS` in a fresh interpreter: (exit code, the modules it imported)."""
    out = subprocess.run([sys.executable, "-c", RUN, json.dumps(args)], capture_output=True, text=True, check=True, cwd=ROOT)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    return got["code"], set(got["modules"])


def _loaded(modules: set[str], package: str) -> bool:
    return any(m == package or m.startswith(package + ".") for m in modules)


def test_parse_imports_only_parse(tmp_path: Path) -> None:
    out = tmp_path / "ct33.json"
    code, modules = _run(["parse", "fixtures/ct33.clean.txt", "-f", "json", "-o", str(out)])
    assert code == 0 and json.loads(out.read_text(encoding="utf-8"))
    assert [p for p in HEAVY if _loaded(modules, p)] == []
    assert "directive_parser.cli.parse" in modules and "directive_parser.cli.batch" not in modules


def test_schema_imports_only_schema() -> None:
    code, modules = _run(["schema"])
    assert code == 0
    assert sorted(m for m in modules if m.startswith("directive_parser.cli.")) == [
        "directive_parser.cli.common",
        "directive_parser.cli.schema",
    ]


def test_every_command_is_listed() -> None:
    from typer.main import get_command

    group = get_command(cli.app)
    ctx = group.make_context("directive-parser", ["--help"], resilient_parsing=True)
    names = group.list_commands(ctx)  # type: ignore[attr-defined]
    assert names == list(cli.COMMANDS)
    assert all(group.get_command(ctx, n) is not None for n in names)  # type: ignore[attr-defined]
    assert group.get_command(ctx, "nosuch") is None  # type: ignore[attr-defined]
