"""Points numbered with a slash, as older letters write them ("1/ Các Cục Thuế …", "2/ Tăng cường …")."""

from test_segment import paths


def test_slash_numbered_points_are_sections():
    text = (
        "Tổng cục yêu cầu các Cục Thuế thực hiện một số giải pháp sau:\n"
        "1/ Các Cục Thuế rà soát lại kế hoạch thanh tra.\n"
        "- Lựa chọn các doanh nghiệp có rủi ro cao.\n"
        "2/ Tăng cường công tác kiểm tra sau hoàn thuế.\n"
    )
    assert [p for p in paths(text) if p not in ("preamble", "closing")] == ["1", "1.-1", "2"]


def test_a_month_of_a_year_at_a_line_start_is_no_label():
    text = "1. Các sở báo cáo kết quả trong tháng\n6/2025 gửi Sở Tài chính tổng hợp.\n2. Sở Tài chính tổng hợp.\n"
    assert [p for p in paths(text) if p not in ("preamble", "closing")] == ["1", "2"]
