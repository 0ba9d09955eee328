"""One vocabulary of document types: names, capitals and number codes, and the tables built from it."""

import dataclasses
import re

import pytest

from directive_parser.extract import grammar
from directive_parser.structure import header, segment
from directive_parser.text import vocabulary
from directive_parser.text.vocabulary import DOC_TYPES, DocType, by_capitals, by_code, by_name, names_pattern

# (name, capitals, code): codes of Decree 30/2020/NĐ-CP Appendix III; NĐ and TT from Decree
# 34/2016/NĐ-CP; KL from the Party's rules; none for a Công văn or a Luật.
EXPECTED = [
    ("Chỉ thị", "CHỈ THỊ", "CT"),
    ("Thông báo", "THÔNG BÁO", "TB"),
    ("Công điện", "CÔNG ĐIỆN", "CĐ"),
    ("Quyết định", "QUYẾT ĐỊNH", "QĐ"),
    ("Nghị quyết", "NGHỊ QUYẾT", "NQ"),
    ("Nghị định", "NGHỊ ĐỊNH", "NĐ"),
    ("Thông tư", "THÔNG TƯ", "TT"),
    ("Kế hoạch", "KẾ HOẠCH", "KH"),
    ("Kết luận", "KẾT LUẬN", "KL"),
    ("Công văn", "CÔNG VĂN", None),
    ("Chương trình", "CHƯƠNG TRÌNH", "CTr"),
    ("Đề án", "ĐỀ ÁN", "ĐA"),
    ("Luật", "LUẬT", None),
    ("Quy định", "QUY ĐỊNH", "QyĐ"),
]


@pytest.mark.parametrize("name, capitals, code", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_each_type_and_its_lookups(name, capitals, code):
    t = by_name(name)
    assert t is not None and (t.name, t.capitals, t.code) == (name, capitals, code)
    assert by_capitals(capitals) is t and by_capitals("  " + capitals.replace(" ", "  ") + " ") is t
    assert by_capitals(name) is None or name == capitals  # running text is not a type line
    assert code is None or by_code(code) is t


def test_vocabulary_is_exactly_the_expected_table():
    assert [(t.name, t.capitals, t.code) for t in DOC_TYPES] == EXPECTED


@pytest.mark.parametrize("attr", ["name", "capitals", "code"])
def test_names_capitals_and_codes_are_unique(attr):
    values = [getattr(t, attr) for t in DOC_TYPES if getattr(t, attr)]
    assert len(values) == len(set(values))


def test_unknown_lookups_give_none():
    assert by_code("XX") is None and by_code("ct") is None and by_capitals("BÁO CÁO") is None and by_name("Tờ trình") is None


def test_doctype_is_frozen_and_checks_its_capitals():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DOC_TYPES[0].name = "Khác"  # type: ignore[misc]
    with pytest.raises(ValueError, match="capitals"):
        DocType("Chỉ thị", "CHI THI", "CT")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Thông báo kết luận số 5/TB-VPCP", "Thông báo kết luận"),  # longest first
        ("Thông báo số 5/TB-VPCP", "Thông báo"),
        ("Quy định số 1/QyĐ-UBND", "Quy định"),
        ("Quyết định số 1/QĐ-TTg", "Quyết định"),
    ],
)
def test_names_pattern_prefers_the_longest_name(text, expected):
    m = re.match(names_pattern(extra=vocabulary.CITED_KINDS), text)
    assert m and m.group(0) == expected


def test_names_pattern_of_a_selection():
    pattern = re.compile(rf"^(?:{names_pattern(vocabulary.closing_types())})$")
    assert {t.name for t in DOC_TYPES if pattern.match(t.name)} == {t.name for t in DOC_TYPES if t.closing}


# The tables of the stages are built from the vocabulary, by role.
def test_header_tables_come_from_the_vocabulary():
    assert {t.capitals: t.name for t in DOC_TYPES if t.heading} == header.DOC_TYPES
    assert {t.code: t.name for t in DOC_TYPES if t.code} == header.NUMBER_TYPE_CODES
    assert set(header.REFERENCE_TYPES) == {t.name for t in DOC_TYPES} | set(vocabulary.CITED_KINDS)


@pytest.mark.parametrize("t", DOC_TYPES, ids=lambda t: t.name)
def test_closing_and_product_tables_come_from_the_vocabulary(t):
    assert bool(segment._CLOSING.search(f"Các bộ thực hiện nghiêm {t.name} này.")) is t.closing
    assert (t.name in grammar.PRODUCT_NOUNS) is t.drafted
