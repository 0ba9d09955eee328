"""What the command modules share: date formats, exits, and the error message on stderr."""
from __future__ import annotations

from datetime import date, datetime

from rich.console import Console

from directive_parser.errors import DirectiveParserError, escape_name

# Dates are accepted as ISO or as Vietnamese offices write them: 2025-11-06 or 06/11/2025.
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
INTERRUPTED = 130  # shell convention for SIGINT


def day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def exit_with(code: int) -> SystemExit:
    """SystemExit, not typer.Exit: click swallows typer.Exit's code when run with
    standalone_mode=False (as cli.main does), and SystemExit passes through both ways."""
    return SystemExit(int(code))


def fail(error: DirectiveParserError) -> SystemExit:
    Console(stderr=True).print(f"[red]error:[/red] {error}", highlight=False)
    return exit_with(error.exit_code)


__all__ = ["DATE_FORMATS", "INTERRUPTED", "day", "escape_name", "exit_with", "fail"]
