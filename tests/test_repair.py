"""Tests for repair.py: reference-based OCR repair, damage assessment, the pipeline entry point.

Damage is synthetic and deterministic: `_english_ocr` does to a line what Tesseract's English
model does to Vietnamese (marks lost, "ctia" for "của", "1a" for "là", "B9" for "Bộ").
"""

from __future__ import annotations

import re
import sys
import types
import unicodedata

import pytest

from directive_parser.errors import MissingDependencyError
from directive_parser.models import RepairResult, TokenChange
from directive_parser.repair.damage import DAMAGE_THRESHOLD, assess_damage, is_damaged, ocr_skeleton, vietnamese_share
from directive_parser.repair.reference import repair_document_text, repair_text

CT = """CHỈ THỊ
Về tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm 2026
Thời gian qua, công tác phòng, chống thiên tai của các bộ, ngành và địa phương đã đạt được nhiều kết quả quan trọng, góp phần giảm thiệt hại về người và tài sản.
Để chủ động ứng phó, Thủ tướng Chính phủ yêu cầu:
1. Các bộ, ngành và địa phương:
a) Khẩn trương rà soát, hoàn thiện phương án ứng phó với bão, lũ, hoàn thành trước ngày 15 tháng 01 năm 2026.
b) Bộ Công an chủ trì, phối hợp với Bộ Quốc phòng bảo đảm an ninh, trật tự tại các khu vực bị ảnh hưởng.
2. Giao Bộ Nông nghiệp và Môi trường là cơ quan thường trực, tổng hợp tình hình, báo cáo Thủ tướng Chính phủ trong tháng 12 năm 2025.
"""

TB = """Ý kiến kết luận của Phó Thủ tướng tại cuộc họp về chuyển đổi số.
Văn phòng Chính phủ thông báo ý kiến kết luận như sau:
1. Bộ Khoa học và Công nghệ chủ trì xây dựng cơ sở dữ liệu quốc gia, bảo đảm tiêu chí đúng, đủ, sạch, sống.
2. Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo cung cấp số liệu hằng tháng.
"""

# Word-level confusions of the English model, then marks stripped from everything else.
_WORD_DAMAGE = {
    "của": "ctia",
    "là": "1a",
    "Bộ": "B9",
    "số": "s6",
    "tướng": "tuéng",
    "phủ": "phi",
    "được": "dugrc",
    "những": "nhitng",
    "nhiệm": "nhi¢m",
    "độ": "d6",
    "Để": "Pé",
    "về": "vé",
    "quyết": "quyét",
    "tiến": "tién",
    "đối": "d6i",
    "Ủy": "Ty",
}


def _strip(s: str) -> str:
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def _english_ocr(line: str) -> str:
    return re.sub(r"\w+", lambda m: _WORD_DAMAGE.get(m.group(), _strip(m.group())), line)


def _wrap(text: str, width: int = 48) -> str:
    """Re-break lines as a scan would; line starts (clause labels) stay line starts."""
    out = []
    for para in text.splitlines():
        line = ""
        for w in para.split():
            if line and len(line) + len(w) >= width:
                out.append(line)
                line = w
            else:
                line = f"{line} {w}" if line else w
        out.append(line)
    return "\n".join(out) + "\n"


def _case(clean: str) -> tuple[str, str]:
    """(damaged OCR text, expected repaired text): same line breaks, the reference's words."""
    expected = _wrap(clean)
    return "".join(_english_ocr(line) for line in expected.splitlines(keepends=True)), expected


@pytest.mark.parametrize("clean", [CT, TB], ids=["chi-thi", "thong-bao"])
def test_reference_repair_restores_every_word(clean):
    ocr, expected = _case(clean)
    result = repair_text(ocr, clean)
    assert isinstance(result, RepairResult)
    assert result.text == expected
    assert result.method == "reference"
    assert result.reference_coverage == 1.0


@pytest.mark.parametrize("clean", [CT, TB], ids=["chi-thi", "thong-bao"])
def test_lines_and_clause_labels_are_the_ocr_texts(clean):
    ocr, _ = _case(clean)
    out = repair_text(ocr, clean).text
    assert out.count("\n") == ocr.count("\n")
    labels = [re.match(r"(\d+\.|[a-zđ]\))", line) for line in out.splitlines()]
    assert [m.group() for m in labels if m] == [
        m.group() for m in map(lambda l: re.match(r"(\d+\.|[a-zđ]\))", l), ocr.splitlines()) if m
    ]


def test_changes_point_into_the_input():
    ocr, expected = _case(CT)
    result = repair_text(ocr, CT)
    assert result.changes
    rebuilt, pos = [], 0
    for c in result.changes:
        assert isinstance(c, TokenChange) and c.method == "reference"
        assert ocr[c.start : c.end] == c.original
        assert 0.6 <= c.confidence <= 1.0
        rebuilt += [ocr[pos : c.start], c.replacement]
        pos = c.end
    assert "".join(rebuilt) + ocr[pos:] == expected


