"""What a user installs: the distribution's name and metadata, and how the examples install it."""

from __future__ import annotations

import shlex
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

import netaudit
from netaudit import __version__
from tests.helpers import EXAMPLES, ROOT

PROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NAME = PROJECT["name"]
WORKFLOW = EXAMPLES / "github-actions" / "netaudit.yml"
SUPPORTED = ["3.11", "3.12", "3.13"]


def test_the_distribution_is_not_the_other_netaudit_and_the_command_is() -> None:
    assert NAME == "linkedin-netaudit"  # "netaudit" on the package index is an unrelated project
    assert PROJECT["scripts"] == {"netaudit": "netaudit.cli:main"}
    assert metadata.version(NAME) == __version__
    assert [e.value for e in metadata.entry_points(group="console_scripts", name="netaudit")] == ["netaudit.cli:main"]


def test_metadata_an_index_page_needs() -> None:
    assert PROJECT["requires-python"] == f">={SUPPORTED[0]}"
    classifiers = PROJECT["classifiers"]
    for version in SUPPORTED:
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert "Typing :: Typed" in classifiers and (Path(netaudit.__file__).parent / "py.typed").is_file()
    assert {"Homepage", "Source", "Issues"} <= set(PROJECT["urls"])
    assert PROJECT["readme"] == {"file": "README.md", "content-type": "text/markdown"}
    assert len(PROJECT["keywords"]) >= 5
    assert any(d.startswith("pandas") for d in PROJECT["dependencies"])


def test_the_workflow_installs_this_project_by_name_pinned_to_this_version() -> None:
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    lines = [line for s in flow["jobs"]["audit"]["steps"] if "run" in s for line in s["run"].splitlines()]
    installs = [shlex.split(line) for line in lines if "pip install" in line]
    assert len(installs) == 1
    argv = installs[0]
    assert argv[:2] == ["pip", "install"]
    requirements = [a for a in argv[2:] if not a.startswith("-")]
    assert requirements == [f"{NAME}=={__version__}"]


def test_the_readme_shows_the_workflow_as_it_is_and_how_to_install() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert WORKFLOW.read_text(encoding="utf-8") in readme
    for command in (f"pipx install {NAME}", f"pip install {NAME}", "pipx install .", "python -m netaudit"):
        assert command in readme, command
    assert "pip install netaudit\n" not in readme
