#!/usr/bin/env python3
"""Benchmark task-table reading in text-layer PDFs.

usage: .venv/bin/python bench/bench_tables.py [--rows 30] [--runs 5] [--split-rows] [--keep out/bench-tables.pdf]

Builds a decision with a one-page portrait body and an annex "PHỤ LỤC DANH MỤC NHIỆM VỤ" of
`--rows` task rows as a ruled reportlab table on landscape A4 pages (header row repeated on each
page, wrapped cells; with `--split-rows` a row the page cannot hold is cut at the page break and
joined again by `pdf_tables.stitch_pages`), then times, on one core, the median of `--runs` runs of
  * `directive_parser.parse_directive` on the whole file (default pdfium engine),
  * ingest's PDF reading with tables (`pdf_pages_pdfium`) and without (`pdf_texts_pdfium`),
  * the table reader alone on the table pages (pdfium rules + pdfplumber's TableFinder + cell text),
  * pdfplumber's own page parse + `find_tables` on the same pages (the slow path, for comparison).
Prints one line per figure, suitable for quoting. The target is under 1 s for the whole parse.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời gian hoàn thành"]
LEADS = ["Bộ Công an", "Bộ Tài chính", "Bộ Nội vụ", "Bộ Khoa học và Công nghệ", "Bộ Tư pháp", "Văn phòng Chính phủ"]
TASKS = [
    "Xây dựng, hoàn thiện cơ sở dữ liệu quốc gia về {0} bảo đảm kết nối, chia sẻ với các hệ thống thông tin của bộ, ngành, địa phương",
    "Rà soát, sửa đổi, bổ sung các văn bản quy phạm pháp luật về {0} và đề xuất phương án cắt giảm thủ tục hành chính",
    "Tổ chức tập huấn, bồi dưỡng nâng cao năng lực cho cán bộ, công chức làm công tác {0}",
    "Triển khai thí điểm ứng dụng trí tuệ nhân tạo trong {0}",
]
FIELDS = ["dân cư", "đất đai", "đầu tư công", "bảo hiểm xã hội", "giáo dục", "y tế", "giao thông"]
PRODUCTS = ["Nghị định", "Báo cáo", "Kế hoạch", "Hệ thống", "Quyết định"]
DUES = ["Quý IV/2025", "Trước ngày 30/6/2026", "Năm 2026", "Thường xuyên", "Tháng 12/2026"]
BODY = [
    "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
    "Số: 1234/QĐ-UBND",
    "Lào Cai, ngày 15 tháng 10 năm 2025",
    "QUYẾT ĐỊNH",
    "Ban hành Kế hoạch triển khai chuyển đổi số năm 2026",
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai chuyển đổi số năm 2026 và Danh mục nhiệm vụ tại Phụ lục.",
    "Điều 2. Các sở, ban, ngành chủ trì thực hiện các nhiệm vụ được giao tại Phụ lục, báo cáo kết quả trước ngày 15/12 hằng năm.",
    "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
]


def rows(n: int) -> list[list[str]]:
    out = []
    for i in range(1, n + 1):
        task = TASKS[i % len(TASKS)].format(FIELDS[i % len(FIELDS)])
        coord = "" if i % 7 == 0 else f"{LEADS[(i + 2) % len(LEADS)]}; Ủy ban nhân dân các huyện, thị xã"
        out.append([str(i), task, LEADS[i % len(LEADS)], coord, PRODUCTS[i % len(PRODUCTS)], DUES[i % len(DUES)]])
    return out


def build(n_rows: int, split_rows: bool = False) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph, Table, TableStyle

    pdfmetrics.registerFont(TTFont("BSerif", FONT))
    pdfmetrics.registerFont(TTFont("BSerif-Bold", FONT_BOLD))
    pdfmetrics.registerFontFamily("BSerif", normal="BSerif", bold="BSerif-Bold", italic="BSerif", boldItalic="BSerif-Bold")
    body = ParagraphStyle("body", fontName="BSerif", fontSize=12, leading=16, spaceAfter=6)
    cell = ParagraphStyle("cell", fontName="BSerif", fontSize=10, leading=12.5)
    head = ParagraphStyle("head", parent=cell, fontName="BSerif-Bold")
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4)
    for name, size in (("portrait", A4), ("landscape", landscape(A4))):
        doc.addPageTemplates(
            [PageTemplate(id=name, pagesize=size, frames=[Frame(20 * mm, 15 * mm, size[0] - 40 * mm, size[1] - 30 * mm)])]
        )
    story: list = [Paragraph(t, body) for t in BODY]
    story += [
        NextPageTemplate("landscape"),
        PageBreak(),
        Paragraph("PHỤ LỤC", body),
        Paragraph("DANH MỤC NHIỆM VỤ TRIỂN KHAI CHUYỂN ĐỔI SỐ NĂM 2026", body),
    ]
    data = [[Paragraph(c, head) for c in HEADER]] + [[Paragraph(c, cell) if c else "" for c in r] for r in rows(n_rows)]
    table = Table(data, colWidths=[36, 250, 110, 150, 80, 100], repeatRows=1, splitInRow=int(split_rows))
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(table)
    doc.build(story)
    return buf.getvalue()


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=30)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="also write the generated PDF here")
    ap.add_argument("--split-rows", action="store_true", help="let page breaks cut rows (reportlab splitInRow)")
    a = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core

    import pdfplumber
    import pypdfium2 as pdfium

    from directive_parser import parse_directive
    from directive_parser.ingest.pdf import pdf_pages_pdfium, pdf_texts_pdfium
    from directive_parser.ingest.pdf_tables import enough_rules, pdfium_page_tables, pdfium_rules

    data = build(a.rows, a.split_rows)
    if a.keep:
        a.keep.parent.mkdir(parents=True, exist_ok=True)
        a.keep.write_bytes(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "phu-luc.pdf"
        path.write_bytes(data)
        pages = pdf_pages_pdfium(path, data)
        table_pages = [i for i, (_, tables) in enumerate(pages) if tables]
        n_rows = sum(len(g.boxes) for _, tables in pages for g in tables)
        print(
            f"document: {len(pages)} pages ({len(table_pages)} with a table), {a.rows} task rows, "
            f"{n_rows} pipe rows read (header repeated on each page)"
        )

        def table_reader() -> None:
            pdf = pdfium.PdfDocument(data)
            for i in range(len(pdf)):
                page = pdf[i]
                rules = pdfium_rules(page)
                if enough_rules(rules):
                    textpage = page.get_textpage()
                    pdfium_page_tables(page, textpage, i + 1, rules)
                    textpage.close()
                page.close()
            pdf.close()

        def plumber_finder() -> None:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for i in table_pages:
                    pdf.pages[i].find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})

        parse_directive(path)  # warm up: imports, resources
        d = parse_directive(path)
        print(f"parse: {len(d.assignments)} assignments, status={d.status}")
        for label, fn in (
            ("parse_directive (whole parse)", lambda: parse_directive(path)),
            ("ingest text + tables (pdf_pages_pdfium)", lambda: pdf_pages_pdfium(path, data)),
            ("ingest text only (pdf_texts_pdfium)", lambda: pdf_texts_pdfium(path, data)),
            ("table reader alone, all pages (rules + TableFinder + cell text)", table_reader),
            ("pdfplumber page parse + find_tables, table pages (slow path)", plumber_finder),
        ):
            secs = median_time(fn, a.runs)
            print(f"{label:<66} median of {a.runs}: {secs * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