@pytest.mark.parametrize(
    ("ocr", "reference", "expected"),
    [
        (
            "Thu tuéng Chinh phi - Trudng Ban Chi dao",
            "Thủ tướng Chính phủ - Trưởng Ban Chỉ đạo",
            "Thủ tướng Chính phủ - Trưởng Ban Chỉ đạo",
        ),
        ("c) Giao B9 Cong an:", "c) Giao Bộ Công an:", "c) Giao Bộ Công an:"),
        ("van con 51 nhiém\nvu! qua han", "vẫn còn 51 nhiệm vụ1 quá hạn", "vẫn còn 51 nhiệm\nvụ1 quá hạn"),
        ("Nghi quyét O 71/N Q-CP ngay 01", "Nghị quyết số 71/NQ-CP ngày 01", "Nghị quyết số 71/NQ-CP ngày 01"),
        ("bao cao Thu tuéng Chinhphu ngay", "báo cáo Thủ tướng Chính phủ ngày", "báo cáo Thủ tướng Chính phủ ngày"),
        ("CHI THI\nVé day manh", "Chỉ thị về đẩy mạnh", "CHỈ THỊ\nVề đẩy mạnh"),
        ("chinh 1a do nguoi", "chính là do người", "chính là do người"),
        ("di? liéu, “dung, du”?", "dữ liệu, “đúng, đủ”?", "dữ liệu, “đúng, đủ”?"),
    ],
    ids=["title", "b9", "footnote-mark", "split-code", "merged-words", "caps-line", "1a", "tail-glyph"],
)
def test_english_model_confusions(ocr, reference, expected):
    assert repair_text(ocr, reference).text == expected


def test_reference_path_and_string_agree(tmp_path):
    ocr, expected = _case(CT)
    path = tmp_path / "ct.txt"
    path.write_text(CT, encoding="utf-8")
    assert repair_text(ocr, path).text == expected  # a PathLike is always a file
    assert repair_text(ocr, str(path)).text == expected  # a str naming an existing file is read
    assert repair_text(ocr, CT).text == expected  # any other str is the reference text itself
    assert repair_text(ocr, [str(path)]).text == expected


def test_several_references_each_cover_a_part():
    ocr, expected = _case(CT)
    lines = CT.splitlines(keepends=True)
    first, second = "".join(lines[:4]), "".join(lines[4:])
    result = repair_text(ocr, [first, second])
    assert result.text == expected
    assert result.method == "reference"


def test_a_worse_reference_does_not_override_a_better_one():
    ocr, expected = _case(TB)
    paraphrase = TB.replace("chủ trì xây dựng", "được giao xây dựng").replace("hằng tháng", "định kỳ")
    assert repair_text(ocr, [paraphrase, TB]).text == expected
    assert repair_text(ocr, [TB, paraphrase]).text == expected


@pytest.fixture
def fake_blind(monkeypatch):
    """A blind restorer that only knows two words; records what it was given."""
    calls = []

    def restore_diacritics(text: str) -> RepairResult:
        calls.append(text)
        changes = [
            TokenChange(
                start=m.start(),
                end=m.end(),
                original=m.group(),
                replacement={"khong": "không", "nguoi": "người"}[m.group()],
                confidence=0.9,
                method="blind",
            )
            for m in re.finditer(r"\b(khong|nguoi)\b", text)
        ]
        out, pos = [], 0
        for c in changes:
            out += [text[pos : c.start], c.replacement]
            pos = c.end
        return RepairResult(text="".join(out) + text[pos:], changes=changes, method="blind")

    module = types.ModuleType("directive_parser.repair.restore")
    module.restore_diacritics = restore_diacritics
    monkeypatch.setitem(sys.modules, "directive_parser.repair.restore", module)
    return calls


def test_passages_the_reference_lacks_go_to_the_blind_restorer(fake_blind):
    covered = "Bộ Công an chủ trì, phối hợp với Bộ Quốc phòng bảo đảm an ninh."
    ocr = "B9 Cong an chu tri, phdi hop vdi B9 Quéc phong bao dam an ninh.\nTuyet doi khong de nguoi dan phai di lai nhieu lan.\n"
    result = repair_text(ocr, covered)
    assert result.text == (
        "Bộ Công an chủ trì, phối hợp với Bộ Quốc phòng bảo đảm an ninh.\nTuyet doi không de người dan phai di lai nhieu lan.\n"
    )
    assert result.method == "mixed"
    assert 0.4 < result.reference_coverage < 0.7
    assert {c.method for c in result.changes} == {"reference", "blind"}
    assert all(ocr[c.start : c.end] == c.original for c in result.changes)
    assert len(fake_blind) == 1


def test_blind_changes_inside_covered_text_are_ignored(fake_blind):
    result = repair_text("nguoi dan va doanh nghiep\nkhong con\n", "người dân và doanh nghiệp")
    assert result.text == "người dân và doanh nghiệp\nkhông con\n"
    assert [c.method for c in result.changes].count("blind") == 1


def test_full_coverage_needs_no_blind_restorer(monkeypatch):
    monkeypatch.setitem(sys.modules, "directive_parser.repair.restore", None)  # import fails
    ocr, expected = _case(TB)
    assert repair_text(ocr, TB).text == expected


