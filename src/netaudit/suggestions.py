"""Whom to get back in touch with, why, and what to do: one suggestion per person, ranked.

The reasons are decided for everyone at once (numpy masks, in order of precedence); sentences
and drafts are written only for the suggestions that are shown.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from netaudit import wording
from netaudit.evidence import CHANNELS, Channel
from netaudit.per_person import NONE, Bools, Ints
from netaudit.personal import first_name
from netaudit.relationships import CLASSES, Population
from netaudit.report_models import Followup, Reason, RelationshipClass
from netaudit.roster import Person
from netaudit.settings import Followups

REASONS = list(Reason)  # in order of precedence


class Suggested(NamedTuple):
    """The suggestions kept, best first; how many there are in all; how many are of the
    reasons asked for (all of them when none was asked), before the list is cut."""

    items: list[Followup]
    total: int
    matched: int


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
    Reason.UNANSWERED: "Hi {first}, sorry for the slow reply, and thank you for your message. Are you still up for it?",
    Reason.RECIPROCATE: "Hi {first}, thank you for the {favour}, it meant a lot. "
    "I've been meaning to return it: you deserve one too.",
    Reason.FADING: "Hi {first}, it's been a while since we last spoke. How are things going? "
    "I'd love to hear what you're working on.",
    Reason.THANK_NEW: "Hi {first}, thanks for connecting! What are you focused on these days?",
    Reason.RECONNECT: "Hi {first}, it's been too long. Would you be up for a coffee or a quick call "
    "in the next few weeks?",
    Reason.ONE_WAY: "Hi {first}, I came across something I thought you'd find useful: [a link, an intro or an idea]",
}


def _ago(days: int) -> str:
    if days == 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def _span(pop: Population) -> str:
    """The window in words: "in the last year" for the default, else its days."""
    days = pop.as_of - pop.window_start
    return "in the last year" if days == 365 else f"in the last {days} days"


def reasons(
    pop: Population, rules: Followups, quiet: Bools | None = None, strangers: Bools | None = None
) -> tuple[Ints, Ints]:
    """For each person: the index of the first reason that applies (-1 for none, and for the
    `quiet` ones), and how many days ago the event it is about happened. People the user calls
    strangers are never asked to revive a tie (`fading`, `reconnect`)."""
    a = pop.as_of
    cls = pop.relationship
    since_last = np.where(pop.last != NONE, a - pop.last, 0)
    liw = pop.last_in_written
    unanswered = (liw != NONE) & (liw == pop.last) & (pop.last_from_you < liw)
    reciprocate = (pop.favour_in != NONE) & ~pop.favour_out
    fading = (cls == CLASSES.index(RelationshipClass.TWO_WAY)) & (since_last > rules.fading_after_days)
    age = a - pop.connected
    thank_new = (pop.connected != NONE) & (age >= 0) & (age <= rules.new_connection_days) & (pop.last < pop.connected)
    reconnect = (cls == CLASSES.index(RelationshipClass.DORMANT)) & pop.two_way_ever
    if strangers is not None:
        fading, reconnect = fading & ~strangers, reconnect & ~strangers
    one_way = (cls == CLASSES.index(RelationshipClass.ONE_WAY_OUT)) & (pop.written_out < rules.max_unanswered_messages)
    masks = [unanswered, reciprocate, fading, thank_new, reconnect, one_way]
    events = [a - liw, a - pop.favour_in, since_last, age, since_last, since_last]
    code = np.select(masks, list(range(len(REASONS))), -1)
    if quiet is not None:
        code = np.where(quiet, -1, code)
    since = np.select(masks, events, 0)
    return code, since


def priority(code: Ints, tie_strength: Ints, since: Ints) -> npt.NDArray[np.float64]:
    """Urgency of the reason, plus up to 30 for tie strength and up to 20 for how overdue."""
    urgency = np.array([URGENCY[r] for r in REASONS], np.float64)[code]
    score: npt.NDArray[np.float64] = np.round(urgency + 0.3 * tie_strength + 20 * np.minimum(1.0, since / 365), 1)
    return score


def explain(pop: Population, i: int, reason: Reason, since: int, first: str, heard: bool = True) -> str:
    """Why a person is suggested, in one sentence. `heard`: a written source (messages) was read,
    so silence in it means something; without one, netaudit never claims you have not talked."""
    if reason is Reason.UNANSWERED:
        channel = CHANNELS[pop.last_in_written_channel[i]]
        verb = {Channel.EMAIL: "e-mailed you", Channel.INVITATION: "sent you an invitation note"}.get(
            channel, "wrote to you"
        )
        return f"{first} {verb} {_ago(since)} and hasn't heard back."
    if reason is Reason.RECIPROCATE:
        what = "endorsed" if CHANNELS[pop.favour_in_channel[i]] is Channel.ENDORSEMENT else "recommended"
        return f"{first} {what} you {_ago(since)}; you have never endorsed or recommended them."
    if reason is Reason.FADING:
        return f"You and {first} were in touch both ways {_span(pop)}, but the last contact was {since} days ago."
    if reason is Reason.THANK_NEW:
        if not heard:
            return f"You connected with {first} {_ago(since)}; your messages were not read."
        return f"You connected with {first} {_ago(since)} and haven't exchanged a word since."
    if reason is Reason.RECONNECT:
        return f"You and {first} used to talk both ways; the last contact was {wording.years(since)} ago."
    written = int(pop.written_out[i])
    times = "once" if written <= 1 else f"{written} times"
    return f"You reached out to {first} {times} {_span(pop)} and nothing came back; the last time was {_ago(since)}."


def tally(
    pop: Population, rules: Followups, quiet: Bools | None = None, strangers: Bools | None = None
) -> dict[str, float | None]:
    """How many are unanswered (and the oldest, in days) and how many fading, for checks."""
    code, since = reasons(pop, rules, quiet, strangers)
    unanswered = code == REASONS.index(Reason.UNANSWERED)
    return {
        "unanswered": int(unanswered.sum()),
        "unanswered_age_days": int(since[unanswered].max()) if unanswered.any() else 0,
        "fading": int((code == REASONS.index(Reason.FADING)).sum()),
    }


def suggest(
    pop: Population,
    rules: Followups,
    drafts: bool = False,
    limit: int | None = None,
    only: list[Reason] | None = None,
    quiet: Bools | None = None,
    strangers: Bools | None = None,
    heard: bool = True,
) -> Suggested:
    """The suggestions, best first (ties by name, then profile URL), and how many there are.

    `only` keeps some reasons and ranks what it keeps from 1; `limit` cuts the list, so the top N
    is always the first N of the whole list. `quiet` marks people not to suggest (snoozed,
    ignored, never_suggest); `strangers` the people the user labelled so.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    code, since = reasons(pop, rules, quiet, strangers)
    candidates = np.flatnonzero(code >= 0)
    total = len(candidates)
    if only:
        candidates = candidates[np.isin(code[candidates], [REASONS.index(r) for r in only])]
    score = priority(code[candidates], pop.tie_strength[candidates], since[candidates])
    chosen_people = pa.array(candidates, pa.int64())
    keys = pa.Table.from_arrays(
        [
            pa.array(score),
            pc.utf8_lower(pop.people.column("name").take(chosen_people)),
            pop.people.column("profile_url").take(chosen_people),
        ],
        names=["priority", "name", "url"],
    )
    order = pc.sort_indices(keys, sort_keys=[("priority", "descending"), ("name", "ascending"), ("url", "ascending")])
    chosen = order.to_numpy(zero_copy_only=False)[:limit].tolist()
    persons = pop.people.rows(candidates[chosen].tolist())
    items = [
        _followup(
            pop,
            rank,
            person,
            REASONS[code[candidates[j]]],
            int(since[candidates[j]]),
            float(score[j]),
            drafts,
            heard,
        )
        for rank, (j, person) in enumerate(zip(chosen, persons, strict=True), start=1)
    ]
    return Suggested(items, total, len(candidates))


def _followup(
    pop: Population, rank: int, person: Person, reason: Reason, since: int, score: float, drafts: bool, heard: bool
) -> Followup:
    i = person.index
    first = first_name(person.name)
    draft = None
    if drafts:
        channel = pop.favour_in_channel[i]
        favour = CHANNELS[channel].value if channel >= 0 else "endorsement"
        draft = DRAFTS[reason].format(first=first, favour=favour)
    unanswered = reason is Reason.UNANSWERED
    return Followup(
        rank=rank,
        name=person.name,
        profile_url=person.profile_url,
        reason=reason,
        explanation=explain(pop, i, reason, since, first, heard),
        action=ACTIONS[reason],
        priority=score,
        last_interaction=pop.day(int(pop.last[i])),
        days_since=pop.days_since(i),
        tie_strength=int(pop.tie_strength[i]),
        draft=draft,
        company=person.company.strip(),
        position=person.position.strip(),
        wrote_on=pop.day(int(pop.last_in_written[i])) if unanswered else None,
        wrote_via=CHANNELS[pop.last_in_written_channel[i]].value if unanswered else None,
    )
