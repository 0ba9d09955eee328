"""Sentence boundaries (text/sentences.py): the rules, agreement with underthesea, linear growth."""

from __future__ import annotations

from pathlib import Path

import pytest

from directive_parser.text.sentences import sentence_spans, underthesea_spans

DEV_DOCS = Path(__file__).resolve().parents[1] / "bench" / "dev" / "docs"


def _split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Giao Bộ Công an chủ trì. Bộ Tài chính phối hợp.", ["Giao Bộ Công an chủ trì.", " Bộ Tài chính phối hợp."]),
        # an abbreviation does not end a sentence: "TP." (thành phố), "v.v." (etc.)
        ("UBND TP. Hồ Chí Minh chủ trì. Xong.", ["UBND TP. Hồ Chí Minh chủ trì.", " Xong."]),
        ("điện, nước, v.v. và các dịch vụ khác.", ["điện, nước, v.v. và các dịch vụ khác."]),
        # a "." inside a number, and a "." with no space after it ("nq57.vn"), do not either
        ("Tổng vốn 3.241 tỷ đồng. Hết.", ["Tổng vốn 3.241 tỷ đồng.", " Hết."]),
        ("Xem tại nq57.vn và báo cáo. Hết.", ["Xem tại nq57.vn và báo cáo.", " Hết."]),
        # a run of marks ends once; an ellipsis only before a capital
        ("Vì sao?! Bởi vì.", ["Vì sao?!", " Bởi vì."]),
        (
            "các bộ, ngành... và địa phương. Sau đó... Bộ Y tế báo cáo.",
            ["các bộ, ngành... và địa phương.", " Sau đó...", " Bộ Y tế báo cáo."],
        ),
    ],
)
def test_sentence_rules(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_spans_cover_the_text_in_order() -> None:
    text = "  Một. Hai câu!  Ba?\n\nBốn không dấu chấm"
    spans = sentence_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert [text[s:e].strip() for s, e in spans] == ["Một.", "Hai câu!", "Ba?", "Bốn không dấu chấm"]
    assert sentence_spans("") == [(0, 0)] and sentence_spans("   ") == [(0, 3)]


def test_agrees_with_underthesea_on_the_dev_documents() -> None:
    pytest.importorskip("underthesea")
    paragraphs = [ln for doc in sorted(DEV_DOCS.glob("*.txt")) for ln in doc.read_text(encoding="utf-8").splitlines()]
    paragraphs = [p for p in paragraphs if any(c in p for c in ".?!")]
    assert len(paragraphs) > 300
    same = sum(sentence_spans(p) == underthesea_spans(p) for p in paragraphs)
    assert same >= 0.995 * len(paragraphs)


def _growth(fn, make, n: int) -> float:
    """How much longer `fn` takes on an input 4 times as large (best of 3, collector off): about 4
    when linear, 16 when quadratic."""
    import gc
    import time

    def best(arg) -> float:
        out = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            fn(arg)
            out = min(out, time.perf_counter() - t)
        return out

    small, large = make(n), make(4 * n)
    gc.collect()
    gc.disable()
    try:
        best(small)
        return best(large) / max(best(small), 1e-4)
    finally:
        gc.enable()


def test_growth_is_linear() -> None:
    sentence = "Giao UBND TP. Hà Nội chủ trì, hoàn thành 3.241 hồ sơ trước ngày 31.12.2025. "
    assert _growth(sentence_spans, lambda n: sentence * n, 1_000) < 10
    assert _growth(sentence_spans, lambda n: "a" * n, 50_000) < 10  # one sentence, no mark
