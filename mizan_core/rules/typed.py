"""Messages for the findings a type checker makes beyond the static rules.

The mypy plugin reports the static index's diagnostics as they are; these
are the few it adds from mypy's resolved types (an `affects=` function seen
through an alias the index could not follow, a Django or file object spelled
through an alias or a re-export). The `affects` sentences are the static
rule's own (`messages`, which `checks.check_project` calls too), so a user
reads one sentence whichever tool found it.

Kept apart from `checks.py` so that the plugin depends on three small
functions, not on the checks' internals.
"""

from __future__ import annotations

from .messages import affects_never_registered, affects_not_client

__all__ = ["affects_never_registered", "affects_not_client", "unserializable_resolved"]


def unserializable_resolved(spelling: str, what: str, resolved: str) -> str:
    """`spelling` as written, `what` the kind of object ("a Django model
    instance"), `resolved` the class it names (`shop.models.Product`)."""
    return (f"`{spelling}` is {what} (`{resolved}`) that cannot cross JSON; use a pydantic "
            "model or a JSON type.")
