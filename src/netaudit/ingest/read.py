"""Reads everything the user gave: the export (file, folder or zip) and interaction logs."""

from __future__ import annotations

import functools
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from netaudit.cache import Cache, Entry
from netaudit.errors import InputError
from netaudit.evidence import EVIDENCE_COLUMNS, Evidence
from netaudit.ingest import cached, linkedin, log, mail_files
from netaudit.ingest.mail import MailOptions
from netaudit.ingest.sources import PROFILE, Export, Found, classify, open_export, regular_file
from netaudit.ingest.table import DataFile, read_table
from netaudit.ledger import NotRead, SourceKind, SourceSummary
from netaudit.roster import Network

T = TypeVar("T")
NOT_CONNECTIONS_HINT = "pass Connections.csv, or the export folder or .zip LinkedIn gave you"


@dataclass
class Inputs:
    """Everything read, before people and interactions are matched."""

    network: Network
    evidence: Evidence
    sources: list[SourceSummary] = field(default_factory=list)
    owner: str | None = None
    owner_found_by: str | None = None
    notes: list[str] = field(default_factory=list)
    not_read: list[NotRead] = field(default_factory=list)


def read_inputs(
    path: Path,
    interactions: list[Path],
    me: str | None = None,
    cache: Cache | None = None,
    mail: MailOptions | None = None,
) -> Inputs:
    """Everything the user gave: the export (file, folder or zip) and the interaction logs."""
    return read_inputs_with(path, interactions, _nothing, me, cache, mail)[0]


def _nothing(network: Network) -> None:
    return None


def read_inputs_with(
    path: Path,
    interactions: list[Path],
    meanwhile: Callable[[Network], T],
    me: str | None = None,
    cache: Cache | None = None,
    mail: MailOptions | None = None,
) -> tuple[Inputs, T]:
    """Everything the user gave, and what `meanwhile` makes of the connections.

    messages.csv, the largest file, is parsed (by pyarrow, without the GIL) and turned into
    evidence on this thread, while a second one reads Connections.csv (the parse asks for the
    connections when it must tell the owner from them), runs `meanwhile` on them and reads the
    other files. `meanwhile` is free there: on `benchmarks/run.py`'s cold analyze the parse
    outlasts the other files by 50-300 ms, and attribution's directory of 30,000 people takes
    20-70 ms. Two threads, not three: each thread that allocates gets arenas of its own from
    pyarrow's allocator (a third one cost 25 MiB of peak memory, cold)."""
    export = open_export(path)
    found = _connections_file(path, export)
    cache = cache or Cache(None)
    from_cache, to_parse = _export_messages(export, found, me, cache)
    with ThreadPoolExecutor(max_workers=1) as pool:  # one thread: the jobs run in order
        network = pool.submit(cached.connections, found, cache)
        rest = pool.submit(_read_the_rest, network, meanwhile, export, interactions, me, cache, mail)
        messages = to_parse.parse(lambda: network.result()[0], cache) if to_parse else from_cache
        inputs, prepared = rest.result()
    if messages is not None:  # the export's messages come second in the report
        _use(inputs, messages)
    return inputs, prepared


def _read_the_rest(
    network: Future[tuple[Network, SourceSummary]],
    meanwhile: Callable[[Network], T],
    export: Export,
    interactions: list[Path],
    me: str | None,
    cache: Cache,
    mail: MailOptions | None = None,
) -> tuple[Inputs, T]:
    """Every file but the export's messages.csv, and what `meanwhile` makes of the connections."""
    people, summary = network.result()
    prepared = meanwhile(people)
    inputs = Inputs(people, Evidence(), [summary], not_read=list(export.not_read))
    _read_export_files(inputs, export, interactions, cache)
    _read_given(inputs, export, interactions, me, cache, mail or MailOptions())
    return inputs, prepared


def _connections_file(path: Path, export: Export) -> Found:
    found = export.get(SourceKind.CONNECTIONS)
    if found is None:
        hint = NOT_CONNECTIONS_HINT
        if SourceKind.MESSAGES in export.files and not (path.is_dir() or path.suffix.casefold() == ".zip"):
            hint += "; a messages.csv can be added with --interactions"
        raise InputError(_not_connections(path, export), hint)
    return found


