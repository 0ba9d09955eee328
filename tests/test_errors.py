"""errors: every error type is raised by a real input or condition, names the file, and maps to its exit code."""

from __future__ import annotations

import inspect
import sys
import time
from pathlib import Path

import pytesseract
import pytest

from directive_parser import cli, errors
from directive_parser.batch import runner as batch
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
from directive_parser.export import serialize as export
from directive_parser.ingest import ocr
from directive_parser.pipeline import parse_directive

ENGLISH = "The Prime Minister directs all ministries to finish the programme and report every month. " * 5


def _no_tesseract(monkeypatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda cmd: None)


def _tesseract_crashes(monkeypatch) -> None:
    monkeypatch.setattr(ocr, "check_tesseract", lambda lang="vie": "5.3.0")

    def crash(*args, **kwargs):
        raise pytesseract.TesseractError(-11, "Segmentation fault")

    monkeypatch.setattr(pytesseract, "image_to_string", crash)


def _permission_denied(monkeypatch) -> None:
    # Tests run as root, where chmod 000 does not stop reads, so the OS refusal is simulated.
    def deny(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)


# id -> (build the input file, patch the environment, parse options, expected error, exit code)
CASES = {
    "missing-file": (lambda h: h.folder / "không có.pdf", None, {}, FileUnreadableError, ExitCode.input_file),
    "directory": (lambda h: h.folder, None, {}, FileUnreadableError, ExitCode.input_file),
    "permission": (lambda h: h.write("ct.pdf", b"%PDF-1.4"), _permission_denied, {}, FileUnreadableError, ExitCode.input_file),
    "png-renamed": (lambda h: h.png_as_pdf(), None, {}, NotAPdfError, ExitCode.input_file),
    "truncated": (lambda h: h.truncated(), None, {}, CorruptPdfError, ExitCode.input_file),
    "truncated-pdfplumber": (lambda h: h.truncated(), None, {"engine": "pdfplumber"}, CorruptPdfError, ExitCode.input_file),
    "encrypted": (lambda h: h.encrypted(), None, {}, EncryptedPdfError, ExitCode.input_file),
    "encrypted-pdfplumber": (lambda h: h.encrypted(), None, {"engine": "pdfplumber"}, EncryptedPdfError, ExitCode.input_file),
    "zero-bytes": (lambda h: h.write("empty.pdf", b""), None, {}, EmptyDocumentError, ExitCode.input_file),
    "blank-pages": (lambda h: h.blank_pdf(), None, {"ocr": "never"}, EmptyDocumentError, ExitCode.input_file),
    "english-text": (lambda h: h.write("en.txt", ENGLISH.encode()), None, {}, NotVietnameseError, ExitCode.input_file),
    "random-bytes": (lambda h: h.write("x.txt", bytes(range(128, 256)) * 4), None, {}, EncodingError, ExitCode.input_file),
    "no-tesseract": (
        lambda h: Path(__file__).parent.parent / "fixtures" / "ct33.scan.pdf",
        _no_tesseract,
        {},
        MissingDependencyError,
        ExitCode.missing_dependency,
    ),
    "tesseract-crash": (
        lambda h: Path(__file__).parent.parent / "fixtures" / "ct33.scan.pdf",
        _tesseract_crashes,
        {"ocr_workers": 1},
        OcrError,
        ExitCode.ocr_failed,
    ),
    "strict-warnings": (
        lambda h: Path(__file__).parent.parent / "fixtures" / "ct33.clean.txt",
        None,
        {"strict": True},
        ExtractionError,
        ExitCode.partial,
    ),
    "corrupt-docx": (
        lambda h: h.write("ct.docx", b"PK\x03\x04" + b"\x00" * 64),
        None,
        {},
        errors.CorruptDocumentError,
        ExitCode.input_file,
    ),
}


