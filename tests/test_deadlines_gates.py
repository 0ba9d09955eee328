"""deadlines: a core pattern runs only on texts holding its gate words, and that drops no match:
the gated scan finds what running every pattern finds, in any letter case."""

from __future__ import annotations

from datetime import date

import pytest

from directive_parser.extract import deadlines

PHRASES = [
    "hoàn thành trước ngày 15/01/2026",
    "trình Thủ tướng Chính phủ trong tháng 12/2025",
    "chậm nhất ngày 31 tháng 12 năm 2025",
    "báo cáo trong Quý I/2026; Quý l/2026 (OCR)",
    "hoàn thành trong quí IV năm 2027",  # the old spelling, alone in its text
    "6 tháng đầu năm 2026, nửa cuối năm",
    "giai đoạn 2026 - 2030, thời kỳ 2021-2030",
    "năm 2026 và các năm tiếp theo",
    "thực hiện ngay; khẩn trương triển khai; ngay cả khi",
    "định kỳ hằng tháng, hàng quý, thường xuyên; là nhiệm vụ thường xuyên",
    "báo cáo định kỳ",
    "là nhiệm vụ thường xuyên",
    "khẩn trương",
    "theo tiến độ quy định tại Quyết định số 2352/QĐ-TTg ngày 24/10/2025",
    "Phạm vi điều chỉnh, đối tượng áp dụng",  # nothing at all
    "trước ngày 15 / 01 / 2026, ngày 15-01-2026, ngày 15.01.2026, ngày 15 – 1",  # numeric dates' separators
    "Chỉ thị số 12/CT-TTg, năm 2025, 3.241 tỷ đồng",  # digits, no numeric date
]


def _every_pattern(text: str, issued: date | None) -> list:
    """What `_core_hits` keeps when every pattern runs, gates or not."""
    hits = [hit for regex, build in deadlines.PATTERNS for m in regex.finditer(text) if (hit := build(m, issued)) is not None]
    hits.sort(key=lambda h: (h.start - h.end, h.start))
    kept: list = []
    for hit in hits:
        if hit.end > hit.start:
            free = all(hit.end <= k.start or hit.start >= k.end for k in kept if k.end > k.start)
        else:  # an empty hit: not inside a kept one
            free = not any(k.start <= hit.start < k.end for k in kept)
        if free:
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


@pytest.mark.parametrize("text", PHRASES + [p.upper() for p in PHRASES] + [p.title() for p in PHRASES])
def test_gates_drop_no_match(text: str) -> None:
    deadlines._core_hits.cache_clear()
    issued = date(2025, 11, 6)
    assert list(deadlines._core_hits(text, issued)) == _every_pattern(text, issued)


def test_every_pattern_has_a_gate() -> None:
    assert {regex for regex, _ in deadlines.PATTERNS} == set(deadlines._GATES)


def test_a_text_without_gate_words_runs_no_pattern(monkeypatch) -> None:
    ran: list[str] = []

    class Spy:
        def __init__(self, regex):
            self.regex = regex

        def finditer(self, text):
            ran.append(self.regex.pattern)
            return self.regex.finditer(text)

    monkeypatch.setattr(deadlines, "_GATED", tuple((w, d, Spy(r), b) for w, d, r, b in deadlines._GATED))
    deadlines._core_hits.cache_clear()
    assert deadlines._core_hits("Các bộ, cơ quan chủ trì xây dựng đề án", None) == ()
    assert ran == []
    deadlines._core_hits("báo cáo hằng tháng", None)
    assert ran == [deadlines.RECURRING_RE.pattern]  # no digit, no other gate word
    deadlines._core_hits.cache_clear()
