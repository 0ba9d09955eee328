"""cli: output formats, -o, exit codes through `main` (the error boundary), and the repair command."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from directive_parser import cli
from directive_parser.errors import ExitCode
from directive_parser.ingest import ocr

VENV_BIN = Path(sys.executable).parent


def run(args: list[str], monkeypatch, capsys) -> tuple[int, str, str]:
    """Run `directive-parser ARGS` in-process through `cli.main`; return (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["directive-parser", *map(str, args)])
    try:
        cli.main()
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def cli_run(monkeypatch, capsys):
    return lambda *args: run(list(args), monkeypatch, capsys)


def test_table_lists_clauses_and_bodies(cli_run, text_pdf: Path) -> None:
    code, out, _ = cli_run("parse", text_pdf)
    assert code == ExitCode.ok
    assert "33/CT-TTg" in out and "06/11/2025" in out and "15 nhiệm vụ" in out
    for clause in ("1.a", "2.c.-1", "2.đ.(ii)", "2.e"):
        assert clause in out
    assert "Bộ Công an" in out and "Bộ Nội vụ" in out


def _count(fmt: str, text: str) -> int:
    if fmt == "json":
        return len(json.loads(text)["assignments"])
    if fmt == "jsonl":
        lines = text.splitlines()
        assert len(lines) == 1  # one document, one line
        return len(json.loads(lines[0])["assignments"])
    assert text.startswith("\ufeff")  # Excel needs the BOM to read the diacritics
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert {"Điều khoản", "Cơ quan chủ trì", "Nội dung nhiệm vụ", "Thời hạn"} <= set(rows[0])
    return len(rows)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_machine_formats_agree(cli_run, text_pdf: Path, fmt: str) -> None:
    code, out, _ = cli_run("parse", text_pdf, "--format", fmt)
    assert code == ExitCode.ok
    assert _count(fmt, out) == 15


