"""Start-up cost: `import directive_parser`, the pipeline's imports, and one `directive-parser parse`.

Each figure is the best of --repeat fresh interpreters (the first run also warms the OS file cache):
  import    `python -c "import directive_parser"`;
  pipeline  `python -c "from directive_parser import parse_directive"` (every stage imported);
  parse     `directive-parser parse fixtures/ct33.text.pdf -f json -o /dev/null` (5 pages), wall;
and the peak RSS of the parse process. `python -X importtime` says where the import time goes.

    .venv/bin/python bench/bench_startup.py [--repeat 5] [--pdf fixtures/ct33.text.pdf]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).with_name("directive-parser")


def wall(argv: list[str], repeat: int) -> tuple[float, float, float]:
    """Best wall time of `argv` over `repeat` runs, its best CPU time (user + system: what a busy
    machine inflates least), and the largest peak RSS (MB) of those runs."""
    best, cpu, rss = float("inf"), float("inf"), 0.0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
        best = min(best, time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        rss = max(rss, after.ru_maxrss / 1024)
    return best, cpu, rss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pdf", type=Path, default=ROOT / "fixtures" / "ct33.text.pdf")
    a = ap.parse_args()
    py = sys.executable
    bare, bare_cpu, _ = wall([py, "-c", "pass"], a.repeat)
    imp, imp_cpu, _ = wall([py, "-c", "import directive_parser"], a.repeat)
    pipe, pipe_cpu, pipe_rss = wall([py, "-c", "from directive_parser import parse_directive"], a.repeat)
    parse, parse_cpu, parse_rss = wall([str(CLI), "parse", str(a.pdf), "-f", "json", "-o", os.devnull], a.repeat)
    print(
        f"start-up (best of {a.repeat}, wall / cpu): python alone {bare:.3f} / {bare_cpu:.3f} s;"
        f" import directive_parser {imp:.3f} / {imp_cpu:.3f} s; all stages imported {pipe:.3f} / {pipe_cpu:.3f} s"
        f" ({pipe_rss:.0f} MB); directive-parser parse {a.pdf.name} {parse:.2f} / {parse_cpu:.2f} s,"
        f" peak RSS {parse_rss:.0f} MB (load {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
