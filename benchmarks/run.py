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
from typing import Any

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
CONNECTIONS = 30_000
MESSAGES = 500_000
LOG_ROWS = 20_000
STRANGERS = 0.3  # of the extra conversations: about a quarter of all of them
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


def workload(scale: int, strangers: float = 0.0) -> Path:
    """The workload at `scale`; with `strangers`, that share of the extra conversations is held
    with people who are not connections (the "strangers" case)."""
    folder = WORK / (f"x{scale}" + ("-strangers" if strangers else ""))
    marker = folder / ".complete"
    wanted = f"{CONNECTIONS} {MESSAGES * scale} {LOG_ROWS}" + (f" {strangers}" if strangers else "")
    if marker.exists() and marker.read_text() == wanted:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    # in a child process: Linux passes a parent's peak memory on to the children it starts
    code = "import sys; from pathlib import Path; from netaudit.generate import generate; "
    code += f"generate(Path(sys.argv[1]), connections={CONNECTIONS}, messages={MESSAGES * scale}, log_rows={LOG_ROWS}"
    code += f", strangers={strangers})" if strangers else ")"
    subprocess.run([sys.executable, "-c", code, str(folder)], check=True)
    marker.write_text(wanted)
    size = (folder / "messages.csv").stat().st_size / 2**20
    print(f"generated {folder.name}: messages.csv {size:,.0f} MiB in {time.perf_counter() - started:.0f} s", flush=True)
    return folder


def measure(
    argv: list[str] | Callable[[], list[str]], runs: int, expect: int = 0, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Median and best wall seconds, and the largest peak RSS in MiB, over fresh processes.

    Linux starts a child's peak RSS at its parent's (this script's, about 20 MiB), so a figure
    below that is not measurable here."""
    walls, peaks = [], []
    for _ in range(runs):
        command = argv() if callable(argv) else argv
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
        )
        _, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - started)
        if os.waitstatus_to_exitcode(status) != expect:
            raise SystemExit(
                f"failed ({status}): {' '.join(argv)}\n{process.stderr.read().decode() if process.stderr else ''}"
            )
        peaks.append(usage.ru_maxrss / 1024)
        if process.stderr:
            process.stderr.close()
    return statistics.median(walls), min(walls), max(peaks)


def netaudit(given: str | None = None) -> list[str]:
    if given:  # another installed netaudit (an older tree), measured on the same workload
        return [given]
    script = Path(sys.executable).with_name("netaudit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "netaudit"]


def shared_name(folder: Path) -> str:
    """The name most connections share (the slow case of commands that resolve one name)."""
    import csv
    from collections import Counter

    with (folder / "Connections.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[4:]
    counted = Counter(f"{r[0].strip()} {r[1].strip()}" for r in rows if r and r[0].strip())
    return min(counted.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def strangers_case(
    case: Callable[..., tuple[float, float, float]], cmd: list[str], floors: Callable[..., float]
) -> None:
    """The benchmark workload with a quarter of the conversations held with non-connections
    (unmatched names, each with a "did you mean"), and the commands that resolve one name."""
    folder = workload(1, STRANGERS)
    common = [str(folder), "-i", str(folder / "interactions.csv"), "--as-of", AS_OF, "-f", "json"]
    floor = floors(folder, "strangers")

    def cold() -> list[str]:
        return [*cmd, "analyze", *common, "--state-dir", tempfile.mkdtemp(dir=WORK, prefix="cold-")]

    analyze = case("netaudit analyze strangers (cold)", cold)
    state = WORK / "warm-strangers"
    shutil.rmtree(state, ignore_errors=True)
    measure([*cmd, "analyze", *common, "--state-dir", str(state)], 1)  # fills the cache
    warm = case("netaudit analyze strangers (warm)", [*cmd, "analyze", *common, "--state-dir", str(state)])
    name = shared_name(folder)
    snooze = [*cmd, "followups", str(folder), "--as-of", AS_OF, "--state-dir", str(state), "--snooze"]
    config = WORK / "strangers.toml"
    config.write_text(f'export = "{folder}"\n')
    log = [*cmd, "log", "--config", str(config), "--file", str(WORK / "strangers-log.csv"), "-c", "call"]
    env = {"NETAUDIT_HOME": str(state)}
    ambiguous = case(f"followups --snooze '{name}' (shared)", [*snooze, name], expect=2)
    close = case(f"followups --snooze '{name[:-1]}' (close)", [*snooze, name[:-1]], expect=2)
    logged = case(f"log '{name}' (shared)", [*log, name], expect=2, env=env)
    print(
        f"\n  strangers: fastest floor {floor:.3f} s; analyze / floor: {warm[0] / floor:.2f}x warm (target <= 1.3x), "
        f"{analyze[0] / floor:.2f}x cold (target <= 2.0x); peak {analyze[2]:.0f} MiB (target <= 400 MiB)"
        f"\n  a shared name at {CONNECTIONS:,}: --snooze {ambiguous[0]:.2f} s, close name {close[0]:.2f} s, "
        f"log {logged[0]:.2f} s   (target < 1 s)\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="1,2,4", help="message volumes, in multiples of 500,000 rows")
    parser.add_argument("--netaudit", help="the netaudit executable to measure (default: this environment's)")
    parser.add_argument("--only-strangers", action="store_true", help="only --version and the strangers case")
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
    folders = {} if args.only_strangers else {s: workload(s) for s in scales}
    cmd = netaudit(args.netaudit)
    rows: list[tuple[str, float, float, float]] = []

    def case(name: str, argv: list[str] | Callable[[], list[str]], **kw: Any) -> tuple[float, float, float]:
        result = measure(argv, args.runs, **kw)
        rows.append((name, *result))
        print(
            f"  {name:<34} median {result[0]:6.3f} s   best {result[1]:6.3f} s   peak {result[2]:6.0f} MiB", flush=True
        )
        return result

    print(f"\n{args.runs} runs each, fresh processes:")
    case("netaudit --version", [*cmd, "--version"])
    case("netaudit --help", [*cmd, "--help"])

    def floors(folder: Path, label: str) -> float:
        """The fastest bare read of the same files (median seconds)."""
        found = [
            case(f"floor pyarrow {label}", [sys.executable, "-c", FLOOR_PYARROW, str(folder), "threads"]),
            case(f"floor pyarrow, one thread {label}", [sys.executable, "-c", FLOOR_PYARROW, str(folder), "one"]),
        ]
        if have_polars:
            found.append(case(f"floor polars {label}", [sys.executable, "-c", FLOOR_POLARS, str(folder)]))
        return min(found)[0]

    strangers_case(case, cmd, floors)
    growth = []
    for scale, folder in folders.items():
        log = str(folder / "interactions.csv")
        common = [str(folder), "-i", log, "--as-of", AS_OF, "-f", "json"]
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
    if not growth:
        return
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
