"""The README documents every command, every export column and the two starting commands."""

from pathlib import Path

from indicators.export import TABLES
from radtrack.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    head = README[: README.index("## Loading data")]
    assert "make run" in head and "make test" in head


def test_every_cli_command_is_documented():
    missing = [name for name in main.commands if f"radtrack {name}" not in README]
    assert missing == []


def test_every_export_column_is_documented():
    missing = [
        f"{name}.{col.name}"
        for name, cols in TABLES.items()
        for col in cols
        if f"| `{col.name}` |" not in README.split(f"#### `{name}`", 1)[-1]
    ]
    assert missing == []
