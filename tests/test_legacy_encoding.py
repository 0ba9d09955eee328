"""legacy_encoding: TCVN3/VNI round trips, detection, and refusal of non-Vietnamese bytes."""

from __future__ import annotations

import random

import pytest

from directive_parser.ingest.legacy_encoding import (
    convert,
    detect,
    encode_tcvn3,
    encode_vni,
)
from directive_parser.text.syllable import is_syllable

SENTENCES = [
    pytest.param(
        "Thủ tướng Chính phủ yêu cầu Bộ Công an chủ trì, phối hợp với các bộ, ngành hoàn thành trong Quý I/2026.",
        id="assignment",
    ),
    pytest.param("CHỈ THỊ", id="caps-heading"),
    pytest.param("Ủy ban nhân dân tỉnh Đồng Nai", id="toned-capital-first"),
    pytest.param("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", id="caps-body"),
    pytest.param("BỘ CÔNG AN", id="caps-title-like-word"),
    pytest.param("Bộ GTVT chủ trì.", id="abbreviation"),
    pytest.param(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 01/CT-TTg\nHà Nội, ngày 05 tháng 01 năm 2026",
        id="letterhead",
    ),
    pytest.param(
        "Giao Sở Tài nguyên và Môi trường chủ trì, báo cáo UBND tỉnh trước ngày 15/3/2026.\n"
        "Ủy ban nhân dân các huyện thực hiện\nủy quyền cho Sở Y tế.",
        id="wrapped-lines",
    ),
]


@pytest.mark.parametrize("text", SENTENCES)
def test_tcvn3_round_trip(text: str) -> None:
    data = encode_tcvn3(text)
    assert detect(data) == "tcvn3"
    assert convert(data) == text


@pytest.mark.parametrize("text", SENTENCES)
def test_tcvn3_abc_fonts_round_trip_restores_case(text: str) -> None:
    data = encode_tcvn3(text, abc_fonts=True)
    assert detect(data) == "tcvn3"
    assert convert(data) == text


@pytest.mark.parametrize("text", SENTENCES)
def test_vni_round_trip(text: str) -> None:
    data = encode_vni(text)
    assert detect(data) == "vni"
    assert convert(data) == text


@pytest.mark.parametrize(
    ("text", "tcvn3", "vni"),
    [
        ("Thủ tướng", b"Th\xf1 t\xad\xedng", b"Thu\xfb t\xf6\xf4\xf9ng"),
        ("CHỈ THỊ", b"CH\x8e TH\x91", b"CH\xc6 TH\xd2"),
        ("Đồng Nai", b"\xa7\xe5ng Nai", b"\xd1o\xe0ng Nai"),
        ("Ủy ban", b"\x9ey ban", b"U\xdby ban"),
        ("Quý I/2026", b"Qu\xfd I/2026", b"Quy\xf9 I/2026"),
    ],
    ids=["thu-tuong", "chi-thi", "dong-nai", "uy-ban", "quy"],
)
def test_known_byte_sequences(text: str, tcvn3: bytes, vni: bytes) -> None:
    assert encode_tcvn3(text) == tcvn3
    assert encode_vni(text) == vni


def test_abc_fonts_store_toned_capitals_as_lowercase_codes() -> None:
    assert encode_tcvn3("CHỈ THỊ", abc_fonts=True) == b"CH\xd8 TH\xde"
    assert convert(b"CH\xd8 TH\xde") == "CHỈ THỊ"


def test_abc_fonts_capital_inside_sentence_is_not_recovered() -> None:
    # Documented gap: VN3 cannot tell "; Ủy ban" from "; ủy ban".
    data = encode_tcvn3("Giao Công an tỉnh; Ủy ban Mặt trận tuyên truyền.", abc_fonts=True)
    assert convert(data) == "Giao Công an tỉnh; ủy ban Mặt trận tuyên truyền."


def test_vni_accepts_mixed_case_marks() -> None:
    # Some VNI files pair an uppercase base with a lowercase mark byte; the base sets the case.
    assert convert(b"Ch\xec Th\xf2 U\xfby ban") == "Chì Thị Ủy ban"


def test_unrepresentable_characters_become_question_marks() -> None:
    assert encode_tcvn3("Bộ “Công an” ₫") == b"B\xe9 ?C\xabng an? ?"
    assert encode_vni("Bộ “Công an” ₫") == b"Bo\xe4 \x93Co\xe2ng an\x94 ?"


@pytest.mark.parametrize(
    "text",
    [
        "The café’s résumé was naïve — Zoë paid £5 for the crème brûlée.",
        "Ça va? Oui, très bien. À bientôt, señor Müller.",
        "Invoice total: 1.250,00 € (VAT 19%) — payable à réception.",
    ],
    ids=["english", "french", "invoice"],
)
def test_latin1_western_text_is_not_vietnamese(text: str) -> None:
    data = text.encode("cp1252")
    assert detect(data) is None
    assert convert(data) is None


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_not_vietnamese(seed: int) -> None:
    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(512))
    assert detect(data) is None
    assert convert(data) is None


def test_printable_random_bytes_are_not_vietnamese() -> None:
    rng = random.Random(2026)
    for _ in range(50):
        data = bytes(rng.randrange(0x20, 0x100) for _ in range(rng.choice([12, 64, 400])))
        assert convert(data) is None, data


def test_empty_input_is_not_vietnamese() -> None:
    assert convert(b"") is None


@pytest.mark.parametrize(
    ("token", "valid"),
    [
        ("Nguyễn", True),
        ("người", True),
        ("khuyến", True),
        ("thuỷ", True),
        ("gì", True),
        ("quốc", True),
        ("được", True),
        ("that", False),  # closed by t without sắc/nặng
        ("tửụựng", False),  # VNI bytes read as TCVN3: several tones
        ("and", False),
        ("ă", False),  # ă needs a coda
        ("xoong", True),
        ("boọ", False),  # oo needs a coda
        ("Covid", False),
    ],
)
def test_is_syllable(token: str, valid: bool) -> None:
    assert is_syllable(token) is valid
