"""Hostile inputs from real archives and trackers: broken, disguised, huge, legacy-encoded or oddly named files.

Each case either parses like the clean original or fails with the typed error that names the file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from directive_parser.batch.runner import BatchStatus, parse_many
from directive_parser.errors import (
    CorruptPdfError,
    EmptyDocumentError,
    EncryptedPdfError,
    FileUnreadableError,
    NotAPdfError,
    NotVietnameseError,
)
from directive_parser.ingest import ingest, legacy_encoding
from directive_parser.models import PageMethod
from directive_parser.pipeline import parse_directive

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def summary(doc) -> list[tuple[str, tuple[str, ...]]]:
    """What must survive any container: each assignment's clause and lead bodies."""
    return [(a.clause, tuple(b.name for b in a.lead)) for a in doc.assignments]


@pytest.fixture(scope="module")
def original(text_pdf: Path):
    return parse_directive(text_pdf)


@pytest.fixture(scope="module")
def clean_txt(fixtures_dir: Path):
    return parse_directive(fixtures_dir / "ct33.clean.txt")


@pytest.mark.parametrize("name", ["empty.pdf", "empty.txt", "empty"], ids=["pdf", "txt", "no-suffix"])
def test_zero_byte_file(hostile, name: str) -> None:
    path = hostile.write(name, b"")
    with pytest.raises(EmptyDocumentError, match="the file is empty") as exc:
        parse_directive(path)
    assert exc.value.path == str(path)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_truncated_pdf(hostile, engine: str) -> None:
    path = hostile.truncated()
    with pytest.raises(CorruptPdfError, match="damaged") as exc:
        parse_directive(path, engine=engine)
    assert exc.value.path == str(path)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_broken_xref_is_rebuilt(hostile, original, engine: str) -> None:
    # pdfium rebuilds the table by scanning for objects; pdfminer sees no pages and falls back to it.
    doc = parse_directive(hostile.broken_xref(), engine=engine)
    assert doc.number == original.number and len(doc.pages) == 5
    assert summary(doc) == summary(original)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_encrypted_pdf(hostile, engine: str) -> None:
    path = hostile.encrypted()
    with pytest.raises(EncryptedPdfError, match="decrypt it first") as exc:
        parse_directive(path, engine=engine)
    assert exc.value.path == str(path)


def test_png_renamed_pdf(hostile) -> None:
    path = hostile.png_as_pdf()
    with pytest.raises(NotAPdfError, match="PNG image") as exc:
        parse_directive(path)
    assert exc.value.path == str(path)


@pytest.mark.slow
def test_500_page_pdf(hostile) -> None:
    path = hostile.repeated_pdf(500)
    doc = parse_directive(path, ocr="never")
    assert len(doc.pages) == 500 and doc.source.pages == [PageMethod.text_layer] * 500
    assert doc.number == "33/CT-TTg" and doc.signer == "Phạm Minh Chính"
    assert doc.pages[-1].end == len(doc.text) and doc.assignments


def test_english_only_pdf(hostile) -> None:
    path = hostile.english_pdf()
    assert ingest(path).needs_ocr == []  # a good text layer: the refusal is about language, not OCR
    with pytest.raises(NotVietnameseError) as exc:
        parse_directive(path)
    assert exc.value.path == str(path)


@pytest.mark.parametrize("encode", [legacy_encoding.encode_tcvn3, legacy_encoding.encode_vni], ids=["tcvn3", "vni"])
def test_legacy_encoded_text(hostile, fixtures_dir: Path, clean_txt, encode) -> None:
    text = (fixtures_dir / "ct33.clean.txt").read_text(encoding="utf-8")
    path = hostile.write("ct33.txt", encode(text))
    doc = parse_directive(path)
    assert summary(doc) == summary(clean_txt)
    assert ("2.c.-1", ("Bộ Công an",)) in summary(doc)
    assert "Thủ tướng Chính phủ" in doc.text and doc.source.repair.damaged is False


@pytest.mark.skipif(
    IS_ROOT,
    reason="running as root: chmod 000 does not stop root from reading, so the "
    "OS cannot refuse; test_permission_denied_simulated covers the mapping",
)
def test_unreadable_directory(hostile, text_pdf: Path) -> None:
    folder = hostile.folder / "khóa"
    folder.mkdir()
    path = folder / "ct33.pdf"
    shutil.copy(text_pdf, path)
    folder.chmod(0)
    try:
        with pytest.raises(FileUnreadableError, match="permission denied") as exc:
            parse_directive(path)
    finally:
        folder.chmod(0o755)
    assert exc.value.path == str(path)


