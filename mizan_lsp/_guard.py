"""One failing feature must not take the server down: every handler is
wrapped so that an exception is logged (stderr and window/logMessage) and the
request answered with the feature's empty result.

Cancellation is not a failure: `asyncio.CancelledError` passes through so that
pygls answers `RequestCancelled`.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from typing import Any, TypeVar, cast

from lsprotocol import types

__all__ = ["guarded", "report_failure"]

log = logging.getLogger("mizan_lsp")

F = TypeVar("F", bound=Callable[..., Any])


def report_failure(server: Any, feature: str, exc: BaseException) -> None:
    log.exception("mizan-lsp: %s failed", feature, exc_info=exc)
    try:
        server.window_log_message(types.LogMessageParams(
            type=types.MessageType.Error,
            message=f"mizan: {feature} failed: {type(exc).__name__}: {exc}",
        ))
    except Exception:  # noqa: BLE001, S110 - the pipe may be gone; stderr has it already
        pass


def guarded(feature: str, empty: Callable[[], Any] = lambda: None) -> Callable[[F], F]:
    """Wrap a `handler(server, params)` (sync or async)."""

    def decorate(handler: F) -> F:
        if inspect.iscoroutinefunction(handler):
            @functools.wraps(handler)
            async def run_async(server: Any, params: Any) -> Any:
                try:
                    return await handler(server, params)
                except Exception as exc:  # noqa: BLE001 - the point: no feature kills the server
                    report_failure(server, feature, exc)
                    return empty()
            return cast(F, run_async)  # functools.wraps: the handler's own signature

        @functools.wraps(handler)
        def run(server: Any, params: Any) -> Any:
            try:
                return handler(server, params)
            except Exception as exc:  # noqa: BLE001 - the point: no feature kills the server
                report_failure(server, feature, exc)
                return empty()
        return cast(F, run)

    return decorate
