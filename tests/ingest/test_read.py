"""read_inputs_with: the connections reach `meanwhile` while messages.csv is being parsed."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from netaudit.errors import InputError
from netaudit.ingest.read import read_inputs_with
from netaudit.ledger import SourceKind
from netaudit.roster import Network
from tests.ingest.test_current_export import current_export, lay_out


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_meanwhile_gets_the_connections_and_its_result_comes_back(tmp_path: Path, as_zip: bool) -> None:
    seen: list[tuple[list[str], bool]] = []

    def meanwhile(network: Network) -> int:  # on the second thread, while this one parses the messages
        seen.append(([p.name for p in network.people], threading.current_thread() is threading.main_thread()))
        return network.size

    inputs, size = read_inputs_with(lay_out(tmp_path, current_export(), as_zip), [], meanwhile)
    assert seen == [(["Ada Example", "Bo Sample"], False)]  # once, beside the parse
    assert size == 2
    assert inputs.sources[1].kind == SourceKind.MESSAGES and inputs.sources[1].used == 3


def test_an_error_while_messages_are_parsed_is_raised(tmp_path: Path) -> None:
    folder = lay_out(tmp_path, current_export(), False)
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"neither an interaction log nor a messages\.csv"):
        read_inputs_with(folder, [tmp_path / "x.csv"], lambda network: None)