@dataclass(frozen=True)
class _MessagesToParse:
    """A messages.csv to parse, and what its reading depends on."""

    found: Found
    me: str | None
    profile_name: str | None
    key: str | None  # in the cache

    def parse(self, network: Callable[[], Network], cache: Cache) -> Entry:
        return cached.messages(self.found, network, self.me, self.profile_name, cache, self.key)


def _export_messages(
    export: Export, connections: Found, me: str | None, cache: Cache
) -> tuple[Entry | None, _MessagesToParse | None]:
    """The export's messages.csv from the cache, or what it takes to parse it (at most one)."""
    found = export.get(SourceKind.MESSAGES)
    if found is None:
        return None, None
    profile = export.get(PROFILE)
    # who the owner is can depend on Profile.csv and Connections.csv (nobody is their own connection)
    profile_key = cache.key(profile.file, "profile") if profile else ""
    key = cache.key(found.file, me, profile_key, cache.key(connections.file, "connections"))
    if (entry := cached.evidence_entry(cache.load(key, EVIDENCE_COLUMNS, cached.EVIDENCE_META))) is not None:
        return entry, None
    if found.file.member is not None:
        found.file.read_all()  # zip reads stay on this thread
    # Profile.csv (whose name tells the owner) is read only for a messages.csv to parse
    return None, _MessagesToParse(found, me, _profile_name(profile), key)


def _read_export_files(inputs: Inputs, export: Export, interactions: list[Path], cache: Cache) -> None:
    """The export's invitations, endorsements, recommendations, and a log kept inside it."""
    for kind in (
        SourceKind.INVITATIONS,
        SourceKind.ENDORSEMENTS_RECEIVED,
        SourceKind.ENDORSEMENTS_GIVEN,
        SourceKind.RECOMMENDATIONS_RECEIVED,
        SourceKind.RECOMMENDATIONS_GIVEN,
    ):
        if (item := export.get(kind)) is not None:
            _use(
                inputs, cached.evidence(cache, item.file, kind, partial(_read_favour, kind, item)), len(inputs.sources)
            )
    given = {_same_file(p) for p in interactions}
    for found in export.logs:  # a log kept inside the export (and not also given with -i)
        if found.file.path is None or _same_file(found.file.path) not in given:
            _use(inputs, cached.evidence(cache, found.file, "log", partial(_read_log, found)), len(inputs.sources))


def _read_given(
    inputs: Inputs, export: Export, interactions: list[Path], me: str | None, cache: Cache, mail: MailOptions
) -> None:
    """The files given with --interactions, each read once, however it is named (config and -i,
    two spellings, a link)."""
    profile_name = functools.cache(lambda: _profile_name(export.get(PROFILE)))
    seen: dict[tuple[int, int] | Path, str] = {}
    if (msgs := export.get(SourceKind.MESSAGES)) is not None and msgs.file.path is not None:
        seen[_same_file(msgs.file.path)] = msgs.file.display
    for extra in interactions:
        if (same := seen.get(_same_file(extra))) is not None:
            inputs.notes.append(f"{extra}: the same file as {same}; read once")
            continue
        seen[_same_file(extra)] = str(extra)
        if mail_files.recognise(extra):
            _read_mail(inputs, extra, mail, cache)
        else:
            _read_interactions(inputs, extra, me, profile_name, cache)


def read_network(path: Path, cache: Cache | None = None) -> Network:
    """Only the connections (for commands that name a person, like `log` and `--snooze`), from
    the cache when the last run read the same file: parsing 30,000 rows again took 0.5 s."""
    export = open_export(path)
    found = export.get(SourceKind.CONNECTIONS)
    if found is None:
        raise InputError(_not_connections(path, export), NOT_CONNECTIONS_HINT)
    return cached.connections(found, cache or Cache(None))[0]


