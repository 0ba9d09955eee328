"""Gazetteer lookup, mention finding and subject-phrase splitting for Vietnamese public bodies."""

from __future__ import annotations

import pytest

from directive_parser.extract.bodies.gazetteer import BodyMatch, find_bodies, load_gazetteer, lookup, split_bodies
from directive_parser.models import BodyKind

M, A, P, R, G, O = (BodyKind.ministry, BodyKind.agency, BodyKind.province, BodyKind.role, BodyKind.group, BodyKind.other)

LOOKUP = [
    ("current-ministry", "Bộ Công an", "Bộ Công an", M),
    ("new-ministry-2025", "Bộ Dân tộc và Tôn giáo", "Bộ Dân tộc và Tôn giáo", M),
    ("abbr-khcn-amp", "Bộ KH&CN", "Bộ Khoa học và Công nghệ", M),
    ("abbr-khcn-plain", "Bộ KHCN", "Bộ Khoa học và Công nghệ", M),
    ("abbr-bca", "BCA", "Bộ Công an", M),
    ("abbr-vpcp", "VPCP", "Văn phòng Chính phủ", A),
    ("abbr-nhnn", "NHNN", "Ngân hàng Nhà nước Việt Nam", A),
    ("abbr-gddt", "Bộ GDĐT", "Bộ Giáo dục và Đào tạo", M),
    ("former-tttt-abbr", "Bộ TT&TT", "Bộ Thông tin và Truyền thông", M),
    ("former-tttt", "Bộ Thông tin và Truyền thông", "Bộ Thông tin và Truyền thông", M),
    ("former-khdt", "Bộ Kế hoạch và Đầu tư", "Bộ Kế hoạch và Đầu tư", M),
    ("former-ldtbxh", "Bộ Lao động - Thương binh và Xã hội", "Bộ Lao động - Thương binh và Xã hội", M),
    ("former-ldtbxh-abbr", "Bộ LĐTBXH", "Bộ Lao động - Thương binh và Xã hội", M),
    ("former-gtvt", "Bộ Giao thông vận tải", "Bộ Giao thông vận tải", M),
    ("former-tnmt", "Bộ Tài nguyên và Môi trường", "Bộ Tài nguyên và Môi trường", M),
    ("former-nnptnt", "Bộ NN&PTNT", "Bộ Nông nghiệp và Phát triển nông thôn", M),
    ("former-ubdt", "Ủy ban Dân tộc", "Ủy ban Dân tộc", M),
    ("old-orthography-vhttdl", "Bộ Văn hoá, Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch", M),
    ("case-thu-tuong", "Thủ Tướng Chính phủ", "Thủ tướng Chính phủ", R),
    ("ocr-one-letter", "Bộ Tài chỉnh", "Bộ Tài chính", M),
    ("no-diacritics", "Bo Cong an", "Bộ Công an", M),
    ("extra-spaces", "  Bộ   Tư   pháp ", "Bộ Tư pháp", M),
    ("politburo-is-agency", "Bộ Chính trị", "Bộ Chính trị", A),
    ("agency-vtv", "Đài Truyền hình Việt Nam", "Đài Truyền hình Việt Nam", A),
    ("academy-abbr", "Viện Hàn lâm KH&CN Việt Nam", "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", A),
    ("court", "Tòa án nhân dân tối cao", "Tòa án nhân dân tối cao", A),
    ("front", "Ủy ban MTTQ Việt Nam", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", A),
    ("province-ubnd-abbr", "UBND tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai", P),
    ("province-tp-dot", "UBND TP. Hồ Chí Minh", "Ủy ban nhân dân thành phố Hồ Chí Minh", P),
    ("province-tphcm", "UBND TP.HCM", "Ủy ban nhân dân thành phố Hồ Chí Minh", P),
    ("province-old-uy", "Uỷ ban nhân dân thành phố Đà Nẵng", "Ủy ban nhân dân thành phố Đà Nẵng", P),
    # A merged province keeps the name the document gives it (its successor is tested below).
    ("merge-thua-thien-hue", "Ủy ban nhân dân tỉnh Thừa Thiên Huế", "Ủy ban nhân dân tỉnh Thừa Thiên Huế", P),
    ("merge-quang-nam", "UBND tỉnh Quảng Nam", "Ủy ban nhân dân tỉnh Quảng Nam", P),
    ("merge-binh-duong", "UBND tỉnh Bình Dương", "Ủy ban nhân dân tỉnh Bình Dương", P),
    ("merge-ha-giang", "UBND tỉnh Hà Giang", "Ủy ban nhân dân tỉnh Hà Giang", P),
    ("merge-kon-tum-spelling", "UBND tỉnh Kontum", "Ủy ban nhân dân tỉnh Kon Tum", P),
    ("merge-hoa-binh-old-tone", "UBND tỉnh Hoà Bình", "Ủy ban nhân dân tỉnh Hòa Bình", P),
    ("council-kept", "HĐND tỉnh Thái Bình", "Hội đồng nhân dân tỉnh Thái Bình", P),
    ("bare-province", "tỉnh Yên Bái", "Ủy ban nhân dân tỉnh Yên Bái", P),
    ("unknown-province", "Ủy ban nhân dân tỉnh Xuân Sơn", "Ủy ban nhân dân tỉnh Xuân Sơn", P),
    ("unknown-ministry", "Bộ Kinh tế và Hạ tầng", "Bộ Kinh tế và Hạ tầng", M),
    ("minister-of-former", "Bộ trưởng Bộ Kế hoạch và Đầu tư", "Bộ trưởng Bộ Kế hoạch và Đầu tư", R),
    ("chair-of-former", "Chủ tịch UBND tỉnh Hà Giang", "Chủ tịch Ủy ban nhân dân tỉnh Hà Giang", R),
    ("deputy-pm-named", "Phó Thủ tướng Chính phủ Nguyễn Chí Dũng", "Phó Thủ tướng Chính phủ Nguyễn Chí Dũng", R),
    ("group-lowercase", "bộ, ngành", "các bộ, ngành", G),
    (
        "group-trung-uong-lower",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
        G,
    ),
]


@pytest.mark.parametrize(("text", "name", "kind"), [c[1:] for c in LOOKUP], ids=[c[0] for c in LOOKUP])
def test_lookup(text, name, kind):
    body = lookup(text)
    assert body is not None
    assert (body.name, body.kind) == (name, kind)
    assert body.text == text.strip()


NOT_BODIES = [
    ("bo-ho-so", "bộ hồ sơ"),
    ("bo-tieu-chi", "bộ tiêu chí"),
    ("Bo-Tieu-chi-cap", "Bộ Tiêu chí"),
    ("plain-words", "thực hiện nghiêm túc"),
    ("empty", "   "),
    ("Bo-Quy-tac", "Bộ Quy tắc ứng xử"),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_BODIES], ids=[c[0] for c in NOT_BODIES])
