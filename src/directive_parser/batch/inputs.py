"""What a batch reads: the input files under the given folders, and what earlier runs already did.

`iter_inputs` walks folders (every readable type by default, links out of them not followed);
`load_done` reads earlier runs' status files and tracker databases so `--resume` skips what
is done and retries what may succeed now.
"""

from __future__ import annotations

import fnmatch
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from directive_parser.batch.jobs import FINAL_STATUSES, BatchStatus
from directive_parser.errors import OptionError

# Every input type the parser reads: PDF (text layer or scan), plain text, Word (.doc is converted
# when LibreOffice is installed, else reported with the command that converts it).
DEFAULT_GLOB = "*.pdf,*.txt,*.docx,*.doc"


def iter_inputs(paths: Iterable[str | Path], glob: str = DEFAULT_GLOB, *, follow_links: bool = False) -> Iterator[Path]:
    """Files named directly, plus files under folders matching `glob` (recursive, sorted).

    `glob` may hold several patterns separated by commas: "*.pdf,*.txt"; they match file names,
    case-insensitively ("SCAN.PDF" is a PDF). Under a folder, a link that leads outside it is
    not followed unless `follow_links` (an archive must not make the parser read /etc/shadow).

    Raises:
        OptionError: a pattern names a path ("/data/*.pdf") instead of file names.
    """
    patterns = [p.strip().lower() for p in glob.split(",") if p.strip()]
    if not patterns or any("/" in p or "\\" in p for p in patterns):
        raise OptionError(f"--glob {glob!r}: give file-name patterns such as '*.pdf,*.txt', not paths")
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            root = path.resolve()
            candidates = sorted(
                f
                for f in path.rglob("*")
                if any(fnmatch.fnmatchcase(f.name.lower(), p) for p in patterns)
                and f.is_file()
                and (follow_links or inside(f.resolve(), root))
            )
        else:
            candidates = [path]
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate


def inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


# Failures that may not recur: a missing Tesseract gets installed, a file becomes readable, a
# worker that crashed or ran out of time may not the next time. `--resume` tries them again.
TRANSIENT_ERRORS = frozenset(
    {"MissingDependencyError", "FileUnreadableError", "OcrError", "ParseTimeoutError", "WorkerCrashError", "DatabaseBusyError"}
)


def load_done(sources: Iterable[str | Path], parser: str, *, retry_failed: bool = False) -> set[str]:
    """sha256s with a final status for parser version `parser`, from status JSONL or tracker DBs.

    A folder stands for the `status.jsonl` inside it (a previous run's output folder). A document
    whose status says it was parsed counts as done only when its line in the `directives.jsonl`
    beside the status file reads back; failures of a transient kind (`TRANSIENT_ERRORS`), and
    with `retry_failed` every failure, are not done. With several sources (the status file and
    the tracker of one run), a document is done only when every existing source says so: a kill
    between writing one output and the next leaves it to be done again, not missing from one.
    """
    result: set[str] | None = None
    for source in sources:
        path = Path(source)
        if path.is_dir():
            path = path / "status.jsonl"
        if not path.is_file():
            continue
        done = done_in(path, parser, retry_failed)
        result = done if result is None else result & done
    return result or set()


def done_in(path: Path, parser: str, retry_failed: bool) -> set[str]:
    done: set[str] = set()
    with path.open("rb") as fp:
        is_sqlite = fp.read(16) == b"SQLite format 3\x00"
    rows = rows_from_sqlite(path) if is_sqlite else rows_from_jsonl(path)
    written = None if is_sqlite else readable_directives(path.parent / "directives.jsonl")
    for sha, ver, status, error_type in rows:
        if ver != parser or status not in FINAL_STATUSES:
            continue
        if status == BatchStatus.failed and (retry_failed or error_type in TRANSIENT_ERRORS):
            done.discard(sha)
            continue
        if status != BatchStatus.failed and written is not None and sha not in written:
            continue  # the status line stands but the directive was lost: parse it again
        if sha:
            done.add(sha)
    return done


def readable_directives(path: Path) -> set[str] | None:
    """sha256s of the directives that read back from a batch's directives.jsonl (None: no such file)."""
    if not path.is_file():
        return None
    shas: set[str] = set()
    with path.open("rb") as fp:
        for line in fp:
            try:
                shas.add(json.loads(line)["source"]["sha256"])
            except (ValueError, KeyError, TypeError):
                continue  # a torn line
    return shas


def rows_from_jsonl(path: Path) -> Iterator[tuple[str, str, str, str | None]]:
    with path.open(encoding="utf-8", errors="replace") as fp:
        for line in fp:
            try:
                row = json.loads(line)
                yield row["sha256"], row["parser_version"], row["status"], row.get("error_type")
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a crash


def rows_from_sqlite(path: Path) -> list[tuple[str, str, str, str | None]]:
    import urllib.parse

    try:
        conn = sqlite3.connect("file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        return conn.execute("SELECT sha256, parser_version, status, error_type FROM results").fetchall()
    except sqlite3.DatabaseError:
        return []  # not a tracker database (the writer then says why)
    finally:
        conn.close()