@pytest.mark.parametrize(("build", "patch", "options", "error", "code"), list(CASES.values()), ids=list(CASES))
def test_parse_raises_typed_error(hostile, monkeypatch, fresh_tesseract_check, build, patch, options, error, code):
    path = build(hostile)
    if patch:
        patch(monkeypatch)
    with pytest.raises(DirectiveParserError) as exc:
        parse_directive(path, **options)
    assert type(exc.value) is error
    assert exc.value.exit_code == code
    assert exc.value.path == str(path) and str(exc.value).startswith(f"{path}: ")
    assert exc.value.cause and exc.value.cause in str(exc.value)


@pytest.mark.parametrize(
    ("build", "patch", "options", "error", "code"),
    [c for c in CASES.values() if "engine" not in c[2] and "ocr_workers" not in c[2]],
    ids=[k for k, c in CASES.items() if "engine" not in c[2] and "ocr_workers" not in c[2]],
)
def test_cli_exit_code(hostile, monkeypatch, capsys, fresh_tesseract_check, build, patch, options, error, code):
    path = build(hostile)
    if patch:
        patch(monkeypatch)
    args = ["directive-parser", "parse", str(path)]
    args += ["--strict"] if options.get("strict") else []
    args += ["--ocr", options["ocr"]] if "ocr" in options else []
    monkeypatch.setattr(sys, "argv", args)
    with pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == code
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: ") and "Traceback" not in err


def test_export_error_names_the_file(text_pdf: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "out.csv"
    with pytest.raises(ExportError) as exc:
        export.write_csv([parse_directive(text_pdf)], target)
    assert exc.value.path == str(target) and exc.value.exit_code == ExitCode.output_file


def _slow_parse(path, *, issued=None, ocr="auto"):
    time.sleep(5)


def test_timeout_is_reported_as_parse_timeout_error(tmp_path: Path) -> None:
    # The batch records a timeout under this class's name; nothing raises it (see the report).
    job = batch.Job(path=str(tmp_path / "slow.pdf"), sha256="0" * 64, parser_version="test", timeout=0.2)
    result = batch.run_document(job, parse_fn=_slow_parse)
    assert result.status is batch.BatchStatus.timeout
    assert result.error_type == ParseTimeoutError.__name__
    assert ParseTimeoutError("x").exit_code == ExitCode.timeout


def test_every_concrete_error_has_a_real_trigger() -> None:
    # Raised outside CASES: export, timeout and worker-crash tests here and in test_batch, options below;
    # the tracker's database errors in test_tracker (corrupt, foreign or newer file; a held lock).
    raised = {case[3] for case in CASES.values()} | {
        ExportError,
        ParseTimeoutError,
        OptionError,
        WorkerCrashError,
        errors.TrackerDatabaseError,
        errors.DatabaseBusyError,
    }
    defined = {
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, DirectiveParserError) and cls not in (DirectiveParserError, InputFileError)
    }
    assert defined == raised


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (InputFileError, 2),
        (MissingDependencyError, 3),
        (OcrError, 4),
        (ExportError, 5),
        (ExtractionError, 6),
        (ParseTimeoutError, 7),
        (DirectiveParserError, 15),
    ],
    ids=["input", "dependency", "ocr", "export", "extraction", "timeout", "other"],
)
def test_exit_codes(error, code) -> None:
    assert int(error.exit_code) == code


def test_message_without_path() -> None:
    e = EmptyDocumentError("the text is empty")
    assert (str(e), e.path, e.cause) == ("the text is empty", None, "the text is empty")


@pytest.mark.parametrize(("option", "value"), [("ocr", "alwys"), ("engine", "nonsense"), ("ocr_workers", 0)])
def test_unknown_option_values_are_typed_errors(text_pdf: Path, option: str, value: object) -> None:
    with pytest.raises(OptionError) as exc:
        parse_directive(text_pdf, **{option: value})
    assert isinstance(exc.value, ValueError) and exc.value.exit_code == ExitCode.bad_args
    assert repr(value) in str(exc.value)
