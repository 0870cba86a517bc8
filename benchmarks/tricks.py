"""What each process-wide trick of `netaudit.process` saves: `analyze` at the cap (x1 of
benchmarks/run.py), cold and warm, with every trick and without one, alternately in fresh
processes. Prints wall and CPU seconds (user + system) per case; asserts nothing.

    python benchmarks/tricks.py --runs 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from run import AS_OF, WORK, workload

ENTRY = """
import sys
from netaudit import process
left_out = sys.argv.pop(1)
if left_out == "fast_exit":
    process.FAST_EXIT = False
else:
    process.TRICKS.pop(left_out, None)
from netaudit.cli import main
main()
"""


def once(left_out: str, argv: list[str]) -> tuple[float, float]:
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", ENTRY, left_out, *argv], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed without {left_out}")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="the tricks to leave out, comma-separated (default: each)")
    args = parser.parse_args()
    from netaudit.process import TRICKS

    folder = workload(1)
    common = ["analyze", str(folder), "-i", str(folder / "interactions.csv"), "--as-of", AS_OF, "-f", "json"]
    warm = [*common, "--state-dir", str(WORK / "warm-tricks")]
    once("none", warm)  # fills the cache
    cases = ["none", *(args.only.split(",") if args.only else [*TRICKS, "fast_exit"])]
    for label, argv in (("cold", None), ("warm", warm)):
        times: dict[str, list[tuple[float, float]]] = {case: [] for case in cases}
        for _ in range(args.runs):
            for case in cases:  # alternately, so that the machine's load falls on every case alike
                run = argv or [*common, "--state-dir", tempfile.mkdtemp(dir=WORK, prefix="cold-")]
                times[case].append(once(case, run))
        base = [statistics.median(t[i] for t in times["none"]) for i in (0, 1)]
        print(f"\nanalyze x1 {label}, {args.runs} runs each: median wall / CPU seconds")
        for case in cases:
            wall, cpu = (statistics.median(t[i] for t in times[case]) for i in (0, 1))
            name = "every trick" if case == "none" else f"without {case}"
            print(f"  {name:<34} {wall:6.3f} s  {cpu:6.3f} s   ({wall - base[0]:+.3f} s, {cpu - base[1]:+.3f} CPU-s)")


if __name__ == "__main__":
    main()
