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
    assert "33/CT-TTg" in out and "2025-11-06" in out and "15 assignments" in out
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
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"clause", "lead", "task", "due"} <= set(rows[0])
    return len(rows)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_machine_formats_agree(cli_run, text_pdf: Path, fmt: str) -> None:
    code, out, _ = cli_run("parse", text_pdf, "--format", fmt)
    assert code == ExitCode.ok
    assert _count(fmt, out) == 15


def test_json_carries_the_header(cli_run, text_pdf: Path) -> None:
    data = json.loads(cli_run("parse", text_pdf, "-f", "json")[1])
    assert (data["number"], data["issued"], data["doc_type"], data["signer"]) == (
        "33/CT-TTg", "2025-11-06", "Chỉ thị", "Phạm Minh Chính")
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
    ],
    ids=["bad-format", "bad-date", "bad-ocr-mode", "missing-path", "unknown-command", "unknown-flag"],
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
    code, _, err = cli_run("parse", fixtures_dir / "ct33.clean.txt", "--strict")
    assert code == ExitCode.partial
    assert "header has no number" in err


def test_strict_without_warnings_exit_0(cli_run, text_pdf: Path) -> None:
    assert cli_run("parse", text_pdf, "--strict", "-f", "json")[0] == ExitCode.ok


def test_repair_blind(cli_run, fixtures_dir: Path) -> None:
    code, out, _ = cli_run("repair", fixtures_dir / "ct33.eng-ocr.txt")
    assert code == ExitCode.ok
    assert "THỦ TƯỚNG CHÍNH PHỦ" in out and "Bộ Công an" in out


def test_repair_with_reference(cli_run, fixtures_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "repaired.txt"
    code, out, _ = cli_run("repair", fixtures_dir / "ct33.eng-ocr.txt", "--reference", fixtures_dir / "ct33.clean.txt",
                           "-o", target)
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
