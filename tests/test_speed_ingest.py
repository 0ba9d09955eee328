"""Cold-path savings that must not change results: damage measured in one pass, no OCR of pages
whose text layer is all they have, scans handed to Tesseract as their own images."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from directive_parser.ingest import ingest
from directive_parser.ingest.ocr import embedded_page_image
from directive_parser.options import OcrMode
from directive_parser.repair import damage


def test_damage_sample_is_tokenised_once(monkeypatch) -> None:
    calls: list[int] = []
    real = damage._word_counts
    monkeypatch.setattr(damage, "_word_counts", lambda t: calls.append(len(t)) or real(t))
    damage._tally.cache_clear()
    damage.sample_for_damage.cache_clear()
    text = "Thủ tướng Chính phủ yêu cầu các bộ, ngành và địa phương triển khai ngay. " * 400
    score = damage.assess_damage(text)  # what the pipeline asks first ...
    share = damage.vietnamese_share(damage.sample_for_damage(text))  # ... and then
    assert len(calls) == 1 and calls[0] == damage.DAMAGE_SAMPLE_CHARS
    assert score < damage.DAMAGE_THRESHOLD and share > 0.4


def _tally_token_by_token(text: str) -> tuple[int, ...]:
    """The counts as the one-pass tally took them before it judged each distinct word once."""
    import unicodedata

    toks = [t for t in damage._COUNTED_RE.findall(unicodedata.normalize("NFC", text)) if len(t) > 1 and not damage._is_code(t)]
    vietnamese = sum(not damage._VI_ONLY.isdisjoint(t) for t in toks)
    shaped = sum(damage._is_syllable(damage.ocr_skeleton(t)) for t in toks)
    invalid = sum(not damage._is_syllable(t.lower()) for t in toks)
    unaccented = sum(damage._is_syllable(t.lower()) and damage._strip_marks(t) == t for t in toks)
    return len(toks), vietnamese, shaped, invalid, unaccented


@pytest.mark.parametrize(
    "text",
    [
        "Thủ tướng Chính phủ yêu cầu các bộ, ngành, NQ-CP, KHCN, a) đ) Bộ Công an chủ trì. " * 30,
        "Thu tuéng Chinh phi yéu cau cac b6, nganh va dia phuong trién khai ngay 1a B9 s6 nhi¢m ¢d",
        "The Prime Minister directs all ministries to report QH15 x4y",
    ],
)
def test_damage_tally_counts_each_distinct_word_as_every_occurrence(text: str) -> None:
    damage._tally.cache_clear()
    got = damage._tally(text)
    assert (got.tokens, got.vietnamese, got.shaped, got.invalid, got.unaccented) == _tally_token_by_token(text)


def test_damage_figures_unchanged_by_the_one_pass() -> None:
    damaged = "Thu tuéng Chinh phi yéu cau cac b6, nganh va dia phuong trién khai ngay"
    assert damage.assess_damage(damaged) > damage.DAMAGE_THRESHOLD
    assert damage.syllable_share(damaged) > damage.MIN_SYLLABLE_SHARE
    assert damage.assess_damage("The Prime Minister directs all ministries to report") == 0.0


def test_short_text_pages_without_images_are_not_ocred(hostile) -> None:
    long_page = ["Giao Bo Cong an chu tri, phoi hop voi Bo Noi vu thuc hien nhiem vu nay."] * 20
    pdf = hostile.reportlab_pdf("signed.pdf", [long_page, ["Noi nhan:", "- Luu: VT."], ["8415.81.91 8415.81.94 8415.82.99 IV"]])
    doc = ingest(pdf, OcrMode.auto)
    assert doc.needs_ocr == []
    assert "Noi nhan" in doc.pages[1].text and "8415.81.91" in doc.pages[2].text


def _image_pdf(path: Path, dpi: int) -> Path:
    image = Image.new("L", (int(8.27 * dpi), int(11.69 * dpi)), 255)
    ImageDraw.Draw(image).text((dpi, dpi), "Giao Bo Cong an chu tri", fill=0)
    image.save(path, "PDF", resolution=dpi)
    return path


def test_full_page_image_goes_to_ocr_at_its_own_resolution(tmp_path) -> None:
    scan = _image_pdf(tmp_path / "scan.pdf", 240)
    assert ingest(scan, OcrMode.auto).needs_ocr == [1]
    got = embedded_page_image(pdfium.PdfDocument(scan)[0])
    assert got is not None
    image, dpi = got
    assert image.size == (int(8.27 * 240), int(11.69 * 240)) and image.mode == "L"
    assert dpi == pytest.approx(240, rel=0.01)


def test_low_resolution_or_partial_images_are_rendered(tmp_path, hostile) -> None:
    assert embedded_page_image(pdfium.PdfDocument(_image_pdf(tmp_path / "low.pdf", 100))[0]) is None
    text_only = hostile.reportlab_pdf("text.pdf", [["Giao Bo Cong an chu tri."]])
    assert embedded_page_image(pdfium.PdfDocument(text_only)[0]) is None


PAIRS = [
    ("thẻ bảo hiểm y tế, ", "thẻ bảo hiểm y tế, cấp, quản lý thẻ bảo hiểm y tế;"),
    ("Ủy ban nhân dân tỉnh Quảng", "Ủy ban nhân dân tỉnh Quảng Trị và các sở, ngành"),  # a word cut at the end
    ("Giao Sở Văn hoá, Thể thao và Du lịch ho", "Giao Sở Văn hoá, Thể thao và Du lịch hoà giải"),  # "oà" folds to "òa"
    ("Giao Bộ Công an phối hợp với các", "Giao Bộ Công an phối hợp với các Bộ: Quốc phòng, Ngoại giao"),  # "các" dropped
    ("Phạm vi điều chỉnh Thông tư này quy định biện pháp A", "Phạm vi điều chỉnh Thông tư này quy định biện pháp B"),
    ("Giao UBND các tỉnh Lào Cai, Yên Bái", "Giao UBND các tỉnh LÀO CAI, YÊN BÁI"),
    ("Bộ Tài chính – Bộ Kế hoạch và Đầu tư", "Bộ Tài chính – Bộ Kế hoạch và Đầu tư"),  # the same text again
]


@pytest.mark.parametrize(("first", "second"), PAIRS + [(b, a) for a, b in PAIRS])
def test_tokens_reuse_a_shared_start_without_changing_them(first: str, second: str) -> None:
    from directive_parser.extract.bodies import tokens as tk

    tk._recent.clear()
    fresh = tk.tokens(second)
    tk._recent.clear()
    before = tk.tokens(first)
    again = tk.tokens(second)
    assert again == fresh
    shared = next((i for i, (a, b) in enumerate(zip(first, second)) if a != b), min(len(first), len(second)))
    if shared > tk.MIN_SHARED:  # the tokens wholly before the difference are the very same objects
        assert any(a is b for a, b in zip(before, again))
    again.pop()  # a caller's list is its own (gazetteer.lookup pops from it)
    assert tk.tokens(second) == fresh
