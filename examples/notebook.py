# %% [markdown]
# # Your network in a notebook
#
# netaudit's Python API runs the same pipeline as `netaudit analyze` and hands you DataFrames.
# This file runs as a script (`python examples/notebook.py`) or cell by cell in Jupyter or VS Code.
# It reads the synthetic example export next to it; point `EXPORT` at your own zip instead.

# %%
from pathlib import Path

import netaudit

HERE = Path(__file__).resolve().parent
EXPORT = HERE / "linkedin-export"  # or "~/Downloads/Basic_LinkedInDataExport_01-31-2026.zip"
LOG = HERE / "interactions.csv"  # calls and coffees you logged yourself

audit = netaudit.analyze(EXPORT, interactions=[LOG], as_of="2026-11-20")
print(audit.report.verdict)

# %% [markdown]
# `pipeline.report` is the model the JSON output is made of: every figure of the report.

# %%
classes = audit.report.relationships
print(f"two-way {classes.two_way}, one-way {classes.one_way_out + classes.one_way_in}, never {classes.never}")

# %% [markdown]
# `pipeline.people`: one row per person, strongest tie first, every field of `analyze --people`.

# %%
people = audit.people
print(people["class"].value_counts().to_string())
print(people.head(10)[["name", "class", "tie_strength", "touch_days", "layer"]].to_string(index=False))

# %% [markdown]
# `pipeline.interactions`: one row per interaction attributed to a person, with its source file.

# %%
interactions = audit.interactions
per_month = interactions.set_index("date").resample("MS").size().tail(6)
print(per_month.to_string())
print(interactions.groupby("channel", observed=True).size().sort_values(ascending=False).to_string())

# %% [markdown]
# Who your closest people are, by how you meet them: in-person channels among your top ties.

# %%
top = people.head(20)[["name", "profile_url"]]
met = interactions.merge(top, left_on=["person", "profile_url"], right_on=["name", "profile_url"])
print(met.groupby(["person", "channel"], observed=True).size().unstack(fill_value=0).to_string())

# %% [markdown]
# `pipeline.followups(top=10)`: the same suggestions as `netaudit followups --top 10`.

# %%
followups = audit.followups(top=10)
print(followups[["rank", "name", "reason", "action"]].to_string(index=False))
