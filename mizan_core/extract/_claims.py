"""The static claims table: what the runtime registry will hold, read from source.

At run time every public name is claimed through one table
(`mizan_core.registry`): `register(fn, "name")` claims a name for a
function, a form claims its name and one per action, a channel claims its
own; the modules run in import order and a second claim of a taken name is
refused (`MizanDuplicateError`). The index reads the same claims, in the same
order, into the same shape: one entry per name, the first claim of it. Every
later claim is a `mizan-duplicate`, and a form or channel that lost any of
its names is not declared at all, as the runtime refuses it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from mizan_core.ir import Channel
from mizan_core.ir.declarations import form_names
from mizan_core.rules import Diagnostic
from mizan_core.rules.checks import Claim, check_duplicates
from mizan_core.rules.sites import RegisterSite

from .channels import ChannelUnit
from .forms import FormUnit

__all__ = ["ClaimEntry", "ClaimsTable", "module_claims"]

#: What made a claim: a `register()` call, a form or a channel.
Declaration = RegisterSite | FormUnit | ChannelUnit


@dataclass(frozen=True, slots=True)
class ClaimEntry:
    """One claim of a public name: the name, what claims it (`claim.owner`,
    `module.qualname`), the module whose import makes the claim, and the
    declaration read from source."""

    claim: Claim
    module: str
    declaration: Declaration


def module_claims(module: str, file: str, registers: Iterable[RegisterSite],
                  forms: Iterable[FormUnit], channels: Iterable[ChannelUnit],
                  ) -> Iterator[ClaimEntry]:
    """The claims importing `module` makes, in the order the runtime makes them."""
    for reg in registers:
        yield ClaimEntry(Claim(reg.name, "function", reg.function, reg.file, reg.name_span),
                         module, reg)
    for form in forms:
        owner = f"{form.form.module}.{form.form.qualname}"
        for name in form_names(form.form.name):
            yield ClaimEntry(Claim(name, "form", owner, file, form.name_span), module, form)
    for channel in channels:
        node = channel.channel
        yield ClaimEntry(Claim(node.name, "channel", f"{node.module}.{node.qualname}", file,
                               channel.name_span), module, channel)


@dataclass(frozen=True, slots=True)
class ClaimsTable:
    """`entries`: each claimed name's first claim, in project order.
    `lost`: the forms and channels (by `module.qualname`) that lost a name.
    `diagnostics`: one `mizan-duplicate` per losing declaration."""

    entries: dict[str, ClaimEntry]
    lost: frozenset[str]
    diagnostics: tuple[Diagnostic, ...]

    @classmethod
    def of(cls, claims: Iterable[ClaimEntry]) -> ClaimsTable:
        """The table the claims make, taken in import order."""
        ordered = list(claims)
        losers, diagnostics = check_duplicates([entry.claim for entry in ordered])
        entries: dict[str, ClaimEntry] = {}
        lost: set[str] = set()
        for index, entry in enumerate(ordered):
            if index not in losers:
                entries[entry.claim.name] = entry
            elif not isinstance(entry.declaration, RegisterSite):
                lost.add(entry.claim.owner)
        return cls(entries, frozenset(lost), tuple(diagnostics))

    def redeclared(self, pairs: Iterable[tuple[ClaimEntry, ClaimEntry]]) -> ClaimsTable:
        """The table whose claims are these, each `(old, new)` pair making the
        same claim from a declaration read again: who wins each name and what
        is lost follow from the claims alone, so only the declarations change."""
        entries = dict(self.entries)
        for old, new in pairs:
            if entries.get(old.claim.name) is old:
                entries[old.claim.name] = new
        return ClaimsTable(entries, self.lost, self.diagnostics)

    def names_of(self, owners: set[str] | frozenset[str]) -> dict[str, tuple[str, ...]]:
        """The names each of `owners` holds, in the order it claimed them."""
        names: dict[str, tuple[str, ...]] = {}
        for name, entry in self.entries.items():
            owner = entry.claim.owner
            if owner in owners:
                names[owner] = (*names.get(owner, ()), name)
        return names

    def forms(self) -> list[FormUnit]:
        """The forms the runtime declares, each once, in project order."""
        found: dict[str, FormUnit] = {}
        for entry in self.entries.values():
            form = entry.declaration
            if isinstance(form, FormUnit) and entry.claim.owner not in self.lost:
                found.setdefault(entry.claim.owner, form)
        return list(found.values())

    def channels(self) -> list[Channel]:
        """The channels the runtime declares, in project order."""
        return [entry.declaration.channel for entry in self.entries.values()
                if isinstance(entry.declaration, ChannelUnit)
                and entry.claim.owner not in self.lost]
