"""How fast could the cold run be on polars? A sketch of netaudit's core steps, for that decision.

Not netaudit: no row ledger, no names or e-mails, no favours or logs, no model, no report. It does
what a cold `analyze` cannot skip: Connections.csv's profile keys, messages.csv's parse, recipients,
the spam/draft/sponsored/broadcast filters, the owner, one evidence row per message and
counterpart (the same count as netaudit's), and a per-person aggregate; string work is done per
distinct value, as netaudit does it. Run after `benchmarks/run.py` has made the workload:

    pip install ".[bench]" && /usr/bin/time python benchmarks/polars_sketch.py benchmarks/work/x1

On 2026-11-26 (the README's machine): 0.99-1.28 s wall and 710-745 MiB over 5 runs, against netaudit's
0.89 s and 280 MiB on the same files.
"""

from __future__ import annotations

import json
import sys
import time

T0 = time.perf_counter()
import polars as pl  # noqa: E402
import pydantic  # noqa: E402, F401  (netaudit's command line imports both)
import typer  # noqa: E402, F401

MESSAGES = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "FOLDER",
    "IS MESSAGE DRAFT",
]


def keyed(values: pl.Series) -> pl.DataFrame:
    """Each distinct URL and its profile key (`linkedin.com/in/<slug>`; no percent-decoding)."""
    slug = pl.col("raw").str.strip_chars().str.to_lowercase().str.extract(r"linkedin\.com/in/([^/?#]+)", 1)
    return values.unique().to_frame("raw").with_columns(pl.concat_str([pl.lit("linkedin.com/in/"), slug]).alias("k"))


def lower(column: str) -> pl.Expr:
    return pl.col(column).fill_null("").str.to_lowercase()


def main(folder: str) -> None:
    times = {"imports": time.perf_counter() - T0}
    start = time.perf_counter()
    people = pl.read_csv(f"{folder}/Connections.csv", skip_rows=3, infer_schema=False, columns=["URL"])
    people = people.with_row_index("person").join(keyed(people["URL"]), left_on="URL", right_on="raw", how="left")
    times["connections"] = time.perf_counter() - start

    start = time.perf_counter()
    m = pl.read_csv(f"{folder}/messages.csv", infer_schema=False, columns=MESSAGES)
    times["parse"] = time.perf_counter() - start

    start = time.perf_counter()
    m = m.with_row_index("row").with_columns(
        pl.col("DATE").str.slice(0, 10).str.to_date(strict=False).alias("day"),
        pl.col("CONVERSATION ID").cast(pl.Categorical).to_physical().alias("conv"),
    )
    m = m.join(keyed(m["SENDER PROFILE URL"]).rename({"k": "sender"}), left_on="SENDER PROFILE URL", right_on="raw")
    lists = (
        m["RECIPIENT PROFILE URLS"]
        .unique()
        .to_frame("list")
        .with_columns(pl.col("list").str.split(",").alias("raw"))
        .explode("raw")
    )
    lists = lists.join(keyed(lists["raw"]), on="raw", how="left").select("list", pl.col("k").alias("recipient"))
    pairs = m.select("row", "conv", pl.col("RECIPIENT PROFILE URLS").alias("list")).join(lists, on="list")
    taking_part = pl.concat(
        [m.select("conv", pl.col("sender").alias("p")), pairs.select("conv", pl.col("recipient").alias("p"))]
    ).unique()
    owner = taking_part.group_by("p").len("n").sort("n", descending=True).row(0)[0]
    m = m.join(taking_part.group_by("conv").len("n"), on="conv").with_columns(
        (
            (lower("FOLDER") == "spam")
            | (lower("IS MESSAGE DRAFT") == "yes")
            | (lower("CONVERSATION TITLE") == "sponsored conversation")
            | (lower("FROM") == "linkedin member")
            | (pl.col("n") > 10)
        ).alias("ignored")
    )
    kept = m.filter(~pl.col("ignored"))
    incoming = kept.filter(pl.col("sender") != owner).select(pl.col("sender").alias("k"), "day", pl.lit(0).alias("dir"))
    sent = kept.filter(pl.col("sender") == owner).select("row", "day")
    outgoing = (
        pairs.join(sent, on="row")
        .filter(pl.col("recipient") != owner)
        .select(pl.col("recipient").alias("k"), "day", pl.lit(1).alias("dir"))
    )
    evidence = pl.concat([incoming, outgoing])
    times["evidence"] = time.perf_counter() - start

    start = time.perf_counter()
    per_person = (
        evidence.join(people.select("k", "person"), on="k")
        .group_by("person")
        .agg(
            pl.col("day").max().alias("last"),
            (pl.col("dir") == 0).sum().alias("in"),
            (pl.col("dir") == 1).sum().alias("out"),
            pl.col("day").n_unique().alias("days"),
        )
    )
    times["aggregate"] = time.perf_counter() - start
    times["total"] = time.perf_counter() - T0
    counts = {"people": people.height, "engaged": per_person.height, "evidence": evidence.height, "owner": owner}
    print(json.dumps(counts))
    print("  ".join(f"{k} {v:.3f} s" for k, v in times.items()))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/work/x1")
