"""Deterministic synthetic LinkedIn exports with every quirk of the real files; no real people.

Used by the tests, the bundled example, the benchmarks and `netaudit demo`.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import io
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections "
    "to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
CONNECTIONS_HEADER = [
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
]
MESSAGES_HEADER = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "ATTACHMENTS",
    "IS MESSAGE DRAFT",
]
FIRST = [
    "Ada",
    "Bo",
    "Chidi",
    "Dana",
    "Elif",
    "Farah",
    "Gus",
    "Hana",
    "Ivan",
    "Jun",
    "Kofi",
    "Lena",
    "Mateo",
    "Nia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Vera",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zoë",
    "José",
    "Søren",
    "Łukasz",
    "Ngọc",
    "Aiko",
    "Björn",
    "Émile",
    "Αλέξης",
    "Анна",
    "美咲",
    "محمد",
    "Sam 🚀",
    "Kai",
    "Leilani",
]
LAST = [
    "Example",
    "Sample",
    "Placeholder",
    "Testington",
    "Fictional",
    "Madeup",
    "Synthetic",
    "Demo",
    "Mock",
    "Stand-in",
    "Notreal",
    "Invented",
    "Fakerson",
    "Imaginary",
    "Pretend",
    "Dummy",
    "Nguyễn",
    "Müller",
    "O'Neil",
    "García-Prueba",
    "Sample, PhD",
    "Øster",
    "van Demo",
    "Χ. Δοκιμή",
    "Тестова",
    "田中",
    "Exemplo",
    "Ficticio ✨",
    "Tester",
    "Probe",
    "Specimen",
    "Trial",
    "Draftwood",
    "Mockridge",
    "Samplewell",
    "Fauxman",
    "Protoš",
    "Ersatz",
    "Simulé",
    "Kagami-Test",
    "Modelo",
    "Prøve",
    "Esempio",
    "Beispiel",
    "Voorbeeld",
    "Przykład",
    "Örnek",
]
COMPANIES = [
    "Example Corp, Inc.",
    "Acme",
    "Globex Sample",
    "Initech Demo",
    "Umbrella Fictional",
    "Hooli Test",
    'Vandelay "Imports"',
    "Stark Placeholder",
    "Wayne Mock",
    "Nordic Fake AB",
    "Soylent Sample",
    "",
    "Tyrell Demo",
]
POSITIONS = [
    "Staff Engineer",
    "Director, Research",
    "Product Manager",
    "Recruiter",
    "Founder & CEO",
    "Data Scientist",
    "Designer",
    "Sales Lead",
    "",
    "VP Engineering",
    "Consultant",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
#: Connections.csv re-saved on a German system (seen in the wild): one row shows it.
MONATE = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]
#: Conversations with LinkedIn's assistants, beside messages.csv since 2023 (same header, or none).
ASSISTANT_FILES = [
    "guide_messages.csv",
    "coach_messages.csv",
    "learning_coach_messages.csv",
    "learning_role_play_messages.csv",
    "LearningCoachMessages.csv",
]
LINES = [
    "Great to see you last week!",
    "Thanks for the intro, really appreciated.",
    "Are you free for a coffee next Tuesday?",
    "Congrats on the new role!",
    "Here is the deck we talked about, let me know what you think.",
    "Quick question about your team's hiring, if you have a minute.",
    "Happy to help, send it over.",
    "Long time no see, how are things?",
    'She said "ship it", so we did.',
    "Sure - Thursday at 10 works.",
]
#: Archetypes: share of identifiable people, and what their history looks like.
ARCHETYPES = [
    ("close", 0.015),
    ("friend", 0.05),
    ("fading", 0.03),
    ("dormant", 0.10),
    ("one_way_out", 0.03),
    ("one_way_in", 0.04),
    ("new", 0.02),
    ("never", 0.0),
]
DEFAULT_AS_OF = date(2026, 11, 20)
OWNER = ("Robin", "Owner-Example", "https://www.linkedin.com/in/robin-owner-example")


@dataclass
class Fake:
    first: str
    last: str
    url: str
    email: str
    company: str
    position: str
    connected: date
    kind: str = "never"
    hidden: bool = False

    @property
    def name(self) -> str:
        return f"{self.first.strip()} {self.last.strip()}"


@dataclass
class _Writer:
    """Writes messages as they are made (a conversation's rows stay together, newest first),
    so a large export never sits in memory."""

    rng: random.Random
    as_of: date
    out: Any  # csv writer of messages.csv
    messages: int = 0
    log: list[list[str]] = field(default_factory=list)

    def day(self, newest: int, oldest: int) -> date:
        return self.as_of - timedelta(days=self.rng.randint(newest, oldest))

    def stamp(self, day: date) -> str:
        r = self.rng
        return f"{day.isoformat()} {r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d} UTC"

    def content(self) -> str:
        text = " ".join(self.rng.choice(LINES) for _ in range(self.rng.randint(1, 10)))
        if self.rng.random() < 0.03:
            text += '\nSecond line, with a comma, and "quotes".'
        return text

    def conversation(self, people: list[Fake], days: list[tuple[date, bool]], **kw: str) -> None:
        """Messages in one conversation; each day says whether the owner wrote."""
        conv = "2-" + base64.b64encode(self.rng.randbytes(42)).decode()
        title = kw.get("title", "")
        for day, mine in sorted(days, reverse=True):
            if mine:
                sender, url = f"{OWNER[0]} {OWNER[1]}", OWNER[2]
                to, urls = ", ".join(p.name for p in people), ",".join(p.url for p in people)
            else:
                who = self.rng.choice(people)
                sender, url = who.name, who.url
                others = [p for p in people if p is not who]
                to = ", ".join([f"{OWNER[0]} {OWNER[1]}"] + [p.name for p in others])
                urls = ",".join([OWNER[2]] + [p.url for p in others])
            folder, draft = kw.get("folder", "INBOX"), "No"
            if kw.get("draft"):
                folder, draft = "", "Yes"
            self.messages += 1
            self.out.writerow(
                [
                    conv,
                    title,
                    sender,
                    url,
                    to,
                    urls,
                    self.stamp(day),
                    kw.get("subject", ""),
                    kw.get("content") or self.content(),
                    folder,
                    "",
                    draft,
                ]
            )


def _people(rng: random.Random, n: int, as_of: date) -> list[Fake]:
    people = []
    kinds, weights = zip(*ARCHETYPES, strict=True)
    rest = 1 - sum(weights)
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if rng.random() < 0.02:
            first = f" {first}"  # stray spaces are real
        slug = f"{first.strip().lower()}-{last.lower()}-{i:x}".replace(" ", "-").replace(",", "")
        slug = quote(slug, safe="-")  # LinkedIn percent-encodes non-ASCII slugs
        years = rng.random() ** 0.6 * 14  # more connections in recent years
        connected = as_of - timedelta(days=int(years * 365) + rng.randint(0, 20))
        fake = Fake(
            first,
            last,
            f"https://www.linkedin.com/in/{slug}",
            f"{slug[:12]}@example.org" if rng.random() < 0.03 else "",
            rng.choice(COMPANIES),
            rng.choice(POSITIONS),
            connected,
        )
        fake.hidden = rng.random() < 0.03
        fake.kind = rng.choices([*kinds, "never"], weights=[*weights, rest])[0]
        if fake.kind == "new":
            fake.connected = as_of - timedelta(days=rng.randint(1, 80))
        people.append(fake)
    if n >= 50:  # one person twice: real exports do this
        twin = people[n // 2]
        people.append(Fake(twin.first, twin.last, twin.url, "", twin.company, twin.position, twin.connected))
    people.sort(key=lambda p: p.connected, reverse=True)
    return people


def _strangers(seed: int, n: int, as_of: date) -> list[Fake]:
    """People who are not connections: names like theirs, other profile URLs."""
    rng = random.Random(seed + 1)  # the connections' own draws stay as they were
    endings = ["sen", "ova", "ez", "ini", "berg"]
    out = []
    for p in _people(rng, n, as_of):
        if not p.hidden:
            p.last += rng.choice(endings)
            p.url += "-x"
            out.append(p)
    return out


def _history(w: _Writer, p: Fake) -> None:
    r = w.rng
    if p.kind == "close":
        w.conversation([p], [(w.day(0, 360), r.random() < 0.5) for _ in range(r.randint(20, 60))])
        for _ in range(r.randint(4, 30)):
            w.log.append(
                [
                    w.day(0, 360).isoformat(),
                    p.name,
                    p.url,
                    "",
                    r.choice(["coffee", "call", "meal", "video"]),
                    "",
                    "",
                ]
            )
    elif p.kind == "friend":
        w.conversation([p], [(w.day(0, 300), i % 2 == 0) for i in range(r.randint(2, 8))])
        if r.random() < 0.4:
            w.log.append([w.day(0, 300).isoformat(), p.name, "", "", "meeting", "", "project sync"])
    elif p.kind == "fading":
        w.conversation([p], [(w.day(120, 350), i % 2 == 0) for i in range(r.randint(2, 5))])
    elif p.kind == "dormant":
        w.conversation([p], [(w.day(400, 2500), i % 2 == 0) for i in range(r.randint(1, 6))])
    elif p.kind == "one_way_out":
        w.conversation([p], [(w.day(10, 300), True) for _ in range(r.randint(1, 4))])
    elif p.kind == "one_way_in":
        w.conversation(
            [p], [(w.day(3, 300), False) for _ in range(r.randint(1, 2))], subject=r.choice(["", "Opportunity at Acme"])
        )


def generate(
    folder: Path,
    connections: int = 1500,
    messages: int | None = None,
    log_rows: int | None = None,
    seed: int = 7,
    as_of: date = DEFAULT_AS_OF,
    log_path: Path | None = None,
    strangers: float = 0.0,
    mail_path: Path | None = None,
) -> Path:
    """Write a LinkedIn-style export to `folder`, and an interaction log to `log_path`
    (default: `interactions.csv` inside the folder). `strangers`: the share of the extra
    conversations (those `messages` asks for) held with people who are not connections, with
    names close to the connections' (`Probe` -> `Probesen`), as real inboxes have. `mail_path`:
    where to write a small mailbox with the connections who have an e-mail address."""
    rng = random.Random(seed)
    people = _people(rng, connections, as_of)
    visible = [p for p in people if not p.hidden]
    others = _strangers(seed, connections, as_of) if strangers else []
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "messages.csv").open("w", encoding="utf-8", newline="") as handle:
        w = _Writer(rng, as_of, csv.writer(handle, lineterminator="\n"))
        w.out.writerow(MESSAGES_HEADER)
        for p in visible:
            _history(w, p)
        _special_conversations(w, visible)
        while messages is not None and w.messages < messages and visible:
            p = rng.choice(others if others and rng.random() < strangers else visible)
            start = rng.randint(0, 3650)
            w.conversation([p], [(w.day(start, start + 30), rng.random() < 0.5) for _ in range(rng.randint(2, 30))])
    _drop_last_newline(folder / "messages.csv")
    while log_rows is not None and len(w.log) < log_rows and visible:
        p = rng.choice(visible)
        w.log.append(
            [
                w.day(0, 2000).isoformat(),
                p.name,
                p.url,
                "",
                rng.choice(["call", "coffee", "email"]),
                "out",
                "",
            ]
        )
    german = next((p for p in visible if p.connected.month in (3, 5, 10, 12)), None)
    _write(
        folder / "Connections.csv",
        CONNECTIONS_HEADER,
        [_connection_row(p, MONATE if p is german else MONTHS) for p in people],
        PREAMBLE,
    )
    _favours(folder, rng, visible, as_of)
    if mail_path is not None:
        from netaudit.generate_mail import write_mail

        write_mail(mail_path, visible, as_of, seed)
    _assistants(folder, as_of)
    _write(
        folder / "Profile.csv",
        ["First Name", "Last Name", "Maiden Name", "Headline"],
        [[OWNER[0], OWNER[1], "", "Building things"]],
    )
    _write(
        log_path or folder / "interactions.csv",
        ["date", "name", "profile_url", "email", "channel", "direction", "note"],
        sorted(w.log),
    )
    return folder


STAGE_PREFIX = ".netaudit-generate-"


def write_export(folder: Path, log_path: Path | None = None, mail_path: Path | None = None, **options: Any) -> Path:
    """`generate` for the command line: all or nothing. The export is written into a hidden
    folder beside `folder` and renamed into place once complete, and the log likewise, so an
    unusable path (a file in the way, no permission, a read-only or full disk) fails before
    anything appears, and leaves nothing behind."""
    import shutil
    import tempfile

    made = _missing_parents(folder)
    staged: list[Path] = []
    done = False
    try:
        for parent in reversed(made):
            parent.mkdir()
        stage = Path(tempfile.mkdtemp(dir=folder.parent, prefix=STAGE_PREFIX))
        staged.append(stage)
        log_stage = None
        if log_path is not None:
            log_stage = Path(tempfile.mkdtemp(dir=log_path.parent, prefix=STAGE_PREFIX))
            staged.append(log_stage)
        mail_stage = None
        if mail_path is not None:
            mail_stage = Path(tempfile.mkdtemp(dir=mail_path.parent, prefix=STAGE_PREFIX))
            staged.append(mail_stage)
        generate(
            stage,
            log_path=log_stage / "interactions.csv" if log_stage else None,
            mail_path=mail_stage / "mail.mbox" if mail_stage else None,
            **options,
        )
        if folder.exists():
            folder.rmdir()  # an empty folder (the caller checked), replaced by the export
        stage.rename(folder)
        staged.remove(stage)
        if log_stage is not None and log_path is not None:
            (log_stage / "interactions.csv").rename(log_path)
        if mail_stage is not None and mail_path is not None:
            (mail_stage / "mail.mbox").rename(mail_path)
        done = True
        return folder
    finally:
        for leftover in staged:
            shutil.rmtree(leftover, ignore_errors=True)
        for parent in made if not done else ():
            with contextlib.suppress(OSError):
                parent.rmdir()


def _missing_parents(folder: Path) -> list[Path]:
    """The folders above `folder` that do not exist yet, nearest first."""
    missing = []
    parent = folder.absolute().parent
    while not parent.exists() and parent != parent.parent:
        missing.append(parent)
        parent = parent.parent
    return missing


def _drop_last_newline(path: Path) -> None:
    """LinkedIn writes no newline after the last row."""
    with path.open("rb+") as handle:
        handle.seek(-1, 2)
        if handle.read(1) == b"\n":
            handle.seek(-1, 2)
            handle.truncate()


def _connection_row(p: Fake, months: list[str]) -> list[str]:
    when = f"{p.connected.day:02d} {months[p.connected.month - 1]} {p.connected.year}"
    if p.hidden:
        return ["", "", "", "", "", "", when]
    return [p.first, p.last, p.url, p.email, p.company, p.position, when]


def _special_conversations(w: _Writer, visible: list[Fake]) -> None:
    """Group chats, a broadcast, spam, sponsored InMail, drafts and strangers."""
    r = w.rng
    if len(visible) < 15:
        return
    for _ in range(max(1, len(visible) // 300)):
        group = r.sample(visible, r.randint(3, 5))
        w.conversation(
            group,
            [(w.day(5, 200), r.random() < 0.3) for _ in range(r.randint(3, 10))],
            title="Project chat",
        )
    w.conversation(r.sample(visible, 14), [(w.day(30, 60), True)], title="Announcement")
    stranger = Fake(
        "Unknown",
        "Recruiter-Sample",
        "https://www.linkedin.com/in/stranger-sample",
        "",
        "",
        "",
        w.as_of,
    )
    for _ in range(max(2, len(visible) // 200)):
        w.conversation([stranger], [(w.day(1, 200), False)], subject="Exciting opportunity")
        w.conversation([r.choice(visible)], [(w.day(1, 200), False)], folder="SPAM")
        w.conversation([r.choice(visible)], [(w.day(1, 30), True)], draft="yes")
    _nine_column_era(w, visible)
    sponsor = Fake("LinkedIn", "Member", "", "", "", "", w.as_of)
    for _ in range(max(2, len(visible) // 250)):
        w.conversation(
            [sponsor],
            [(w.day(1, 300), False)],
            title="Sponsored Conversation",
            content="<p>Hi %FIRSTNAME%, grow your career with us!</p>",
        )


def _nine_column_era(w: _Writer, visible: list[Fake]) -> None:
    """A group chat of 2022, before LinkedIn wrote recipient URLs: TO lists the names joined by
    `, `, and one of the names holds a comma itself (`Sample, PhD`)."""
    seen = Counter(p.name for p in visible)
    unique = [p for p in visible if seen[p.name] == 1]
    comma = [p for p in unique if "," in p.name][:1]
    others = [p for p in unique if "," not in p.name]
    if len(others) < 3:
        return
    group = comma + others[: 3 - len(comma)]  # no draw from the generator: the rest stays as it was
    conv = "2-" + base64.b64encode(b"offsite-2022".ljust(42, b"=")).decode()
    me, title = f"{OWNER[0]} {OWNER[1]}", "Offsite 2022"
    to_all = ", ".join(p.name for p in group)
    to_owner = ", ".join([me, *(p.name for p in group[1:])])
    for row in (
        [conv, title, me, OWNER[2], to_all, "", "2022-03-15 08:30:12 UTC", "", "Count me in!", "INBOX", "", "No"],
        [conv, title, group[0].name, group[0].url, to_owner, "", "2022-03-14 17:05:40 UTC", "", "Who is in?", "INBOX"],
    ):
        w.out.writerow(row + ["", "No"][: 12 - len(row)])
    w.messages += 2


def _assistants(folder: Path, as_of: date) -> None:
    """The files of LinkedIn's assistants: conversations with no person in them."""
    me, day = f"{OWNER[0]} {OWNER[1]}", f"{as_of.isoformat()} 09:00:00 UTC"
    coach = [["2-coach", "", me, OWNER[2], "LinkedIn Coach", "", day, "", "How do I grow my network?", "", "", "No"]]
    for name in ASSISTANT_FILES:
        if name == "LearningCoachMessages.csv":
            (folder / name).write_text("No conversations found", encoding="utf-8")
        else:
            _write(folder / name, MESSAGES_HEADER, coach if name.startswith("coach") else [])


def _favours(folder: Path, rng: random.Random, visible: list[Fake], as_of: date) -> None:
    active = [p for p in visible if p.kind in ("close", "friend", "fading", "dormant")] or visible

    def stamp(days: int) -> date:
        return as_of - timedelta(days=rng.randint(1, days))

    inv = []
    for p in rng.sample(visible, min(len(visible), max(3, len(visible) // 40))):
        d, out = stamp(250), rng.random() < 0.4
        clock = f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d} {rng.choice(['AM', 'PM'])}"
        sent = f"{d.month}/{d.day}/{d.year % 100:02d}, {clock}"
        note = rng.choice(["", "", "Hi! We met at the meetup, would love to stay in touch."])
        me, them = (f"{OWNER[0]} {OWNER[1]}", OWNER[2]), (p.name, p.url)
        src, dst = (me, them) if out else (them, me)
        inv.append([src[0], dst[0], sent, note, "OUTGOING" if out else "INCOMING", src[1], dst[1]])
    _write(
        folder / "Invitations.csv",
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
        inv,
    )
    for name, role in (
        ("Endorsement_Received_Info.csv", "Endorser"),
        ("Endorsement_Given_Info.csv", "Endorsee"),
    ):
        rows = []
        for p in rng.sample(active, min(len(active), max(2, len(active) // 5))):
            d = stamp(900)
            rows.append(
                [
                    f"{d.year}/{d.month:02d}/{d.day:02d} 10:00:00 UTC",
                    rng.choice(["Python", "Leadership", "SQL"]),
                    p.first,
                    p.last,
                    p.url.removeprefix("https://"),
                    "ACCEPTED",
                ]
            )
        _write(
            folder / name,
            [
                "Endorsement Date",
                "Skill Name",
                f"{role} First Name",
                f"{role} Last Name",
                f"{role} Public Url",
                "Endorsement Status",
            ],
            rows,
        )
    for name in ("Recommendations_Received.csv", "Recommendations_Given.csv"):
        rows = []
        for p in rng.sample(active, min(len(active), max(1, len(active) // 30))):
            d = stamp(700)
            rows.append(
                [
                    p.first,
                    p.last,
                    p.company,
                    p.position,
                    "A thoughtful, generous colleague.",
                    f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}, 09:05 AM",
                    "VISIBLE",
                ]
            )
        _write(
            folder / name,
            ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"],
            rows,
        )


def _write(path: Path, header: list[str], rows: list[list[str]], preamble: str = "") -> None:
    """LinkedIn's way: UTF-8, LF, minimal quoting, no newline after the last row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(preamble + buffer.getvalue().rstrip("\n"), encoding="utf-8", newline="")