def _not_connections(path: Path, export: Export) -> str:
    if path.is_dir() or path.suffix.casefold() == ".zip":
        return f"{path}: no Connections.csv found inside"
    kinds = sorted(str(k) for k in export.files)
    if kinds:
        return f"{path}: this is a LinkedIn {kinds[0].replace('_', ' ')} file, not Connections.csv"
    return f"{path}: not a LinkedIn Connections.csv (no First Name, Last Name, Connected On header)"


def _read_messages(inputs: Inputs, found: Found, me: str | None, profile_name: str | None) -> None:
    entry = cached.messages(found, lambda: inputs.network, me, profile_name, Cache(None), None)
    _use(inputs, entry, position=len(inputs.sources))


def _use(inputs: Inputs, entry: Entry, position: int | None = None) -> None:
    """A file's evidence and ledger, fresh or from the cache, into the inputs. The export's
    messages (no `position`) come second in the report, and their owner is the one shown."""
    inputs.evidence.add_batch(entry.evidence, entry.meta["summary"]["path"])
    for reason, n in entry.meta["ignored"].items():
        inputs.evidence.ignore(reason, n)
    inputs.sources.insert(1 if position is None else position, SourceSummary.model_validate(entry.meta["summary"]))
    if entry.meta["owner"] and (position is None or inputs.owner is None):
        inputs.owner, inputs.owner_found_by = entry.meta["owner"]


def _read_favour(kind: str, found: Found, evidence: Evidence) -> SourceSummary:
    table = read_table(found.file, found.layout, linkedin.WANTED)
    if kind == SourceKind.INVITATIONS:
        return linkedin.read_invitations(table, evidence)
    if kind in (SourceKind.ENDORSEMENTS_RECEIVED, SourceKind.ENDORSEMENTS_GIVEN):
        return linkedin.read_endorsements(table, evidence, SourceKind(kind))
    return linkedin.read_recommendations(table, evidence, SourceKind(kind))


def _read_interactions(
    inputs: Inputs, path: Path, me: str | None, profile_name: Callable[[], str | None], cache: Cache
) -> None:
    regular_file(path, "--interactions")
    file = DataFile(str(path), path=path)
    if not file.head(4096).strip():
        raise InputError(f"{path}: the file is empty", "add interactions, or leave out --interactions")
    if log.looks_like_jsonl(file):
        _use(inputs, cached.evidence(cache, file, "log", partial(log.read_log_jsonl, file)), len(inputs.sources))
        return
    found = classify(file)
    if found is not None and found[0] == SourceKind.MESSAGES:
        _read_messages(inputs, Found(file, found[1]), me, profile_name())
    elif found is not None and found[0] == SourceKind.INTERACTION_LOG:
        _use(
            inputs, cached.evidence(cache, file, "log", partial(_read_log, Found(file, found[1]))), len(inputs.sources)
        )
    else:
        raise InputError(
            f"{path}: neither an interaction log nor a messages.csv",
            "an interaction log needs at least the columns date and channel (see `netaudit schema interactions`)",
        )


def _read_mail(inputs: Inputs, path: Path, options: MailOptions, cache: Cache) -> None:
    """An mbox, a folder of mail or a zip of it, from the cache when it has not changed."""
    entry = cached.mail(path, options, cache)
    _use(inputs, entry, len(inputs.sources))
    inputs.notes.extend(entry.meta["notes"])


def _read_log(found: Found, evidence: Evidence) -> SourceSummary:
    return log.read_log_csv(read_table(found.file, found.layout, log.COLUMNS), evidence)


def _same_file(path: Path) -> tuple[int, int] | Path:
    """What makes two names one file: device and inode (else the name itself, if it is gone)."""
    try:
        st = path.stat()
        return (st.st_dev, st.st_ino)
    except OSError:
        return path


def _profile_name(found: Found | None) -> str | None:
    if found is None:
        return None
    table = read_table(found.file, found.layout, ["First Name", "Last Name"])
    if table.num_rows == 0:
        return None
    name = f"{table.pylist('First Name')[0]} {table.pylist('Last Name')[0]}".strip()
    return name or None


def profile_name(path: Path) -> str | None:
    """The export owner's name from its Profile.csv (None without one), for `netaudit init`."""
    return _profile_name(open_export(path).get(PROFILE))
