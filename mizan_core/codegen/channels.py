"""`channels.ts`: `openXxxChannel(params)` per `ReactChannel` subclass, framework-free.

`openChatChannel({ room })` subscribes (`<ws>/channel/<name>?params=<JSON>`)
and returns the kernel's `ChannelFeed`: its `state` accumulates the server's
messages (typed by `DjangoMessage`), `send` sends typed `ReactMessage`s,
`close()` ends it; it reconnects with exponential backoff unless the server
refused the subscription (close codes 4400-4404). Each target's
`useChatChannel(params)` opens one while mounted.
"""

from __future__ import annotations

from mizan_core.ir import ProjectIR

from ._ts import HEADER, doc_comment, import_line
from .names import Names
from .surface import ChannelHook, Surface

__all__ = ["emit_channels"]


def _emit_channel(ch: ChannelHook) -> list[str]:
    return [*doc_comment(ch.doc),
            (f"export function open{ch.stem}Channel(params: {ch.params}, options?: ChannelOptions): "
             f"ChannelFeed<{ch.server}, {ch.client}> {{"),
            f'  return new ChannelFeed<{ch.server}, {ch.client}>("{ch.name}", params, options);', "}"]


def emit_channels(ir: ProjectIR, names: Names, surface: Surface) -> str | None:
    """The text of `channels.ts`, or None when the project has no channels."""
    if not surface.channels:
        return None
    head = ['import { ChannelFeed } from "./kernel";',
            'import type { ChannelOptions } from "./kernel";',
            *import_line({m for ch in surface.channels for m in ch.models}, "./models", type_only=True)]
    blocks = [_emit_channel(c) for c in surface.channels]
    return HEADER + "\n" + "\n".join(head) + "\n\n" + "\n\n".join("\n".join(b) for b in blocks) + "\n"
