"""Behaviour of the registry: public names, dotted names, duplicates refused."""

from __future__ import annotations

import importlib
import types
from typing import Any

import pytest

from mizan_core import (
    MizanDuplicateError,
    MizanSetupError,
    Registry,
    ServerFunction,
    client,
    default_registry,
    register,
)
from mizan_core.registry import RegistryEntry, validate_name


def make(name: str, module: str = "shop.clients", **meta: Any) -> ServerFunction[..., Any]:
    """A fresh @client function that claims to live at ``module.name``."""

    def fn(request: Any) -> str:
        return name

    fn.__name__ = fn.__qualname__ = name
    fn.__module__ = module
    return client(**meta)(fn)


@pytest.fixture
def registry() -> Registry:
    return Registry()


def test_register_records_the_function(registry: Registry) -> None:
    echo = make("echo")
    register(echo, "echo", registry=registry)
    assert registry.get("echo") is echo
    assert "echo" in registry
    assert "nope" not in registry
    assert registry.get("nope") is None
    assert echo.registered_names == ("echo",)
    assert registry.entry("echo") == RegistryEntry("echo", "function", echo)


def test_items_and_names_are_sorted(registry: Registry) -> None:
    b, a, c = make("b"), make("a"), make("c")
    for fn, name in [(b, "zeta"), (a, "alpha"), (c, "contact.submit")]:
        registry.register(fn, name)
    assert registry.names() == ["alpha", "contact.submit", "zeta"]
    assert registry.items() == [("alpha", a), ("contact.submit", c), ("zeta", b)]
    assert list(registry) == registry.names()
    assert len(registry) == 3


def test_one_function_under_several_names(registry: Registry) -> None:
    echo = make("echo")
    registry.register(echo, "echo")
    registry.register(echo, "legacy.echo")
    assert echo.registered_names == ("echo", "legacy.echo")
    assert registry.get("legacy.echo") is echo


def test_calling_through_the_registry(registry: Registry) -> None:
    registry.register(make("ping"), "ping")
    fn = registry.get("ping")
    assert fn is not None and fn(None) == "ping"


@pytest.mark.parametrize("name", ["echo", "contact.submit", "a.b.c", "_private", "v2.cart_items"])
def test_valid_names(registry: Registry, name: str) -> None:
    registry.register(make("f"), name)
    assert registry.names() == [name]
    assert validate_name(name) == name


@pytest.mark.parametrize(
    "name",
    ["", " ", "echo ", "contact.", ".submit", "a..b", "1echo", "a-b", "a/b", "../x", "ä", "a.1b", None, 3],
)
def test_invalid_names_are_refused(registry: Registry, name: Any) -> None:
    with pytest.raises(MizanSetupError, match=r"identifiers .* joined by dots.*got"):
        registry.register(make("f"), name)
    assert registry.names() == []


def test_non_client_function_is_refused(registry: Registry) -> None:
    def plain(request: Any) -> None:
        return None

    with pytest.raises(MizanSetupError, match=r"plain is not decorated with @client; decorate it"):
        registry.register(plain, "plain")  # type: ignore[arg-type]
    with pytest.raises(MizanSetupError, match=r"expects a @client function; got int 3"):
        registry.register(3, "three")  # type: ignore[arg-type]


def test_swapped_arguments_get_a_hint(registry: Registry) -> None:
    with pytest.raises(MizanSetupError, match=r"takes the function first, then its name"):
        registry.register("echo", make("echo"))  # type: ignore[arg-type]


def test_duplicate_name_names_both_functions(registry: Registry) -> None:
    registry.register(make("echo", module="shop.clients"), "echo")
    other = make("shout", module="blog.clients")
    with pytest.raises(MizanDuplicateError) as caught:
        registry.register(other, "echo")
    message = str(caught.value)
    assert "'echo'" in message
    assert "shop.clients.echo" in message and "blog.clients.shout" in message
    assert isinstance(caught.value, MizanSetupError)
    assert other.registered_names == ()


