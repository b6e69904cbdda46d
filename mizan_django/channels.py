"""`ReactChannel`: a typed websocket subscription over Django Channels.

A subclass declares what a subscription takes and what flows each way::

    class ChatChannel(ReactChannel):
        class Params(BaseModel):          # validated on connect (?params=<JSON>)
            room: str
        class DjangoMessage(BaseModel):   # server -> browser
            text: str
        class ReactMessage(BaseModel):    # browser -> server (optional)
            text: str

        def authorize(self, params) -> bool:   # every connect and every client message
            return self.user.is_authenticated
        def group(self, params) -> str:        # who hears the same messages
            return f"chat_{params.room}"
        def receive(self, params, message):    # a returned DjangoMessage goes to the group
            return self.DjangoMessage(text=message.text)

and any Django code sends to a group with ``ChatChannel.send({"room": "a"},
ChatChannel.DjangoMessage(text="hi"))`` (``await ChatChannel.asend(...)`` in
async code). The class registers its public name (``chat``: the class name
without ``Channel``, snake-cased) in the registry when it is created, so a
function or form with that name is refused at import.

Methods may be plain (run in a worker thread, so the ORM works) or
``async def``. ``self.user`` and ``self.scope`` are the connection's.
Wire format, paths and close codes: docs/protocol.md, "Websockets"; the
consumer is `mizan_django.ws.channel`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any, ClassVar

from asgiref.sync import async_to_sync
from pydantic import BaseModel

from mizan_core.channel_names import channel_name
from mizan_core.errors import MizanSetupError
from mizan_core.ir import Channel
from mizan_core.registry import Registry, default_registry, validate_name
from mizan_django._source import class_location
from mizan_django._types import own_doc

__all__ = ["ReactChannel", "channel_name", "layer_group", "registered_channels"]

_GROUP_OK = re.compile(r"[A-Za-z0-9_.\-]{1,60}")


def layer_group(channel: str, group: str) -> str:
    """The channel-layer group for a user's group name: namespaced per channel
    and always valid for the layer (other characters or long names are hashed).

    Hashed names live under another prefix (``mizan-h.``, never ``mizan.``):
    a literal name that looks like a digest cannot reach a hashed group."""
    if _GROUP_OK.fullmatch(group):
        return f"mizan.{channel}.{group}"
    return f"mizan-h.{channel}.{hashlib.sha256(group.encode()).hexdigest()[:40]}"


class ReactChannel:
    """Base class of websocket channels; see the module docstring."""

    Params: ClassVar[type[BaseModel]]
    DjangoMessage: ClassVar[type[BaseModel]]
    ReactMessage: ClassVar[type[BaseModel] | None] = None
    #: the public name, set when the subclass is created
    name: ClassVar[str]
    #: the registry the name is claimed in (tests give their own)
    mizan_registry: ClassVar[Registry] = default_registry

    def __init_subclass__(cls, abstract: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if abstract:  # `class Base(ReactChannel, abstract=True)`: shared code, no endpoint
            return
        where = f"{cls.__module__}.{cls.__qualname__}"
        for attr in ("Params", "DjangoMessage"):
            model = getattr(cls, attr, None)
            if not (isinstance(model, type) and issubclass(model, BaseModel)):
                raise MizanSetupError(
                    f"{where} needs a nested pydantic model `class {attr}(BaseModel)`."
                )
        if cls.ReactMessage is not None and not (
            isinstance(cls.ReactMessage, type) and issubclass(cls.ReactMessage, BaseModel)
        ):
            raise MizanSetupError(f"{where}.ReactMessage must be a pydantic model (or absent).")
        name = channel_name(cls.__name__)
        if not name:
            raise MizanSetupError(f"{where}: name the class after its channel, e.g. ChatChannel.")
        cls.name = validate_name(name)
        cls.mizan_registry.reserve(name, cls, kind="channel")

    def __init__(self, user: Any = None, scope: Mapping[str, Any] | None = None) -> None:
        if user is None:
            from django.contrib.auth.models import AnonymousUser  # needs the app registry

            user = AnonymousUser()
        self.user = user
        self.scope = scope if scope is not None else {}

    # --- what a subclass overrides ---------------------------------------------------------

    def authorize(self, params: Any) -> bool:
        """May ``self.user`` subscribe with ``params`` (and send a message)?
        Default: any authenticated user."""
        return bool(self.user.is_authenticated)

    def group(self, params: Any) -> str:
        """The group whose messages this subscription receives.
        Default: one group per distinct ``params``."""
        group: str = params.model_dump_json()  # `params` is the subclass's Params model
        return group

    def receive(self, params: Any, message: Any) -> Any:
        """Handle a ``ReactMessage``; a returned ``DjangoMessage`` is sent to the group."""
        return None

    # --- server-side sending -----------------------------------------------------------------

    @classmethod
    def group_for(cls, target: BaseModel | Mapping[str, Any] | str) -> str:
        """The layer group of a ``Params`` (or a dict of its fields) or a group name."""
        if isinstance(target, str):
            return layer_group(cls.name, target)
        params = target if isinstance(target, cls.Params) else cls.Params.model_validate(target)
        return layer_group(cls.name, cls().group(params))

    @classmethod
    def encode(cls, message: BaseModel | Mapping[str, Any]) -> dict[str, Any]:
        """A ``DjangoMessage`` (or a dict of its fields) as the JSON sent to clients."""
        if not isinstance(message, cls.DjangoMessage):
            if isinstance(message, BaseModel) or not isinstance(message, Mapping):
                raise TypeError(
                    f"{cls.__qualname__}.send() takes a {cls.__qualname__}.DjangoMessage or a "
                    f"dict of its fields; got {type(message).__name__}."
                )
            message = cls.DjangoMessage.model_validate(message)
        return message.model_dump(mode="json", by_alias=True)

    @classmethod
    async def asend(cls, target: BaseModel | Mapping[str, Any] | str,
                    message: BaseModel | Mapping[str, Any]) -> None:
        """Send ``message`` to every subscriber of ``target`` (params or group name).

        A layer that fails or hangs (Redis down or paused) is logged, never
        raised, and waited for at most ``mizan_django.ws.layer.SEND_TIMEOUT``:
        a send is usually the last step of a change that has happened already,
        and failing the caller would turn it into an error answer (and skip the
        invalidation a mutation declares) without undoing it.
        """
        from mizan_django.ws.layer import group_send

        await group_send(cls.group_for(target),
                         {"type": "mizan.message", "data": cls.encode(message)})

    @classmethod
    def send(cls, target: BaseModel | Mapping[str, Any] | str,
             message: BaseModel | Mapping[str, Any]) -> None:
        """``asend`` for sync code: views, tasks, the shell (not inside an event loop)."""
        async_to_sync(cls.asend)(target, message)

    # --- IR -------------------------------------------------------------------------------------

    @classmethod
    def __mizan_ir__(cls, types: Any) -> Channel:
        """The channel's IR node; ``types`` is the exporter's ``TypeCollector``."""
        return Channel(
            name=cls.name,
            module=cls.__module__,
            qualname=cls.__qualname__,
            params=types.to_ir(cls.Params),
            server_message=types.to_ir(cls.DjangoMessage),
            client_message=types.to_ir(cls.ReactMessage) if cls.ReactMessage is not None else None,
            doc=own_doc(cls),
            location=class_location(cls),
        )


def registered_channels(registry: Registry | None = None) -> list[type[ReactChannel]]:
    """Every channel class that claimed a name in ``registry``, sorted by name."""
    reg = default_registry if registry is None else registry
    targets = (e.target for e in reg.entries() if e.kind == "channel")
    return [t for t in targets if isinstance(t, type) and issubclass(t, ReactChannel)]
