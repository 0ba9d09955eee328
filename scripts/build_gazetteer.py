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
