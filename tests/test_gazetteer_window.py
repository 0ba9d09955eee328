"""gazetteer: one scan of a sentence serves its windows (`in_window`), and the opening-word skip
in `_scan` keeps every name that starts on a common word."""

from __future__ import annotations

from directive_parser.extract.bodies import find_bodies, load_gazetteer
from directive_parser.extract.bodies.gazetteer import in_window

SENTENCE = "Giao Bộ Công an chủ trì, phối hợp với Bộ Quốc phòng và UBND tỉnh Lào Cai triển khai công tác này."


def _shifted(found, offset: int) -> list[tuple[int, int, str]]:
    return [(m.start - offset, m.end - offset, m.body.name) for m in found]


def test_a_window_of_one_scan_is_the_scan_of_the_window() -> None:
    whole = find_bodies(SENTENCE)
    for start, end in [(0, len(SENTENCE)), (5, 30), (24, 72), (37, len(SENTENCE))]:
        if any(m.start < start < m.end or m.start < end < m.end for m in whole):
            continue  # a window that cuts a mention: see the next test
        assert _shifted(in_window(whole, start, end), start) == _shifted(find_bodies(SENTENCE[start:end]), 0)


def test_a_mention_cut_by_the_window_is_left_out() -> None:
    whole = find_bodies(SENTENCE)
    cut = SENTENCE.index("Lào Cai") + 3  # inside "UBND tỉnh Lào Cai"
    names = [m.body.name for m in in_window(whole, 0, cut)]
    assert names == ["Bộ Công an", "Bộ Quốc phòng"]
    assert load_gazetteer().scan_window(SENTENCE, False, 0, cut) == in_window(whole, 0, cut)


def test_names_that_start_on_common_words_are_still_found() -> None:
    # "công", "cơ", "văn" open "công tác", "cơ chế", "văn bản" too: only their second word tells
    text = "Công an tỉnh Lào Cai, các cơ quan, đơn vị và Văn phòng Chính phủ theo dõi công tác, cơ chế, văn bản."
    names = [m.body.name for m in find_bodies(text)]
    assert "Văn phòng Chính phủ" in names
    assert any(n.startswith("Công an") for n in names)
    assert not any(n.lower().startswith(("công tác", "cơ chế", "văn bản")) for n in names)


def test_one_scan_serves_both_modes_only_without_a_unit_word() -> None:
    gaz = load_gazetteer()
    plain = "Bộ Công an, Bộ Quốc phòng và các bộ, ngành liên quan"
    assert gaz.scan(plain, True) == gaz.scan(plain, False)
    # a bare place is a subject's body only in the bare mode: the unit word keeps the modes apart
    placed = "Thành phố Hồ Chí Minh, tỉnh Lâm Đồng đẩy nhanh tiến độ"
    assert [m.body.kind.value for m in gaz.scan(placed, True)] == ["province", "province"]
    assert gaz.scan(placed, False) == []
