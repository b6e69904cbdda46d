"""Commands other packages add to `mizan`, found through the `mizan.commands`
entry-point group: each entry names a `Command` (`lsp =
"mizan_lsp.command:COMMAND"`), so `mizan_core` never imports them.

A command the distribution is meant to have but that is not registered
(a source checkout without installed metadata) or that fails to load is an
`Unavailable`: `mizan --help` still lists it, and running it says why it
cannot run.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import Command

__all__ = ["GROUP", "Unavailable", "plugin_commands"]

GROUP = "mizan.commands"

# name -> (help, what to install): what `mizan` says when the command is missing.
_EXPECTED = {
    "lsp": ("run the language server (LSP over stdio), same as mizan-lsp",
            ("the language server is not installed (no `mizan.commands` entry point names "
             "it): install mizan-django with the `lsp` extra, `pip install "
             "\"mizan-django[lsp]\"`")),
}


@dataclass(frozen=True)
class Unavailable:
    """A command that cannot run here, and why (the message `mizan NAME` prints)."""

    help: str
    reason: str


def plugin_commands(builtin: frozenset[str] = frozenset()) -> dict[str, Command | Unavailable]:
    """Every registered command, by name, that is not one of `builtin`
    (a plugin cannot replace a built-in command), plus the expected ones
    that are not registered."""
    from importlib.metadata import entry_points  # late: ~40 ms, paid only when asked

    found: dict[str, Command | Unavailable] = {}
    for entry in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        if entry.name in builtin or entry.name in found:
            continue
        help_text = _EXPECTED.get(entry.name, (f"provided by {entry.value}", ""))[0]
        try:
            command = entry.load()
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not break `mizan`
            found[entry.name] = Unavailable(
                help_text, f"cannot load {entry.value}: {type(exc).__name__}: {exc}")
            continue
        if not isinstance(command, Command):
            found[entry.name] = Unavailable(
                help_text, f"{entry.value} is a {type(command).__name__}, not a "
                           "mizan_core.commands.Command")
            continue
        found[entry.name] = command
    for name, (help_text, missing) in _EXPECTED.items():
        found.setdefault(name, Unavailable(help_text, missing))
    return found
