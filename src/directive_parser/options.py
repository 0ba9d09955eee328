"""Parse options: one frozen `ParseOptions`, and the closed vocabularies its fields take.

Unknown values raise `OptionError` (a `DirectiveParserError`), never a silent fallback:
`ParseOptions(ocr="alwys")` names the accepted values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from directive_parser.errors import OptionError


class OcrMode(StrEnum):
    """When pages go to Tesseract."""

    auto = "auto"  # OCR only the pages without a usable text layer
    always = "always"
    never = "never"


class PdfEngine(StrEnum):
    """Which library reads a PDF's text layer."""

    pdfium = "pdfium"  # fast, bare text
    pdfplumber = "pdfplumber"  # slower; also finds tables


def _choice(enum: type[StrEnum], value: Any, option: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise OptionError(f"{option}={value!r} is not one of: {allowed}") from None


@dataclass(frozen=True)
class ParseOptions:
    """Everything `parse_directive` can be told, in one immutable value.

    Args:
        issued: the issue date, when the text does not say it (deadlines without a year use it).
        reference: clean text(s) or file(s) to repair damaged OCR text against.
        ocr: "auto" (OCR pages without a usable text layer), "always" or "never".
        engine: PDF text-layer reader, "pdfium" (fast) or "pdfplumber".
        ocr_workers: parallel Tesseract processes for one document (default: CPU count).
        strict: raise `ExtractionError` when the parse has warnings.
    """

    issued: date | None = None
    reference: Any = None
    ocr: OcrMode = OcrMode.auto
    engine: PdfEngine = PdfEngine.pdfium
    ocr_workers: int | None = None
    strict: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "ocr", _choice(OcrMode, self.ocr, "ocr"))
        object.__setattr__(self, "engine", _choice(PdfEngine, self.engine, "engine"))
        if self.issued is not None and not isinstance(self.issued, date):
            raise OptionError(f"issued={self.issued!r} is not a date")
        if self.ocr_workers is not None and (not isinstance(self.ocr_workers, int) or self.ocr_workers < 1):
            raise OptionError(f"ocr_workers={self.ocr_workers!r} must be a whole number of at least 1")