def test_same_function_same_name_is_a_no_op(registry: Registry) -> None:
    echo = make("echo")
    registry.register(echo, "echo")
    registry.register(echo, "echo")
    assert registry.items() == [("echo", echo)]
    assert echo.registered_names == ("echo",)


def test_reimported_module_replaces_its_own_entry(registry: Registry) -> None:
    # A dev server that imports clients.py again creates new function objects
    # with the same module and qualified name: that is not a duplicate.
    first = make("echo", module="shop.clients")
    second = make("echo", module="shop.clients")
    registry.register(first, "echo")
    registry.register(second, "echo")
    assert registry.get("echo") is second


def test_two_local_functions_with_one_qualname_are_duplicates(registry: Registry) -> None:
    def factory() -> ServerFunction[..., Any]:
        @client
        def inner(request: Any) -> None:
            return None

        return inner

    registry.register(factory(), "inner")
    with pytest.raises(MizanDuplicateError, match=r"registered twice"):
        registry.register(factory(), "inner")


def test_forms_and_channels_share_the_namespace(registry: Registry) -> None:
    class ContactForm:
        pass

    class ChatChannel:
        pass

    registry.reserve("contact", ContactForm, kind="form")
    registry.reserve("contact", ContactForm, kind="form")  # idempotent
    registry.reserve("chat", ChatChannel, kind="channel")
    entry = registry.entry("chat")
    assert entry is not None and entry.kind == "channel" and entry.target is ChatChannel
    assert "test_forms_and_channels_share_the_namespace.<locals>.ChatChannel" in entry.owner
    # Reservations are not dispatchable functions.
    assert "chat" not in registry and registry.get("chat") is None
    assert registry.names() == []
    assert [e.name for e in registry.entries()] == ["chat", "contact"]

    with pytest.raises(MizanDuplicateError, match=r"'chat' is registered twice: by channel .*ChatChannel and by function shop\.clients\.chat"):
        registry.register(make("chat"), "chat")
    registry.register(make("echo"), "echo")
    with pytest.raises(MizanDuplicateError, match=r"by function shop\.clients\.echo and by form"):
        registry.reserve("echo", ContactForm, kind="form")


def test_reserve_validates_name_and_kind(registry: Registry) -> None:
    with pytest.raises(MizanSetupError, match=r"joined by dots"):
        registry.reserve("bad name", object(), kind="form")
    with pytest.raises(MizanSetupError, match=r"unknown registry entry kind 'view'"):
        registry.reserve("x", object(), kind="view")  # type: ignore[arg-type]
    with pytest.raises(MizanSetupError, match=r"expects a @client function"):
        registry.reserve("x", object(), kind="function")


def test_clear(registry: Registry) -> None:
    echo = make("echo")
    registry.register(echo, "echo")
    registry.reserve("contact", object, kind="form")
    registry.clear()
    assert registry.entries() == [] and registry.names() == []
    assert echo.registered_names == ()
    assert registry.unregister("echo") is None


def test_register_defaults_to_the_module_registry() -> None:
    fn = make("default_registry_probe", module="tests.core.probe")
    try:
        register(fn, "tests_probe.echo")
        assert default_registry.get("tests_probe.echo") is fn
    finally:
        entry = default_registry.unregister("tests_probe.echo")
    assert entry is not None and entry.target is fn
    assert "tests_probe.echo" not in default_registry
    assert fn.registered_names == ()


def test_registry_module_has_explicit_all() -> None:
    # ``mizan_core.client`` as an attribute is the decorator (the package
    # re-exports it), so fetch the submodules by name.
    for module_name in ("mizan_core.client", "mizan_core.registry", "mizan_core.errors"):
        module = importlib.import_module(module_name)
        assert isinstance(module, types.ModuleType)
        assert module.__all__, module.__name__
        assert module.__doc__, module.__name__
        for name in module.__all__:
            assert hasattr(module, name), (module.__name__, name)
