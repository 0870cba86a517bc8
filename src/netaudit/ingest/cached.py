"""Each file's reading, or what it said last time from the cache when the file has not changed:
the connections as a Network, any other file as evidence and its ledger (an `Entry`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from netaudit import __version__
from netaudit.cache import FORMAT, Cache, Entry
from netaudit.evidence import EVIDENCE_COLUMNS, Evidence, evidence_schema
from netaudit.ingest import connections as connections_csv
from netaudit.ingest import mail as mail_rules
from netaudit.ingest import mail_files
from netaudit.ingest import messages as messages_csv
from netaudit.ingest.sources import Found
from netaudit.ingest.table import DataFile, read_table
from netaudit.ledger import SourceSummary
from netaudit.roster import Network, People

if TYPE_CHECKING:
    import pyarrow as pa

EVIDENCE_META = ("summary", "ignored", "owner")
PEOPLE_META = ("summary", "hidden", "duplicates")


def connections(found: Found, cache: Cache) -> tuple[Network, SourceSummary]:
    """Connections.csv read, or its people from the cache when the file has not changed."""
    key = cache.key(found.file, "connections")
    if (entry := cache.load(key, (*People.COLUMNS, "name_key"), PEOPLE_META)) is not None:
        try:  # People checks the table's schema
            network = connections_csv.from_columns(entry.evidence, entry.meta)
            return network, SourceSummary.model_validate(entry.meta["summary"])
        except (KeyError, TypeError, ValueError, AttributeError):  # another shape: read the file again
            pass
    network, summary = connections_csv.read_connections(read_table(found.file, found.layout, connections_csv.COLUMNS))
    table, meta = connections_csv.to_columns(network)
    cache.save(key, Entry(table, {**meta, "summary": summary.model_dump(mode="json")}))
    return network, summary


def evidence(cache: Cache, file: DataFile, kind: str, read: Callable[[Evidence], SourceSummary]) -> Entry:
    """A file's evidence and ledger: read, or from the cache when the file has not changed."""
    key = cache.key(file, kind)
    if (entry := evidence_entry(cache.load(key, EVIDENCE_COLUMNS, EVIDENCE_META))) is not None:
        return entry
    fresh = Evidence()
    summary = read(fresh)
    entry = Entry(fresh.table(), {"summary": summary.model_dump(mode="json"), "ignored": fresh.ignored, "owner": None})
    cache.save(key, entry)
    return entry


def messages(
    found: Found,
    people: Callable[[], Network],
    me: str | None,
    profile_name: str | None,
    cache: Cache,
    key: str | None,
) -> Entry:
    """A messages.csv parsed into evidence and ledger, and kept in the cache under `key` (which
    says what else its reading depended on). `people` gives the connections when the owner must
    be told apart from them (nobody is their own connection)."""
    table = read_table(found.file, found.layout, messages_csv.COLUMNS, messages_csv.DICTIONARY_COLUMNS)
    fresh = Evidence()

    def known() -> frozenset[str]:
        return frozenset(k for k in people().people.url_key if k)

    def known_names() -> frozenset[str]:
        return frozenset(k for k in people().people.name_keys.to_pylist() if k)

    summary, owner = messages_csv.read_messages(table, fresh, me, profile_name, known, known_names)
    meta = {
        "summary": summary.model_dump(mode="json"),
        "ignored": fresh.ignored,
        "owner": [owner.key, owner.how] if owner else None,
    }
    entry = Entry(_concat(fresh.batches), meta)
    cache.save(key, entry)
    return entry


def evidence_entry(entry: Entry | None) -> Entry | None:
    """A cached entry of evidence if it has the shape this version writes, else None."""
    if entry is None:
        return None
    import pyarrow as pa

    try:
        SourceSummary.model_validate(entry.meta["summary"])
        ignored, owner = entry.meta["ignored"], entry.meta["owner"]
        fine = isinstance(ignored, dict) and all(isinstance(k, str) and type(n) is int for k, n in ignored.items())
        pair = isinstance(owner, list) and len(owner) == 2 and all(isinstance(o, str) for o in owner)
        fine &= owner is None or pair
        table = entry.evidence.select(list(EVIDENCE_COLUMNS))
        fine &= table.schema.equals(evidence_schema())
    except (KeyError, TypeError, ValueError, pa.ArrowException):
        return None
    return Entry(table, entry.meta) if fine else None


def _concat(batches: list[pa.Table]) -> pa.Table:
    import pyarrow as pa

    if batches:
        return pa.concat_tables(batches).unify_dictionaries().combine_chunks()
    return Evidence().table()


def mail(path: Path, options: mail_rules.MailOptions, cache: Cache) -> Entry:
    """A mailbox's evidence, ledger and notes: read, or from the cache when nothing in it changed
    and your addresses and `max_recipients` are the same (the as-of date is applied later, by
    attribution, so it is not in the key)."""
    context = ("mail", ",".join(sorted(options.me)), str(options.max_recipients))
    key = _folder_key(cache, path, context) if path.is_dir() else cache.key(DataFile(str(path), path=path), *context)
    entry = evidence_entry(cache.load(key, EVIDENCE_COLUMNS, (*EVIDENCE_META, "notes")))
    if entry is not None and isinstance(entry.meta["notes"], list):
        return entry
    fresh = Evidence()
    summary, notes = mail_rules.read_mail(mail_files.messages(path, options.progress), str(path), options, fresh)
    meta = {"summary": summary.model_dump(mode="json"), "ignored": fresh.ignored, "owner": None, "notes": notes}
    entry = Entry(fresh.table(), meta)
    cache.save(key, entry)
    return entry


def _folder_key(cache: Cache, folder: Path, context: tuple[str, ...]) -> str | None:
    """A folder of mail changes when a file in it is added, removed, or written (size, times, inode)."""
    if cache.directory is None:
        return None
    parts = [str(FORMAT), __version__, str(folder.resolve()), *context]
    try:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            st = file.stat()
            parts.append(f"{file}\x01{st.st_size}\x01{st.st_mtime_ns}\x01{st.st_ctime_ns}\x01{st.st_ino}")
    except OSError:
        return None
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
