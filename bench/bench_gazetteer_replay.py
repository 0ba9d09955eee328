"""The gazetteer on the scans a real parse makes: record them once, then replay them against the
current code: the same results, and the time per scan.

`--record` parses documents (default: the distinct archive of make_distinct_archive.py and the dev
set's clean texts) with every `Gazetteer.scan(text, bare)` call and its result written to a pickle;
a replay (the default) runs the same calls in the same order in a fresh gazetteer and counts the
results that differ (start, end and every field of the body). Record with the code before a
change, replay with the code after it: 0 differing results is the proof that a speed-up changed
nothing. Time is CPU time (best of --repeat, caches cleared between repeats).

    .venv/bin/python bench/bench_gazetteer_replay.py --record [--limit 300]
    .venv/bin/python bench/bench_gazetteer_replay.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import pickle
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "out" / "speed" / "gazetteer-scans.pkl"
SOURCES = (ROOT / "out" / "bench-distinct" / "text", ROOT / "bench" / "dev" / "docs")


def plain(found) -> list[tuple]:
    return [(m.start, m.end, m.body.model_dump()) for m in found]


def record(out: Path, limit: int | None) -> None:
    from directive_parser import parse_directive
    from directive_parser.extract.bodies import gazetteer as gz

    calls: list[tuple[str, bool, list[tuple]]] = []
    scan = gz.Gazetteer.scan

    def recorded(self, text: str, bare: bool):
        found = scan(self, text, bare)
        calls.append((text, bare, plain(found)))
        return found

    gz.Gazetteer.scan = recorded  # type: ignore[method-assign]
    files = sorted(SOURCES[0].glob("*.pdf"))[:limit] + sorted(SOURCES[1].glob("*.txt"))
    for p in files:
        try:
            parse_directive(p)
        except Exception as e:  # a document the parser refuses still made its scans
            print(f"{p.name}: {type(e).__name__}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pickle.dumps(calls))
    print(f"recorded {len(calls)} scans ({len({(t, b) for t, b, _ in calls})} distinct) from {len(files)} documents -> {out}")


def replay(path: Path, repeat: int) -> None:
    from directive_parser import resources
    from directive_parser.extract.bodies import gazetteer as gz

    calls = pickle.loads(path.read_bytes())
    best, differ = float("inf"), 0
    for _ in range(repeat):
        gaz = gz.Gazetteer(resources.read_text(resources.BODIES))  # its own, empty caches
        tokens = getattr(gz, "_tokens", None)
        if tokens is not None:
            tokens.cache_clear()
        t0 = time.process_time()
        got = [gaz.scan(text, bare) for text, bare, _ in calls]
        best = min(best, time.process_time() - t0)
        differ = sum(want != plain(found) for (_, _, want), found in zip(calls, got))
    chars = sum(len(t) for t, _, _ in calls)
    print(
        f"replayed {len(calls)} scans ({chars:,} chars): {1e6 * best / len(calls):.0f} us/scan,"
        f" {best:.2f} s CPU (best of {repeat}); results differing from the recording: {differ}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--record", action="store_true", help="parse the documents and record their scans")
    ap.add_argument("--file", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--limit", type=int, default=None, help="first N archive documents (sorted by name)")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    if a.record:
        record(a.file, a.limit)
    else:
        replay(a.file, a.repeat)


if __name__ == "__main__":
    main()
