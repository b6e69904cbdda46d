"""`channels.ts`: `useXxxChannel(params)` per `ReactChannel` subclass.

The hook subscribes while mounted (`<ws>/channel/<name>?params=<JSON>`),
accumulates the server's messages (typed by `DjangoMessage`), sends typed
`ReactMessage`s, reports `status`, and reconnects with exponential backoff
unless the server refused the subscription (close codes 4400-4404).
"""

from __future__ import annotations

from mizan_core.ir import Channel, ProjectIR, walk_refs

from ._ts import HEADER, doc_comment, import_line
from .names import Names
from .types import ts_type

__all__ = ["emit_channels"]


def _emit_channel(ch: Channel, names: Names, models: set[str]) -> list[str]:
    stem = names.channels[ch.name]
    for t, as_input in ((ch.params, True), (ch.server_message, False), (ch.client_message, True)):
        if t is not None:
            models.update(names.type_name(r, as_input) for r in walk_refs(t) if r in names.types)
    params = ts_type(ch.params, names, as_input=True)
    server = ts_type(ch.server_message, names)
    client = ts_type(ch.client_message, names, as_input=True) if ch.client_message is not None else "never"
    doc = "\n\n".join(x for x in (ch.doc, f"Channel `{ch.name}` ({ch.module}.{ch.qualname}).") if x)
    return [*doc_comment(doc),
            (f"export function use{stem}Channel(params: {params}, options?: ChannelOptions): "
             f"ChannelResult<{server}, {client}> {{"),
            f'  return useChannel<{server}, {client}>("{ch.name}", params, options);', "}"]


def emit_channels(ir: ProjectIR, names: Names) -> str | None:
    """The text of `channels.ts`, or None when the project has no channels."""
    if not ir.channels:
        return None
    models: set[str] = set()
    blocks = [_emit_channel(c, names, models) for c in ir.channels]
    head = ['import { useChannel } from "./kernel-react";',
            'import type { ChannelResult } from "./kernel-react";',
            'import type { ChannelOptions } from "./kernel";',
            *import_line(models, "./models", type_only=True)]
    return HEADER + "\n" + "\n".join(head) + "\n\n" + "\n\n".join("\n".join(b) for b in blocks) + "\n"