def test_json_carries_the_header(cli_run, text_pdf: Path) -> None:
    data = json.loads(cli_run("parse", text_pdf, "-f", "json")[1])
    assert (data["number"], data["issued"], data["doc_type"], data["signer"]) == (
        "33/CT-TTg",
        "2025-11-06",
        "Chỉ thị",
        "Phạm Minh Chính",
    )
    assert "Bộ Công an" in [b["name"] for a in data["assignments"] for b in a["lead"]]


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_out_writes_a_file_and_nothing_to_stdout(cli_run, text_pdf: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    code, out, _ = cli_run("parse", text_pdf, "-f", fmt, "-o", target)
    assert code == ExitCode.ok and out == ""
    written = target.read_text(encoding="utf-8")
    assert "Bộ Công an" in written
    if fmt != "table":
        assert _count(fmt, written) == 15


def test_issued_option_fills_a_missing_date(cli_run, fixtures_dir: Path) -> None:
    data = json.loads(cli_run("parse", fixtures_dir / "ct33.clean.txt", "-f", "json", "--issued", "2025-11-06")[1])
    assert data["issued"] == "2025-11-06"
    assert "header has no issue date" not in [w["message"] for w in data["warnings"]]


def test_issued_option_does_not_override_the_header_date(cli_run, text_pdf: Path) -> None:
    data = json.loads(cli_run("parse", text_pdf, "-f", "json", "--issued", "2025-01-01")[1])
    assert data["issued"] == "2025-11-06"


@pytest.mark.parametrize(
    "args",
    [
        ["parse", "fixtures/ct33.text.pdf", "--format", "xml"],
        ["parse", "fixtures/ct33.text.pdf", "--issued", "31/02/2025"],
        ["parse", "fixtures/ct33.text.pdf", "--ocr", "sometimes"],
        ["parse"],
        ["nosuchcommand"],
        ["parse", "fixtures/ct33.text.pdf", "--no-such-flag"],
        ["parse", "fixtures/ct33.text.pdf", "-o", "out.xls"],
        ["parse", "fixtures/ct33.text.pdf", "-f", "csv", "--delimiter", ";;"],
        ["parse", "fixtures/ct33.text.pdf", "--columns", "fr"],
    ],
    ids=[
        "bad-format",
        "bad-date",
        "bad-ocr-mode",
        "missing-path",
        "unknown-command",
        "unknown-flag",
        "unknown-extension",
        "bad-delimiter",
        "bad-columns",
    ],
)
def test_bad_args_exit_1(cli_run, args: list[str], monkeypatch, fixtures_dir: Path) -> None:
    monkeypatch.chdir(fixtures_dir.parent)
    code, out, err = cli_run(*args)
    assert code == ExitCode.bad_args
    assert out == "" and err.strip()


def test_missing_file_exit_2(cli_run, tmp_path: Path) -> None:
    code, _, err = cli_run("parse", tmp_path / "không có.pdf")
    assert code == ExitCode.input_file
    assert "no such file" in err and "không có.pdf" in err


def test_png_renamed_pdf_exit_2(cli_run, tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    code, _, err = cli_run("parse", path)
    assert code == ExitCode.input_file
    assert "PNG image" in err and str(path) in err


def test_missing_tesseract_exit_3(cli_run, scan_pdf: Path, monkeypatch, fresh_tesseract_check) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda cmd: None)
    code, out, err = cli_run("parse", scan_pdf)
    assert code == ExitCode.missing_dependency
    assert out == "" and "apt-get install -y tesseract-ocr tesseract-ocr-vie" in err


@pytest.mark.parametrize("target", ["no-such-dir/out.json", "."], ids=["missing-dir", "is-a-directory"])
def test_unwritable_output_exit_5(cli_run, text_pdf: Path, tmp_path: Path, target: str) -> None:
    code, out, err = cli_run("parse", text_pdf, "-f", "json", "-o", tmp_path / target)
    assert code == ExitCode.output_file
    assert "cannot write output" in err and out == ""


def test_strict_with_warnings_exit_6(cli_run, fixtures_dir: Path) -> None:
    code, out, err = cli_run("parse", fixtures_dir / "ct33.clean.txt", "--strict")
    assert code == ExitCode.partial
    assert "header has no number" in err and "ct33.clean.txt" in err
    assert "Bộ Công an" in out  # the result is still written


def test_strict_writes_the_file_then_exits_6(cli_run, fixtures_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "partial.json"
    code, out, err = cli_run("parse", fixtures_dir / "ct33.clean.txt", "--strict", "-o", target)
    assert code == ExitCode.partial and out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["status"] == "partial" and data["assignments"]
    assert "header has no number" in [w["message"] for w in data["warnings"]] and "--strict" in err


def test_strict_without_warnings_exit_0(cli_run, text_pdf: Path) -> None:
    assert cli_run("parse", text_pdf, "--strict", "-f", "json")[0] == ExitCode.ok


def test_repair_blind(cli_run, fixtures_dir: Path) -> None:
    code, out, _ = cli_run("repair", fixtures_dir / "ct33.eng-ocr.txt")
    assert code == ExitCode.ok
    assert "THỦ TƯỚNG CHÍNH PHỦ" in out and "Bộ Công an" in out


def test_repair_with_reference(cli_run, fixtures_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "repaired.txt"
    code, out, _ = cli_run(
        "repair", fixtures_dir / "ct33.eng-ocr.txt", "--reference", fixtures_dir / "ct33.clean.txt", "-o", target
    )
    assert code == ExitCode.ok and out == ""
    repaired = target.read_text(encoding="utf-8")
    assert "Thời gian qua, với sự chỉ đạo quyết liệt của Chính phủ" in repaired
    assert "Bộ Công an" in repaired and "B9 Cong an" not in repaired


def test_repair_diff_lists_changed_tokens(cli_run, fixtures_dir: Path) -> None:
    code, out, _ = cli_run("repair", fixtures_dir / "ct33.eng-ocr.txt", "--diff")
    lines = out.splitlines()
    assert code == ExitCode.ok and lines[0] == "start-end\toriginal\treplacement\tconfidence\tmethod"
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) > 100 and all(len(r) == 5 and r[1] != r[2] for r in rows)
    assert rows[1][:3] == ["4-9", "TUONG", "TƯỚNG"]


def test_repair_missing_file_exit_2(cli_run, tmp_path: Path) -> None:
    assert cli_run("repair", tmp_path / "nope.txt")[0] == ExitCode.input_file


def test_repair_reads_a_pdf_text_layer(cli_run, text_pdf: Path) -> None:
    code, out, _ = cli_run("repair", text_pdf)
    assert code == ExitCode.ok
    assert "Số: 33/CT-TTg" in out and out.count("\f") == 4  # five pages, joined by form feeds


def test_repair_refuses_an_image(cli_run, hostile) -> None:
    code, out, err = cli_run("repair", hostile.png_as_pdf())
    assert code == ExitCode.input_file and out == ""
    assert "not a text file or PDF: the content is a PNG image" in err


def _subprocess(args: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=120, env={**os.environ, **env})


def test_console_script_and_module_agree(text_pdf: Path) -> None:
    script = _subprocess([str(VENV_BIN / "directive-parser"), "parse", str(text_pdf), "-f", "json"])
    module = _subprocess([sys.executable, "-m", "directive_parser", "parse", str(text_pdf), "-f", "json"])
    assert script.returncode == module.returncode == 0
    assert json.loads(script.stdout)["assignments"] == json.loads(module.stdout)["assignments"]


def test_subprocess_without_tesseract_on_path_exit_3(scan_pdf: Path, tmp_path: Path) -> None:
    proc = _subprocess([str(VENV_BIN / "directive-parser"), "parse", str(scan_pdf)], PATH=str(tmp_path))
    assert proc.returncode == ExitCode.missing_dependency, proc.stderr
    assert "tesseract-ocr-vie" in proc.stderr and "Traceback" not in proc.stderr


def test_pdfplumber_engine_reads_the_same_assignments(cli_run, text_pdf: Path) -> None:
    rows = {}
    for engine in ("pdfium", "pdfplumber"):
        code, out, _ = cli_run("parse", text_pdf, "-f", "json", "--engine", engine)
        assert code == ExitCode.ok
        rows[engine] = [(a["clause"], [b["name"] for b in a["lead"]]) for a in json.loads(out)["assignments"]]
    assert rows["pdfium"] == rows["pdfplumber"] and len(rows["pdfium"]) >= 14


@pytest.mark.parametrize("issued", ["2025-11-06", "06/11/2025"])
def test_parse_accepts_iso_and_vietnamese_dates(cli_run, issued: str, monkeypatch, fixtures_dir: Path) -> None:
    # Offices write dd/mm/yyyy; batch and tracker accept it, so parse does too.
    monkeypatch.chdir(fixtures_dir.parent)
    code, out, err = cli_run("parse", "fixtures/ct33.clean.txt", "--issued", issued, "--format", "json")
    assert code == ExitCode.ok
    assert '"issued": "2025-11-06"' in out


# --- issue 8: formats from -o, stdin/stdout, --version, logging, encodings, schema, terminal width ----


def test_version(cli_run) -> None:
    import directive_parser

    code, out, _ = cli_run("--version")
    assert code == ExitCode.ok and out.strip() == f"directive-parser {directive_parser.__version__}"


@pytest.mark.parametrize("name", ["out.csv", "out.json", "out.jsonl", "out.xlsx", "out.txt"])
def test_format_comes_from_the_out_extension(cli_run, text_pdf: Path, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    code, out, _ = cli_run("parse", text_pdf, "-o", target)
    assert code == ExitCode.ok and out == ""
    raw = target.read_bytes()
    if name.endswith(".xlsx"):
        openpyxl = pytest.importorskip("openpyxl")
        ws = openpyxl.load_workbook(target).active
        assert ws.cell(1, 1).value == "STT" and ws.max_row == 16
    elif name.endswith(".txt"):
        assert "15 nhiệm vụ" in raw.decode("utf-8") and "┌" in raw.decode("utf-8")
    else:
        assert _count(name.rsplit(".", 1)[1], raw.decode("utf-8")) == 15


def test_unknown_extension_names_the_file_and_the_fix(cli_run, text_pdf: Path, tmp_path: Path) -> None:
    code, out, err = cli_run("parse", text_pdf, "-o", tmp_path / "out.xls")
    assert code == ExitCode.bad_args and out == ""
    assert "out.xls" in err and ".xlsx" in err and "--format" in err
    assert not (tmp_path / "out.xls").exists()


def test_format_option_wins_over_the_extension(cli_run, text_pdf: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    assert cli_run("parse", text_pdf, "-f", "json", "-o", target)[0] == ExitCode.ok
    assert json.loads(target.read_text(encoding="utf-8"))["number"] == "33/CT-TTg"


def test_dash_out_is_stdout(cli_run, text_pdf: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli_run("parse", text_pdf, "-f", "jsonl", "-o", "-")
    assert code == ExitCode.ok and _count("jsonl", out) == 15
    assert not (tmp_path / "-").exists()


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.mark.parametrize("fixture", ["ct33.text.pdf", "ct33.clean.txt"])
def test_dash_reads_stdin(cli_run, fixtures_dir: Path, monkeypatch, fixture: str) -> None:
    _, from_file, _ = cli_run("parse", fixtures_dir / fixture, "-f", "json", "--issued", "06/11/2025")
    _stdin(monkeypatch, (fixtures_dir / fixture).read_bytes())
    code, from_stdin, _ = cli_run("parse", "-", "-f", "json", "--issued", "06/11/2025")
    assert code == ExitCode.ok
    a, b = json.loads(from_file), json.loads(from_stdin)
    assert b["source"]["path"] is None and b["source"]["sha256"] == a["source"]["sha256"]
    assert [x["clause"] for x in b["assignments"]] == [x["clause"] for x in a["assignments"]]


def test_empty_stdin_exit_2(cli_run, monkeypatch) -> None:
    _stdin(monkeypatch, b"")
    code, out, err = cli_run("parse", "-")
    assert code == ExitCode.input_file and out == "" and "<stdin>" in err


def test_stdin_errors_name_stdin_not_a_temp_file(cli_run, monkeypatch) -> None:
    _stdin(monkeypatch, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    code, _, err = cli_run("parse", "-")
    assert code == ExitCode.input_file and "<stdin>" in err and "directive-parser-stdin" not in err


def test_csv_delimiter_and_english_columns(cli_run, text_pdf: Path) -> None:
    code, out, _ = cli_run("parse", text_pdf, "-f", "csv", "--delimiter", ";", "--columns", "en")
    assert code == ExitCode.ok and out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out[1:]), delimiter=";"))
    assert len(rows) == 15 and rows[0]["number"] == "33/CT-TTg" and rows[0]["issued"] == "2025-11-06"


@pytest.mark.parametrize("flag", ["--verbose", "-v", "-vv"])
def test_verbose_keeps_the_exit_code(cli_run, tmp_path: Path, flag: str) -> None:
    code, _, err = cli_run("parse", tmp_path / "nope.pdf", flag)
    assert code == ExitCode.input_file and "nope.pdf: no such file" in err
    assert ("Traceback" in err) == (flag == "-vv")  # the traceback only at debug level


def test_verbose_before_the_command(cli_run, tmp_path: Path) -> None:
    assert cli_run("-v", "parse", tmp_path / "nope.pdf")[0] == ExitCode.input_file


def test_quiet_hides_library_warnings_but_not_errors(cli_run, tmp_path: Path, monkeypatch) -> None:
    import logging

    from directive_parser.cli import parse as cli_parse

    def warn(*a, **k):
        logging.getLogger("directive_parser.ingest.ocr").warning("page 3 rendered at 150 dpi")
        raise cli_parse.OptionError("boom")

    monkeypatch.setattr(cli_parse, "_parse", warn)
    _, _, err = cli_run("parse", tmp_path / "a.pdf")
    assert "page 3 rendered at 150 dpi" in err and "boom" in err
    code, _, err = cli_run("parse", tmp_path / "a.pdf", "-q")
    assert code == ExitCode.bad_args and "150 dpi" not in err and "boom" in err


def test_non_utf8_stdout_gets_no_traceback(text_pdf: Path) -> None:
    proc = subprocess.run(
        [str(VENV_BIN / "directive-parser"), "parse", str(text_pdf)],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "cp1258", "COLUMNS": "100"},
    )
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr
    import unicodedata

    shown = unicodedata.normalize("NFC", proc.stdout.decode("cp1258"))
    assert "Bộ Công an" in shown or "Bộ Công an" in shown.replace("\n", " ")
    assert "Chỉ thị 33/CT-TTg" in shown


def test_schema_command_prints_the_committed_schema(cli_run) -> None:
    from directive_parser.models import Directive

    committed = (Path(__file__).resolve().parent.parent / "schema" / "directive.schema.json").read_text(encoding="utf-8")
    code, out, _ = cli_run("schema")
    assert code == ExitCode.ok
    assert json.loads(committed) == Directive.model_json_schema(), (
        "regenerate: directive-parser schema -o schema/directive.schema.json"
    )
    assert out == committed


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("columns", [60, 80, 100, 132, 200])
def test_table_fits_the_terminal(cli_run, text_pdf: Path, monkeypatch, columns: int) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = cli_run("parse", text_pdf)
    assert code == ExitCode.ok
    widest = max(len(line) for line in out.splitlines())
    assert widest <= columns, f"{widest} > {columns}"
    assert "Bộ Công an" in out.replace("\n", " ") or "Bộ Công" in out
    if columns >= 80:
        assert "Nội dung nhiệm vụ" in out and "Cơ quan chủ trì" in out


def test_narrow_table_has_fewer_columns(cli_run, text_pdf: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    narrow = cli_run("parse", text_pdf)[1]
    monkeypatch.setenv("COLUMNS", "200")
    wide = cli_run("parse", text_pdf)[1]
    assert "Cơ quan phối hợp" not in narrow and "Cơ quan phối hợp" in wide
    assert len(_lines(narrow)) > len(_lines(wide)) * 0.8  # wrapped, not cut to one line a task


def test_long_tasks_end_with_an_ellipsis_at_a_word_boundary(text_pdf: Path) -> None:
    from directive_parser.cli.parse import render_table
    from directive_parser.pipeline import parse_directive

    doc = parse_directive(text_pdf)
    out = render_table(doc, width=80)
    cells = [line.split("│")[2].strip() for line in out.splitlines() if line.count("│") >= 4]
    ends = [c for c in cells if c.endswith("…")]
    assert ends, "no task was shortened at 80 columns"
    words = {w.strip(",;:.()") for a in doc.assignments for w in a.task.split()}
    for cell in ends:
        last = cell[:-1].split()[-1].strip(",;:.()")
        assert last in words, f"{cell!r} ends mid-word"


def test_shorten() -> None:
    from directive_parser.cli.common import shorten

    assert shorten("Hoàn thiện cơ sở dữ liệu quốc gia", 20) == "Hoàn thiện cơ sở…"
    assert shorten("ngắn", 20) == "ngắn"
    assert shorten("một\nhai   ba", 20) == "một hai ba"
    assert len(shorten("x" * 50, 10)) == 10


def test_table_shows_terminal_escapes_escaped() -> None:
    from _factories import assignment, directive

    from directive_parser.cli.parse import render_table

    out = render_table(directive(assignments=[assignment("x", task="Rà soát \x1b[31mđỏ[/red] [bold]")]), width=100)
    assert "\x1b" not in out and "\\x1b[31mđỏ[/red] [bold]" in out


def test_ocr_progress_follows_the_library_log_records(capsys) -> None:
    import logging

    from directive_parser.cli.common import OCR_DONE, OCR_TOTAL, OcrProgress

    ocr_log = logging.getLogger("directive_parser.ingest.ocr")
    with OcrProgress("OCR scan.pdf", enabled=True) as progress:
        for done in range(4):
            ocr_log.info("scan.pdf: OCR page %d of 3", done, extra={OCR_DONE: done, OCR_TOTAL: 3})
        ocr_log.info("unrelated")
        assert (progress.done, progress.total) == (3, 3)
        assert progress._progress is not None and progress._progress.tasks[0].completed == 3
    assert progress not in logging.getLogger("directive_parser").handlers


def test_ocr_progress_is_silent_off_a_terminal(capsys) -> None:
    import logging

    from directive_parser.cli.common import OCR_DONE, OCR_TOTAL, OcrProgress

    with OcrProgress("OCR") as progress:  # stderr is captured: not a terminal
        logging.getLogger("directive_parser.ingest.ocr").info("x", extra={OCR_DONE: 1, OCR_TOTAL: 2})
    assert progress.done == 1 and progress._progress is None
    assert capsys.readouterr().err == ""
