"""Start-up savings that must not change results: a text PDF's parse imports neither the Word and
plain-text readers nor the OCR stage; the faster mark folding, sentence splitting and page letter
count give exactly what the per-character definitions give."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

from directive_parser.ingest import pdf
from directive_parser.text import normalize, sentences

ROOT = Path(__file__).resolve().parents[1]

RUN = """
import json, sys
from directive_parser import parse_directive
doc = parse_directive(sys.argv[1])
print(json.dumps({"records": len(doc.assignments), "modules": sorted(sys.modules)}))
"""

# Imported only for the files that need them: .docx/.doc, .txt (legacy TCVN3/VNI tables), scans.
NOT_FOR_TEXT_PDFS = (
    "directive_parser.ingest.docx",
    "directive_parser.ingest.wordml",
    "directive_parser.ingest.text_files",
    "directive_parser.ingest.legacy_encoding",
    "directive_parser.ingest.ocr",
    "pytesseract",
    "PIL",
)


def _parse_in_fresh_process(path: str) -> dict:
    out = subprocess.run([sys.executable, "-c", RUN, path], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_text_pdf_parse_skips_the_other_readers() -> None:
    got = _parse_in_fresh_process("fixtures/ct33.text.pdf")
    assert got["records"] > 5
    assert [m for m in NOT_FOR_TEXT_PDFS if m in got["modules"]] == []


def test_text_file_parse_still_loads_its_reader() -> None:
    got = _parse_in_fresh_process("fixtures/ct33.clean.txt")
    assert got["records"] > 5
    assert "directive_parser.ingest.text_files" in got["modules"] and "directive_parser.ingest.ocr" not in got["modules"]


# --- the same results as the per-character definitions ------------------------------------------


def _strip_reference(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _fold_reference(text: str) -> str:
    return "".join(_strip_reference(c) or c for c in text)


def _samples() -> list[str]:
    rnd = random.Random(15)
    marks = [chr(c) for c in range(0x300, 0x370)] + ["\u0f71", "\u093c", "\u20d0"]  # a mark of class 0 among them
    letters = list("aăâeêioôơuưyđĐAỐỆ ") + marks + ["\uac00", "ǅ", "İ", "ﬁ", "\u1e9e"]
    composed = ["Thủ tướng Chính phủ", "CỘNG HÒA XÃ HQI", "(ị) Ủy ban nhân dân tỉnh Đắk Lắk", "Bộ TT&TT"]
    return (
        composed
        + [unicodedata.normalize("NFD", t) for t in composed]
        + ["".join(rnd.choice(letters) for _ in range(rnd.randrange(1, 14))) for _ in range(3000)]
    )


def test_strip_and_fold_marks_match_their_definitions() -> None:
    for text in _samples():
        assert normalize.strip_marks(text) == _strip_reference(text), repr(text)
        assert normalize.fold_marks(text) == _fold_reference(text), repr(text)
    assert normalize.strip_marks("Đổi mới") == "Doi moi" and normalize.fold_marks("Chỉ thị") == "Chi thi"


def test_mark_tables_stay_bounded() -> None:
    """A text of many distinct characters (hostile input) must not grow the look-up tables without end."""
    text = "".join(map(chr, range(0x4E00, 0x4E00 + 3 * normalize.TABLE_LIMIT)))
    assert normalize.strip_marks(text) == text and normalize.fold_marks(text) == text
    assert len(normalize._STRIP_CHARS) <= normalize.TABLE_LIMIT and len(normalize._FOLD_CHARS) <= normalize.TABLE_LIMIT


def _boundaries_reference(text: str) -> list[int]:
    """The sentence-end scan one character at a time, as `text.sentences` first wrote it."""
    out: list[int] = []
    n, i = len(text), 0
    while i < n:
        ch = text[i]
        if ch not in ".?!":
            i += 1
            continue
        if text.startswith("...", i):
            end = i
            while end < n and text[end] == ".":
                end += 1
            after = end
            while after < n and text[after] in " \t":
                after += 1
            if after >= n or text[after].isupper():
                out.append(end)
            i = end
            continue
        if ch == "." and sentences._continues(text, i):
            i += 1
            continue
        end = i + 1
        while end < n and text[end] in ".?!":
            end += 1
        out.append(end)
        i = end
    return out


def test_sentence_boundaries_match_the_character_scan() -> None:
    rnd = random.Random(7)
    pieces = ["a", "B", " ", ".", "?", "!", "…", "...", "TP.", "v.v.", "3.241", "\t", "\n", "Đ", "nq57.vn"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 25))) for _ in range(5000)]
    texts.append("Giao TP. Hồ Chí Minh chủ trì. Bộ Tài chính phối hợp! Xem Điều 5.Khoản 2... Hết")
    for text in texts:
        assert sentences._boundaries(text) == _boundaries_reference(text), repr(text)


def test_visible_characters_match_their_definition() -> None:
    rnd = random.Random(3)
    alphabet = [*"Họ và tên:.…_· \t\n\u3000\x1c\x85\xa0", *map(chr, range(0x1EA0, 0x1EFA))]
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 40)))
        kept = text.translate(str.maketrans("", "", ".…_·"))
        assert pdf._visible(text) == len(kept) - sum(map(str.isspace, kept)), repr(text)
