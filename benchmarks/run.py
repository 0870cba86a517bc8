"""Benchmark netaudit at LinkedIn's 30,000-connection cap. Prints numbers; asserts nothing.

    pip install ".[bench]"
    python benchmarks/run.py               # 1x, 2x, 4x messages, 5 runs each
    python benchmarks/run.py --runs 3 --scales 1

The workload is made by netaudit's own generator (30,000 connections, 3 % hidden profiles,
500,000 message rows per scale, invitations, endorsements, a 20,000-row interaction log) and
kept in benchmarks/work/ (git-ignored) between runs. Every case runs in a fresh process;
the wall time is the median, the memory the peak resident set of the process (Linux wait4).

The floor is a bare column-projected read of the same files with pyarrow (threaded, pyarrow's
default, and on one thread) and polars (when the bench extra is installed): what any tool must
pay before it knows anything. Ratios are taken against the fastest of them.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
CONNECTIONS = 30_000
MESSAGES = 500_000
LOG_ROWS = 20_000
AS_OF = "2026-11-20"
MESSAGE_COLUMNS = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "FOLDER", "IS MESSAGE DRAFT",
]  # fmt: skip
FLOOR_PYARROW = f"""
import sys, pyarrow as pa, pyarrow.csv as c
folder, threads = sys.argv[1], sys.argv[2] == "threads"
cols = {MESSAGE_COLUMNS!r}
m = c.read_csv(folder + "/messages.csv", read_options=c.ReadOptions(use_threads=threads),
               parse_options=c.ParseOptions(newlines_in_values=True),
               convert_options=c.ConvertOptions(include_columns=cols, column_types={{k: pa.string() for k in cols}}))
