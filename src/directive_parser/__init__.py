"""directive_parser: Vietnamese government directives -> structured task-assignment records.

>>> from directive_parser import parse_directive
>>> doc = parse_directive("fixtures/ct33.text.pdf")  # doctest: +SKIP

Names are imported on first use, so `import directive_parser` stays cheap for tools that only
need one part (the CLI's `--version`, a batch worker before its first document).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_ERRORS = (
    "CorruptPdfError",
    "DirectiveParserError",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedPdfError",
    "ExitCode",
    "ExportError",
    "ExtractionError",
    "FileUnreadableError",
    "InputFileError",
    "MissingDependencyError",
    "NotAPdfError",
    "NotVietnameseError",
    "OcrError",
    "OptionError",
    "ParseTimeoutError",
    "WorkerCrashError",
)
_MODELS = (
    "Assignment",
    "Body",
    "BodyKind",
    "Clause",
    "Deadline",
    "DeadlineKind",
    "Directive",
    "ParseStatus",
    "ParseWarning",
    "Recurrence",
    "Reference",
    "RepairResult",
    "Span",
)
# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    **{name: "directive_parser.errors" for name in _ERRORS},
    **{name: "directive_parser.models" for name in _MODELS},
    "ParseOptions": "directive_parser.options",
    "OcrMode": "directive_parser.options",
    "PdfEngine": "directive_parser.options",
    "parse_directive": "directive_parser.pipeline",
    "parse_text": "directive_parser.pipeline",
    "BatchResult": "directive_parser.batch.jobs",
    "BatchStatus": "directive_parser.batch.jobs",
    "parse_many": "directive_parser.batch.runner",
    "parse_deadline": "directive_parser.extract.deadlines",
    "restore_diacritics": "directive_parser.repair.restore",
    "repair_text": "directive_parser.repair.reference",
    "to_dataframe": "directive_parser.export.tabular",
    "write_table": "directive_parser.export.tabular",
}
__all__ = [
    "Assignment",
    "BatchResult",
    "BatchStatus",
    "Body",
    "BodyKind",
    "Clause",
    "CorruptPdfError",
    "Deadline",
    "DeadlineKind",
    "Directive",
    "DirectiveParserError",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedPdfError",
    "ExitCode",
    "ExportError",
    "ExtractionError",
    "FileUnreadableError",
    "InputFileError",
    "MissingDependencyError",
    "NotAPdfError",
    "NotVietnameseError",
    "OcrError",
    "OcrMode",
    "OptionError",
    "ParseOptions",
    "ParseStatus",
    "ParseTimeoutError",
    "ParseWarning",
    "PdfEngine",
    "Recurrence",
    "Reference",
    "RepairResult",
    "Span",
    "WorkerCrashError",
    "parse_deadline",
    "parse_directive",
    "parse_many",
    "parse_text",
    "repair_text",
    "restore_diacritics",
    "to_dataframe",
    "write_table",
]


assert set(__all__) == set(_EXPORTS), "every export is in __all__"


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'directive_parser' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # for type checkers and IDEs: the same names, imported eagerly
    from directive_parser.batch.jobs import BatchResult, BatchStatus
    from directive_parser.batch.runner import parse_many
    from directive_parser.errors import (
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
        OptionError,
        ParseTimeoutError,
        WorkerCrashError,
    )
    from directive_parser.export.tabular import to_dataframe, write_table
    from directive_parser.extract.deadlines import parse_deadline
    from directive_parser.models import (
        Assignment,
        Body,
        BodyKind,
        Clause,
        Deadline,
        DeadlineKind,
        Directive,
        ParseStatus,
        ParseWarning,
        Recurrence,
        Reference,
        RepairResult,
        Span,
    )
    from directive_parser.options import OcrMode, ParseOptions, PdfEngine
    from directive_parser.pipeline import parse_directive, parse_text
    from directive_parser.repair.reference import repair_text
    from directive_parser.repair.restore import restore_diacritics
