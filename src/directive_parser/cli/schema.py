"""Typer command `schema`: print the JSON Schema of what `parse -f json` writes (a `Directive`).

The same schema is committed as `schema/directive.schema.json`; `directive-parser schema -o
schema/directive.schema.json` regenerates it, and a test checks that it matches the models.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from directive_parser.cli.common import fail
from directive_parser.errors import ExportError
from directive_parser.models import Directive


def schema_text() -> str:
    """`Directive.model_json_schema()` as indented JSON (UTF-8, not ASCII-escaped), ending in a newline."""
    return json.dumps(Directive.model_json_schema(), ensure_ascii=False, indent=2) + "\n"


def schema(
    out: Path | None = typer.Option(None, "-o", "--out", help="Write the schema to this file ('-': stdout)"),
) -> None:
    """Print the JSON Schema of a parsed directive (the JSON that `parse -f json` writes)."""
    text = schema_text()
    if out is None or str(out) == "-":
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as e:
        raise fail(ExportError(f"cannot write the schema ({e.strerror or e}); check that the folder exists", out)) from e


def register(app: typer.Typer) -> None:
    """Add the `schema` command to the main Typer app."""
    app.command("schema")(schema)
