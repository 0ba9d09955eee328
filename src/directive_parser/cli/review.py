"""Typer command `review`: one directive -> a self-contained HTML page for the person who signs off the import."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from directive_parser.cli.common import DATE_FORMATS
from directive_parser.export.review import DISPLAY_DPI, JPEG_QUALITY
from directive_parser.options import OcrMode, PdfEngine


def review(
    path: Path = typer.Argument(..., help="PDF (text layer or scan), .docx or .txt file"),
    out: Path | None = typer.Option(None, "-o", "--out", help="HTML file to write (default: <name>.review.html here)"),
    issued: datetime | None = typer.Option(None, formats=DATE_FORMATS, help="Issue date when the text lacks one"),
    ocr: OcrMode = typer.Option(OcrMode.auto, help="OCR pages: auto | always | never"),
    reference: list[Path] | None = typer.Option(None, help="Clean text to repair damaged OCR text against"),
    engine: PdfEngine = typer.Option(PdfEngine.pdfium, help="PDF text-layer reader: pdfium (fast) | pdfplumber"),
    dpi: int = typer.Option(DISPLAY_DPI, min=30, max=300, help="Resolution of the embedded page images"),
    quality: int = typer.Option(JPEG_QUALITY, min=10, max=95, help="JPEG quality of the page images"),
) -> None:
    """Write a review page: every record boxed on its page, tick/reject, CSV export for the tracker."""
    from directive_parser.export.review import write_review
    from directive_parser.pipeline import parse_directive

    refs = [str(r) for r in reference] if reference else None
    doc = parse_directive(path, issued=issued.date() if issued else None, reference=refs, ocr=ocr.value, engine=engine.value)
    target = out or Path(path.stem + ".review.html")
    written = write_review(doc, target, dpi=dpi, quality=quality)
    size = written.stat().st_size
    typer.echo(f"{written}: {len(doc.assignments)} records, {len(doc.pages)} pages, {size / 1e6:.2f} MB")


def register(app: typer.Typer) -> None:
    """Add the `review` command to the main Typer app."""
    app.command("review")(review)
