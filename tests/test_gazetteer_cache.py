"""The gazetteer's scan cache: a text scanned again gives what a first scan gives, and callers
cannot change what later scans return."""

from __future__ import annotations

import pytest

from directive_parser import resources
from directive_parser.extract.bodies import gazetteer as gz

TEXTS = [
    "Giao Bộ Công an chủ trì, phối hợp với Bộ Tư pháp và Văn phòng Chính phủ",
    "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
    "Thành phố Hồ Chí Minh, tỉnh Lâm Đồng đẩy nhanh tiến độ",
    "Bộ trưởng các Bộ: Quốc phòng, Công an, Y tế",
    "Bo Tai chinh phoi hop voi Uy ban nhan dan tinh Lao Cai",
    "Uỷ ban nhân dân tỉnh Hà Giang và Bộ Kế hoạch và Đầu tư",  # old tone placement, former bodies
    "Căn cứ Nghị định số 15/2025/NĐ-CP, các bộ, ngành",
    "",
]


def _plain(found: list[gz.BodyMatch]) -> list[tuple[int, int, str, str, str | None]]:
    return [(m.start, m.end, m.body.name, m.body.text, m.body.successor) for m in found]


@pytest.mark.parametrize("bare", [False, True])
def test_cached_scan_is_a_fresh_scan(bare: bool) -> None:
    shared = gz.load_gazetteer()
    fresh = gz.Gazetteer(resources.read_text(resources.BODIES))  # its own, empty cache
    first = [_plain(shared.scan(t, bare)) for t in TEXTS]
    again = [_plain(shared.scan(t, bare)) for t in TEXTS]
    assert first == again == [_plain(fresh.scan(t, bare)) for t in TEXTS]
    assert [_plain(list(shared._scan(t, bare))) for t in TEXTS] == first  # the uncached path
    assert any(first)


def test_scan_result_is_the_callers_own() -> None:
    text = TEXTS[0]
    found = gz.find_bodies(text)
    names = [m.body.name for m in found]
    found.clear()
    assert [m.body.name for m in gz.find_bodies(text)] == names != []


def test_scan_cache_is_bounded() -> None:
    gaz = gz.Gazetteer(resources.read_text(resources.BODIES))
    for k in range(gz.SCAN_CACHE * 2):
        gaz.scan(f"Bộ Công an và Ủy ban nhân dân tỉnh Lào Cai, văn bản số {k}", False)
    assert gaz._scans.cache_info().currsize == gz.SCAN_CACHE
    assert gz._tokens.cache_info().currsize <= gz.TOKEN_CACHE


def test_word_forms_are_the_token_fields() -> None:
    """What a word may open is worked out once per word from `word_forms`: it must give the
    fields `tokens` puts on that word's token, whatever its case, marks or tone placement."""
    from directive_parser.extract.bodies import tokens as tk

    toks = [t for text in TEXTS for t in tk.tokens(text)]
    assert toks
    assert all(tk.word_forms(t.raw) == (t.fold, t.plain, t.cap) for t in toks)


def test_a_mention_seen_before_reads_the_same_and_the_table_is_bounded() -> None:
    gaz = gz.Gazetteer(resources.read_text(resources.BODIES))
    first = _plain(gaz.scan("Bộ Y tế chủ trì; Bộ Công an phối hợp", False))
    second = _plain(gaz.scan("Bộ Công an phối hợp với Bộ Y tế", False))
    assert [m[2:] for m in first] == [m[2:] for m in reversed(second)] != []
    for k in range(gz.MENTION_CACHE + 10):
        body = gaz._mention("Bộ Công an", f"Bộ Công an {k}", gz.BodyKind.ministry)
        assert body.text == f"Bộ Công an {k}"
    assert 0 < len(gaz._bodies) <= gz.MENTION_CACHE
