""" "Did you mean" over LinkedIn's cap of 30,000 connection names: difflib alone against
`identity.closest_key` (rapidfuzz preselects, difflib ranks). Prints numbers; asserts only that
both give the same suggestions.

    python benchmarks/did_you_mean.py

The generator's 30,000 connections share about 1,900 names; real networks have mostly distinct
names, so the names here are made distinct with a middle initial (`Ada K. Example`). A report
suggests a name for each of its ten most frequent unmatched names.
"""

from __future__ import annotations

import difflib
import random
import time

from netaudit.generate import FIRST, LAST
from netaudit.identity import closest_key, name_key

rng = random.Random(14)
names = sorted({f"{rng.choice(FIRST)} {chr(65 + rng.randrange(26))}. {rng.choice(LAST)}" for _ in range(100_000)})[
    :30_000
]
keys = [name_key(n) for n in names]
unmatched = [n.replace(" ", "", 1) + rng.choice(["sen", "ova", "ez", ""]) for n in rng.sample(names, 10)]

started = time.perf_counter()
before = [(difflib.get_close_matches(name_key(u), keys, n=1, cutoff=0.75) or [None])[0] for u in unmatched]
slow = time.perf_counter() - started
started = time.perf_counter()
after = [closest_key(u, keys) for u in unmatched]
fast = time.perf_counter() - started
assert before == after, (before, after)
print(f"{len(keys):,} distinct names, {len(unmatched)} unmatched: difflib {slow:.3f} s, closest_key {fast:.3f} s")
