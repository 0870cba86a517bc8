"""Peak memory and time of `analyze` over a large JSON Lines interaction log. Prints; asserts nothing.

    python benchmarks/jsonl_log.py            # a 512 MiB log, 30,000 connections
    python benchmarks/jsonl_log.py --mib 64

The log repeats the rows of the generator's 20,000-row CSV log as JSON lines (a note on every
seventh) until it holds --mib MiB; it is kept in benchmarks/work/ (git-ignored). Each run is a
fresh process with a new state folder (cold: the log is parsed), then one more on the same state
(warm: from the cache); memory is the peak resident set (Linux wait4).

Measured 2026-12-04 on the 2-core CI kind of machine, 512 MiB = 3,500,308 rows:
the log read whole (json.loads and LogEntry per line): 63.8 s, 3,785 MiB peak;
streamed in 4 MiB blocks (pyarrow.json, then the CSV log's bulk rules): 8.9 s, 475 MiB; warm 0.96 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work" / "jsonl"


def build(mib: int) -> tuple[Path, Path]:
    export, log = WORK / "export", WORK / f"log-{mib}.jsonl"
    if not export.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "netaudit",
                "generate",
                str(export),
                "--connections",
                "30000",
                "--log-rows",
                "20000",
            ],
            check=True,
        )
    if not log.exists():
        with (export / "interactions.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        written, i = 0, 0
        with log.open("w", encoding="utf-8") as out:
            while written < mib << 20:
                row = {k: v for k, v in rows[i % len(rows)].items() if v}
                if i % 7 == 0:
                    row["note"] = f"row {i}"
                line = json.dumps(row, ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
                i += 1
    return export / "Connections.csv", log


def run(args: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, args
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=512)
    options = parser.parse_args()
    connections, log = build(options.mib)
    with tempfile.TemporaryDirectory() as state:
        command = [sys.executable, "-m", "netaudit", "analyze", str(connections), "-i", str(log), "-f", "json"]
        command += ["--as-of", "2026-11-20", "--state-dir", state, "-o", os.devnull]
        for case in ("cold", "warm"):
            seconds, peak = run(command)
            print(f"{case}: {seconds:.2f} s, peak {peak:.0f} MiB ({log.stat().st_size / 2**20:.0f} MiB log)")


if __name__ == "__main__":
    main()
