"""A batch survives kill -9 at any moment: SIGKILL it at random points (seeded), resume each
time, and at the end every document is in every output exactly once (issue 10, "Done when")."""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

# enough documents that a resumed run is still writing when the next kill lands, however fast a
# document parses (20 finished inside the first, start-up kill window once parsing got faster)
DOCS = 60
KILLS = 4
SEED = 20251106


def _document(i: int) -> str:
    return (
        "THỦ TƯỚNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        f"Số: {100 + i}/CT-TTg\nHà Nội, ngày 6 tháng 11 năm 2025\n\nCHỈ THỊ\nVề việc thực hiện nhiệm vụ số {i}\n\n"
        f"1. Giao Bộ Công an chủ trì, phối hợp với Bộ Tài chính hoàn thành đề án {i} trước ngày 31/12/2025.\n"
        f"2. Bộ Nội vụ rà soát thủ tục hành chính, báo cáo Thủ tướng Chính phủ trước ngày {1 + i % 28}/03/2026.\n"
        + "Các bộ, ngành tổ chức triển khai thực hiện nghiêm túc Chỉ thị này.\n" * (1 + i * 3)
        + "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    )


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    proc.stderr.close()


def _batch(folder: Path, out: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "directive_parser",
            "batch",
            str(folder),
            "--out",
            str(out),
            "--db",
            str(db),
            "--workers",
            "2",
            "--resume",
            "--timeout",
            "60",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


@pytest.mark.slow
def test_batch_survives_kill_9_and_resumes_without_loss_or_duplicates(tmp_path):
    started = time.monotonic()
    folder, out, db = tmp_path / "in", tmp_path / "out", tmp_path / "t.sqlite"
    folder.mkdir()
    for i in range(DOCS):
        (folder / f"ct{i:02d}.txt").write_text(_document(i), encoding="utf-8")
    rng = random.Random(SEED)
    status_file = out / "status.jsonl"
    kill_phase_ends = started + 35  # the final, unkilled run gets the rest of the minute
    # the first kill lands during start-up (workers spawning, warming up)
    proc = _batch(folder, out, db)
    time.sleep(rng.uniform(0.3, 2.0))
    _kill(proc)
    mid_run = 0
    for _ in range(KILLS - 1):
        # then at a random moment after 1-3 more documents finish: while writing the next ones
        proc = _batch(folder, out, db)
        target = _lines(status_file) + rng.randint(1, 3)
        while proc.poll() is None and _lines(status_file) < target and time.monotonic() < kill_phase_ends:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.08))
        if proc.poll() is None:
            mid_run += _lines(status_file) < DOCS
        _kill(proc)
    assert mid_run >= 1, "no kill landed while documents were being written"
    final = _batch(folder, out, db)
    _, err = final.communicate(timeout=max(10.0, started + 58 - time.monotonic()))
    assert final.returncode == 0, err.decode(errors="replace")

    expected = {Path(p).name for p in folder.iterdir()}
    # directives.jsonl: every line reads back; the latest line per sha256 covers each document once
    latest = {}
    for line in (out / "directives.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        latest[row["source"]["sha256"]] = row
    assert sorted(Path(r["source"]["path"]).name for r in latest.values()) == sorted(expected)
    numbers = {r["number"] for r in latest.values()}
    assert len(numbers) == DOCS
    # status.jsonl agrees: each document's last status is a success, for the same sha256s
    status = {}
    for line in (out / "status.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        status[row["sha256"]] = row
    assert set(status) == set(latest)
    assert {r["status"] for r in status.values()} <= {"ok", "partial"}
    # the CSV rebuilt on close: each document once, with each of its assignments once
    with (out / "assignments.csv").open(encoding="utf-8-sig", newline="") as fp:
        rows = list(csv.DictReader(fp))
    per_document = Counter(r["document_number"] for r in rows)
    assert per_document == Counter({r["number"]: len(r["assignments"]) for r in latest.values()})
    assert len({r["assignment_id"] for r in rows}) == len(rows)
    # the tracker: one document and one success per file
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert {r[0] for r in conn.execute("SELECT number FROM documents")} == numbers
        results = conn.execute("SELECT sha256, status FROM results").fetchall()
    finally:
        conn.close()
    assert {sha for sha, _ in results} == set(latest) and {s for _, s in results} <= {"ok", "partial"}
