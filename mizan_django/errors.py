"""Runtime errors: what a request did wrong, as the protocol's one JSON shape.

Setup mistakes (a bad ``@client`` declaration) raise
``mizan_core.MizanSetupError`` at import time; everything that goes wrong
while serving a request is a :class:`MizanRequestError` carrying its HTTP
status, stable ``code``, a message for the caller and optional ``details``.
Server functions may raise it too (``raise MizanRequestError.forbidden(...)``)
to answer with a clean error of their own.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.http import HttpResponse

from mizan_core.errors import MizanError

if TYPE_CHECKING:
    from pydantic import ValidationError

__all__ = ["MizanRequestError", "error_response", "validation_details"]


class MizanRequestError(MizanError):
    """A request that Mizan answers with an error status (never a traceback)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}

    @classmethod
    def invalid_json(cls, message: str) -> MizanRequestError:
        return cls(400, "invalid_json", message)

    @classmethod
    def invalid_arguments(cls, details: list[dict[str, str]]) -> MizanRequestError:
        return cls(400, "invalid_arguments", "the arguments are not valid", details)

    @classmethod
    def unauthenticated(cls, message: str = "authentication required") -> MizanRequestError:
        return cls(401, "unauthenticated", message, headers={"WWW-Authenticate": "Bearer"})

    @classmethod
    def forbidden(cls, message: str = "you may not call this function") -> MizanRequestError:
        return cls(403, "forbidden", message)

    @classmethod
    def csrf_failed(cls, message: str) -> MizanRequestError:
        return cls(403, "csrf_failed", message)

    @classmethod
    def not_found(cls, name: str) -> MizanRequestError:
        return cls(404, "not_found", f"no server function is registered as {name!r}")

    @classmethod
    def method_not_allowed(cls, method: str, allowed: tuple[str, ...]) -> MizanRequestError:
        return cls(405, "method_not_allowed", f"{method} is not allowed here",
                   headers={"Allow": ", ".join(allowed)})

    @classmethod
    def payload_too_large(cls, limit: int) -> MizanRequestError:
        return cls(413, "payload_too_large", f"the request body is larger than {limit} bytes")

    @classmethod
    def unsupported_media_type(cls) -> MizanRequestError:
        return cls(415, "unsupported_media_type", "send the arguments as application/json")

    @classmethod
    def internal(cls, details: Any = None) -> MizanRequestError:
        return cls(500, "internal_error", "the server function failed", details)


def validation_details(error: ValidationError) -> list[dict[str, str]]:
    """The `details` of an `invalid_arguments` error: one `{field, message, type}`
    per problem, the field dotted (`items.0.qty`); never the rejected input."""
    return [
        {"field": ".".join(str(part) for part in e["loc"]), "message": e["msg"], "type": e["type"]}
        for e in error.errors(include_url=False, include_input=False)
    ]


def error_response(error: MizanRequestError) -> HttpResponse:
    body = {"error": {"code": error.code, "message": error.message, "details": error.details}}
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str),
        status=error.status,
        content_type="application/json",
    )
    for name, value in error.headers.items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response
