"""Build ``src/directive_parser/data/bodies.tsv``: Vietnamese public bodies, 2025 structure.

The source lists below are transcribed from public documents (cited in SOURCES and copied
into the TSV header); hand corrections (abbreviations, OCR/news spellings, roles, groups,
Party and National Assembly bodies) live in ``data/bodies_corrections.tsv`` and are merged
in: a corrections row with the same canonical name adds aliases and may override kind or
successor.

Columns: name, kind, aliases ("|"-separated), successor (canonical name, former bodies only).
Province rows carry *place-name* spellings as aliases ("Lào Cai", "TP.HCM"); the finder in
``directive_parser.extract.bodies`` composes them with the council and unit prefixes
(Ủy ban nhân dân / UBND / Hội đồng nhân dân / HĐND, tỉnh / thành phố / TP.).

Usage: python scripts/build_gazetteer.py
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "directive_parser" / "data"
OUT = DATA / "bodies.tsv"
CORRECTIONS = DATA / "bodies_corrections.tsv"

SOURCES = (
    "Nghị quyết 176/2025/QH15 of the National Assembly (Government structure: 14 ministries, "
    "3 ministerial-level agencies), transcribed from knowledge; official text not fetched",
    "Nghị quyết 202/2025/QH15 of the National Assembly (34 provincial units), via the table below",
    "63->34 province table as published by sapnhap.bando.com.vn, mirrored in "
    "https://github.com/tranngocminhhieu/vietnamadminunits/blob/main/data/sapnhap.bando.com.vn_province.csv "
    "(commit 484ab7e)",
    "Agency lists and pre-2025 ministry names compiled from knowledge and checked against the "
    "/work/shared/corpus texts (the vanban.chinhphu.vn pages were not fetched from here)",
    "Bodies that recur in /work/shared/corpus (named in >= 2 of its documents; counts of documents in "
    "RECURRING_BODIES below), spelled as the documents write them; provincial departments (Sở) "
    "derived from the ministries, their 2025 successors as the ministries' (Nghị định 45/2025/NĐ-CP "
    "on provincial departments, transcribed from knowledge) and confirmed by the corpus's post-2025 "
    "documents naming Sở Nông nghiệp và Môi trường, Sở Khoa học và Công nghệ, Sở Dân tộc và Tôn giáo",
)

MINISTRIES: dict[str, str] = {  # canonical -> aliases; NQ 176/2025/QH15
    "Bộ Quốc phòng": "BQP|Bộ QP",
    "Bộ Công an": "BCA|Bộ CA",
    "Bộ Ngoại giao": "BNG|Bộ NG",
    "Bộ Nội vụ": "BNV|Bộ NV",
    "Bộ Tư pháp": "BTP|Bộ TP",
    "Bộ Tài chính": "BTC|Bộ TC",
    "Bộ Công Thương": "BCT|Bộ CT",
    "Bộ Nông nghiệp và Môi trường": "Bộ NN&MT|Bộ NNMT|Bộ NN và MT|BNNMT",
    "Bộ Xây dựng": "BXD|Bộ XD",
    "Bộ Văn hóa, Thể thao và Du lịch": "Bộ VHTTDL|Bộ VH,TT&DL|Bộ VHTT&DL|Bộ VH-TT-DL|Bộ VH, TT và DL"
    "|Bộ Văn hóa - Thể thao và Du lịch|Bộ Văn hóa Thể thao và Du lịch",
    "Bộ Khoa học và Công nghệ": "Bộ KH&CN|Bộ KHCN|Bộ KH và CN|BKHCN",
    "Bộ Giáo dục và Đào tạo": "Bộ GD&ĐT|Bộ GDĐT|Bộ GD và ĐT|BGDĐT",
    "Bộ Y tế": "BYT|Bộ YT",
    "Bộ Dân tộc và Tôn giáo": "Bộ DT&TG|Bộ DTTG|Bộ DT và TG",
}
MINISTERIAL_AGENCIES: dict[str, str] = {  # cơ quan ngang bộ
    "Ngân hàng Nhà nước Việt Nam": "Ngân hàng Nhà nước|NHNN|NHNNVN|NHNN Việt Nam",
    "Thanh tra Chính phủ": "TTCP",
    "Văn phòng Chính phủ": "VPCP",
}
FORMER_MINISTRIES: dict[str, tuple[str, str]] = {  # former name -> (aliases, successor)
    "Bộ Thông tin và Truyền thông": ("Bộ TT&TT|Bộ TTTT|Bộ TT và TT|BTTTT", "Bộ Khoa học và Công nghệ"),
    "Bộ Kế hoạch và Đầu tư": ("Bộ KH&ĐT|Bộ KHĐT|Bộ KH và ĐT|BKHĐT", "Bộ Tài chính"),
    "Bộ Lao động - Thương binh và Xã hội": (
        "Bộ Lao động, Thương binh và Xã hội|Bộ Lao động Thương binh và Xã hội|Bộ LĐ-TB&XH"
        "|Bộ LĐTB&XH|Bộ LĐTBXH|Bộ LĐ-TBXH|BLĐTBXH",
        "Bộ Nội vụ",
    ),
    "Bộ Giao thông vận tải": ("Bộ Giao thông Vận tải|Bộ GTVT|BGTVT", "Bộ Xây dựng"),
    "Bộ Tài nguyên và Môi trường": ("Bộ TN&MT|Bộ TNMT|Bộ TN và MT|BTNMT", "Bộ Nông nghiệp và Môi trường"),
    "Bộ Nông nghiệp và Phát triển nông thôn": (
        "Bộ NN&PTNT|Bộ NNPTNT|Bộ NN và PTNT|BNNPTNT|Bộ Nông nghiệp và PTNT",
        "Bộ Nông nghiệp và Môi trường",
    ),
    "Ủy ban Dân tộc": ("UBDT|Ủy ban Dân tộc Chính phủ", "Bộ Dân tộc và Tôn giáo"),
    "Ban Tôn giáo Chính phủ": ("", "Bộ Dân tộc và Tôn giáo"),
    "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp": ("Ủy ban Quản lý vốn nhà nước", "Bộ Tài chính"),
}
GOVERNMENT_AGENCIES: dict[str, str] = {  # cơ quan thuộc Chính phủ and similar
    "Chính phủ": "",
    "Đài Truyền hình Việt Nam": "VTV",
    "Thông tấn xã Việt Nam": "TTXVN",
    "Đài Tiếng nói Việt Nam": "VOV",
    "Viện Hàn lâm Khoa học và Công nghệ Việt Nam": "Viện Hàn lâm KH&CN Việt Nam|Viện Hàn lâm KHCN Việt Nam"
    "|Viện Hàn lâm Khoa học và Công nghệ|Viện Hàn lâm KH&CN|Viện Hàn lâm KHCNVN",
    "Viện Hàn lâm Khoa học xã hội Việt Nam": "Viện Hàn lâm KHXH Việt Nam|Viện Hàn lâm Khoa học xã hội"
    "|Viện Hàn lâm KHXH|Viện Hàn lâm KHXHVN",
    "Đại học Quốc gia Hà Nội": "ĐHQGHN|ĐHQG Hà Nội|Đại học Quốc gia HN",
    "Đại học Quốc gia Thành phố Hồ Chí Minh": "Đại học Quốc gia TP. Hồ Chí Minh|Đại học Quốc gia TP.HCM"
    "|Đại học Quốc gia TP Hồ Chí Minh|ĐHQG-HCM|ĐHQG TP.HCM|ĐHQG TP. Hồ Chí Minh|Đại học Quốc gia HCM",
    "Bảo hiểm xã hội Việt Nam": "BHXH Việt Nam|BHXHVN|BHXH VN",
    "Tòa án nhân dân tối cao": "TANDTC|TAND tối cao",
    "Viện kiểm sát nhân dân tối cao": "VKSNDTC|VKSND tối cao",
    "Kiểm toán nhà nước": "KTNN",
}

# Bodies named in >= 2 documents of /work/shared/corpus that the lists above lacked (found by
# counting capitalised body-like phrases the finder missed in task-assigning documents; the
# figure after each is the number of corpus documents that name it, any spelling listed).
# name -> (kind, aliases, successor)
RECURRING_BODIES: dict[str, tuple[str, str, str]] = {
    "Liên minh Hợp tác xã Việt Nam": ("agency", "Liên minh HTX Việt Nam", ""),  # 4
    "Liên minh Hợp tác xã tỉnh": ("agency", "Liên minh HTX tỉnh", ""),  # 2
    "Tập đoàn Điện lực Việt Nam": ("agency", "EVN", ""),  # 17
    # renamed in 2025: the old name stays for older documents, its successor holds the duty today
    "Tập đoàn Dầu khí Việt Nam": (
        "agency",
        "Tập đoàn Dầu khí Quốc gia Việt Nam",
        "Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam",
    ),  # 1 + 1
    "Tập đoàn Công nghiệp - Viễn thông Quân đội": ("agency", "Viettel", ""),  # 4
    "Tập đoàn Bưu chính Viễn thông Việt Nam": ("agency", "VNPT", ""),  # 2
    "Tổng công ty Đầu tư và Kinh doanh vốn nhà nước": ("agency", "SCIC", ""),  # 10
    "Ngân hàng Phát triển Việt Nam": ("agency", "VDB", ""),  # 5
    "Ngân hàng Chính sách xã hội": ("agency", "Ngân hàng Chính sách xã hội Việt Nam|NHCSXH", ""),  # 12
    "Kho bạc Nhà nước": ("agency", "KBNN", ""),  # 59
    "Bảo hiểm xã hội tỉnh": ("agency", "Bảo hiểm xã hội cấp tỉnh|BHXH tỉnh", ""),  # 13
    "Bảo hiểm xã hội Công an nhân dân": ("agency", "", ""),  # 9
    "Bảo hiểm xã hội Quân đội": ("agency", "Bảo hiểm xã hội Bộ Quốc phòng", ""),  # 6
    "Ban Cơ yếu Chính phủ": ("agency", "", ""),  # 20
    "Văn phòng Tổng Bí thư": ("agency", "", ""),  # 109
    "Ban Bí thư": ("agency", "Ban Bí thư Trung ương Đảng|Ban Bí thư Trung ương", ""),  # 112
    # March 2025: the general departments became departments of Bộ Tài chính (the corpus's 2025
    # documents name "Cục Thống kê" 29, "Cục Thuế" 46, "Cục Hải quan" 38 times by document)
    "Tổng cục Thống kê": ("agency", "", "Cục Thống kê"),  # 19
    "Cục Thống kê": ("agency", "", ""),
    "Tổng cục Thuế": ("agency", "", "Cục Thuế"),  # 6
    "Cục Thuế": ("agency", "", ""),
    "Tổng cục Hải quan": ("agency", "", "Cục Hải quan"),  # 14
    "Cục Hải quan": ("agency", "", ""),
    "Cục Kiểm soát thủ tục hành chính": ("agency", "Cục KSTTHC", ""),  # 38
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh": (  # 17 + 13 + 16 + 19
        "agency",
        "Ủy ban MTTQ Việt Nam tỉnh|Ủy ban MTTQVN tỉnh|Ủy ban MTTQ tỉnh|Mặt trận Tổ quốc Việt Nam tỉnh|Ủy ban Mặt trận Tổ quốc tỉnh"
        "|Mặt trận Tổ quốc tỉnh|MTTQ tỉnh",  # "Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội" (9)
        "",
    ),
    "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố": (  # 23
        "agency",
        "Ủy ban MTTQ Việt Nam thành phố|Ủy ban MTTQVN thành phố|Mặt trận Tổ quốc Việt Nam thành phố|Mặt trận Tổ quốc thành phố",
        "",
    ),
    "Ủy ban Mặt trận Tổ quốc Việt Nam các cấp": (  # 11
        "group",
        "Mặt trận Tổ quốc Việt Nam các cấp|Mặt trận Tổ quốc các cấp|Ủy ban MTTQ Việt Nam các cấp",
        "",
    ),
    "Tòa án nhân dân tỉnh": ("agency", "TAND tỉnh", ""),  # 3
    "Viện kiểm sát nhân dân tỉnh": ("agency", "VKSND tỉnh", ""),  # 2
    "Đoàn đại biểu Quốc hội tỉnh": ("agency", "Đoàn ĐBQH tỉnh", ""),  # 4 + 20
    "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh": (  # 3
        "agency",
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh|Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh",
        "",
    ),
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh": ("agency", "Đoàn TNCS Hồ Chí Minh", ""),  # 12
    "Văn phòng đăng ký đất đai": ("agency", "Văn phòng ĐKĐĐ", ""),  # 11
    "Báo và Phát thanh, Truyền hình tỉnh": ("agency", "", ""),  # 3
    "Báo Nhân dân": ("agency", "Báo Nhân Dân", ""),  # 5
    "Thanh tra tỉnh": ("agency", "", ""),  # 6
    "Phòng Thương mại và Công nghiệp Việt Nam": ("agency", "VCCI", "Liên đoàn Thương mại và Công nghiệp Việt Nam"),  # 5
    "Liên đoàn Thương mại và Công nghiệp Việt Nam": ("agency", "", ""),  # 2
    "Hội đồng Thi đua - Khen thưởng tỉnh": ("agency", "Hội đồng TĐKT tỉnh", ""),  # 3
    "Liên đoàn Lao động tỉnh": ("agency", "", ""),  # 3
    "Hội Nông dân tỉnh": ("agency", "", ""),  # 3
    # The province's mass organisations, which provincial plans give tasks to ("Mặt trận Tổ quốc,
    # Đoàn Thanh niên, Hội Phụ nữ hỗ trợ người dân …"); bare, they mean the document's own level.
    "Hội Liên hiệp Phụ nữ tỉnh": ("agency", "Hội LHPN tỉnh", ""),  # 4
    "Hội Cựu chiến binh tỉnh": ("agency", "", ""),  # 3
    # (not "Tỉnh đoàn": the finder folds case, and "toàn tỉnh đoàn kết" is no body)
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh": ("agency", "Đoàn TNCS Hồ Chí Minh tỉnh", ""),  # 2
    "Mặt trận Tổ quốc": ("agency", "", ""),  # 1238 lines, most inside a longer name
    "Đoàn Thanh niên": ("agency", "", ""),  # 191
    "Hội Cựu chiến binh": ("agency", "", ""),  # 245
    "Hội Phụ nữ": ("agency", "", ""),  # 8
    "các tổ chức chính trị - xã hội": ("group", "tổ chức chính trị - xã hội", ""),  # 238
    "các đoàn thể": ("group", "", ""),  # 85
    "các Trung tâm y tế": ("group", "", ""),  # 11
    # District councils, abolished on 2025-07-01 with no single successor (duties went to the
    # communes and the provinces): "Ủy ban nhân dân cấp huyện" (45), "UBND cấp huyện" (5).
    "Ủy ban nhân dân cấp huyện": ("group", "UBND cấp huyện|Ủy ban nhân dân các huyện", ""),
    "Hội đồng nhân dân cấp xã": ("group", "HĐND cấp xã|Hội đồng nhân dân các xã, phường", ""),  # 14
}
# Provincial departments (Sở) named after their ministry's field, with the same 2025 successors:
# "Sở Kế hoạch và Đầu tư" (17 documents) -> "Sở Tài chính" (127). Ministries without provincial
# departments (Quốc phòng, Công an, Ngoại giao) have none; "Sở Ngoại vụ" (7), "Sở Văn hóa và Thể
# thao" (14) and "Sở Du lịch" (4) are departments of some provinces.
NO_DEPARTMENT = frozenset({"Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao"})
OTHER_DEPARTMENTS = ("Sở Ngoại vụ", "Sở Văn hóa và Thể thao", "Sở Du lịch")
MIN_DEPARTMENT_ABBREVIATION = 3  # "Sở KH&CN", "Sở GDĐT"; not "Sở TC", "Sở NV" (too ambiguous)


def department(name: str) -> str:
    """ "Bộ Tài chính" -> "Sở Tài chính"."""
    return "Sở " + name.removeprefix("Bộ ")


def department_aliases(aliases: str) -> str:
    out = [department(a) for a in aliases.split("|") if a.startswith("Bộ ")]
    return "|".join(a for a in out if len(a.removeprefix("Sở ")) >= MIN_DEPARTMENT_ABBREVIATION)


# Resolution 202/2025/QH15: successor -> (unit, absorbed former provinces). Unit is
# "thành phố" for the 6 centrally-run cities, "tỉnh" for the 28 provinces.
PROVINCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Hà Nội": ("thành phố", ()),
    "Huế": ("thành phố", ("Thừa Thiên Huế",)),
    "Hải Phòng": ("thành phố", ("Hải Dương",)),
    "Đà Nẵng": ("thành phố", ("Quảng Nam",)),
    "Hồ Chí Minh": ("thành phố", ("Bình Dương", "Bà Rịa - Vũng Tàu")),
    "Cần Thơ": ("thành phố", ("Sóc Trăng", "Hậu Giang")),
    "Cao Bằng": ("tỉnh", ()),
    "Lai Châu": ("tỉnh", ()),
    "Điện Biên": ("tỉnh", ()),
    "Sơn La": ("tỉnh", ()),
    "Lạng Sơn": ("tỉnh", ()),
    "Quảng Ninh": ("tỉnh", ()),
    "Thanh Hóa": ("tỉnh", ()),
    "Nghệ An": ("tỉnh", ()),
    "Hà Tĩnh": ("tỉnh", ()),
    "Tuyên Quang": ("tỉnh", ("Hà Giang",)),
    "Lào Cai": ("tỉnh", ("Yên Bái",)),
    "Thái Nguyên": ("tỉnh", ("Bắc Kạn",)),
    "Phú Thọ": ("tỉnh", ("Vĩnh Phúc", "Hòa Bình")),
    "Bắc Ninh": ("tỉnh", ("Bắc Giang",)),
    "Hưng Yên": ("tỉnh", ("Thái Bình",)),
    "Ninh Bình": ("tỉnh", ("Hà Nam", "Nam Định")),
    "Quảng Trị": ("tỉnh", ("Quảng Bình",)),
    "Quảng Ngãi": ("tỉnh", ("Kon Tum",)),
    "Gia Lai": ("tỉnh", ("Bình Định",)),
    "Khánh Hòa": ("tỉnh", ("Ninh Thuận",)),
    "Lâm Đồng": ("tỉnh", ("Đắk Nông", "Bình Thuận")),
    "Đắk Lắk": ("tỉnh", ("Phú Yên",)),
    "Đồng Nai": ("tỉnh", ("Bình Phước",)),
    "Tây Ninh": ("tỉnh", ("Long An",)),
    "Vĩnh Long": ("tỉnh", ("Bến Tre", "Trà Vinh")),
    "Đồng Tháp": ("tỉnh", ("Tiền Giang",)),
    "Cà Mau": ("tỉnh", ("Bạc Liêu",)),
    "An Giang": ("tỉnh", ("Kiên Giang",)),
}
COUNCIL = "Ủy ban nhân dân"


@dataclass
class Row:
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    successor: str = ""

    def add_aliases(self, text: str) -> None:
        for alias in text.split("|"):
            alias = alias.strip()
            if alias and alias != self.name and alias not in self.aliases:
                self.aliases.append(alias)


def province_name(unit: str, place: str) -> str:
    return f"{COUNCIL} {unit} {place}"


def source_rows() -> dict[str, Row]:
    rows: dict[str, Row] = {}

    def add(name: str, kind: str, aliases: str = "", successor: str = "") -> None:
        row = rows.setdefault(name, Row(name, kind, successor=successor))
        row.add_aliases(aliases)

    for name, aliases in MINISTRIES.items():
        add(name, "ministry", aliases)
    for name, aliases in (MINISTERIAL_AGENCIES | GOVERNMENT_AGENCIES).items():
        add(name, "agency", aliases)
    for name, (aliases, successor) in FORMER_MINISTRIES.items():
        add(name, "ministry" if name.startswith("Bộ ") else "agency", aliases, successor)
    for name, (kind, aliases, successor) in RECURRING_BODIES.items():
        add(name, kind, aliases, successor)
    for name, aliases in MINISTRIES.items():
        if name not in NO_DEPARTMENT:
            add(department(name), "agency", department_aliases(aliases))
    for name, (aliases, successor) in FORMER_MINISTRIES.items():
        if name.startswith("Bộ ") and successor.startswith("Bộ "):
            add(department(name), "agency", department_aliases(aliases), department(successor))
    for name in OTHER_DEPARTMENTS:
        add(name, "agency")
    for place, (unit, former) in PROVINCES.items():
        add(province_name(unit, place), "province", place)
        for old in former:
            add(province_name("tỉnh", old), "province", old, province_name(unit, place))
    return rows


def read_corrections(path: Path) -> list[Row]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", "", ""])[:4]
        row = Row(cols[0].strip(), cols[1].strip(), successor=cols[3].strip())
        row.add_aliases(cols[2])
        out.append(row)
    return out


def merge(rows: dict[str, Row], corrections: list[Row]) -> dict[str, Row]:
    for fix in corrections:
        row = rows.get(fix.name)
        if row is None:
            rows[fix.name] = fix
            continue
        row.kind = fix.kind or row.kind
        row.successor = fix.successor or row.successor
        row.add_aliases("|".join(fix.aliases))
    return rows


def check(rows: dict[str, Row]) -> None:
    provinces = [r for r in rows.values() if r.kind == "province"]
    current = [r for r in provinces if not r.successor]
    # 63 former provinces = 34 current + 29 absorbed; Thừa Thiên Huế (renamed Huế, 2025-01-01) adds one row
    if len(current) != 34 or len(provinces) != 34 + 29 + 1:
        raise SystemExit(f"expected 34 current + 30 former provinces, got {len(current)}/{len(provinces)}")
    for row in rows.values():
        if row.successor and row.successor not in rows:
            raise SystemExit(f"{row.name}: unknown successor {row.successor}")


def render(rows: dict[str, Row]) -> str:
    today = dt.date.today().isoformat()
    head = [f"# generated by scripts/build_gazetteer.py from {SOURCES[0]}"]
    head += [f"#   and {src}" for src in SOURCES[1:]]
    head += [
        "#   merged with data/bodies_corrections.tsv (hand corrections: abbreviations, OCR/news spellings, roles, groups)",
        f"# source version 2025-07-01 (post-merger units, post-reorganisation ministries); generated {today}",
        "# columns: name<TAB>kind<TAB>aliases(|)<TAB>successor; province aliases are place names "
        "(the finder adds Ủy ban nhân dân/UBND/HĐND + tỉnh/thành phố/TP.)",
    ]
    body = ["\t".join((r.name, r.kind, "|".join(r.aliases), r.successor)) for r in rows.values()]
    return "\n".join(head + body) + "\n"


def main() -> None:
    rows = merge(source_rows(), read_corrections(CORRECTIONS))
    check(rows)
    OUT.write_text(render(rows), encoding="utf-8")
    print(f"wrote {OUT} ({len(rows)} bodies)")


if __name__ == "__main__":
    main()
