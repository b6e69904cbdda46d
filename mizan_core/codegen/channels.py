"""The channels of a module's `index.ts`: `openXxxChannel(params)` per `ReactChannel` subclass, framework-free.

`openChatChannel({ room })` subscribes (`<ws>/channel/<name>?params=<JSON>`)
and returns the kernel's `ChannelFeed`: its `state` accumulates the server's
messages (typed by `DjangoMessage`), `send` sends typed `ReactMessage`s,
`close()` ends it; it reconnects with exponential backoff unless the server
refused the subscription (close codes 4400-4404). Each target's
`useChatChannel(params)` opens one while mounted.
"""

from __future__ import annotations

from ._ts import Emitted, doc_comment
from .surface import ChannelHook, Surface

__all__ = ["emit_channels"]


def _emit_channel(ch: ChannelHook) -> list[str]:
    return [*doc_comment(ch.doc),
            (f"export function open{ch.stem}Channel(params: {ch.params}, options?: ChannelOptions): "
             f"ChannelFeed<{ch.server}, {ch.client}> {{"),
            f'  return new ChannelFeed<{ch.server}, {ch.client}>("{ch.name}", params, options);', "}"]


def emit_channels(surface: Surface) -> Emitted | None:
    """The runtime imports and the body of `surface`'s channels, or None without channels."""
    if not surface.channels:
        return None
    runtime = [("./kernel", {"ChannelFeed"}, False), ("./kernel", {"ChannelOptions"}, True)]
    return runtime, "\n\n".join("\n".join(_emit_channel(c)) for c in surface.channels)
