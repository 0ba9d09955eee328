"""directive_parser: Vietnamese government directives -> structured task-assignment records.

>>> from directive_parser import parse_directive
>>> doc = parse_directive("fixtures/ct33.text.pdf")  # doctest: +SKIP
"""
from .batch import BatchResult, parse_many
from .deadlines import parse_deadline
from .diacritics import restore_diacritics
from .errors import (
    CorruptPdfError,
    DirectiveParserError,
    EmptyDocumentError,
    EncodingError,
    EncryptedPdfError,
    ExitCode,
    ExportError,
    ExtractionError,
    FileUnreadableError,
    InputFileError,
    MissingDependencyError,
    NotAPdfError,
    NotVietnameseError,
    OcrError,
    ParseTimeoutError,
)
from .models import (
    Assignment,
    Body,
    BodyKind,
    Clause,
    Deadline,
    DeadlineKind,
    Directive,
    Recurrence,
    Reference,
    RepairResult,
    Span,
)
from .pipeline import parse_directive, parse_text
from .repair import repair_text

__version__ = "0.1.0"

__all__ = [
    "Assignment", "BatchResult", "Body", "BodyKind", "Clause", "CorruptPdfError", "Deadline", "DeadlineKind", "Directive",
    "DirectiveParserError", "EmptyDocumentError", "EncodingError", "EncryptedPdfError", "ExitCode", "ExportError",
    "ExtractionError", "FileUnreadableError", "InputFileError", "MissingDependencyError", "NotAPdfError",
    "NotVietnameseError", "OcrError", "ParseTimeoutError", "Recurrence", "Reference", "RepairResult", "Span",
    "parse_deadline", "parse_directive", "parse_many", "parse_text", "repair_text", "restore_diacritics",
]
