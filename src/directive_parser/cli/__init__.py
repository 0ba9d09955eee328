"""Command line: `directive-parser parse|repair|schema|batch|tracker`. Flags -> library call -> output; no logic.

One module per command group (`parse`, `schema`, `batch`, `tracker`, `review`), imported when its
command runs: `directive-parser parse` does not pay for the batch runner, the tracker or the review
sheets (`--help` lists them all, and imports them all). One boundary (`main`) turns every
`DirectiveParserError` into its message on stderr and its exit code, whatever the verbosity (with
-vv the traceback is logged too, at debug level). `-v/-vv/-q` may stand anywhere on the line; they
set the level of the `directive_parser` logger, whose records go to stderr.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup

from directive_parser import __version__
from directive_parser.cli.common import configure_logging, tolerate_encoding_errors
from directive_parser.errors import DirectiveParserError, ExitCode

if TYPE_CHECKING:
    from typer import _click as click  # the click typer bundles (importing click too costs 25-40 ms)

log = logging.getLogger("directive_parser.cli")

VERBOSE_FLAGS = {"-v": 1, "--verbose": 1, "-vv": 2, "-vvv": 3}
QUIET_FLAGS = {"-q", "--quiet"}

# Each command and the module (directive_parser.cli.<module>) whose `register` adds it, in the
# order `--help` lists them.
COMMANDS = {"parse": "parse", "repair": "parse", "schema": "schema", "batch": "batch", "tracker": "tracker", "review": "review"}


class _LazyGroup(TyperGroup):
    """The top-level command group: a command's module is imported the first time it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module = importlib.import_module(f"directive_parser.cli.{COMMANDS[cmd_name]}")
            sub = typer.Typer()
            module.register(sub)
            self.commands.update(typer.main.get_group(sub).commands)
        return super().get_command(ctx, cmd_name)


app = typer.Typer(
    cls=_LazyGroup, add_completion=False, no_args_is_help=True, help="Vietnamese directives -> task-assignment records."
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"directive-parser {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit"),
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More messages on stderr (-vv: debug, tracebacks)"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors on stderr; no progress"),
) -> None:
    """Vietnamese directives -> task-assignment records."""
    if verbose or quiet:  # `main` takes these flags off the line first; this serves `app` called directly
        configure_logging(-1 if quiet else verbose)


def _take_verbosity(argv: list[str]) -> tuple[list[str], int]:
    """`argv` without the -v/-vv/--verbose/-q/--quiet flags (before any "--"), and the verbosity they set."""
    kept: list[str] = []
    verbosity = 0
    rest: list[str] = []
    for i, arg in enumerate(argv):
        if arg == "--":
            rest = argv[i:]
            break
        if arg in VERBOSE_FLAGS:
            verbosity = max(verbosity, 0) + VERBOSE_FLAGS[arg]
        elif arg in QUIET_FLAGS:
            verbosity = -1
        else:
            kept.append(arg)
    return kept + rest, verbosity


def main() -> None:
    """Entry point: run the app, mapping library errors to messages and exit codes."""
    tolerate_encoding_errors()
    sys.argv[1:], verbosity = _take_verbosity(sys.argv[1:])
    configure_logging(verbosity)
    try:
        # Without standalone mode click returns a command's exit code instead of exiting.
        code = app(standalone_mode=False)
    except DirectiveParserError as e:
        log.debug("traceback of the error below", exc_info=e)
        typer.echo(f"error: {e}", err=True)
        sys.exit(int(e.exit_code))
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except (typer.BadParameter, typer.Abort) as e:
        typer.echo(f"error: {e}", err=True)
        sys.exit(int(ExitCode.bad_args))
    except BrokenPipeError:
        # `directive-parser parse x.pdf | head`: the reader left; say nothing, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(int(ExitCode.ok))
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
