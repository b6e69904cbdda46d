"""The invalidation graph of a registry (``mizan_django.invalidation.graph``): built
once per state of the registry, and again when a name is claimed or released."""

from __future__ import annotations

import pytest
from django.http import HttpRequest

from mizan_core import client, default_registry, register
from mizan_core.registry import Registry
from mizan_django.invalidation import graph

pytestmark = pytest.mark.django_db


@client(affects="cart")
def t_graph_empty(request: HttpRequest) -> int:
    return 0


def test_the_graph_is_kept_while_the_registry_does_not_change() -> None:
    first = graph(default_registry)
    assert graph(default_registry) is first
    register(t_graph_empty, "t_graph_empty")
    try:
        claimed = graph(default_registry)
        assert claimed is not first and "t_graph_empty" in claimed.affects
        assert graph(default_registry) is claimed
    finally:
        default_registry.unregister("t_graph_empty")
    assert "t_graph_empty" not in graph(default_registry).affects


def test_each_registry_has_its_own_graph() -> None:
    own = Registry()
    register(t_graph_empty, "t_graph_empty", own)
    assert set(graph(own).affects) == {"t_graph_empty"}
    assert "t_graph_empty" not in graph(default_registry).affects
    assert set(graph(own).affects) == {"t_graph_empty"}