def test_permission_denied_simulated(hostile, text_pdf: Path, monkeypatch) -> None:
    path = hostile.write("ct33.pdf", text_pdf.read_bytes())

    def deny(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(FileUnreadableError, match="permission denied") as exc:
        parse_directive(path)
    assert exc.value.path == str(path)


def test_vietnamese_name_with_spaces(hostile, text_pdf: Path, original) -> None:
    path = hostile.write("Chỉ thị số 33 (bản sao).pdf", text_pdf.read_bytes())
    doc = parse_directive(path)
    assert doc.source.path == str(path) and doc.source.sha256 == original.source.sha256
    assert summary(doc) == summary(original)
    assert doc.model_dump(exclude={"source"}) == original.model_dump(exclude={"source"})


def test_archive_folder_parses_the_good_and_names_the_bad(hostile, text_pdf: Path) -> None:
    # A folder as it comes out of an archive: one good directive among broken files.
    hostile.write("Chỉ thị 33.pdf", text_pdf.read_bytes())
    hostile.write("empty.pdf", b"")
    hostile.truncated()
    hostile.encrypted()
    hostile.png_as_pdf()
    results = {Path(r.path).name: r for r in parse_many([hostile.folder], workers=1, timeout=120)}
    assert {name: r.error_type for name, r in results.items()} == {
        "Chỉ thị 33.pdf": None,
        "empty.pdf": "EmptyDocumentError",
        "truncated.pdf": "CorruptPdfError",
        "encrypted.pdf": "EncryptedPdfError",
        "scan.pdf": "NotAPdfError",
    }
    assert results["Chỉ thị 33.pdf"].status is BatchStatus.ok
    assert {r.status for name, r in results.items() if name != "Chỉ thị 33.pdf"} == {BatchStatus.failed}


def test_english_only_pdf_in_capitals(hostile) -> None:
    lines = [
        "THE PRIME MINISTER DIRECTS ALL MINISTRIES TO COMPLETE THE DIGITAL",
        "TRANSFORMATION PROGRAMME BEFORE THE END OF THE YEAR AND TO REPORT",
        "THE RESULTS TO THE GOVERNMENT OFFICE EVERY MONTH WITHOUT DELAY.",
    ]
    path = hostile.reportlab_pdf("english-caps.pdf", [lines * 4])
    with pytest.raises(NotVietnameseError):
        parse_directive(path)


# --- growth: every pattern run on document text is linear (time at n and 4n, never a time limit) --


def _seconds(fn, arg) -> float:
    import gc
    import time

    best = float("inf")
    # The collector's passes grow with the number of live objects, not with the pattern's work:
    # timed with it off, so the ratio measures the code (best of 3 against a busy machine).
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            t = time.perf_counter()
            fn(arg)
            best = min(best, time.perf_counter() - t)
    finally:
        gc.enable()
    return best


def _growth(fn, make, n: int) -> float:
    """How much longer `fn` takes on an input 4 times as large: about 4 when linear, 16 when quadratic."""
    small, large = make(n), make(4 * n)
    _seconds(fn, small)  # warm caches and imports
    return _seconds(fn, large) / max(_seconds(fn, small), 1e-4)


@pytest.mark.parametrize(
    ("name", "fn", "make", "n"),
    [
        (
            "loose-mark-spaces",
            lambda t: __import__("directive_parser.structure.cleanup", fromlist=["x"]).normalize(t),
            lambda n: "a" + " " * n + "b",
            200_000,
        ),
        (
            "recipients-blank-lines",
            lambda t: __import__("directive_parser.structure.header", fromlist=["x"]).parse_header(t),
            lambda n: "Số: 1/CT-TTg\n" + "\n" * n + "Nơi nhận:\n- Lưu: VT.",
            200_000,
        ),
        (
            "recipients-form-feeds",
            lambda t: __import__("directive_parser.structure.header", fromlist=["x"]).parse_header(t),
            lambda n: "Số: 1/CT-TTg\n" + "\f\n" * n + "Nơi nhận:\n- Lưu: VT.",
            100_000,
        ),
        (
            "pipe-tables",
            lambda t: __import__("directive_parser.structure.tables", fromlist=["x"]).find_tables(t),
            lambda n: "| STT | Nội dung | Cơ quan chủ trì |\n" + "| 1 | Việc | Sở A |\n" * n,
            20_000,
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_hot_patterns_grow_linearly(name, fn, make, n) -> None:
    # linear is about 4; quadratic would be about 16 (and the old patterns took minutes at these sizes)
    assert _growth(fn, make, n) < 10


# --- untyped crashes and CLI limits ----------------------------------------------------------------


def _tiny_pdf(objects: list[str]) -> bytes:
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_a_cyclic_page_tree_is_a_typed_error(tmp_path) -> None:
    from directive_parser import parse_directive
    from directive_parser.errors import CorruptPdfError

    path = tmp_path / "cyclic.pdf"
    path.write_bytes(
        _tiny_pdf(
            [
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",  # the tree holds itself
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            ]
        )
    )
    with pytest.raises(CorruptPdfError) as exc:
        parse_directive(path)
    assert "page" in str(exc.value) and str(path) in str(exc.value)


def _cli(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    import sys

    from directive_parser import cli

    monkeypatch.setattr(sys, "argv", ["directive-parser", *args])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    return int(exc.value.code or 0), capsys.readouterr().err


def test_parse_timeout_exits_7(monkeypatch, capsys, tmp_path) -> None:
    import time

    import directive_parser.pipeline as pipeline

    def slow(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr(pipeline, "parse_directive", slow)
    doc = tmp_path / "ct.txt"
    doc.write_text("CHỈ THỊ\n1. Giao Bộ Tư pháp rà soát.", encoding="utf-8")
    started = time.monotonic()
    code, err = _cli(monkeypatch, capsys, "parse", str(doc), "--timeout", "0.5")
    assert code == 7 and "--timeout" in err and time.monotonic() - started < 4


def test_a_missing_reference_file_is_an_error_and_literal_text_has_its_own_flag(monkeypatch, capsys, tmp_path) -> None:
    doc = tmp_path / "ocr.txt"
    doc.write_text("Thu tuéng Chinh phi yéu cau cac b6, nganh thuc hién nghiém.", encoding="utf-8")
    code, err = _cli(monkeypatch, capsys, "parse", str(doc), "--reference", str(tmp_path / "no-such.txt"))
    assert code == 2 and "no-such.txt" in err
    code, err = _cli(
        monkeypatch,
        capsys,
        "parse",
        str(doc),
        "-f",
        "json",
        "--reference-text",
        "Thủ tướng Chính phủ yêu cầu các bộ, ngành thực hiện nghiêm.",
    )
    assert code in (0, 6) and "Traceback" not in err
