"""Any bytes in, no traceback out: every reader ends in a report or in one `error:` line.

A fixed-seed fuzz budget (derandomised, a few hundred examples in all) keeps CI well under a minute.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netaudit.errors import NetauditError
from netaudit.generate import CONNECTIONS_HEADER, MESSAGES_HEADER, PREAMBLE
from netaudit.pipeline import Request, followups, run
from netaudit.render import FORMATS, Kind, Options, render
from tests.helpers import AS_OF

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADERS = {
    "Connections.csv": CONNECTIONS_HEADER,
    "messages.csv": MESSAGES_HEADER,
    "Invitations.csv": ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
    "Endorsement_Received_Info.csv": ["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
                                      "Endorser Public Url", "Endorsement Status"],
    "Recommendations_Given.csv": ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"],
    "log.csv": ["date", "name", "profile_url", "email", "channel", "direction", "note"],
}  # fmt: skip
#: Cells that look like the real thing, and cells that are anything at all.
CELL = st.one_of(
    st.sampled_from(["", "08 Feb 2026", "2026-11-01 10:00:00 UTC", "1/29/26, 2:37 PM", "INBOX", "SPAM", "OUTGOING",
                     "INCOMING", "coffee", "out", "https://www.linkedin.com/in/ada", "Ada", "Yes", "LinkedIn Member",
                     "2-abc", "2026-11-01", "Sponsored Conversation", "\ufeff", "%FIRSTNAME%"]),
    st.text(max_size=12),
)  # fmt: skip
ROWS = st.lists(st.lists(CELL, min_size=0, max_size=9), max_size=12)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8", "surrogatepass")


def outcome(path: Path, interactions: list[Path] | None = None) -> str:
    """Run everything a user can run on these inputs: a report in every format, or a NetauditError."""
    try:
        result = run(Request(path=path, interactions=interactions or [], as_of=AS_OF), people=True)
    except NetauditError as exc:
        assert exc.message and exc.hint is not None
        return "error"
    for fmt in FORMATS[Kind.ANALYSIS]:
        render(result.report, fmt, Options(width=80))
    for fmt in FORMATS[Kind.FOLLOWUPS]:
        render(followups(result, None, [], True), fmt, Options(width=80))
    for source in result.report.sources:
        assert source.used + source.ignored + source.skipped == source.rows
    return "report"


def test_any_bytes_as_connections(tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    seen: set[str] = set()

    @FUZZ
    @given(data=st.binary(max_size=400))
    def one(data: bytes) -> None:
        path = tmp_path_factory.mktemp("bytes") / "Connections.csv"
        path.write_bytes(data)
        seen.add(outcome(path))

    one()
    assert "error" in seen  # bytes are rarely a table of connections; every one that is not says why


def test_csv_from_the_real_headers(tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    seen: set[str] = set()

    @FUZZ
    @given(name=st.sampled_from(sorted(HEADERS)), rows=ROWS, preamble=st.booleans(), bom=st.booleans())
    def one(name: str, rows: list[list[str]], preamble: bool, bom: bool) -> None:
        folder = tmp_path_factory.mktemp("export")
        people = _csv(
            CONNECTIONS_HEADER, [["Ada", "Example", "https://www.linkedin.com/in/ada", "", "", "", "08 Feb 2026"]]
        )
        (folder / "Connections.csv").write_bytes(PREAMBLE.encode() + people)
        data = (b"\xef\xbb\xbf" if bom else b"") + (PREAMBLE.encode() if preamble else b"") + _csv(HEADERS[name], rows)
        target = folder / name
        target.write_bytes(data)
        seen.add(outcome(folder, [target] if name == "log.csv" else []))

    one()
    assert "report" in seen  # rows under the real headers mostly read (or are skipped): a report


def test_any_bytes_as_an_interaction_log(tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    seen: set[str] = set()

    @FUZZ
    @given(data=st.binary(max_size=300), jsonl=st.booleans())
    def one(data: bytes, jsonl: bool) -> None:
        folder = tmp_path_factory.mktemp("log")
        (folder / "Connections.csv").write_text(
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Ex,,,,,08 Feb 2026"
        )
        log = folder / ("log.jsonl" if jsonl else "log.csv")
        log.write_bytes((b'{"date": "2026-01-01", "name": "Ada Ex", "channel": "call"}\n' if jsonl else b"") + data)
        seen.add(outcome(folder / "Connections.csv", [log]))

    one()
    assert seen == {"report", "error"}  # a log of any bytes is read (its bad rows skipped) or refused


@FUZZ
@given(data=st.binary(min_size=1, max_size=300))
def test_any_bytes_as_a_zip(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("zip") / "export.zip"
    path.write_bytes(b"PK\x03\x04" + data)
    assert outcome(path) == "error"
