"""Command line: `directive-parser parse|repair|batch|tracker`. Flags -> library call -> output; no logic.

One module per command group (`parse`, `batch`, `tracker`); one boundary (`main`) turns every
`DirectiveParserError` into its message on stderr and its exit code.
"""
from __future__ import annotations

import sys

import typer

from directive_parser.cli import batch as cli_batch
from directive_parser.cli import parse as cli_parse
from directive_parser.cli import tracker as cli_tracker
from directive_parser.errors import DirectiveParserError, ExitCode

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Vietnamese directives -> task-assignment records.")
cli_parse.register(app)
cli_batch.register(app)
cli_tracker.register(app)


def main() -> None:
    """Entry point: run the app, mapping library errors to messages and exit codes."""
    verbose = "--verbose" in sys.argv
    if verbose:
        sys.argv.remove("--verbose")
    try:
        # Without standalone mode click returns a command's exit code instead of exiting.
        code = app(standalone_mode=False)
    except DirectiveParserError as e:
        if verbose:
            raise
        typer.echo(f"error: {e}", err=True)
        sys.exit(int(e.exit_code))
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except (typer.BadParameter, typer.Abort) as e:
        typer.echo(f"error: {e}", err=True)
        sys.exit(int(ExitCode.bad_args))
    except Exception as e:
        # Usage errors come from the click that typer bundles; they know how to show themselves.
        show = getattr(e, "show", None)
        if callable(show) and hasattr(e, "exit_code"):
            show()
            sys.exit(int(ExitCode.bad_args))
        raise
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