def test_missing_blind_restorer_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "directive_parser.repair.restore", None)
    with pytest.raises(MissingDependencyError, match="restore_diacritics"):
        repair_text("Tuyet doi khong de nguoi dan phai di lai nhieu lan.", "Bộ Công an chủ trì.")


@pytest.mark.parametrize(
    ("token", "skel"),
    [
        ("Chính", "chinh"),
        ("ctia", "ctia"),
        ("s6", "so"),
        ("1a", "la"),
        ("B9", "bo"),
        ("d61", "doi"),
        ("nhi¢m", "nhiem"),
        ("Trung wong", "trung uong"),
        ("mdi", "moi"),
        ("2025", "2025"),
        ("Đề", "de"),
    ],
    ids=lambda v: v,
)
def test_ocr_skeleton(token, skel):
    assert " ".join(map(ocr_skeleton, token.split())) == skel


ENGLISH = (
    "The Prime Minister requested ministries and provinces to speed up the implementation of "
    "tasks assigned under Resolution 71, report progress every month and make sure that online "
    "public services reach the target of eighty percent by the end of the year."
)


@pytest.mark.parametrize(
    ("text", "damaged"),
    [
        (CT, False),
        (TB, False),
        (_case(CT)[0], True),
        (_case(TB)[0], True),
        (_strip(CT), True),
        (ENGLISH, False),
    ],
    ids=["clean-ct", "clean-tb", "eng-ocr-ct", "eng-ocr-tb", "stripped", "english"],
)
def test_assess_damage(text, damaged):
    score = assess_damage(text)
    assert is_damaged(text) is damaged
    assert (score >= DAMAGE_THRESHOLD) is damaged
    if not damaged:
        assert score < DAMAGE_THRESHOLD / 2


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        (CT, 0.45, 1.0),
        (_case(CT)[0], 0.0, 0.05),
        (ENGLISH, 0.0, 0.0),
    ],
    ids=["clean", "eng-ocr", "english"],
)
def test_vietnamese_share(text, low, high):
    assert low <= vietnamese_share(text) <= high


def test_document_text_clean_is_untouched(monkeypatch):
    monkeypatch.setitem(sys.modules, "directive_parser.repair.restore", None)
    text, info = repair_document_text(CT)
    assert text == CT
    assert not info.damaged and info.method == "none" and info.changed_tokens == 0


def test_document_text_damaged_with_reference():
    ocr, expected = _case(CT)
    text, info = repair_document_text(ocr, reference=CT)
    assert text == expected
    assert info.damaged and info.method == "reference"
    assert info.damage_score >= DAMAGE_THRESHOLD
    assert info.changed_tokens > 50 and info.reference_coverage == 1.0


def test_document_text_damaged_without_reference_is_blind(fake_blind):
    ocr = "Tuyet doi khong de nguoi dan phai di lai nhieu lan.\n"
    text, info = repair_document_text(ocr)
    assert text == "Tuyet doi không de người dan phai di lai nhieu lan.\n"
    assert info.method == "blind" and info.changed_tokens == 2 and info.reference_coverage == 0.0


def test_section_sign_inside_a_word_is_a_misread_letter():
    # The English model reads the "ộ" of "Bộ" as "§": the whole token is replaced, no stray glyph.
    result = repair_text("e) Giao B§ Khoa hoc va Cong nghé theo doi.", reference="e) Giao Bộ Khoa học và Công nghệ theo dõi.")
    assert str(result) == "e) Giao Bộ Khoa học và Công nghệ theo dõi."


@pytest.mark.parametrize(
    ("ocr", "reference", "expected"),
    [
        # a sentence running on over a line break keeps the reference's small letter
        (
            "Diéu 9. Tham quyén phé duyét phuong\nAn tuyén cong trinh",
            "Điều 9. Thẩm quyền phê duyệt phương án tuyến công trình",
            "Điều 9. Thẩm quyền phê duyệt phương\nán tuyến công trình",
        ),
        # …while a line after a heading or a full stop starts with a capital
        ("CHI THI\nVé viéc tang cuong", "chỉ thị về việc tăng cường", "CHỈ THỊ\nVề việc tăng cường"),
    ],
)
def test_capital_at_a_line_start_only_when_a_sentence_starts(ocr, reference, expected):
    assert repair_text(ocr, reference).text == expected


def test_a_garbled_word_boxed_in_by_exact_matches_takes_the_reference_word():
    # "ae" and "ee" share no letter with "có" and "yêu": only their place pairs them; a number stays
    ref = "Cơ quan tiếp nhận hồ sơ có trách nhiệm yêu cầu cá nhân bổ sung giấy tờ trong 3 ngày."
    ocr = "Co quan tiép nhan hé so ae trach nhiém ee cau ca nhan bé sung gidy to trong 7 ngay."
    out = repair_text(ocr, ref).text
    assert "hồ sơ có trách nhiệm yêu cầu" in out and "trong 7 ngày" in out
