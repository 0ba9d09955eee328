"""Typer commands `parse` (one document -> its records) and `repair` (damaged OCR text -> clean text)."""
from __future__ import annotations

import csv
import io
import json
import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from directive_parser.cli.common import DATE_FORMATS
from directive_parser.errors import ExportError
from directive_parser.export import serialize as export
from directive_parser.models import Directive
from directive_parser.options import OcrMode, PdfEngine


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def parse(
    path: Path = typer.Argument(..., help="PDF (text layer or scan) or .txt file"),
    output_format: Format = typer.Option(Format.table, "--format", "-f", help="table | json | jsonl | csv"),
    out: Path | None = typer.Option(None, "-o", "--out", help="Write here instead of stdout"),
    issued: datetime | None = typer.Option(None, formats=DATE_FORMATS, help="Issue date when the text lacks one"),
    ocr: OcrMode = typer.Option(OcrMode.auto, help="OCR pages: auto | always | never"),
    reference: list[Path] | None = typer.Option(None, help="Clean text to repair damaged OCR text against"),
    strict: bool = typer.Option(False, help="Exit with code 6 when the parse has warnings"),
    engine: PdfEngine = typer.Option(PdfEngine.pdfium, help="PDF text-layer reader: pdfium (fast) | pdfplumber"),
) -> None:
    """Parse one directive and print its assignments."""
    from directive_parser.pipeline import parse_directive

    refs = [str(r) for r in reference] if reference else None
    doc = parse_directive(path, issued=issued.date() if issued else None, reference=refs, ocr=ocr.value,
                          strict=strict, engine=engine.value)
    _emit(_render(doc, output_format), out)


def repair(
    path: Path = typer.Argument(..., help="Damaged OCR text file (or a PDF whose text layer is damaged)"),
    reference: list[Path] | None = typer.Option(None, "--reference", "-r", help="Clean reference text file(s)"),
    out: Path | None = typer.Option(None, "-o", "--out"),
    diff: bool = typer.Option(False, "--diff", help="List each changed token instead of the repaired text"),
) -> None:
    """Repair OCR text that lost its diacritics, against a reference or blindly."""
    from directive_parser.ingest import read_text
    from directive_parser.repair.reference import repair_text
    from directive_parser.repair.restore import restore_diacritics

    text = read_text(path)
    result = repair_text(text, reference=[str(r) for r in reference]) if reference else restore_diacritics(text)
    if diff:
        lines = [f"{c.start}-{c.end}\t{c.original}\t{c.replacement}\t{c.confidence:.2f}\t{c.method}" for c in result.changes]
        _emit("\n".join(["start-end\toriginal\treplacement\tconfidence\tmethod", *lines]) + "\n", out)
    else:
        _emit(str(result), out)


def _render(doc: Directive, fmt: Format) -> str:
    if fmt is Format.json:
        return export.to_json(doc) + "\n"
    if fmt is Format.jsonl:
        return json.dumps(doc.model_dump(mode="json"), ensure_ascii=False) + "\n"
    if fmt is Format.csv:
        rows = export.assignments_csv_rows(doc)
        buf = io.StringIO()
        if rows:
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        return buf.getvalue()
    return _table(doc)


def _table(doc: Directive) -> str:
    console = Console(record=True, width=160, file=io.StringIO())
    title = f"{doc.doc_type or 'Văn bản'} {doc.number or ''} ({doc.issued or 'no date'}) — {len(doc.assignments)} assignments"
    table = Table(title=title, show_lines=True)
    for col in ("clause", "lead", "coordinating", "task", "deadline", "due"):
        table.add_column(col, overflow="fold", max_width=60 if col == "task" else 28)
    for a in doc.assignments:
        dl = a.deadline
        table.add_row(a.clause, "; ".join(b.name for b in a.lead), "; ".join(b.name for b in a.coordinating),
                      a.task[:220], dl.text if dl else "", str(dl.due) if dl and dl.due else (a.recurrence or ""))
    console.print(table)
    for w in doc.warnings:
        console.print(f"[yellow]warning[/] ({w.stage}{', ' + w.clause if w.clause else ''}): {w.message}")
    return console.export_text()


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as e:
        raise ExportError(f"cannot write output ({e.strerror or e})", out) from e


def register(app: typer.Typer) -> None:
    """Add the `parse` and `repair` commands to the main Typer app."""
    app.command("parse")(parse)
    app.command("repair")(repair)
