"""Typer commands `parse` (one document -> its records) and `repair` (damaged OCR text -> clean text).

`parse` writes through `export.tabular.write_table` (JSON, JSONL, CSV, .xlsx), or a table fitted to
the terminal. The format is `--format`, else the `-o` file's extension, else the table; `-o -` is
stdout and `parse -` reads the document from stdin. `--strict` writes the result first, then
exits 6 when the parse has warnings.
"""

from __future__ import annotations

import contextlib
import io
import logging
import signal
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime
from enum import StrEnum
from pathlib import Path

import typer

from directive_parser.cli.common import (
    DATE_FORMATS,
    OcrProgress,
    can_encode,
    encodable,
    escape_name,
    shorten,
    terminal_width,
)
from directive_parser.errors import (
    DirectiveParserError,
    EmptyDocumentError,
    ExportError,
    ExtractionError,
    OptionError,
    ParseTimeoutError,
)
from directive_parser.export import tabular
from directive_parser.models import Directive
from directive_parser.options import OcrMode, PdfEngine

log = logging.getLogger("directive_parser.cli")

STDIN_NAME = "<stdin>"
# Table columns by priority: (key, narrowest terminal that shows it, widest the column gets).
TABLE_LAYOUT: tuple[tuple[str, int, int], ...] = (
    ("clause", 0, 10),
    ("task", 0, 10_000),
    ("lead", 0, 28),
    ("due", 0, 12),
    ("coordinating", 100, 28),
    ("recurrence", 120, 12),
    ("product", 140, 22),
    ("page", 150, 5),
)
COLUMN_OVERHEAD = 3  # a box border and a space either side, per column
TASK_LINES = 5  # a task shows at most about this many wrapped lines, then ends with "…"
BODY_CHARS = 90  # lead / coordinating lists are shortened beyond this


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


class ColumnNames(StrEnum):
    vi = "vi"
    en = "en"


def parse(
    path: Path = typer.Argument(..., help="PDF (text layer or scan), Word or .txt file; '-' reads stdin"),
    output_format: Format | None = typer.Option(
        None, "--format", "-f", help="table | json | jsonl | csv | xlsx (default: from the -o extension, else table)"
    ),
    out: Path | None = typer.Option(None, "-o", "--out", help="Write here instead of stdout ('-': stdout)"),
    columns: ColumnNames = typer.Option(ColumnNames.vi, "--columns", help="Column names of table/csv/xlsx: vi | en"),
    delimiter: str = typer.Option(
        ",", "--delimiter", help="CSV separator: ',' (default), ';' (Excel, Vietnamese settings), 'tab'"
    ),
    issued: datetime | None = typer.Option(
        None, formats=DATE_FORMATS, help="Issue date when the text lacks one (2025-11-06 or 06/11/2025)"
    ),
    ocr: OcrMode = typer.Option(OcrMode.auto, help="OCR pages: auto | always | never"),
    reference: list[Path] | None = typer.Option(
        None, help="Clean text FILE to repair damaged OCR text against (a missing file is an error)"
    ),
    reference_text: list[str] | None = typer.Option(None, "--reference-text", help="Clean reference given as text"),
    strict: bool = typer.Option(False, help="Write the result, then exit with code 6 when the parse has warnings"),
    engine: PdfEngine = typer.Option(PdfEngine.pdfium, help="PDF text-layer reader: pdfium (fast) | pdfplumber"),
    timeout: float | None = typer.Option(None, min=0.1, help="Seconds allowed for the parse; then exit 7"),
) -> None:
    """Parse one directive and print (or write) its assignments."""
    fmt, sep = _choose_format(output_format, out, delimiter)
    to_stdout = out is None or str(out) == "-"
    if out is not None and not to_stdout:
        _check_writable(out)  # before a parse that may take minutes of OCR
    elif fmt is Format.xlsx and sys.stdout.isatty():
        raise OptionError("an .xlsx workbook is binary and this is a terminal; give -o FILE.xlsx or redirect stdout")
    refs: list[str | Path] = [*(reference or []), *(reference_text or [])]
    with _time_limit(timeout, _shown(path)):
        doc = _parse(path, issued=issued, ocr=ocr, reference=refs or None, engine=engine)
    for w in doc.warnings:
        log.info("%s: warning (%s%s): %s", _shown(path), w.stage, f", clause {w.clause}" if w.clause else "", w.message)
    _write(doc, fmt, None if to_stdout else out, "vi" if columns is ColumnNames.vi else "en", sep)
    if strict and doc.warnings:
        listed = "; ".join(w.message for w in doc.warnings)
        raise ExtractionError(
            f"--strict: {len(doc.warnings)} warning(s): {listed} (the result was written; "
            "drop --strict to exit 0 despite warnings)",
            _shown(path),
        )


