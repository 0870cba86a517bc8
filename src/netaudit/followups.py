"""Whom to get back in touch with, why, and what to do: one suggestion per person, ranked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from netaudit.models import FAVOURS, WRITTEN, Channel, Direction
from netaudit.relationships import Stats
from netaudit.report import Followup, Reason, RelationshipClass
from netaudit.settings import Followups

#: How urgent each reason is; the base of the priority (README, "Ranking").
URGENCY = {
    Reason.UNANSWERED: 100,
    Reason.RECIPROCATE: 80,
    Reason.FADING: 60,
    Reason.THANK_NEW: 50,
    Reason.RECONNECT: 40,
    Reason.ONE_WAY: 20,
}
ACTIONS = {
    Reason.UNANSWERED: "Reply",
    Reason.RECIPROCATE: "Return the favour",
    Reason.FADING: "Check in",
    Reason.THANK_NEW: "Thank them for connecting",
    Reason.RECONNECT: "Propose a coffee or a call",
    Reason.ONE_WAY: "Offer something of value rather than ask",
}
DRAFTS = {
    Reason.UNANSWERED: "Hi {first}, sorry for the slow reply, and thank you for your message. {more}",
    Reason.RECIPROCATE: "Hi {first}, thank you for the {favour}, it meant a lot. "
    "I've been meaning to return it: you deserve one too.",
    Reason.FADING: "Hi {first}, it's been a while since we last spoke. How are things going? "
    "I'd love to hear what you're working on.",
    Reason.THANK_NEW: "Hi {first}, thanks for connecting! What are you focused on these days?",
    Reason.RECONNECT: "Hi {first}, it's been too long. Would you be up for a coffee or a quick call "
    "in the next few weeks?",
    Reason.ONE_WAY: "Hi {first}, I came across something I thought you'd find useful: {more}",
}


@dataclass
class Candidate:
    stats: Stats
    reason: Reason
    explanation: str
    since: int  # days since the event the reason is about


def first_name(name: str) -> str:
    """The first word, kept short: it goes into sentences."""
    first = name.split()[0] if name.split() else name
    return first if len(first) <= 30 else first[:29] + "…"


def _ago(days: int) -> str:
    if days == 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def unanswered(s: Stats, as_of: date, rules: Followups) -> Candidate | None:
    window = s.in_window()
    last_in = next((t for t in window if t.direction is Direction.IN and t.channel in WRITTEN), None)
    if last_in is None or not window or window[0].day != last_in.day:
        return None
    if any(t.day >= last_in.day and t.direction is not Direction.IN for t in window):
        return None
    days = (as_of - last_in.day).days
    verb = {Channel.EMAIL: "e-mailed you", Channel.INVITATION: "sent you an invitation note"}.get(
        last_in.channel, "wrote to you"
    )
    return Candidate(
        s,
        Reason.UNANSWERED,
        f"{first_name(s.person.name)} {verb} {_ago(days)} and hasn't heard back.",
        days,
    )


def reciprocate(s: Stats, as_of: date, rules: Followups) -> Candidate | None:
    received = next((t for t in s.in_window() if t.channel in FAVOURS and t.direction is Direction.IN), None)
    if received is None or any(t.channel in FAVOURS and t.direction is Direction.OUT for t in s.touches):
        return None
    days = (as_of - received.day).days
    what = "endorsed" if received.channel is Channel.ENDORSEMENT else "recommended"
    return Candidate(
        s,
        Reason.RECIPROCATE,
        f"{first_name(s.person.name)} {what} you {_ago(days)}; you have never endorsed or recommended them.",
        days,
    )


def fading(s: Stats, as_of: date, rules: Followups) -> Candidate | None:
    if s.relationship is not RelationshipClass.TWO_WAY or s.days_since is None:
        return None
    if s.days_since <= rules.fading_after_days:
        return None
    return Candidate(
        s,
        Reason.FADING,
        f"You and {first_name(s.person.name)} were in touch both ways this year, "
        f"but the last contact was {s.days_since} days ago.",
        s.days_since,
    )


def thank_new(s: Stats, as_of: date, rules: Followups) -> Candidate | None:
    connected = s.person.connected_on
    if connected is None or not 0 <= (as_of - connected).days <= rules.new_connection_days:
        return None
    if any(t.day >= connected for t in s.touches):
        return None
    days = (as_of - connected).days
    return Candidate(
        s,
        Reason.THANK_NEW,
        f"You connected with {first_name(s.person.name)} {_ago(days)} and haven't exchanged a word since.",
        days,
    )


def reconnect(s: Stats, as_of: date, rules: Followups) -> Candidate | None:
    if s.relationship is not RelationshipClass.DORMANT or s.days_since is None:
        return None
    directions = {t.direction for t in s.touches}
    if Direction.MUTUAL not in directions and not {Direction.IN, Direction.OUT} <= directions:
        return None
    years = s.days_since / 365
    return Candidate(
        s,
        Reason.RECONNECT,
        f"You and {first_name(s.person.name)} used to talk both ways; the last contact was {years:.1f} years ago.",
        s.days_since,
    )


def one_way(s: Stats, as_of: date, rules: Followups) -> Candidate | None:
    if s.relationship is not RelationshipClass.ONE_WAY_OUT or s.days_since is None:
        return None
    written = sum(t.count for t in s.in_window() if t.channel in WRITTEN)
    if written >= rules.max_unanswered_messages:
        return None  # chasing someone who never answers is not a relationship
    times = "once" if written <= 1 else f"{written} times"
    return Candidate(
        s,
        Reason.ONE_WAY,
        f"You reached out to {first_name(s.person.name)} {times} this year and nothing came back; "
        f"the last time was {_ago(s.days_since)}.",
        s.days_since,
    )


#: The reasons in order of precedence: a person gets the first that applies.
RULES: list[Callable[[Stats, date, Followups], Candidate | None]] = [
    unanswered,
    reciprocate,
    fading,
    thank_new,
    reconnect,
    one_way,
]


def priority(candidate: Candidate) -> float:
    """Urgency of the reason, plus up to 30 for tie strength and up to 20 for how overdue."""
    overdue = min(1.0, candidate.since / 365)
    return round(URGENCY[candidate.reason] + 0.3 * candidate.stats.tie_strength + 20 * overdue, 1)


def suggest(stats: list[Stats], as_of: date, rules: Followups, drafts: bool = False) -> list[Followup]:
    """Every suggestion, best first; ties break by name, then profile URL."""
    candidates = []
    for s in stats:
        for rule in RULES:
            if (found := rule(s, as_of, rules)) is not None:
                candidates.append(found)
                break
    candidates.sort(key=lambda c: (-priority(c), c.stats.person.name.casefold(), c.stats.person.profile_url))
    return [_followup(rank, c, drafts) for rank, c in enumerate(candidates, start=1)]


def _followup(rank: int, c: Candidate, drafts: bool) -> Followup:
    person = c.stats.person
    draft = None
    if drafts:
        favour = next((t.channel.value for t in c.stats.touches if t.channel in FAVOURS), "endorsement")
        more = {
            Reason.UNANSWERED: "Are you still up for it?",
            Reason.ONE_WAY: "[a link, an intro or an idea]",
        }
        draft = DRAFTS[c.reason].format(first=first_name(person.name), favour=favour, more=more.get(c.reason, ""))
    return Followup(
        rank=rank,
        name=person.name,
        profile_url=person.profile_url,
        reason=c.reason,
        explanation=c.explanation,
        action=ACTIONS[c.reason],
        priority=priority(c),
        last_interaction=c.stats.last,
        days_since=c.stats.days_since,
        tie_strength=c.stats.tie_strength,
        draft=draft.strip() if draft else None,
    )
