"""News reports are told from official documents by their byline or dateline, or, undated, by reading as prose.

The texts are written for these tests in the shapes news sites use: a headline, then a byline
("Thứ Sáu, 29/08/2025 15:30") and/or a dateline opening the lede ("Hà Nội, 29/8/2025 -", "(VOV) -").
"""

from datetime import date

import pytest

from directive_parser import parse_text
from directive_parser.models import Stage
from directive_parser.structure.header import parse_header

HEADLINE = "Phó Thủ tướng yêu cầu hoàn thành cơ sở dữ liệu đất đai"
LEDE = "Bộ Tài nguyên và Môi trường chủ trì hoàn thành cơ sở dữ liệu đất đai trước ngày 31/12/2025."
MORE = (
    "Bộ Tư pháp phối hợp rà soát thủ tục hành chính liên quan, báo cáo Thủ tướng Chính phủ trong tháng 10.\n"
    "Các địa phương bố trí kinh phí, nhân lực để số hóa hồ sơ địa chính theo kế hoạch.\n"
)


def report(*head: str) -> str:
    """A report opening with the lines `head`; a last one ending in a space is a dateline that opens the lede."""
    *above, last = head
    lines = [*above, last + LEDE] if last.endswith(" ") else [*head, LEDE]
    return "\n".join(lines) + "\n" + MORE


@pytest.mark.parametrize(
    "text, issued, place",
    [
        # a dateline with place and date
        (report(HEADLINE, "Hà Nội, 29/8/2025 - "), date(2025, 8, 29), "Hà Nội"),
        (report(HEADLINE, "TP. Hồ Chí Minh, ngày 3/9/2025 – "), date(2025, 9, 3), "TP. Hồ Chí Minh"),
        # the source of the dateline is the medium, not a place
        (report(HEADLINE, "Báo Chính phủ, 29/8/2025 - "), date(2025, 8, 29), None),
        # an agency in parentheses or as a tag, no date: the report is undated
        (report(HEADLINE, "(Chinhphu.vn) - "), None, None),
        (report(HEADLINE, "(VOV) - "), None, None),
        (report(HEADLINE, "VGP - "), None, None),
        (report(HEADLINE, "GD&TĐ - "), None, None),
        (report(HEADLINE, "Đà Nẵng (TTXVN) - "), None, "Đà Nẵng"),
        # a parenthesised agency may go without its dash
        (report(HEADLINE, "(LĐTĐ) "), None, None),
        # bylines: weekday, time, time zone, author
        (report(HEADLINE, "Thứ Sáu, 29/08/2025 15:30", "(Chinhphu.vn) - "), date(2025, 8, 29), None),
        (report(HEADLINE, "29/08/2025 15:30 GMT+7"), date(2025, 8, 29), None),
        (report(HEADLINE, "12/03/2024 07:33 Trần Minh An"), date(2024, 3, 12), None),
        (report(HEADLINE, "Thứ Tư, 03-06-2020, 03:06"), date(2020, 6, 3), None),
        (report(HEADLINE, "Cập nhật: 2025-08-29 15:30"), date(2025, 8, 29), None),
        # a headline ending in a quotation
        (report("Kiểm tra thông tin “nước hồ lại đục”", "Thứ Tư, 03-06-2020, 03:06"), date(2020, 6, 3), None),
        # a headline over two lines
        (
            report("Thủ tướng chỉ đạo hoàn thành", "cơ sở dữ liệu đất đai trong năm nay", "01.10.2025 | 09:00"),
            date(2025, 10, 1),
            None,
        ),
        # the old scraped form still works
        (" date 2025-08-29 (Ngày Nay) - Tóm tắt.\n" + LEDE + "\n" + MORE, date(2025, 8, 29), None),
    ],
    ids=[
        "place-date",
        "tp-ngay",
        "medium",
        "paren-domain",
        "paren-vov",
        "tag-vgp",
        "tag-amp",
        "place-agency",
        "paren-no-dash",
        "weekday-byline",
        "gmt-byline",
        "author-byline",
        "dashed-byline",
        "iso-stamp",
        "quoted-headline",
        "two-line-headline",
        "old-date-line",
    ],
)
def test_dated_and_datelined_reports(text, issued, place):
    h = parse_header(text)
    assert (h.news, h.issued, h.place) == (True, issued, place)
    assert text[h.body_start :].lstrip().startswith(LEDE[:30])
    assert h.number is None and h.doc_type is None


def test_headline_is_the_title_and_not_in_the_body():
    text = report(HEADLINE, "Thứ Sáu, 29/08/2025 15:30", "(Chinhphu.vn) - ")
    h = parse_header(text)
    assert h.title == HEADLINE and HEADLINE not in text[h.body_start :]


@pytest.mark.parametrize(
    "text, title",
    [
        # undated: headline, then prose
        (HEADLINE + "\n" + LEDE + "\n" + MORE, HEADLINE),
        # undated, no headline: the first line is already a sentence
        (LEDE + "\n" + MORE, None),
        # "Cộng hòa xã hội chủ nghĩa Việt Nam" in running text is not the motto of a header
        (
            HEADLINE + "\nNhà nước Cộng hòa xã hội chủ nghĩa Việt Nam bảo đảm quyền tiếp cận thông tin của người dân.\n" + MORE,
            HEADLINE,
        ),
        # a text layer wrapped the lede: its first line ends on a comma, the next runs on in lower case
        ("Cụ thể, Thủ tướng Chính phủ giao Bộ Tài chính chủ trì,\nphối hợp với các bộ rà soát các quy định.\n" + MORE, None),
        ("Thủ tướng Chính phủ giao Bộ Tài chính chủ trì\nphối hợp với các bộ rà soát các quy định.\n" + MORE, None),
    ],
    ids=["headline", "no-headline", "motto-words-in-prose", "wrapped-on-comma", "wrapped-lower-case"],
)
def test_undated_prose_is_news(text, title):
    h = parse_header(text)
    assert (h.news, h.issued, h.title) == (True, None, title)
    assert text[h.body_start :].startswith(text.split("\n")[1 if title else 0])