def repair(
    path: Path = typer.Argument(..., help="Damaged OCR text file (or a PDF whose text layer is damaged); '-' reads stdin"),
    reference: list[Path] | None = typer.Option(None, "--reference", "-r", help="Clean reference text file(s)"),
    out: Path | None = typer.Option(None, "-o", "--out", help="Write here instead of stdout ('-': stdout)"),
    diff: bool = typer.Option(False, "--diff", help="List each changed token instead of the repaired text"),
) -> None:
    """Repair OCR text that lost its diacritics, against a reference or blindly."""
    from directive_parser.ingest import read_text
    from directive_parser.repair.reference import repair_text
    from directive_parser.repair.restore import restore_diacritics

    with _input_file(path) as source:
        text = _renamed(read_text, source, path)
    result = repair_text(text, reference=[str(r) for r in reference]) if reference else restore_diacritics(text)
    target = None if out is None or str(out) == "-" else out
    if diff:
        lines = [f"{c.start}-{c.end}\t{c.original}\t{c.replacement}\t{c.confidence:.2f}\t{c.method}" for c in result.changes]
        _emit("\n".join(["start-end\toriginal\treplacement\tconfidence\tmethod", *lines]) + "\n", target)
    else:
        _emit(str(result), target)


# --- choosing the format --------------------------------------------------------------------------


def _choose_format(given: Format | None, out: Path | None, delimiter: str) -> tuple[Format, str]:
    sep = {"tab": "\t", "\\t": "\t"}.get(delimiter.lower(), delimiter)
    if len(sep) != 1 or sep in '"\r\n':
        raise OptionError(f"--delimiter {delimiter!r} must be one character, e.g. ',' or ';' or 'tab'")
    if given is not None:
        return given, sep
    if out is None or str(out) == "-" or out.suffix.lower() in (".txt", ".text"):
        return Format.table, sep
    try:
        fmt, ext_sep = tabular.format_for_path(out)
    except OptionError:
        raise OptionError(
            f"{escape_name(str(out))}: cannot tell the format from the extension "
            f"{out.suffix or '(none)'!r}; name the file .json, .jsonl, .csv, .tsv, .xlsx or .txt, "
            "or give --format"
        ) from None
    return Format(fmt.value), ext_sep if ext_sep is not None and delimiter == "," else sep


def _check_writable(out: Path) -> None:
    if out.is_dir():
        raise ExportError("cannot write output: it is a folder; give a file name", out)
    if not out.parent.is_dir():
        raise ExportError(
            f"cannot write output: the folder {escape_name(str(out.parent))!r} does not exist; create it first", out
        )


# --- parsing --------------------------------------------------------------------------------------


def _shown(path: Path) -> str:
    return STDIN_NAME if str(path) == "-" else str(path)


@contextlib.contextmanager
def _input_file(path: Path) -> Iterator[Path]:
    """`path`, or for "-" a temporary copy of stdin (the readers need a file: PDFs are seekable)."""
    if str(path) != "-":
        yield path
        return
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    if not data.strip():
        raise EmptyDocumentError("nothing was read from stdin; pipe a file in (… | directive-parser parse -)", STDIN_NAME)
    with tempfile.TemporaryDirectory(prefix="directive-parser-stdin-") as folder:
        copy = Path(folder) / "stdin"
        copy.write_bytes(data)
        yield copy


def _renamed(call, source: Path, shown: Path, **kwargs):
    """`call(source, **kwargs)`, with an error about a stdin copy naming `<stdin>` instead of the copy."""
    try:
        return call(source, **kwargs)
    except DirectiveParserError as e:
        if source == shown or e.path is None:
            raise
        try:
            renamed = type(e)(e.cause.replace(str(source), STDIN_NAME), STDIN_NAME)
        except TypeError:  # pragma: no cover - an error type with another constructor
            raise e from None
        raise renamed from e


