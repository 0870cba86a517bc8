"""Big cells, big logs, files without a final newline: correct results in bounded memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from netaudit.generate import PREAMBLE
from netaudit.render import Format, Options, render
from tests.helpers import CONNECTIONS_2023, audit, csv_text, person


def test_a_one_megabyte_cell(tmp_path: Path) -> None:
    huge = "Ada" + "x" * (1 << 20)
    path = tmp_path / "Connections.csv"
    path.write_text(
        PREAMBLE
        + csv_text(CONNECTIONS_2023, [person(huge, "Example", "ada", day="19 Nov 2026"), person("Bo", "Ex", "bo")])
    )
    result = audit(path)
    assert [len(p.name) for p in result.population.people] == [len(huge) + len(" Example"), len("Bo Ex")]
    table = render(result.report, Format.TABLE, Options(width=80))
    assert len(table) < 20_000  # the terminal shows a cut name, not a megabyte
    assert all(len(line) <= 80 for line in table.splitlines())


def test_no_newline_after_the_last_row_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    text = csv_text(CONNECTIONS_2023, [person("Ada", "Ex", "ada"), person("Bo", "Ex", "bo")])
    assert not text.endswith("\n")
    path.write_text(text)
    assert [p.name for p in audit(path).population.people] == ["Ada Ex", "Bo Ex"]


def test_a_million_row_log_in_bounded_memory(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    (folder / "Connections.csv").write_text(
        csv_text(CONNECTIONS_2023, [person(f"P{i}", "Ex", f"p{i}") for i in range(100)])
    )
    log = folder / "log.csv"
    with log.open("w") as handle:
        handle.write("date,name,profile_url,email,channel,direction,note\n")
        line = "2026-0{m}-1{d},P{p} Ex,,,call,,\n"
        for i in range(1_000_000):
            handle.write(line.format(m=1 + i % 9, d=i % 10, p=i % 120))  # P100-P119 are nobody
    code = (
        "import resource, sys, json\n"
        "from pathlib import Path\n"
        "from datetime import date\n"
        "from netaudit.pipeline import Request, run\n"
        "r = run(Request(path=Path(sys.argv[1]), interactions=[Path(sys.argv[2])], as_of=date(2026, 11, 20)))\n"
        "log = [s for s in r.report.sources if s.kind == 'interaction_log'][0]\n"
        "print(json.dumps([log.rows, log.used, r.report.interactions.matched, r.report.interactions.unmatched,"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]))\n"
    )
    env = dict(os.environ)
    done = subprocess.run(
        [sys.executable, "-c", code, folder, log], capture_output=True, text=True, check=True, env=env
    )
    rows, used, matched, unmatched, peak_kib = eval(done.stdout)
    assert (rows, used) == (1_000_000, 1_000_000)
    assert unmatched == sum(1 for i in range(1_000_000) if i % 120 >= 100)  # P100-P119
    assert matched + unmatched == 1_000_000
    assert peak_kib < 700 * 1024, f"peak {peak_kib // 1024} MiB"
