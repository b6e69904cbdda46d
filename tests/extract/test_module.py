"""What a module's names are bound to, read from source as Python binds them."""

from __future__ import annotations

import textwrap

from mizan_core.extract.module import read_module


def _names(source: str) -> dict[str, str]:
    return read_module(textwrap.dedent(source), "app.clients").imports.names


def test_the_try_body_binds_and_a_handler_only_fills_in() -> None:
    names = _names("""
        try:
            from .current import Item
        except ImportError:
            from .legacy import Item, Extra
    """)
    assert names["Item"] == "app.current.Item"
    assert names["Extra"] == "app.legacy.Extra"  # nothing in the body bound it


def test_the_first_branch_of_an_if_binds() -> None:
    facts = read_module(textwrap.dedent("""
        import sys
        if sys.version_info >= (3, 8):
            from .current import Price
        elif sys.version_info >= (3, 6):
            from .legacy import Price, Rate
        else:
            Price = dict
            Rate = float
    """), "app.clients")
    assert facts.imports.names["Price"] == "app.current.Price"
    assert facts.imports.names["Rate"] == "app.legacy.Rate"
    assert "Price" not in facts.assigns and "Rate" not in facts.assigns


def test_a_handler_defines_nothing_the_body_imported() -> None:
    facts = read_module(textwrap.dedent("""
        try:
            from .fast import parse
        except ImportError:
            def parse(text): ...
    """), "app.clients")
    assert "parse" not in facts.functions
    assert facts.imports.names["parse"] == "app.fast.parse"


def test_outside_alternatives_the_last_binding_wins() -> None:
    names = _names("""
        from .legacy import Item
        from .current import Item
    """)
    assert names["Item"] == "app.current.Item"


def test_a_name_bound_before_a_star_import_remembers_it() -> None:
    facts = read_module(textwrap.dedent("""
        from .polar import Point
        from .shapes import *
        from .round import Shape
        from .more import *
        def helper(): ...
    """), "app.clients")
    assert facts.imports.later_stars("Point") == ["app.shapes", "app.more"]
    assert facts.imports.later_stars("Shape") == ["app.more"]
    assert facts.imports.later_stars("helper") == []