@contextlib.contextmanager
def _time_limit(seconds: float | None, shown: str) -> Iterator[None]:
    """Raise `ParseTimeoutError` in the main thread when `seconds` pass (SIGALRM; no limit without it)."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ParseTimeoutError(f"no result after {seconds:g} s (--timeout)", shown)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _parse(
    path: Path, *, issued: datetime | None, ocr: OcrMode, reference: list[str | Path] | None, engine: PdfEngine
) -> Directive:
    """Reference files stay paths, so a missing one is an error; `--reference-text` gives literal text."""
    from directive_parser.pipeline import parse_directive

    refs = reference or None
    with _input_file(path) as source, OcrProgress(f"OCR {escape_name(_shown(path))}"):
        doc = _renamed(
            parse_directive,
            source,
            path,
            issued=issued.date() if issued else None,
            reference=refs,
            ocr=ocr.value,
            engine=engine.value,
            strict=False,
        )
    if source != path:  # read from stdin: the temporary copy is gone, say where it came from
        doc = doc.model_copy(update={"source": doc.source.model_copy(update={"path": None})})
    return doc


# --- writing --------------------------------------------------------------------------------------


def _write(doc: Directive, fmt: Format, out: Path | None, columns: tabular.Columns, delimiter: str) -> None:
    if fmt is Format.table:
        ascii_box = out is None and not can_encode("┌─┐", getattr(sys.stdout, "encoding", None))
        _emit(render_table(doc, columns=columns, width=terminal_width(to_file=out is not None), ascii_box=ascii_box), out)
        return
    if out is not None:
        tabular.write_table([doc], out, fmt.value, columns=columns, delimiter=delimiter)
        return
    sys.stdout.flush()
    # Machine formats go to stdout as UTF-8 bytes whatever the terminal's encoding (JSON and the
    # CSV are UTF-8 by definition); a stdout without a byte buffer gets the text.
    target = getattr(sys.stdout, "buffer", None) or sys.stdout
    tabular.write_table([doc], target, fmt.value, columns=columns, delimiter=delimiter)


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(encodable(text, getattr(sys.stdout, "encoding", None)))
        sys.stdout.flush()
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as e:
        raise ExportError(f"cannot write output ({e.strerror or e})", out) from e


def _plain(value: str) -> str:
    """Cell text safe for a terminal: control characters (ANSI escapes from a hostile file) shown escaped."""
    return (
        value
        if value.isprintable()
        else "".join(c if c.isprintable() or c == "\n" else c.encode("unicode_escape").decode("ascii") for c in value)
    )


def table_columns(cells: dict[str, list[str]], headers: dict[str, str], width: int) -> list[tuple[str, int]]:
    """The (key, width) of the columns a table of `width` characters shows, in `TABLE_LAYOUT` order.

    Clause, task, lead and deadline always; the optional columns while the task keeps about 40 % of
    the line, and only when some row has a value for them. Each column is as wide as its content
    (up to its `TABLE_LAYOUT` maximum); the task takes what is left.
    """

    def need(key: str, widest: int) -> int:
        header = len(headers[key]) if len(headers[key]) <= widest else max((len(w) for w in headers[key].split()), default=1)
        return max(header, min(widest, max((len(c) for c in cells[key]), default=0)))

    narrow = width < 100
    caps = ({"clause": 8, "lead": 12, "due": 10} if width < 70 else {"clause": 10, "lead": 18, "due": 10}) if narrow else {}
    chosen = [(key, need(key, caps.get(key, widest))) for key, lowest, widest in TABLE_LAYOUT if lowest == 0 and key != "task"]
    task_min = max(20, int(width * 0.4))
    used = sum(w for _, w in chosen) + COLUMN_OVERHEAD * (len(chosen) + 1) + 1
    for key, lowest, widest in TABLE_LAYOUT:
        if lowest == 0 or width < lowest or not any(cells[key]):
            continue
        w = need(key, widest)
        if used + w + COLUMN_OVERHEAD <= width - task_min:
            chosen.append((key, w))
            used += w + COLUMN_OVERHEAD
    task = max(12, width - used)
    order = [key for key, _, _ in TABLE_LAYOUT]
    return sorted([("task", task), *chosen], key=lambda kw: order.index(kw[0]))


def render_table(doc: Directive, *, columns: tabular.Columns = "vi", width: int = 80, ascii_box: bool = False) -> str:
    """The directive's assignments as a text table of at most `width` characters a line.

    Narrow terminals get fewer columns (clause, task, lead and deadline always); the task wraps
    and ends with "…" at a word boundary after about `TASK_LINES` lines.
    """
    from rich import box  # only a table pays for rich
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(
        record=True,
        width=width,
        file=io.StringIO(),
        color_system=None,
        legacy_windows=False,
        soft_wrap=False,
        emoji=False,
        markup=False,
        highlight=False,
    )
    names = {c.key: c.header(columns) for c in tabular.TABLE_COLUMNS}
    count = len(doc.assignments)
    issued = tabular.format_date(doc.issued, columns) or ("không rõ ngày" if columns == "vi" else "no date")
    head = f"{doc.doc_type or 'Văn bản'} {doc.number or ''}".strip()
    title = f"{head} ngày {issued}: {count} nhiệm vụ" if columns == "vi" else f"{head} ({issued}): {count} assignments"
    cells: dict[str, list[str]] = {key: [] for key, _, _ in TABLE_LAYOUT}
    for row in tabular.typed_rows([doc], columns):
        for key in cells:
            value = row[key]
            if value is None:
                text = ""
            elif key in tabular.DATE_COLUMNS and not isinstance(value, str):
                text = tabular.format_date(value, columns)
            else:
                text = str(value)
            cells[key].append(_plain(text))
    shown = table_columns(cells, names, width)
    task_width = dict(shown)["task"]
    for key in ("lead", "coordinating", "product", "due"):
        cells[key] = [shorten(c, BODY_CHARS) for c in cells[key]]
    cells["task"] = [shorten(c, task_width * TASK_LINES) for c in cells["task"]]
    table = Table(title=_plain(title), show_lines=True, box=box.ASCII if ascii_box else box.SQUARE, expand=False)
    for key, w in shown:
        table.add_column(names[key], width=w, overflow="fold", no_wrap=key == "page")
    for i in range(count):
        table.add_row(*(Text(cells[key][i]) for key, _ in shown))
    console.print(table)
    for warning in doc.warnings:
        where = f"{warning.stage}{', ' + warning.clause if warning.clause else ''}"
        console.print(Text(_plain(f"warning ({where}): {warning.message}")))
    return console.export_text()


def register(app: typer.Typer) -> None:
    """Add the `parse` and `repair` commands to the main Typer app."""
    app.command("parse")(parse)
    app.command("repair")(repair)
