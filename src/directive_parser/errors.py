"""Exit codes and the exception hierarchy: one typed error per failure kind, each naming the file.

Findings that do not stop a parse (a clause not understood) are `ParseWarning`s on the
`Directive`, not exceptions.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path

TESSERACT_INSTALL_HINT = "sudo apt-get install -y tesseract-ocr tesseract-ocr-vie"


def escape_name(name: str) -> str:
    """A file name safe to print: newlines and terminal escapes shown as escapes, not obeyed.

    >>> escape_name("a\nb\x1b[31m.pdf")
    'a\\nb\\x1b[31m.pdf'
    """
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in name)


class ExitCode(IntEnum):
    ok = 0
    bad_args = 1
    input_file = 2
    missing_dependency = 3
    ocr_failed = 4
    output_file = 5
    partial = 6
    timeout = 7
    other_error = 15


class DirectiveParserError(Exception):
    """Base class: every error this library raises on purpose."""

    exit_code = ExitCode.other_error

    def __init__(self, message: str, path: str | Path | None = None):
        self.path = str(path) if path is not None else None
        self.cause = message
        # A hostile file name ("a\nb.pdf", ANSI escapes) is shown escaped, never obeyed by a terminal.
        super().__init__(f"{escape_name(self.path)}: {message}" if self.path else message)


class InputFileError(DirectiveParserError):
    """The input cannot be read as a directive."""

    exit_code = ExitCode.input_file


class FileUnreadableError(InputFileError):
    """Missing file, a directory, or no permission to read it."""


class NotAPdfError(InputFileError):
    """The file is not a PDF (or not a supported type) despite its name."""


class CorruptPdfError(InputFileError):
    """The PDF is truncated or its structure is broken beyond what the reader repairs."""


class EncryptedPdfError(InputFileError):
    """The PDF is password-protected."""


class EmptyDocumentError(InputFileError):
    """The file has no text: zero bytes, blank pages, or only whitespace."""


class NotVietnameseError(InputFileError):
    """The text is readable but is not Vietnamese."""


class EncodingError(InputFileError):
    """A text file in an encoding that cannot be decoded or converted."""


class MissingDependencyError(DirectiveParserError):
    """Tesseract or its Vietnamese data is not installed."""

    exit_code = ExitCode.missing_dependency


class OcrError(DirectiveParserError):
    """Tesseract ran but failed on a page."""

    exit_code = ExitCode.ocr_failed


class ExportError(DirectiveParserError):
    """An output file could not be written."""

    exit_code = ExitCode.output_file


class ExtractionError(DirectiveParserError):
    """Raised in strict mode when the parse produced warnings."""

    exit_code = ExitCode.partial


class ParseTimeoutError(DirectiveParserError):
    """A document took longer than the batch time limit."""

    exit_code = ExitCode.timeout


class OptionError(DirectiveParserError, ValueError):
    """An option has a value outside its vocabulary (`ocr="alwys"`, `engine="nonsense"`)."""

    exit_code = ExitCode.bad_args


class WorkerCrashError(DirectiveParserError):
    """A batch worker process died while parsing the file (a native crash, or killed for memory)."""

    exit_code = ExitCode.other_error


class CorruptDocumentError(InputFileError):
    """A Word file that cannot be read: a damaged ZIP package, no word/document.xml, broken XML, a
    password-protected .docx (Office encrypts it into an OLE container), or a .doc LibreOffice
    cannot convert."""


class TrackerDatabaseError(InputFileError):
    """The tracker database cannot be used: not an SQLite file, corrupt, another program's database,
    or a schema version this release cannot read (older ones are migrated when opened for writing)."""


class DatabaseBusyError(ExportError):
    """The tracker database stayed locked by another connection past the bounded busy wait."""