def test_lookup_rejects(text):
    assert lookup(text) is None


FIND = [
    (
        "two-ubnd",
        "UBND thành phố Đà Nẵng và UBND thành phố Huế phối hợp",
        [
            ("UBND thành phố Đà Nẵng", "Ủy ban nhân dân thành phố Đà Nẵng"),
            ("UBND thành phố Huế", "Ủy ban nhân dân thành phố Huế"),
        ],
    ),
    ("va-inside-name", "Bộ Khoa học và Công nghệ chủ trì", [("Bộ Khoa học và Công nghệ", "Bộ Khoa học và Công nghệ")]),
    ("va-between", "Bộ Công an và Bộ Quốc phòng", [("Bộ Công an", "Bộ Công an"), ("Bộ Quốc phòng", "Bộ Quốc phòng")]),
    (
        "chair-role-not-split",
        "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương chỉ đạo",
        [
            (
                "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
                "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
            )
        ],
    ),
    ("vpcp", "Văn phòng Chính phủ theo dõi, đôn đốc", [("Văn phòng Chính phủ", "Văn phòng Chính phủ")]),
    ("unknown-ministry", "Giao Bộ Hạ tầng Số chủ trì", [("Bộ Hạ tầng Số", "Bộ Hạ tầng Số")]),
    (
        "unknown-province",
        "Ủy ban nhân dân tỉnh Xuân Sơn báo cáo",
        [("Ủy ban nhân dân tỉnh Xuân Sơn", "Ủy ban nhân dân tỉnh Xuân Sơn")],
    ),
    ("former-in-text", "đề nghị Bộ GTVT rà soát", [("Bộ GTVT", "Bộ Giao thông vận tải")]),
    ("group-with-cac", "các bộ, ngành, địa phương triển khai", [("các bộ, ngành, địa phương", "các bộ, ngành, địa phương")]),
    ("politburo", "Kết luận của Bộ Chính trị", [("Bộ Chính trị", "Bộ Chính trị")]),
    (
        "enumeration",
        "Giao các Bộ: Công an, Quốc phòng, Ngoại giao thực hiện",
        [("Bộ: Công an", "Bộ Công an"), ("Quốc phòng", "Bộ Quốc phòng"), ("Ngoại giao", "Bộ Ngoại giao")],
    ),
    (
        "province-enumeration",
        "Ủy ban nhân dân các tỉnh Lào Cai, Yên Bái và Sơn La",
        [
            ("Ủy ban nhân dân các tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai"),
            ("Yên Bái", "Ủy ban nhân dân tỉnh Yên Bái"),
            ("Sơn La", "Ủy ban nhân dân tỉnh Sơn La"),
        ],
    ),
    ("minister-role", "Bộ trưởng Bộ Công an chỉ đạo", [("Bộ trưởng Bộ Công an", "Bộ trưởng Bộ Công an")]),
    ("not-bo-ho-so", "xây dựng bộ hồ sơ và bộ tiêu chí", []),
    ("not-ngo", "hợp tác với tổ chức phi chính phủ", []),
    ("bare-place-not-mention", "trên địa bàn tỉnh Lào Cai", []),
    ("document-code-not-body", "Nghị định số 15/2025/NĐ-CP và Thông tư 12/2024/TT-BCT", []),
    ("generic-group-needs-cac", "phù hợp với địa phương; giao các địa phương", [("các địa phương", "các địa phương")]),
    ("known-name-beats-generic", "Bộ Công Thương ban hành", [("Bộ Công Thương", "Bộ Công Thương")]),
    ("line-break", "Ủy ban nhân dân\ntỉnh Nghệ An", [("Ủy ban nhân dân\ntỉnh Nghệ An", "Ủy ban nhân dân tỉnh Nghệ An")]),
    # a ministry's own units by their acronyms ("Giao Vụ TCCB", "Cục TTKT chủ trì"); header capitals stay no name
    ("unit-acronym", "Giao Vụ TCCB chủ trì, phối hợp Cục TTKT", [("Vụ TCCB", "Vụ TCCB"), ("Cục TTKT", "Cục TTKT")]),
    ("unit-acronyms-joined", "Giao Vụ KK&KTT rà soát", [("Vụ KK&KTT", "Vụ KK&KTT")]),
    ("header-capitals-no-acronym-unit", "VỤ TCCB", []),
    # the councils of communes and wards (since 2025 the level below the province), never the province
    (
        "ward-council",
        "Ủy ban nhân dân phường Yên Bái chủ trì",
        [("Ủy ban nhân dân phường Yên Bái", "Ủy ban nhân dân phường Yên Bái")],
    ),
    ("commune-council", "UBND xã Bát Xát phối hợp", [("UBND xã Bát Xát", "Ủy ban nhân dân xã Bát Xát")]),
    (
        "numbered-ward",
        "Ủy ban nhân dân phường Hà Giang 1 chủ trì",
        [("Ủy ban nhân dân phường Hà Giang 1", "Ủy ban nhân dân phường Hà Giang 1")],
    ),
    # the military commands, by their head or its abbreviation; a Quân khu takes its number
    ("command", "Bộ Tư lệnh Cảnh sát biển chủ trì", [("Bộ Tư lệnh Cảnh sát biển", "Bộ Tư lệnh Cảnh sát biển")]),
    ("command-abbreviated", "BTL Bộ đội Biên phòng chỉ đạo", [("BTL Bộ đội Biên phòng", "Bộ Tư lệnh Bộ đội Biên phòng")]),
    ("command-numbered", "Bộ Tư lệnh Quân khu 4 duy trì lực lượng", [("Bộ Tư lệnh Quân khu 4", "Bộ Tư lệnh Quân khu 4")]),
    ("command-needs-its-number", "Bộ Tư lệnh Quân khu chỉ đạo", []),
    # a field whose first word heads bodies elsewhere goes on the unit's name after "và"
    (
        "field-with-head-word",
        "Cục Lâm nghiệp và Kiểm lâm có trách nhiệm",
        [("Cục Lâm nghiệp và Kiểm lâm", "Cục Lâm nghiệp và Kiểm lâm")],
    ),
    (
        "head-word-body-after-va",
        "Sở Tài chính và Kiểm toán Nhà nước",
        [("Sở Tài chính", "Sở Tài chính"), ("Kiểm toán Nhà nước", "Kiểm toán nhà nước")],
    ),
    # a steering committee's name stops at its verb, though a unit head's lower-case words would run on
    ("steering-committee-verb", "Ban Chỉ đạo bảo đảm hoạt động hiệu quả", [("Ban Chỉ đạo", "Ban Chỉ đạo")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in FIND], ids=[c[0] for c in FIND])
def test_find_bodies(text, expected):
    found = find_bodies(text)
    assert [(m.body.text, m.body.name) for m in found] == expected
    assert all(text[m.start : m.end] == m.body.text for m in found)


def test_find_bodies_apposition_keeps_ministry_whole():
    text = (
        "Bộ Khoa học và Công nghệ - Cơ quan thường trực của Ban Chỉ đạo Trung ương về phát triển khoa học, "
        "công nghệ, đổi mới sáng tạo và chuyển đổi số chủ trì"
    )
    first = find_bodies(text)[0]
    assert (first.start, first.end, first.body.name) == (0, 24, "Bộ Khoa học và Công nghệ")


def test_find_bodies_offsets_on_decomposed_input():
    text = "Giao Bo\u0323\u0302 Công an"  # "Bộ" written as o + combining marks (NFD)
    [match] = find_bodies(text)
    assert isinstance(match, BodyMatch)
    assert (match.start, match.end, match.body.name) == (5, len(text), "Bộ Công an")


SPLIT = [
    (
        "ministries-and-group",
        "Bộ Khoa học và Công nghệ, Bộ Công an, Bộ Nội vụ và các bộ, ngành",
        [("Bộ Khoa học và Công nghệ", M), ("Bộ Công an", M), ("Bộ Nội vụ", M), ("các bộ, ngành", G)],
    ),
    (
        "two-roles",
        "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, "
        "thành phố trực thuộc Trung ương",
        [
            ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ", R),
            ("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", R),
        ],
    ),
    (
        "apposition-dropped",
        "Bộ Khoa học và Công nghệ - Cơ quan thường trực của Ban Chỉ đạo Trung ương về phát triển "
        "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số, Bộ Công an",
        [("Bộ Khoa học và Công nghệ", M), ("Bộ Công an", M)],
    ),
    (
        "group-bodies",
        "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
        [
            ("các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", G),
            ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", G),
        ],
    ),
    (
        "unknown-other",
        "Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam (TKV), Bộ Quốc phòng",
        [("Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam", O), ("Bộ Quốc phòng", M)],
    ),
    (
        "bare-provinces",
        "tỉnh Lào Cai và thành phố Hà Nội",
        [("Ủy ban nhân dân tỉnh Lào Cai", P), ("Ủy ban nhân dân thành phố Hà Nội", P)],
    ),
    (
        "former-names",
        "Bộ Tài nguyên và Môi trường, Bộ Giao thông vận tải",
        [("Bộ Tài nguyên và Môi trường", M), ("Bộ Giao thông vận tải", M)],
    ),
    ("leading-giao", "Giao Văn phòng Chính phủ", [("Văn phòng Chính phủ", A)]),
    (
        "with-coordinators",
        "Thanh tra Chính phủ, Kiểm toán nhà nước và các cơ quan liên quan",
        [("Thanh tra Chính phủ", A), ("Kiểm toán nhà nước", A), ("các cơ quan liên quan", G)],
    ),
    ("db-owners", "các cơ quan chủ quản cơ sở dữ liệu", [("các cơ quan chủ quản cơ sở dữ liệu", G)]),
    ("no-body", "thực hiện nghiêm túc các nội dung", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SPLIT], ids=[c[0] for c in SPLIT])
def test_split_bodies(text, expected):
    assert [(b.name, b.kind) for b in split_bodies(text)] == expected


def test_gazetteer_has_34_current_provinces():
    gaz = load_gazetteer()
    names = {
        gaz.lookup(f"UBND tỉnh {p}").name
        for p in (
            "Hà Giang",
            "Tuyên Quang",
            "Yên Bái",
            "Lào Cai",
            "Bắc Kạn",
            "Thái Nguyên",
            "Vĩnh Phúc",
            "Hòa Bình",
            "Phú Thọ",
            "Bắc Giang",
            "Bắc Ninh",
            "Thái Bình",
            "Hưng Yên",
            "Hải Dương",
            "Hà Nam",
            "Nam Định",
            "Ninh Bình",
            "Quảng Bình",
            "Quảng Trị",
            "Quảng Nam",
            "Kon Tum",
            "Quảng Ngãi",
            "Bình Định",
            "Gia Lai",
            "Ninh Thuận",
            "Khánh Hòa",
            "Đắk Nông",
            "Bình Thuận",
            "Lâm Đồng",
            "Phú Yên",
            "Đắk Lắk",
            "Bình Dương",
            "Bà Rịa - Vũng Tàu",
            "Bình Phước",
            "Đồng Nai",
            "Long An",
            "Tây Ninh",
            "Bến Tre",
            "Trà Vinh",
            "Vĩnh Long",
            "Tiền Giang",
            "Đồng Tháp",
            "Bạc Liêu",
            "Cà Mau",
            "Kiên Giang",
            "An Giang",
            "Sóc Trăng",
            "Hậu Giang",
            "Cao Bằng",
            "Lai Châu",
            "Điện Biên",
            "Sơn La",
            "Lạng Sơn",
            "Quảng Ninh",
            "Thanh Hóa",
            "Nghệ An",
            "Hà Tĩnh",
            "Thừa Thiên Huế",
        )
    }
    names |= {gaz.lookup(f"UBND thành phố {c}").name for c in ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ")}
    assert len(names) == 63  # each as the document names it
    today = {gaz.lookup(name).successor or name for name in names}
    assert len(today) == 34  # the 2025 units that hold their duties


@pytest.mark.parametrize("text", ["Bộ GD-ĐT chủ trì", "Bộ Abc XYZ phối hợp", "Bộ KẾ HOẠCH ĐẦU TƯ", "Bộ NN&PTNT, Bộ TN-MT"])
def test_all_capitals_after_bo_never_hangs(text: str) -> None:
    # "Bộ" + an all-capitals word used to spin forever in the generic-ministry rule.
    import subprocess
    import sys

    code = f"from directive_parser.extract.bodies import find_bodies; print(len(find_bodies({text!r})))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and done.stdout.strip().isdigit()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Các cơ quan chủ quản CSDL có trách nhiệm cập nhật", "các cơ quan chủ quản cơ sở dữ liệu"),
        ("Các cơ quan chủ quản cơ sở dữ liệu có trách nhiệm cập nhật", "các cơ quan chủ quản cơ sở dữ liệu"),
    ],
)
def test_standard_noun_abbreviations_inside_names(text: str, name: str) -> None:
    assert [m.body.name for m in find_bodies(text)][:1] == [name]