def test_a_byline_below_the_story_is_not_read():
    # the first line is a sentence of the story, so a date stamp after it is no byline of the head
    text = LEDE + "\n29/08/2025 15:30\n" + MORE
    h = parse_header(text)
    assert (h.news, h.issued, h.body_start) == (True, None, 0)


def test_a_date_in_the_story_is_not_the_issue_date():
    text = report(HEADLINE, "VGP - ").replace(LEDE, "Ngày 15/6/2025, " + LEDE)
    assert parse_header(text).issued is None


@pytest.mark.parametrize(
    "text",
    [
        # an official header: number, motto, type line
        "Số: 12/CT-BCA Hà Nội, ngày 3 tháng 2 năm 2026\n" + LEDE + "\n" + MORE,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" + LEDE + "\n" + MORE,
        "THÔNG BÁO\nKết luận của Phó Thủ tướng\n" + LEDE + "\n" + MORE,
        # the same with its marks lost to OCR
        "CHI THI\nVe day manh\n" + LEDE + "\n" + MORE,
        "S6: 33/CT-TTg Ha Noi\n" + LEDE + "\n" + MORE,
        # an official date line without the rest of the header
        "Hà Nội, ngày 6 tháng 11 năm 2025\n" + LEDE + "\n" + MORE,
        # a directive's body without its header: labelled clauses, not prose
        "1. Bộ Công an chủ trì rà soát, hoàn thành cơ sở dữ liệu dân cư.\n2. Bộ Tư pháp phối hợp rà soát các thủ tục.\n"
        "a) Rà soát thủ tục hành chính liên quan đến đất đai.\nb) Báo cáo Thủ tướng Chính phủ trong tháng 10.\n",
        # one sentence is not yet prose
        "Các bộ khẩn trương triển khai.",
    ],
    ids=["number", "motto", "type-line", "ocr-type-line", "ocr-number", "official-date", "labelled-body", "one-line"],
)
def test_not_news(text):
    assert parse_header(text).news is False


def test_news_report_parses_without_header_warnings():
    text = report(HEADLINE, "Hà Nội, 29/8/2025 - ")
    doc = parse_text(text)
    assert doc.issued == date(2025, 8, 29) and doc.place == "Hà Nội" and doc.title == HEADLINE
    assert not [w for w in doc.warnings if w.stage is Stage.header]
    assert doc.assignments and all(a.span.start >= text.index(LEDE) for a in doc.assignments)


def test_undated_news_report_has_no_header_warnings():
    doc = parse_text(HEADLINE + "\n" + LEDE + "\n" + MORE)
    assert doc.issued is None and not [w for w in doc.warnings if w.stage is Stage.header]


def test_a_headline_may_take_two_lines():
    # a text layer wrapped the headline; the story opens on the third line
    text = "Tập trung các giải pháp phòng,\nchống dịch tả heo châu Phi\n" + LEDE + "\n" + MORE
    h = parse_header(text)
    assert h.title == "Tập trung các giải pháp phòng, chống dịch tả heo châu Phi"
    assert text[h.body_start :].startswith(LEDE)


# A web report whose date line and sub-headline stand between the lede and the body, every paragraph
# one line and no blank lines.
WEB_REPORT = """Chỉ đạo, điều hành của Chính phủ ngày 12/5/2026
(Chinhphu.vn) - Văn phòng Chính phủ thông tin về chỉ đạo, điều hành của Thủ tướng Chính phủ ngày 12/5/2026.
12/05/2026 18:20
Xử lý phản ánh về ô nhiễm sông Nhuệ
Thủ tướng Chính phủ yêu cầu Ủy ban nhân dân thành phố Hà Nội kiểm tra, xử lý thông tin báo chí phản ánh về ô nhiễm sông Nhuệ.
Trước đó, ngày 5/5/2026 một số báo có đưa tin: nước sông Nhuệ đoạn qua nội thành đen đặc, bốc mùi, người dân phải chịu đựng nhiều năm.
Báo cáo gửi về Văn phòng Chính phủ chậm nhất ngày 30/5/2026.
Về thông tin trên, Thủ tướng Chính phủ yêu cầu Ủy ban nhân dân thành phố Hà Nội kiểm tra, xử lý.
"""


def test_a_web_report_with_a_date_line_a_sub_headline_and_a_restatement():
    doc = parse_text(WEB_REPORT)
    (a,) = doc.assignments
    assert [b.name for b in a.lead] == ["Ủy ban nhân dân thành phố Hà Nội"]
    assert a.task.startswith("kiểm tra, xử lý thông tin báo chí")
    # "Trước đó, …" is background; "Báo cáo gửi về … chậm nhất ngày D" dates the task; the closing
    # line restates it.
    assert a.deadline is not None and a.deadline.due == date(2026, 5, 30)
