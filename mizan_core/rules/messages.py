"""The sentence of each project-level diagnostic, written once.

`mizan check`, the mypy plugin (through `typed`), the language server and
the Django system checks (`mizan_django.checks`) report the same finding in
the same words because they call the same function here.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "NAMES_NOTHING",
    "NEVER_REGISTERED",
    "affects_never_registered",
    "affects_not_client",
    "affects_unknown",
    "context_params",
    "duplicate",
    "unreachable",
    "unregistered",
]


#: What the two "unknown name" sentences of `mizan-affects` say; `cascade`
#: recognises them by it.
NAMES_NOTHING = " names no context and no registered function."
NEVER_REGISTERED = " is a @client function that is never registered"


def affects_unknown(text: str, hint: str | None) -> str:
    """`text`: the target as written (`"cartt"`); `hint`: the closest known name."""
    suggestion = f" Did you mean {hint!r}?" if hint else ""
    return f"affects={text}{NAMES_NOTHING}{suggestion}"


def affects_not_client(text: str) -> str:
    return (f"affects item `{text}` is not a @client function; pass a context name (a string) "
            "or a registered @client function.")


def affects_never_registered(text: str) -> str:
    return (f"`{text}`{NEVER_REGISTERED}, so nothing can be invalidated; register it.")


def unregistered(qualname: str) -> str:
    return (f"`{qualname}` is decorated with @client but never registered, so it is not served; "
            f"add register({qualname}, \"{qualname}\").")


def duplicate(name: str, held_kind: str, held_owner: str, held_at: str) -> str:
    """`held_at`: where the first claim is (`shop/clients.py:12`)."""
    return (f"the name {name!r} is already registered by {held_kind} {held_owner} ({held_at}); "
            "give one of them another name.")


def context_params(param: str, annotation: str, held_annotation: str, held_function: str,
                   context: str) -> str:
    return (f"parameter `{param}` is `{annotation}` here but `{held_annotation}` in "
            f"`{held_function}`; every function of context {context!r} receives the same "
            "value, so give it the same type.")


def unreachable(kind: str, qualname: str, module: str, imported: Sequence[str]) -> str:
    """`kind`: "@client function", "form" or "channel"; `imported`: the modules
    `mizan_clients(...)` imports (may be empty)."""
    which = ", ".join(imported) if imported else "no module of this app"
    return (f"{kind} `{qualname}` is in `{module}`, a module the running server never imports "
            f"(`mizan_clients(...)` imports {which}), so it is not served; move it into the "
            "app's clients, forms or channels module, or import its module from one of them.")