n = c.read_csv(folder + "/Connections.csv", read_options=c.ReadOptions(skip_rows=3, use_threads=threads))
g = c.read_csv(folder + "/interactions.csv", read_options=c.ReadOptions(use_threads=threads))
print(m.num_rows + n.num_rows + g.num_rows)
"""
FLOOR_POLARS = f"""
import sys, polars as pl
folder = sys.argv[1]
cols = {MESSAGE_COLUMNS!r}
m = pl.scan_csv(folder + "/messages.csv", infer_schema=False).select(cols).collect()
n = pl.scan_csv(folder + "/Connections.csv", skip_rows=3, infer_schema=False).collect()
g = pl.scan_csv(folder + "/interactions.csv", infer_schema=False).collect()
print(m.height + n.height + g.height)
"""


def workload(scale: int) -> Path:
    folder = WORK / f"x{scale}"
    marker = folder / ".complete"
    wanted = f"{CONNECTIONS} {MESSAGES * scale} {LOG_ROWS}"
    if marker.exists() and marker.read_text() == wanted:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    # in a child process: Linux passes a parent's peak memory on to the children it starts
    code = "import sys; from pathlib import Path; from netaudit.generate import generate; "
    code += f"generate(Path(sys.argv[1]), connections={CONNECTIONS}, messages={MESSAGES * scale}, log_rows={LOG_ROWS})"
    subprocess.run([sys.executable, "-c", code, str(folder)], check=True)
    marker.write_text(wanted)
    size = (folder / "messages.csv").stat().st_size / 2**20
    print(f"generated {folder.name}: messages.csv {size:,.0f} MiB in {time.perf_counter() - started:.0f} s", flush=True)
    return folder


def measure(argv: list[str] | Callable[[], list[str]], runs: int) -> tuple[float, float, float]:
    """Median and best wall seconds, and the largest peak RSS in MiB, over fresh processes.

    Linux starts a child's peak RSS at its parent's (this script's, about 20 MiB), so a figure
    below that is not measurable here."""
    walls, peaks = [], []
    for _ in range(runs):
        command = argv() if callable(argv) else argv
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - started)
        if status != 0:
            raise SystemExit(
                f"failed ({status}): {' '.join(argv)}\n{process.stderr.read().decode() if process.stderr else ''}"
            )
        peaks.append(usage.ru_maxrss / 1024)
        if process.stderr:
            process.stderr.close()
    return statistics.median(walls), min(walls), max(peaks)


def netaudit() -> list[str]:
    script = Path(sys.executable).with_name("netaudit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "netaudit"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="1,2,4", help="message volumes, in multiples of 500,000 rows")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    try:
        import polars  # noqa: F401

        have_polars = True
    except ImportError:
        have_polars = False

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    )
    folders = {s: workload(s) for s in scales}
    cmd = netaudit()
    rows: list[tuple[str, float, float, float]] = []

    def case(name: str, argv: list[str] | Callable[[], list[str]]) -> tuple[float, float, float]:
        result = measure(argv, args.runs)
        rows.append((name, *result))
        print(
            f"  {name:<34} median {result[0]:6.3f} s   best {result[1]:6.3f} s   peak {result[2]:6.0f} MiB", flush=True
        )
        return result

    print(f"\n{args.runs} runs each, fresh processes:")
    case("netaudit --version", [*cmd, "--version"])
    case("netaudit --help", [*cmd, "--help"])
    growth = []
    for scale, folder in folders.items():
        log = str(folder / "interactions.csv")
        common = [str(folder), "-i", log, "--as-of", AS_OF, "-f", "json", "-o", os.devnull]
        floors = [
            case(f"floor pyarrow x{scale}", [sys.executable, "-c", FLOOR_PYARROW, str(folder), "threads"]),
            case(f"floor pyarrow, one thread x{scale}", [sys.executable, "-c", FLOOR_PYARROW, str(folder), "one"]),
        ]
        if have_polars:
            floors.append(case(f"floor polars x{scale}", [sys.executable, "-c", FLOOR_POLARS, str(folder)]))
        floor = min(floors)  # the fastest bare read

        def cold(common: list[str] = common) -> list[str]:  # a new state folder each run: no cache, no history
            return [*cmd, "analyze", *common, "--state-dir", tempfile.mkdtemp(dir=WORK, prefix="cold-")]

        analyze = case(f"netaudit analyze x{scale} (cold)", cold)
        warm_state = ["--state-dir", str(WORK / f"warm-x{scale}")]
        measure([*cmd, "analyze", *common, *warm_state], 1)  # fills the cache
        warm = case(f"netaudit analyze x{scale} (warm cache)", [*cmd, "analyze", *common, *warm_state])
        if scale == 1:
            followups = case(
                "netaudit followups --top 10 x1 (warm)", [*cmd, "followups", *common, *warm_state, "--top", "10"]
            )
            print(
                f"\n  fastest floor:        {floor[0]:.3f} s"
                f"\n  analyze / floor:      {analyze[0] / floor[0]:.2f}x cold, {warm[0] / floor[0]:.2f}x warm   (target <= 1.75x, and <= 0.6 s)"
            )
            print(f"  analyze peak memory:  {analyze[2]:.0f} MiB cold   (target <= 400 MiB)")
            print(f"  followups / analyze:  {followups[0] / warm[0]:.2f}x, both warm   (target <= 1.10x)\n")
        growth.append((scale, analyze, floor))

    for leftover in WORK.glob("cold-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    print("\ngrowth (analyze, cold):")
    print(
        f"  {'messages':>10} {'median s':>9} {'s / 1x':>7} {'peak MiB':>9} {'MiB / 100k msgs':>16} {'fastest floor s':>16}"
    )
    base = growth[0][1][0]
    for scale, analyze, floor in growth:
        per = analyze[2] / (MESSAGES * scale / 100_000)
        print(
            f"  {MESSAGES * scale:>10,} {analyze[0]:>9.3f} {analyze[0] / base:>7.2f} {analyze[2]:>9.0f} {per:>16.1f} {floor[0]:>16.3f}"
        )


if __name__ == "__main__":
    main()