# A reorganised body keeps the name the document gives it; `successor` routes it to today's holder.
SUCCESSORS = [
    ("Bộ Kế hoạch và Đầu tư", "Bộ Tài chính"),
    ("Bộ TT&TT", "Bộ Khoa học và Công nghệ"),
    ("Bộ Lao động - Thương binh và Xã hội", "Bộ Nội vụ"),
    ("Bộ Giao thông vận tải", "Bộ Xây dựng"),
    ("Bộ Tài nguyên và Môi trường", "Bộ Nông nghiệp và Môi trường"),
    ("Ủy ban Dân tộc", "Bộ Dân tộc và Tôn giáo"),
    ("Bộ Tài chính", None),
]


@pytest.mark.parametrize(("text", "successor"), SUCCESSORS)
def test_reorganised_bodies_keep_their_name_and_know_their_successor(text: str, successor: str | None) -> None:
    body = lookup(text)
    assert body is not None and body.successor == successor
    assert [m.body.successor for m in find_bodies(f"Giao {text} chủ trì")] == [successor]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sở Khoa học và Công nghệ chủ trì", "Sở Khoa học và Công nghệ"),
        ("Sở Tài chính bố trí kinh phí", "Sở Tài chính"),
        ("Sở Văn hóa, Thể thao và Du lịch phối hợp", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở Kế hoạch và Đầu tư tổng hợp", "Sở Kế hoạch và Đầu tư"),
        ("Cục Quản lý thị trường và Cạnh tranh", "Cục Quản lý thị trường và Cạnh tranh"),
    ],
)
def test_units_named_after_ministry_fields(text: str, name: str) -> None:
    assert [m.body.name for m in find_bodies(text)] == [name]


