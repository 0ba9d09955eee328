"""Score directive_parser on the dev set, per input route and per genre.

For each document with gold (bench/dev/gold/<id>.json) and each route (the clean .txt, or a
rendering by render_routes.py under out/dev-routes/<id>/), the document is parsed once with
``directive_parser.parse_directive`` (with issued = the gold's meta.issued) and scored with
``extract_score.score`` from the shared tools folder (<repo>/../shared/tools). Exceptions are
reported per document and count as a score of 0; renderings that do not exist are listed and
left out.

One line per document and route: full_f1, found/gold, pred, precision, lead_acc, due_acc and
start_acc (share of matched records whose predicted task starts where the gold excerpt starts:
the first 3 words of the folded gold task are the first 3 words of the folded predicted task).
Then per route a table per genre (meta.genre) and overall: micro-F1 from the summed counts, mean
of the per-document F1, and a genre x route summary. -v lists misses and false positives.

    .venv/bin/python bench/dev/score_dev.py
    .venv/bin/python bench/dev/score_dev.py --routes txt,text.pdf --genre table -v
    .venv/bin/python bench/dev/score_dev.py --ids ct-01 news-02 --json out/dev-score.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
TOOLS = REPO.parent / "shared" / "tools"
DEFAULT_DOCS = REPO / "bench" / "dev" / "docs"
DEFAULT_GOLD = REPO / "bench" / "dev" / "gold"
DEFAULT_OUT = REPO / "out" / "dev-routes"
ROUTES = ("txt", "text.pdf", "scan.pdf", "docx", "eng-ocr.txt")
GENRES = ("chi_thi", "cong_dien", "thong_bao", "nghi_quyet", "quyet_dinh", "ke_hoach", "table", "news")
PREFIX_GENRE = {
    "ct": "chi_thi",
    "cd": "cong_dien",
    "tb": "thong_bao",
    "nq": "nghi_quyet",
    "qd": "quyet_dinh",
    "kh": "ke_hoach",
    "tbl": "table",
    "news": "news",
}


def extract_score():
    if str(TOOLS) not in sys.path:
        sys.path.insert(0, str(TOOLS))
    import extract_score as es

    return es


def doc_path(route: str, doc_id: str, docs: Path, out: Path) -> Path:
    return docs / f"{doc_id}.txt" if route == "txt" else out / doc_id / f"{doc_id}.{route}"


def genre_of(doc_id: str, gold: dict) -> str:
    g = (gold.get("meta") or {}).get("genre")
    if g:
        return g
    return PREFIX_GENRE.get(doc_id.split("-")[0].lower(), "unknown")


def matched_pairs(es, gold: dict, pred: dict, thr: int = 70) -> dict[int, int]:
    """gold index -> pred index, the same greedy matching as extract_score.score."""
    G = gold["assignments"]
    P = pred.get("assignments", [])
    pairs = []
    for gi, g in enumerate(G):
        for pi, p in enumerate(P):
            s = es.task_sim(p.get("task", ""), g["task"])
            if s >= thr:
                right = es.lead_ok(es.body_names(p.get("lead")), g["lead"]) and es.due_of(p) in g.get("due", [None])
                pairs.append(((min(s, 90), not g.get("optional"), right, s), gi, pi))
    pairs.sort(key=lambda t: t[0], reverse=True)
    gm, pm = {}, {}
    for _, gi, pi in pairs:
        if gi in gm or pi in pm:
            continue
        gm[gi] = pi
        pm[pi] = gi
    return gm


def starts_alike(es, gold_task: str, pred_task: str, n: int = 3) -> bool:
    g = es.norm(gold_task).split()[:n]
    p = es.norm(pred_task).split()[: len(g)]
    return bool(g) and g == p


class ParseTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise ParseTimeout("no result within the --timeout")


def score_one(doc_id: str, route: str, path: str, gold_path: str, timeout: int = 0) -> dict:
    """Parse one rendering once and score it; never raises (a parse longer than `timeout` seconds
    is interrupted and reported as an error)."""
    rec = {"id": doc_id, "route": route, "doc": path}
    t0 = time.perf_counter()
    if timeout:
        signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(timeout)
    try:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        es = extract_score()
        import inspect

        import directive_parser as dp

        kw = {}
        issued = (gold.get("meta") or {}).get("issued")
        if issued and "issued" in inspect.signature(dp.parse_directive).parameters:
            kw["issued"] = dt.date.fromisoformat(issued)
        doc = dp.parse_directive(path, **kw)
        rec["parse_seconds"] = round(time.perf_counter() - t0, 2)
        pred = doc.model_dump(mode="json")
        r = es.score(gold, pred)
        gm = matched_pairs(es, gold, pred)
        G, P = gold["assignments"], pred.get("assignments", [])
        req_matched = [(gi, pi) for gi, pi in gm.items() if not G[gi].get("optional")]
        starts = sum(starts_alike(es, G[gi]["task"], P[pi].get("task", "")) for gi, pi in req_matched)
        rec.update(
            {
                k: r[k]
                for k in (
                    "gold",
                    "pred",
                    "found",
                    "recall",
                    "precision",
                    "lead_acc",
                    "due_acc",
                    "full_recall",
                    "full_precision",
                    "full_f1",
                    "misses",
                    "false_pos",
                )
            }
        )
        rec["full"] = round(r["full_recall"] * r["gold"])
        rec["lead_ok"] = round(r["lead_acc"] * r["found"])
        rec["due_ok"] = round(r["due_acc"] * r["found"])
        rec["start_ok"] = starts
        rec["start_acc"] = starts / max(1, len(req_matched))
        if len(req_matched) != r["found"]:
            rec["warning"] = f"start_acc matching found {len(req_matched)} records, extract_score {r['found']}"
        rec["start_misses"] = [
            (G[gi]["task"][:60], P[pi].get("task", "")[:60])
            for gi, pi in req_matched
            if not starts_alike(es, G[gi]["task"], P[pi].get("task", ""))
        ]
    except (Exception, ParseTimeout) as e:
        rec["error"] = f"{type(e).__name__}: {e}"
        rec["traceback"] = traceback.format_exc(limit=6)
        rec["gold"] = gold_count(gold_path)
    finally:
        if timeout:
            signal.alarm(0)
    rec["seconds"] = round(time.perf_counter() - t0, 2)
    return rec


def gold_count(gold_path) -> int:
    try:
        return sum(not a.get("optional") for a in json.loads(Path(gold_path).read_text(encoding="utf-8"))["assignments"])
    except Exception:
        return 0


def aggregate(recs: list[dict]) -> dict:
    ok = [r for r in recs if "error" not in r]
    gold = sum(r.get("gold", 0) for r in recs)
    full = sum(r["full"] for r in ok)
    found = sum(r["found"] for r in ok)
    fp = sum(len(r["false_pos"]) for r in ok)
    pred = sum(r["pred"] for r in ok)
    R = full / max(1, gold)
    P = full / max(1, found + fp) if pred else 0.0
    return {
        "docs": len(recs),
        "failed": len(recs) - len(ok),
        "gold": gold,
        "found": found,
        "pred": pred,
        "full": full,
        "false_pos": fp,
        "micro_f1": 2 * R * P / max(1e-9, R + P),
        "micro_recall": R,
        "micro_precision": P,
        "mean_f1": sum(r.get("full_f1", 0.0) for r in recs) / max(1, len(recs)),
        "precision": (pred - fp) / max(1, pred),
        "lead_acc": sum(r["lead_ok"] for r in ok) / max(1, found),
        "due_acc": sum(r["due_ok"] for r in ok) / max(1, found),
        "start_acc": sum(r["start_ok"] for r in ok) / max(1, found),
        "seconds": round(sum(r.get("seconds", 0) for r in recs), 1),
    }


def doc_line(r: dict, genre: str) -> str:
    head = f"  {r['id']:<10} {r['route']:<12} {genre:<11}"
    if "error" in r:
        return f"{head} FAILED {r['error'][:110]}  {r['seconds']:.1f}s"
    return (
        f"{head} full_f1={r['full_f1']:.3f} found={r['found']}/{r['gold']} pred={r['pred']} "
        f"precision={r['precision']:.2f} lead_acc={r['lead_acc']:.2f} due_acc={r['due_acc']:.2f} "
        f"start_acc={r['start_acc']:.2f}  {r['seconds']:.1f}s"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--routes", default=",".join(ROUTES), help=f"comma-separated, from {','.join(ROUTES)}")
    ap.add_argument("--ids", nargs="+", metavar="ID", help="only these documents")
    ap.add_argument("--genre", help=f"only this genre ({', '.join(GENRES)})")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses, false positives, wrong starts, tracebacks")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write every result and aggregate to OUT")
    ap.add_argument("--jobs", type=int, default=2, help="documents of one route parsed in parallel (default 2)")
    ap.add_argument(
        "--timeout",
        type=int,
        default=600,
        help="seconds one parse may take before it counts as failed (default 600; 0 = no limit)",
    )
    ap.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help=f"folder of <id>.txt (default {DEFAULT_DOCS})")
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help=f"folder of <id>.json (default {DEFAULT_GOLD})")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"renderings folder (default {DEFAULT_OUT})")
    a = ap.parse_args(argv)
    routes = [r.strip() for r in a.routes.split(",") if r.strip()]
    bad = [r for r in routes if r not in ROUTES]
    if bad:
        ap.error(f"unknown route(s) {', '.join(bad)}; choose from {', '.join(ROUTES)}")
    if not (TOOLS / "extract_score.py").exists():
        sys.exit(f"extract_score.py not found in {TOOLS}")

    golds, genres = {}, {}
    for p in sorted(a.gold.glob("*.json")):
        if a.ids and p.stem not in a.ids:
            continue
        if not (a.docs / f"{p.stem}.txt").exists():
            continue
        try:
            g = json.loads(p.read_text(encoding="utf-8"))
        except ValueError as e:
            print(f"skipping {p.name}: not JSON ({e})")
            continue
        genre = genre_of(p.stem, g)
        if a.genre and genre != a.genre:
            continue
        golds[p.stem] = p
        genres[p.stem] = genre
    if a.ids:
        for i in a.ids:
            if i not in golds and not a.genre:
                print(f"no doc+gold pair for {i}")
    if not golds:
        print("no documents with gold to score")
        return 0

    results: dict[str, list[dict]] = {}
    absent: dict[str, list[str]] = {}
    route_secs: dict[str, float] = {}
    pool = ProcessPoolExecutor(max_workers=max(1, a.jobs)) if a.jobs > 1 else None
    try:
        for route in routes:
            todo, absent[route] = [], []
            for i in golds:
                path = doc_path(route, i, a.docs, a.out)
                (todo if path.exists() else absent[route]).append((i, str(path)))
            print(
                f"route {route}: {len(todo)} documents"
                + (
                    f" ({len(absent[route])} not rendered: {', '.join(x for x, _ in absent[route][:8])})" if absent[route] else ""
                ),
                flush=True,
            )
            t0 = time.perf_counter()
            recs = []

            def report(r):
                print(doc_line(r, genres[r["id"]]), flush=True)
                if r.get("warning"):
                    print(f"      warning: {r['warning']}")
                if a.verbose:
                    if "error" in r:
                        print("      " + r.get("traceback", "").strip().replace("\n", "\n      "))
                        return
                    for kind, text in r["misses"]:
                        print(f"      {kind:<4} {text}")
                    for text in r["false_pos"]:
                        print(f"      FP   {text}")
                    for g, p in r["start_misses"]:
                        print(f"      START gold «{g}» pred «{p}»")

            broken = False
            if pool is None:
                for i, path in todo:
                    recs.append(score_one(i, route, path, str(golds[i]), a.timeout))
                    report(recs[-1])
            else:
                futures = {pool.submit(score_one, i, route, path, str(golds[i]), a.timeout): (i, path) for i, path in todo}
                for f in as_completed(futures):
                    i, path = futures[f]
                    try:
                        recs.append(f.result())
                        report(recs[-1])
                    except BrokenProcessPool as e:  # a worker died (e.g. a crash in native code)
                        broken = True
                        recs.append(
                            {
                                "id": i,
                                "route": route,
                                "doc": path,
                                "error": f"worker died: {e}",
                                "seconds": 0.0,
                                "gold": gold_count(golds[i]),
                            }
                        )
                        report(recs[-1])
                    except Exception as e:
                        recs.append(
                            {
                                "id": i,
                                "route": route,
                                "doc": path,
                                "error": f"{type(e).__name__}: {e}",
                                "seconds": 0.0,
                                "gold": gold_count(golds[i]),
                            }
                        )
                        report(recs[-1])
                if broken:
                    pool.shutdown(cancel_futures=True)
                    pool = ProcessPoolExecutor(max_workers=a.jobs)
            route_secs[route] = round(time.perf_counter() - t0, 1)
            recs.sort(key=lambda r: r["id"])
            results[route] = recs
            print(f"  ({route_secs[route]:.1f}s wall for the route)")
    finally:
        if pool is not None:
            pool.shutdown()

    # per-genre and overall tables
    summary: dict[str, dict[str, dict]] = {}
    present = [g for g in GENRES if g in genres.values()] + sorted({g for g in genres.values() if g not in GENRES})
    for route in routes:
        recs = results.get(route, [])
        summary[route] = {
            g: aggregate([r for r in recs if genres[r["id"]] == g]) for g in present if any(genres[r["id"]] == g for r in recs)
        }
        summary[route]["ALL"] = aggregate(recs)
    print()
    cols = "docs fail  gold found  pred  micro_f1 mean_f1  prec  lead   due start"
    for route in routes:
        print(f"route {route}  ({route_secs.get(route, 0):.1f}s)")
        print(f"  {'genre':<11} {cols}")
        for g, s in summary[route].items():
            if not s["docs"]:
                continue
            print(
                f"  {g:<11} {s['docs']:>4} {s['failed']:>4} {s['gold']:>5} {s['found']:>5} {s['pred']:>5}"
                f"  {s['micro_f1']:>8.3f} {s['mean_f1']:>7.3f} {s['precision']:>5.2f} {s['lead_acc']:>5.2f}"
                f" {s['due_acc']:>5.2f} {s['start_acc']:>5.2f}"
            )
    print()
    print("micro-F1 / mean F1 by genre and route")
    print(f"  {'genre':<11}" + "".join(f" {r:>13}" for r in routes))
    for g in present + ["ALL"]:
        cells = []
        for r in routes:
            s = summary[r].get(g)
            cells.append(f" {s['micro_f1']:.3f}/{s['mean_f1']:.3f}" if s and s["docs"] else f" {'-':>13}")
        print(f"  {g:<11}" + "".join(f"{c:>14}" for c in cells))

    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "routes": routes,
            "tools": str(TOOLS),
            "genres": genres,
            "not_rendered": absent,
            "route_seconds": route_secs,
            "summary": summary,
            "docs": results,
        }
        a.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {a.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
