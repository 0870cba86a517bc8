"""issue 19, "see who": every suggestion says where the person works and links to the profile."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from netaudit import pipeline
from netaudit.privacy import redacted
from netaudit.render import Format, Options, render
from tests.helpers import EXAMPLES, audit

EXPORT = EXAMPLES / "linkedin-export"
AS_OF = ("--as-of", "2026-11-20")
LENA = "https://www.linkedin.com/in/lena-pretend-3f8"  # the Lena Pretend who is #1 on the examples


def _top() -> Any:
    result = audit(EXPORT, interactions=[EXAMPLES / "interactions.csv"])
    return pipeline.followups(result, 3, [], False)


def test_each_format_says_where_they_work_and_links_the_profile() -> None:
    report = _top()
    first = report.followups[0]
    assert (first.name, first.company, first.position, first.profile_url) == ("Lena Pretend", "Acme", "Designer", LENA)
    assert (first.wrote_on, first.wrote_via) == (first.last_interaction, "message")
    table = render(report, Format.TABLE, Options(width=100, color=False))
    assert "Designer at Acme" in table and LENA not in table  # plain text: no link, no URL clutter
    coloured = render(report, Format.TABLE, Options(width=100, color=True))
    assert "\x1b]8;id=" in coloured and f";{LENA}\x1b\\" in coloured  # a terminal hyperlink
    markdown = render(report, Format.MARKDOWN, Options())
    assert f"[Lena Pretend](<{LENA}>)<br>Designer at Acme" in markdown
    rows = list(csv.DictReader(io.StringIO(render(report, Format.CSV, Options()))))
    assert rows[0]["company"] == "Acme" and rows[0]["profile_url"] == LENA and rows[0]["wrote_via"] == "message"
    data = json.loads(render(report, Format.JSON, Options()))
    assert data["followups"][0]["position"] == "Designer" and data["followups"][0]["wrote_on"] == "2026-10-27"


def test_the_html_report_links_each_name() -> None:
    result = audit(EXPORT, interactions=[EXAMPLES / "interactions.csv"])
    page = render(result.report, Format.HTML, Options())
    assert f'<a href="{LENA}">Lena Pretend</a><br><span class="muted">Designer at Acme</span>' in page


def test_redaction_leaves_out_where_they_work() -> None:
    report = redacted(_top())
    first = report.followups[0]
    assert (first.company, first.position, first.profile_url, first.preview) == ("", "", "", None)
    assert "Acme" not in render(report, Format.TABLE, Options(width=100, color=True))


def test_a_link_is_only_made_of_a_safe_profile_url() -> None:
    from netaudit.render.text import profile_link

    assert profile_link(LENA) == LENA
    assert profile_link("https://www.linkedin.com/in/a%C3%B8") == "https://www.linkedin.com/in/a%C3%B8"
    for bad in (
        "javascript:alert(1)",
        "https://evil.example/in/x",
        "https://www.linkedin.com/in/a b",
        "https://www.linkedin.com/in/a\x1b]8;;",
    ):
        assert profile_link(bad) == ""


def test_a_preview_of_their_message_only_in_local_unredacted_output(cli: Any) -> None:
    args = ("followups", EXPORT, "-i", EXAMPLES / "interactions.csv", *AS_OF, "-n", "3", "-f", "json")
    local = json.loads(cli(*args, "--preview").stdout)["followups"]
    assert local[0]["preview"].startswith("Thanks for the intro, really appreciated.")
    assert all(len(f["preview"]) <= 100 for f in local)
    assert all(f["preview"] is None for f in json.loads(cli(*args).stdout)["followups"])  # asked for only
    shared = json.loads(cli(*args, "--preview", "--redact").stdout)["followups"]
    assert all(f["preview"] is None and f["company"] == "" for f in shared)


def test_one_line_of_markup() -> None:
    from netaudit.previews import one_line

    assert one_line("<p>Hi&nbsp;there,</p>\n<br>see   you") == "Hi there, see you"  # \s takes the no-break space
    assert one_line("x" * 300) == "x" * 99 + "…"
