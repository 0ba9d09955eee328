"""What the command modules share: date formats, exits, the error message on stderr, logging,
terminal widths and the OCR page progress."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import unicodedata
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from directive_parser.errors import DirectiveParserError, escape_name

if TYPE_CHECKING:
    from rich.console import Console  # imported where a console is made: a parse to a file needs none

# Dates are accepted as ISO or as Vietnamese offices write them: 2025-11-06 or 06/11/2025.
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
INTERRUPTED = 130  # shell convention for SIGINT
# Width of a table written to a file (no terminal to fit), unless COLUMNS says otherwise.
FILE_WIDTH = 160
MIN_WIDTH = 40
ELLIPSIS = "…"
LOGGER = "directive_parser"
# Log records the library emits about OCR progress carry these attributes (`extra=`): pages done
# so far (0 when OCR starts) and pages to OCR in the document.
OCR_DONE, OCR_TOTAL = "ocr_done", "ocr_total"

log = logging.getLogger("directive_parser.cli")


def day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def exit_with(code: int) -> SystemExit:
    """SystemExit, not typer.Exit: click swallows typer.Exit's code when run with
    standalone_mode=False (as cli.main does), and SystemExit passes through both ways."""
    return SystemExit(int(code))


def fail(error: DirectiveParserError) -> SystemExit:
    from rich.console import Console

    log.debug("%s", error, exc_info=error)
    Console(stderr=True).print(f"[red]error:[/red] {error}", highlight=False, markup=True, soft_wrap=True)
    return exit_with(error.exit_code)


def error_console() -> Console:
    """A console on stderr (the one progress bars and messages share)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


# --- output streams and logging -------------------------------------------------------------------


def tolerate_encoding_errors() -> None:
    """Make stdout and stderr replace what their encoding cannot show (PYTHONIOENCODING=cp1258, a
    Windows console) instead of raising UnicodeEncodeError halfway through the output."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure) and getattr(stream, "errors", "strict") == "strict":
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot be reconfigured
                reconfigure(errors="replace")


# Tone marks stay combining in Windows-1258, which has the vowels with their other marks (â ê ô ơ ư ă)
# but not, say, "ộ": that is written "ô" + U+0323.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def encodable(text: str, encoding: str | None) -> str:
    """`text` as close as `encoding` can show it: Vietnamese letters that it lacks precomposed are
    decomposed the Windows-1258 way (vowel + combining tone mark); what still does not fit is "?"."""
    if not encoding:
        return text
    try:
        text.encode(encoding)
        return text
    except (UnicodeEncodeError, LookupError):
        pass
    out = []
    for c in text:
        try:
            c.encode(encoding)
            out.append(c)
            continue
        except (UnicodeEncodeError, LookupError):
            pass
        parts = unicodedata.normalize("NFD", c)
        base = unicodedata.normalize("NFC", "".join(ch for ch in parts if ch not in _TONE_MARKS))
        alt = base + "".join(ch for ch in parts if ch in _TONE_MARKS)
        try:
            alt.encode(encoding)
            out.append(alt)
        except (UnicodeEncodeError, LookupError):
            out.append("?")
    return "".join(out)


def can_encode(text: str, encoding: str | None) -> bool:
    try:
        text.encode(encoding or "utf-8")
        return True
    except (UnicodeEncodeError, LookupError):
        return False


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is at the time of the record (tests swap it)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


_handler: logging.Handler | None = None


def configure_logging(verbosity: int = 0) -> int:
    """Route the library's log records to stderr: -q (verbosity < 0) errors only, default warnings,
    -v info, -vv debug (with tracebacks of errors). Returns the level set. Safe to call again."""
    global _handler
    level = logging.ERROR if verbosity < 0 else {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    root = logging.getLogger(LOGGER)
    if _handler is not None:
        root.removeHandler(_handler)
    _handler = _StderrHandler()
    _handler.setFormatter(
        logging.Formatter("%(levelname)s: %(message)s" if level > logging.DEBUG else "%(levelname)s %(name)s: %(message)s")
    )
    _handler.setLevel(level)
    root.addHandler(_handler)
    # The logger lets INFO through (OCR progress records, see `OcrProgress`); the handler filters.
    root.setLevel(min(level, logging.INFO))
    return level


def quiet() -> bool:
    """True after `configure_logging(-1)` (-q): nothing but errors on stderr."""
    return _handler is not None and _handler.level >= logging.ERROR


# --- terminal tables ------------------------------------------------------------------------------


def terminal_width(to_file: bool = False) -> int:
    """Columns to lay a table out in: $COLUMNS when set, else the terminal's width (80 when stdout
    is not a terminal), or `FILE_WIDTH` for a table written to a file."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return max(int(env), MIN_WIDTH)
    if to_file:
        return FILE_WIDTH
    return max(shutil.get_terminal_size((80, 24)).columns, MIN_WIDTH)


def shorten(text: str, limit: int) -> str:
    """`text` on one line, ended with "…" at a word boundary when longer than `limit` characters.

    >>> shorten("Hoàn thiện cơ sở dữ liệu quốc gia", 20)
    'Hoàn thiện cơ sở…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    space = cut.rfind(" ")
    if space > limit // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + ELLIPSIS


# --- OCR progress ---------------------------------------------------------------------------------


class OcrProgress(logging.Handler):
    """A page progress bar on stderr, driven by the library's OCR log records.

    The library never prints: `ingest.ocr` logs each page it finishes with `extra={"ocr_done": k,
    "ocr_total": n}` (and k=0 when it starts). This handler, attached to the `directive_parser`
    logger for the length of one command, turns those records into a bar; it shows nothing when
    stderr is not a terminal or with -q. Use it as a context manager.
    """

    def __init__(self, label: str = "OCR", *, enabled: bool | None = None) -> None:
        super().__init__(level=logging.DEBUG)
        self.label = label
        self.enabled = (sys.stderr.isatty() and not quiet()) if enabled is None else enabled
        self.done = self.total = 0
        self._progress: Any = None
        self._task: Any = None
        self._logger = logging.getLogger(LOGGER)
        self._saved_level: int | None = None

    def __enter__(self) -> OcrProgress:
        self._logger.addHandler(self)
        if self._logger.getEffectiveLevel() > logging.INFO:  # OCR progress is logged at INFO
            self._saved_level = self._logger.level
            self._logger.setLevel(logging.INFO)
        return self

    def __exit__(self, *exc: object) -> None:
        self._logger.removeHandler(self)
        if self._saved_level is not None:
            self._logger.setLevel(self._saved_level)
        if self._progress is not None:
            self._progress.stop()

    def emit(self, record: logging.LogRecord) -> None:
        done, total = getattr(record, OCR_DONE, None), getattr(record, OCR_TOTAL, None)
        if not isinstance(done, int) or not isinstance(total, int):
            return
        self.done, self.total = max(self.done, done), total
        if not self.enabled:
            return
        if self._progress is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self._progress = Progress(
                TextColumn(f"[bold]{self.label}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("pages"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=error_console(),
                transient=True,
            )
            self._task = self._progress.add_task("ocr", total=total)
            self._progress.start()
        self._progress.update(self._task, completed=self.done, total=total)


__all__ = [
    "DATE_FORMATS",
    "INTERRUPTED",
    "OCR_DONE",
    "OCR_TOTAL",
    "OcrProgress",
    "can_encode",
    "configure_logging",
    "day",
    "encodable",
    "error_console",
    "escape_name",
    "exit_with",
    "fail",
    "shorten",
    "terminal_width",
    "tolerate_encoding_errors",
]