# Repaired all-capitals text (headers, OCR of capitals) matches like any other case; capitals that
# name nothing ("ỦY BAN NHÂN DÂN TỈNH" alone, "BAN HÀNH") give no half-name such as "Ủy ban ".
ALL_CAPS = [
    ("ministry", "BỘ TÀI CHÍNH chủ trì", [("BỘ TÀI CHÍNH", "Bộ Tài chính")]),
    ("former-ministry", "BỘ KẾ HOẠCH VÀ ĐẦU TƯ", [("BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "Bộ Kế hoạch và Đầu tư")]),
    ("province", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", [("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Ủy ban nhân dân tỉnh Lào Cai")]),
    (
        "city-old-tone",
        "UỶ BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        [("UỶ BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Ủy ban nhân dân thành phố Hà Nội")],
    ),
    ("agency", "VĂN PHÒNG CHÍNH PHỦ", [("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ")]),
    ("department", "SỞ TƯ PHÁP", [("SỞ TƯ PHÁP", "Sở Tư pháp")]),
    ("council-without-place", "ỦY BAN NHÂN DÂN TỈNH", []),
    ("ban-hanh-is-no-ban", "QUYẾT ĐỊNH BAN HÀNH KẾ HOẠCH", []),
    ("vu-is-no-unit", "NHIỆM VỤ VÀ GIẢI PHÁP", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ALL_CAPS], ids=[c[0] for c in ALL_CAPS])
def test_all_capitals(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.body.text, m.body.name) for m in find_bodies(text)] == expected


# OCR that lost or garbled the marks: the names without marks match where the exact ones do not,
# with offsets into the text as written.
FOLDED = [
    ("all-marks-lost", "Bo Tai chinh chu tri", "Bo Tai chinh", "Bộ Tài chính"),
    (
        "province-marks-lost",
        "Uy ban nhan dan tinh Lao Cai bao cao",
        "Uy ban nhan dan tinh Lao Cai",
        "Ủy ban nhân dân tỉnh Lào Cai",
    ),
    ("one-word-lost", "Giao Bộ Tài chinh chủ trì", "Bộ Tài chinh", "Bộ Tài chính"),
    ("one-word-wrong", "Giao Bộ Tài chình chủ trì", "Bộ Tài chình", "Bộ Tài chính"),
    ("agency", "Van phong Chinh phu theo doi", "Van phong Chinh phu", "Văn phòng Chính phủ"),
    ("former", "Bo Ke hoach va Dau tu", "Bo Ke hoach va Dau tu", "Bộ Kế hoạch và Đầu tư"),
    (
        "group-ocr-cap",
        "của các bộ, Ủy ban nhân dân cập tỉnh xây dựng",
        "Ủy ban nhân dân cập tỉnh",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
    ),
    ("role", "trình Thủ tướng Chính phú quyết định", "Thủ tướng Chính phú", "Thủ tướng Chính phủ"),
    ("department", "Sở Tai chinh bố trí", "Sở Tai chinh", "Sở Tài chính"),
    ("title-wrong-marks", "của Bộ trường Bộ Công Thương và", "Bộ trường Bộ Công Thương", "Bộ trưởng Bộ Công Thương"),
    (
        "title-marks-lost",
        "Chu tich UBND tinh Lao Cai chi dao",
        "Chu tich UBND tinh Lao Cai",
        "Chủ tịch Ủy ban nhân dân tỉnh Lào Cai",
    ),
]


@pytest.mark.parametrize(("text", "written", "name"), [c[1:] for c in FOLDED], ids=[c[0] for c in FOLDED])
def test_marks_lost_or_garbled(text: str, written: str, name: str) -> None:
    [match] = find_bodies(text)
    assert (text[match.start : match.end], match.body.text, match.body.name) == (written, written, name)
    assert lookup(written) is not None and lookup(written).name == name


# Guards: clean prose whose words differ from a name only in marks is not that name.
FOLDED_GUARDS = [
    ("short-word-other-marks", "đoàn viên là cấp Bộ trưởng bố trí 01 người", []),  # "bố" is no "bộ"
    ("lower-case-two-words", "hợp tác với tổ chức phi chinh phu", []),
    ("two-wrong-words", "Bộ Tái chình chủ trì", ["Bộ Tái chình"]),  # a generic name as written, not Bộ Tài chính
    ("one-letter-words", "bo y te", []),
]


@pytest.mark.parametrize(("text", "names"), [c[1:] for c in FOLDED_GUARDS], ids=[c[0] for c in FOLDED_GUARDS])
def test_folded_matching_guards(text: str, names: list[str]) -> None:
    assert [m.body.name for m in find_bodies(text)] == names


# Bodies that recur in the corpus (scripts/build_gazetteer.py, RECURRING_BODIES and the Sở rows).
NEW_BODIES = [
    ("coop-alliance", "Liên minh Hợp tác xã Việt Nam", "Liên minh Hợp tác xã Việt Nam", A),
    ("evn-abbr", "EVN", "Tập đoàn Điện lực Việt Nam", A),
    ("evn", "Tập đoàn Điện lực Việt Nam", "Tập đoàn Điện lực Việt Nam", A),
    ("vdb", "Ngân hàng Phát triển Việt Nam", "Ngân hàng Phát triển Việt Nam", A),
    ("vbsp", "Ngân hàng Chính sách xã hội", "Ngân hàng Chính sách xã hội", A),
    ("treasury-abbr", "KBNN", "Kho bạc Nhà nước", A),
    ("front-province", "Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", A),
    ("front-all-levels", "Mặt trận Tổ quốc Việt Nam các cấp", "Ủy ban Mặt trận Tổ quốc Việt Nam các cấp", G),
    ("cipher", "Ban Cơ yếu Chính phủ", "Ban Cơ yếu Chính phủ", A),
    ("vpcp-department-abbr", "Cục KSTTHC", "Cục Kiểm soát thủ tục hành chính", A),
    ("provincial-office", "Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh", A),
    ("district-councils", "Ủy ban nhân dân cấp huyện", "Ủy ban nhân dân cấp huyện", G),
    ("department-abbr", "Sở KH&ĐT", "Sở Kế hoạch và Đầu tư", A),
    ("na-delegation", "Đoàn ĐBQH tỉnh", "Đoàn đại biểu Quốc hội tỉnh", A),
    ("secretariat-long", "Ban Bí thư Trung ương Đảng", "Ban Bí thư", A),
]


@pytest.mark.parametrize(("text", "name", "kind"), [c[1:] for c in NEW_BODIES], ids=[c[0] for c in NEW_BODIES])
def test_recurring_bodies(text: str, name: str, kind: BodyKind) -> None:
    body = lookup(text)
    assert body is not None and (body.name, body.kind) == (name, kind)
    assert [(m.body.text, m.body.name) for m in find_bodies(f"Giao {text} chủ trì")] == [(text, name)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ban Cơ yếu Chính phủ thông báo bằng văn bản", ["Ban Cơ yếu Chính phủ"]),  # not "… Chính phủ thông"
        ("Cục Thuế trả lời người nộp thuế", ["Cục Thuế"]),  # not "Cục Thuế trả lời"
        ("Tập đoàn Điện lực Việt Nam (EVN), Bộ Công Thương", ["Tập đoàn Điện lực Việt Nam", "Bộ Công Thương"]),
    ],
)
def test_recurring_bodies_end_where_the_name_ends(text: str, names: list[str]) -> None:
    assert [b.name for b in split_bodies(text)] == names


# "Ủy ban nhân dân tỉnh" / "UBND tỉnh" with no place name: in a provincial document, the issuing
# province's own council, a role. Like a bare place name it is a subject (split_bodies, lookup),
# not a mention in running text (find_bodies), where it is mostly the speaker or the recipient.
OWN_COUNCIL = [
    ("ubnd", "UBND tỉnh", [("Ủy ban nhân dân tỉnh", R)]),
    ("city", "Ủy ban nhân dân thành phố", [("Ủy ban nhân dân thành phố", R)]),
    ("hdnd", "HĐND tỉnh", [("Hội đồng nhân dân tỉnh", R)]),
    ("capitals", "ỦY BAN NHÂN DÂN TỈNH", [("Ủy ban nhân dân tỉnh", R)]),
    ("chair", "Chủ tịch UBND tỉnh", [("Chủ tịch Ủy ban nhân dân tỉnh", R)]),
    ("in-a-list", "Sở Tài chính, UBND tỉnh", [("Sở Tài chính", A), ("Ủy ban nhân dân tỉnh", R)]),
    ("named-is-province", "UBND tỉnh Xuân Sơn", [("Ủy ban nhân dân tỉnh Xuân Sơn", P)]),
    ("with-city-is-group", "UBND tỉnh, thành phố", [("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", G)]),
    ("plural-is-not-own", "Ủy ban nhân dân các tỉnh", [("Ủy ban nhân dân các tỉnh", O)]),
    ("lower-units-are-not-own", "Ủy ban nhân dân thành phố, thị xã", [("Ủy ban nhân dân thành phố", O)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in OWN_COUNCIL], ids=[c[0] for c in OWN_COUNCIL])
def test_own_council_is_a_role(text: str, expected: list[tuple[str, BodyKind]]) -> None:
    assert [(b.name, b.kind) for b in split_bodies(text)] == expected
    if expected[0][1] == R:
        assert (lookup(text).name, lookup(text).kind) == expected[0]
        assert find_bodies(f"báo cáo {text} kết quả") == []


# As-of-date naming: the name the document gives (a 2012 directive's "Bộ Kế hoạch và Đầu tư"), with
# the body that holds the duty after the 2025 reorganisation as `successor`.
AS_OF_DATE = [
    ("UBND tỉnh Hà Giang", "Ủy ban nhân dân tỉnh Hà Giang", "Ủy ban nhân dân tỉnh Tuyên Quang"),
    ("HĐND tỉnh Thái Bình", "Hội đồng nhân dân tỉnh Thái Bình", "Hội đồng nhân dân tỉnh Hưng Yên"),
    ("Ủy ban nhân dân tỉnh Thừa Thiên Huế", "Ủy ban nhân dân tỉnh Thừa Thiên Huế", "Ủy ban nhân dân thành phố Huế"),
    ("UBND tỉnh Tuyên Quang", "Ủy ban nhân dân tỉnh Tuyên Quang", None),
    ("Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư", "Sở Tài chính"),
    ("Sở LĐTBXH", "Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ"),
    ("Tổng cục Thống kê", "Tổng cục Thống kê", "Cục Thống kê"),
    ("Bộ trưởng Bộ Kế hoạch và Đầu tư", "Bộ trưởng Bộ Kế hoạch và Đầu tư", "Bộ trưởng Bộ Tài chính"),
    ("Chủ tịch UBND tỉnh Hà Giang", "Chủ tịch Ủy ban nhân dân tỉnh Hà Giang", "Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang"),
]


@pytest.mark.parametrize(("text", "name", "successor"), AS_OF_DATE)
def test_as_of_date_name_and_successor(text: str, name: str, successor: str | None) -> None:
    body = lookup(text)
    assert body is not None and (body.name, body.successor) == (name, successor)
    assert [(m.body.name, m.body.successor) for m in find_bodies(f"Giao {text} chủ trì")] == [(name, successor)]


def test_successor_map_has_no_self_or_cycle() -> None:
    successor = load_gazetteer().successor
    for name in successor:
        seen, cur = {name}, successor[name]
        while cur in successor:
            assert cur not in seen, f"cycle through {cur}"
            seen.add(cur)
            cur = successor[cur]
        assert cur != name


# No self-coordination: a former body and its successor named side by side stay two bodies.
NO_SELF = [
    "Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Bộ Tài chính xây dựng đề án",
    "Bộ Thông tin và Truyền thông chủ trì, phối hợp với Bộ Khoa học và Công nghệ xây dựng quy chuẩn",
    "UBND tỉnh Hà Giang chủ trì, phối hợp với UBND tỉnh Tuyên Quang rà soát ranh giới",
    "Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính tham mưu phân bổ vốn",
]


@pytest.mark.parametrize("unit", NO_SELF)
def test_former_body_never_coordinates_with_itself(unit: str) -> None:
    from directive_parser.extract.grammar import find_subject

    subject = find_subject(unit)
    [lead], [partner] = subject.lead, subject.coordinating
    assert lead.name != partner.name
    assert lead.successor == partner.name  # routed to the same holder today, named apart


def test_2012_directive_keeps_the_ministry_it_names() -> None:
    from directive_parser import parse_text

    doc = parse_text(
        "THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 09/CT-TTg Hà Nội, ngày 24 tháng 5 năm 2012\n"
        "CHỈ THỊ\nVề tăng cường quản lý đầu tư công\n"
        "1. Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Bộ Tài chính rà soát danh mục dự án, "
        "báo cáo Thủ tướng Chính phủ trước ngày 30 tháng 6 năm 2012.\n"
        "THỦ TƯỚNG\nNguyễn Tấn Dũng\n"
    )
    [task] = doc.assignments
    assert [(b.name, b.successor) for b in task.lead] == [("Bộ Kế hoạch và Đầu tư", "Bộ Tài chính")]
    assert [b.name for b in task.coordinating] == ["Bộ Tài chính"]


@pytest.mark.parametrize(
    "subject, leads",
    [
        # "và" inside a ministry's name in an enumeration, and "và" joining the last item
        (
            "Các Bộ: Y tế, Công Thương, Nông nghiệp và Môi trường chủ động rà soát.",
            ["Bộ Y tế", "Bộ Công Thương", "Bộ Nông nghiệp và Môi trường"],
        ),
        ("Các Bộ: Y tế và Công an chủ động rà soát.", ["Bộ Y tế", "Bộ Công an"]),
        # a place as a subject is its People's Committee, enumerations included
        (
            "Các tỉnh Nghệ An, Quảng Ngãi khẩn trương hoàn thiện hồ sơ.",
            ["Ủy ban nhân dân tỉnh Nghệ An", "Ủy ban nhân dân tỉnh Quảng Ngãi"],
        ),
        (
            "Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai đẩy nhanh tiến độ.",
            ["Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân tỉnh Bắc Ninh", "Ủy ban nhân dân tỉnh Gia Lai"],
        ),
        # the two-level local government of 2025, in either order
        ("Ủy ban nhân dân các phường, xã, đặc khu chủ động bố trí kinh phí.", ["Ủy ban nhân dân các xã, phường"]),
        ("Các cơ quan, đơn vị căn cứ Kế hoạch này xây dựng kế hoạch.", ["các cơ quan, đơn vị"]),
    ],
    ids=["enum-va-in-name", "enum-va-joins", "bare-provinces", "city-and-provinces", "phuong-xa-dac-khu", "co-quan-don-vi"],
)
def test_subject_names(subject, leads):
    from directive_parser.extract.grammar import find_subject

    assert [b.name for b in find_subject(subject).lead] == leads


def test_a_title_over_an_enumeration_and_titles_between_names():
    from directive_parser.extract.grammar import find_subject

    t = "Bộ trưởng các Bộ: Quốc phòng, Công an, Y tế; Bí thư, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố tiếp tục chỉ đạo."
    names = [b.name for b in find_subject(t).lead]
    assert names[:3] == ["Bộ trưởng Bộ Quốc phòng", "Bộ trưởng Bộ Công an", "Bộ trưởng Bộ Y tế"]
    assert names[-1].startswith("Chủ tịch Ủy ban nhân dân các tỉnh")


@pytest.mark.parametrize(
    "text, names",
    [
        # a ministries' list whose head also admits other bodies, a name with its own comma inside
        (
            "Các Bộ, cơ quan: Tài chính, Văn hóa, Thể thao và Du lịch, Ngoại giao, Tập đoàn Điện lực Việt Nam khẩn trương rà soát",
            ["Bộ Tài chính", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Ngoại giao", "Tập đoàn Điện lực Việt Nam"],
        ),
        (
            "Các Bộ: Văn hóa, Thể thao và Du lịch, Y tế và Công an phối hợp",
            ["Bộ Văn hóa, Thể thao và Du lịch", "Bộ Y tế", "Bộ Công an"],
        ),
    ],
    ids=["bo-co-quan", "comma-inside-a-name"],
)
def test_enumerations_after_cac_bo(text, names):
    assert [m.body.name for m in find_bodies(text)] == names


def test_a_renamed_corporation_keeps_its_old_name_with_its_successor():
    # PVN became "Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam" in 2025
    (old,) = find_bodies("Tập đoàn Dầu khí Việt Nam báo cáo")
    (new,) = find_bodies("Tập đoàn Công nghiệp-Năng lượng quốc gia Việt Nam báo cáo")
    assert (old.body.name, old.body.successor) == ("Tập đoàn Dầu khí Việt Nam", new.body.name)
    assert new.body.name == "Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam" and new.body.successor is None


@pytest.mark.parametrize(
    "text, names",
    [
        ("Mặt trận Tổ quốc, Đoàn Thanh niên, Hội Phụ nữ hỗ trợ người dân", ["Mặt trận Tổ quốc", "Đoàn Thanh niên", "Hội Phụ nữ"]),
        (
            "Hội Liên hiệp Phụ nữ tỉnh, Hội Cựu chiến binh tỉnh tuyên truyền",
            ["Hội Liên hiệp Phụ nữ tỉnh", "Hội Cựu chiến binh tỉnh"],
        ),
        ("Các Trung tâm y tế giám sát tuyến xã", ["các Trung tâm y tế"]),
        ("các đoàn thể, các tổ chức chính trị - xã hội vận động", ["các đoàn thể", "các tổ chức chính trị - xã hội"]),
        # the longer name wins, and folded case finds no body in "toàn tỉnh đoàn kết"
        ("Đoàn Thanh niên Cộng sản Hồ Chí Minh phát động", ["Đoàn Thanh niên Cộng sản Hồ Chí Minh"]),
        ("Toàn tỉnh đoàn kết thực hiện nhiệm vụ", []),
    ],
)
def test_mass_organisations_and_their_groups(text: str, names: list[str]) -> None:
    assert [m.body.name for m in find_bodies(text)] == names
